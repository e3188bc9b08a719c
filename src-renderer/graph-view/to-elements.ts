import type { ElementDefinition } from 'cytoscape'
import type { GraphEdge } from '../domain/edge-kinds'
import type { GraphNode } from '../domain/node-kinds'

/** Canvas data of a node: what the stylesheet selects on. */
export function nodeElement(n: GraphNode): ElementDefinition {
  return {
    group: 'nodes',
    data: { id: n.id, label: n.title, kind: n.kind, status: n.status },
    ...(n.position ? { position: { x: n.position.x, y: n.position.y } } : {})
  }
}

export function edgeElement(e: GraphEdge): ElementDefinition {
  return {
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, kind: e.kind, status: e.status, label: e.label ?? '' }
  }
}

/** Canvas elements for live nodes and the live edges between them. Pure. */
export function toElements(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): ElementDefinition[] {
  const out: ElementDefinition[] = []
  const ids = new Set<string>()
  for (const n of nodes) {
    if (n.deletedAt) continue
    ids.add(n.id)
    out.push(nodeElement(n))
  }
  for (const e of edges) {
    if (!e.deletedAt && ids.has(e.source) && ids.has(e.target)) out.push(edgeElement(e))
  }
  return out
}
