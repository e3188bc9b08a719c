import { useMemo, useSyncExternalStore } from 'react'
import { NODE_KINDS, type NodeKind } from '../../domain/node-kinds'
import type { GraphStore } from '../../storage/graph-store'
import { useApp } from '../services/AppContext'

/** Re-renders on every graph change; returns the store's version counter. */
export function useGraphVersion(store: GraphStore): number {
  return useSyncExternalStore(
    (cb) => store.subscribe(cb),
    () => store.version
  )
}

export interface GraphCounts {
  nodes: number
  edges: number
  byKind: Record<NodeKind, number>
}

/** Live counts of nodes (total and per kind) and edges. */
export function useGraphCounts(): GraphCounts {
  const { store } = useApp().session.repo
  const version = useGraphVersion(store)
  return useMemo(() => {
    const byKind = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>
    let nodes = 0
    for (const n of store.nodes.values()) {
      if (n.deletedAt) continue
      nodes++
      byKind[n.kind]++
    }
    let edges = 0
    for (const e of store.edges.values()) if (!e.deletedAt) edges++
    return { nodes, edges, byKind }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, version])
}
