/**
 * The index every graph query works on (see ../graph-queries.ts for the whole set): live nodes and
 * edges with their adjacency, built once with {@link buildGraphIndex}. Soft-deleted records and edges
 * with a missing end never enter it, so no query sees them. Ties are broken by id (plain code-unit
 * order, independent of locale).
 */
import type { GraphEdge } from '../edge-kinds'
import type { EdgeId, NodeId } from '../ids'
import type { GraphNode } from '../node-kinds'

/** One edge as seen from one of its ends. */
export interface Incidence {
  readonly edge: GraphEdge
  /** The node at the other end (the node itself for a self-loop). */
  readonly other: NodeId
  /** True when the node this incidence belongs to is the edge's stored `source`. */
  readonly outgoing: boolean
}

/** Live nodes and edges with their adjacency, built once by {@link buildGraphIndex}. */
export interface GraphIndex {
  /** Live nodes by id. */
  readonly nodes: ReadonlyMap<NodeId, GraphNode>
  /** Live edges whose both ends are live nodes, by id. */
  readonly edges: ReadonlyMap<EdgeId, GraphEdge>
  /**
   * Incident edges per live node, both directions, sorted by (other end id, edge id). A self-loop
   * appears once. Every live node has an entry (possibly empty).
   */
  readonly incident: ReadonlyMap<NodeId, readonly Incidence[]>
}

/** A set of node and edge ids, each sorted by id. */
export interface Subgraph {
  nodeIds: NodeId[]
  edgeIds: EdgeId[]
}

/** Plain code-unit comparison: deterministic, locale-independent. */
export function cmpId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function sortedIds<T extends string>(ids: Iterable<T>): T[] {
  return [...ids].sort(cmpId)
}

const EMPTY: readonly Incidence[] = []

/** The incidences of a node (none when it is not live). */

export function incidentOf(index: GraphIndex, id: NodeId): readonly Incidence[] {
  return index.incident.get(id) ?? EMPTY
}

/**
 * Builds the index every query here works on. Ignores nodes and edges with `deletedAt` set, edges
 * whose source or target is not a live node, and repeated ids (the first record wins). O(n + m log m).
 */
export function buildGraphIndex(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[]
): GraphIndex {
  const nodeMap = new Map<NodeId, GraphNode>()
  for (const n of nodes) {
    if (n.deletedAt || nodeMap.has(n.id)) continue
    nodeMap.set(n.id, n)
  }
  const edgeMap = new Map<EdgeId, GraphEdge>()
  const incident = new Map<NodeId, Incidence[]>()
  for (const id of nodeMap.keys()) incident.set(id, [])
  for (const e of edges) {
    if (e.deletedAt || edgeMap.has(e.id)) continue
    const from = incident.get(e.source)
    const to = incident.get(e.target)
    if (!from || !to) continue
    edgeMap.set(e.id, e)
    from.push({ edge: e, other: e.target, outgoing: true })
    if (e.source !== e.target) to.push({ edge: e, other: e.source, outgoing: false })
  }
  for (const list of incident.values()) {
    list.sort((a, b) => cmpId(a.other, b.other) || cmpId(a.edge.id, b.edge.id))
  }
  return { nodes: nodeMap, edges: edgeMap, incident }
}
