/** Focus views: the nodes within a few steps of some seeds, and one node's direct neighbours. */
import type { EdgeId, NodeId } from '../ids'
import { incidentOf, sortedIds, type GraphIndex, type Subgraph } from './graph-index'

/** How many steps a focus view reaches. */
export type NeighbourhoodDepth = 1 | 2 | 3

/** Options of {@link neighbourhood}. */
export interface NeighbourhoodOptions {
  /**
   * When true, also include edges between two nodes at exactly `depth` steps (the induced
   * subgraph). Default false: only edges on a walk of at most `depth` steps from a seed.
   */
  induced?: boolean
}

/**
 * The nodes within `depth` steps of the seeds (edges followed in both directions) and the edges
 * walked to reach them: an edge is included when one of its ends is fewer than `depth` steps from
 * a seed (with `induced`, every edge between two included nodes). Seeds that are not live nodes
 * are ignored; live seeds are always included. Linear in the size of the result's incidences.
 */
export function neighbourhood(
  index: GraphIndex,
  seedIds: readonly NodeId[],
  depth: NeighbourhoodDepth,
  options: NeighbourhoodOptions = {}
): Subgraph {
  const dist = new Map<NodeId, number>()
  const edgeIds = new Set<EdgeId>()
  let frontier: NodeId[] = []
  for (const s of seedIds) {
    if (index.nodes.has(s) && !dist.has(s)) {
      dist.set(s, 0)
      frontier.push(s)
    }
  }
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: NodeId[] = []
    for (const id of frontier) {
      for (const inc of incidentOf(index, id)) {
        edgeIds.add(inc.edge.id)
        if (!dist.has(inc.other)) {
          dist.set(inc.other, d + 1)
          next.push(inc.other)
        }
      }
    }
    frontier = next
  }
  if (options.induced) {
    for (const id of frontier) {
      for (const inc of incidentOf(index, id)) {
        if (dist.has(inc.other)) edgeIds.add(inc.edge.id)
      }
    }
  }
  return { nodeIds: sortedIds(dist.keys()), edgeIds: sortedIds(edgeIds) }
}

/**
 * "Expand in place": the 1-step neighbours of `nodeId` (not the node itself, unless it has a
 * self-loop) and the edges joining them to it. Empty when the node is not live.
 */
export function expand(index: GraphIndex, nodeId: NodeId): Subgraph {
  const nodeIds = new Set<NodeId>()
  const edgeIds: EdgeId[] = []
  for (const inc of incidentOf(index, nodeId)) {
    nodeIds.add(inc.other)
    edgeIds.push(inc.edge.id)
  }
  return { nodeIds: sortedIds(nodeIds), edgeIds: sortedIds(edgeIds) }
}
