/** The part of a graph an export of "what the filter shows" writes. */
import type { GraphData } from '../../domain/graph'

/** Keeps the given nodes and the edges (and annotations) between them: "what the filter shows". */
export function subgraph(graph: GraphData, nodeIds: ReadonlySet<string>): GraphData {
  const edges = graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target))
  const kept = new Set<string>([...nodeIds, ...edges.map((e) => e.id)])
  return {
    nodes: graph.nodes.filter((n) => nodeIds.has(n.id)),
    edges,
    annotations: graph.annotations.filter((a) => kept.has(a.targetId))
  }
}
