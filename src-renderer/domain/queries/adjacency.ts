/** A node's connections as the inspector lists them. */
import { EDGE_KINDS, EDGE_RULES, type EdgeKind, type GraphEdge } from '../edge-kinds'
import type { NodeId } from '../ids'
import type { GraphNode } from '../node-kinds'
import { cmpId, incidentOf, type GraphIndex } from './graph-index'

/** One neighbour of a node, for the inspector. */
export interface AdjacencyEntry {
  kind: EdgeKind
  /** `out` when the inspected node is the edge's stored source, `in` when it is the target. */
  direction: 'out' | 'in'
  /** False for undirected kinds, whose direction is only the stored order. */
  directed: boolean
  edge: GraphEdge
  node: GraphNode
}

const EDGE_KIND_ORDER = new Map<EdgeKind, number>(EDGE_KINDS.map((k, i) => [k, i]))

/**
 * The neighbours of `nodeId` with the edge that joins them, sorted by edge kind (in
 * `EDGE_RULES` table order), then direction (`out` first), then the neighbour's title (Dutch
 * collation), then ids. A self-loop appears once, as `out`. Empty when the node is not live.
 */
export function nodeAdjacency(index: GraphIndex, nodeId: NodeId): AdjacencyEntry[] {
  const entries: AdjacencyEntry[] = []
  for (const inc of incidentOf(index, nodeId)) {
    const node = index.nodes.get(inc.other)
    if (!node) continue
    entries.push({
      kind: inc.edge.kind,
      direction: inc.outgoing ? 'out' : 'in',
      directed: EDGE_RULES[inc.edge.kind].directed,
      edge: inc.edge,
      node
    })
  }
  return entries.sort(
    (a, b) =>
      (EDGE_KIND_ORDER.get(a.kind) ?? 0) - (EDGE_KIND_ORDER.get(b.kind) ?? 0) ||
      (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1) ||
      a.node.title.localeCompare(b.node.title, 'nl') ||
      cmpId(a.node.id, b.node.id) ||
      cmpId(a.edge.id, b.edge.id)
  )
}
