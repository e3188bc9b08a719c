/**
 * Communities (Louvain on a seeded PRNG, so results repeat) and centrality (degree, betweenness) of a
 * subgraph. Louvain and degree are near-linear; betweenness is O(n·m), see {@link centrality}.
 */
import { UndirectedGraph } from 'graphology'
import louvain from 'graphology-communities-louvain'
import betweennessCentrality from 'graphology-metrics/centrality/betweenness'
import type { EdgeId, NodeId } from '../ids'
import { seededRandom } from '../random'
import { cmpId, sortedIds, type GraphIndex } from './graph-index'

/** Seed of the Louvain PRNG. Any fixed value works; changing it may renumber clusters. */
export const CLUSTER_SEED = 0x5eed

/**
 * A simple undirected graphology graph over the live nodes in `nodeIds` and the live edges in
 * `edgeIds` whose both ends are among them. Parallel edges fold into one with `weight` = how
 * many; self-loops are dropped. Nodes and edges go in sorted by id, so algorithms see a stable
 * order.
 */
function toGraphology(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): UndirectedGraph<Record<string, never>, { weight: number }> {
  const g = new UndirectedGraph<Record<string, never>, { weight: number }>()
  for (const id of sortedIds(new Set(nodeIds))) if (index.nodes.has(id)) g.addNode(id)
  for (const id of sortedIds(new Set(edgeIds))) {
    const e = index.edges.get(id)
    if (!e || e.source === e.target || !g.hasNode(e.source) || !g.hasNode(e.target)) continue
    const existing = g.edge(e.source, e.target)
    if (existing === undefined) g.addEdge(e.source, e.target, { weight: 1 })
    else g.updateEdgeAttribute(existing, 'weight', (w) => (w ?? 0) + 1)
  }
  return g
}

/**
 * Communities (Louvain, seeded with {@link CLUSTER_SEED}) of the subgraph given by `nodeIds` and
 * `edgeIds` (edges are treated as undirected; parallel edges add weight). Every live node in
 * `nodeIds` gets a cluster index; clusters are numbered 0, 1, … by size descending, ties by their
 * smallest node id. Ids that are not live are left out. Same input, same answer.
 */
export function clusters(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): Map<NodeId, number> {
  const g = toGraphology(index, nodeIds, edgeIds)
  const raw = louvain(g, { rng: seededRandom(CLUSTER_SEED), getEdgeWeight: 'weight' })
  const groups = new Map<number, NodeId[]>()
  g.forEachNode((id) => {
    const c = raw[id] ?? -1
    const list = groups.get(c)
    if (list) list.push(id as NodeId)
    else groups.set(c, [id as NodeId])
  })
  // Nodes went in sorted, so each group's first member is its smallest id.
  const ordered = [...groups.values()].sort(
    (a, b) => b.length - a.length || cmpId(a[0] as string, b[0] as string)
  )
  const result = new Map<NodeId, number>()
  ordered.forEach((members, i) => {
    for (const id of members) result.set(id, i)
  })
  return result
}

/** Which centrality {@link centrality} computes. */
export type CentralityMeasure = 'degree' | 'betweenness'

/**
 * Centrality of every live node in `nodeIds` on the subgraph they span with `edgeIds` (undirected;
 * parallel edges count once, so degree = number of distinct neighbours), scaled so the most central
 * node scores 1 and the rest 0..1 (all 0 when there are no edges).
 *
 * `degree` is O(n + m) (tens of ms at 10k nodes / 30k edges). `betweenness` (Brandes,
 * unweighted, via graphology-metrics) is O(n·m): measured ~20 s on a 10k / 30k graph and ~1.5 s
 * on a lesson map of 3.7k nodes / 7.8k edges. The UI should offer it on the lesson map subgraph
 * (or another selection of a few thousand nodes), and otherwise warn before running it — off the
 * UI thread, in a worker.
 */
export function centrality(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>,
  measure: CentralityMeasure
): Map<NodeId, number> {
  const raw =
    measure === 'degree'
      ? distinctDegree(index, nodeIds, edgeIds)
      : betweenness(index, nodeIds, edgeIds)
  let max = 0
  for (const v of raw.values()) max = Math.max(max, v)
  const result = new Map<NodeId, number>()
  for (const [id, v] of raw) result.set(id, max > 0 ? v / max : 0)
  return result
}

/** Unweighted betweenness (graphology-metrics, Brandes) of the subgraph. O(n·m). */
function betweenness(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): Map<NodeId, number> {
  const g = toGraphology(index, nodeIds, edgeIds)
  const out = new Map<NodeId, number>()
  if (g.order === 0) return out
  // Raw values: the caller scales to the maximum, and graphology's own normalisation divides by
  // zero below three nodes.
  const values = betweennessCentrality(g, { getEdgeWeight: null, normalized: false })
  g.forEachNode((id) => out.set(id as NodeId, values[id] ?? 0))
  return out
}

/**
 * Distinct neighbours per node within the subgraph: what graphology-metrics' `degreeCentrality`
 * gives on the simple graph of {@link toGraphology} (before its division by n − 1, which the
 * scaling to the maximum cancels), counted directly because building a graphology graph costs
 * far more than the count itself.
 */
function distinctDegree(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): Map<NodeId, number> {
  const degree = new Map<NodeId, number>()
  for (const id of nodeIds) if (index.nodes.has(id)) degree.set(id, 0)
  const pairs = new Set<string>()
  for (const id of edgeIds) {
    const e = index.edges.get(id)
    if (!e || e.source === e.target || !degree.has(e.source) || !degree.has(e.target)) continue
    const key =
      e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`
    if (pairs.has(key)) continue
    pairs.add(key)
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1)
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1)
  }
  return degree
}
