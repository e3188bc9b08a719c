/**
 * The one answer to "which graph does this export write?", so no export can bypass the display
 * projection:
 * - a full `.kg.json` back-up is lossless: the stored records as they are (restoring it must give
 *   back exactly what was there);
 * - every other export — `.kg.json` "only what is shown", CSV, GEXF, GraphML, Cytoscape JSON — writes
 *   the graph as it may be shown (consent rules, Presentatieveilig), and when a filter, focus or lens
 *   narrows the map and the caller asks for it, only what is shown.
 */
import type { GraphData } from '../domain/graph'
import type { GraphStore } from '../storage/graph-store'
import type { DisplayProjection } from './display-projection'

export interface ExportGraphOptions {
  /** `backup`: the lossless full back-up; `shown`: the projected graph. */
  purpose: 'backup' | 'shown'
  /**
   * `backup` only: soft-deleted records too (as stored). The complete backup with views,
   * presentations and history is read from the database instead (GraphRepository.readBackup).
   */
  deleted?: boolean
  /**
   * Keep only what this says is shown (nodes and edges by id): edges only when both ends are kept
   * too, annotations only on what is kept.
   */
  isShown?: (id: string) => boolean
}

export function graphToExport(
  store: GraphStore,
  display: DisplayProjection,
  options: ExportGraphOptions
): GraphData {
  const graph =
    options.purpose !== 'backup'
      ? display.graph()
      : options.deleted
        ? {
            nodes: [...store.nodes.values()],
            edges: [...store.edges.values()],
            annotations: [...store.annotations.values()]
          }
        : store.toGraphData()
  return options.isShown ? keepShown(graph, options.isShown) : graph
}

/** The part of a graph that `isShown` keeps (see {@link ExportGraphOptions.isShown}). */
export function keepShown(graph: GraphData, isShown: (id: string) => boolean): GraphData {
  const nodes = graph.nodes.filter((n) => isShown(n.id))
  const nodeIds = new Set(nodes.map((n) => n.id))
  const edges = graph.edges.filter(
    (e) => isShown(e.id) && nodeIds.has(e.source) && nodeIds.has(e.target)
  )
  const kept = new Set<string>([...nodeIds, ...edges.map((e) => e.id)])
  return { nodes, edges, annotations: graph.annotations.filter((a) => kept.has(a.targetId)) }
}
