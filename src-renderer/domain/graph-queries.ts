/**
 * Pure graph analysis for the canvas, the inspector and the lenses, one file per concern in
 * queries/: the index every query works on (graph-index.ts), neighbourhoods (neighbourhood.ts),
 * k-shortest paths (paths.ts) and their sentences (path-sentences.ts), the lesson map and tension
 * lenses (lenses.ts), clusters and centrality (centrality-clusters.ts), the "how many voices carry
 * this lesson" count (voices.ts) and the inspector's adjacency (adjacency.ts).
 *
 * Everything works on plain `GraphNode[]`/`GraphEdge[]` through a `GraphIndex` built once with
 * `buildGraphIndex`. Soft-deleted records and edges with a missing end never enter the index, so no
 * query ever sees them. Results are deterministic: ties are broken by id (plain code-unit order,
 * independent of locale), and Louvain runs on a seeded PRNG.
 *
 * Cost at 10k nodes / 30k edges: building the index is O(n + m log m); neighbourhood, expand,
 * lenses, voice counts and adjacency are linear in what they touch; k-shortest paths run at most
 * `max × maxLength` breadth-first searches; Louvain and degree are near-linear. Betweenness is
 * O(n·m): see `centrality`.
 *
 * This file only re-exports them, for the callers that use several at once (canvas, inspector);
 * import one concern from its own file where that is all you need.
 */
export { nodeAdjacency, type AdjacencyEntry } from './queries/adjacency'
export {
  CLUSTER_SEED,
  centrality,
  clusters,
  type CentralityMeasure
} from './queries/centrality-clusters'
export {
  buildGraphIndex,
  type GraphIndex,
  type Incidence,
  type Subgraph
} from './queries/graph-index'
export { lessonMapSubgraph, tensionsSubgraph } from './queries/lenses'
export {
  expand,
  neighbourhood,
  type NeighbourhoodDepth,
  type NeighbourhoodOptions
} from './queries/neighbourhood'
export {
  PATH_TITLE_MAX,
  describePath,
  truncateTitle,
  type PathLabels
} from './queries/path-sentences'
export {
  shortestPaths,
  type GraphPath,
  type PathStep,
  type ShortestPathOptions
} from './queries/paths'
export { voiceCounts, type VoiceCount } from './queries/voices'
