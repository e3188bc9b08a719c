/**
 * Writing an import (the pipeline's last stage): one transaction, merge by id or replace. A graph
 * that `applyMapping` handed out after the import's one validation is written without validating
 * again, unless the store changed in a way that matters (validate.ts, `stillValid`).
 */
import type { GraphData } from '../../domain/graph'
import { fail, ok, type Result } from '../../domain/result'
import { issue } from './read'
import { checkedOf, stillValid, type StoredGraph } from './validate'

/** Progress reporting and cancellation for a long import. */
export interface ImportProgress {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/**
 * How the repository may skip its own validation: `prevalidated` is called in its write queue with
 * the live store and answers whether the input was validated before and still holds.
 */
export interface ImportWriteOptions {
  prevalidated?: (store: StoredGraph) => boolean
}

/** The repository methods an import needs (GraphRepository has both). */
export interface ImportTarget {
  replaceGraph(
    input: GraphData,
    action: string,
    progress?: ImportProgress,
    options?: ImportWriteOptions
  ): Promise<Result<GraphData>>
  mergeGraph(
    input: GraphData,
    action: string,
    progress?: ImportProgress,
    options?: ImportWriteOptions
  ): Promise<Result<{ added: number; updated: number; unchanged: number }>>
}

/** What an import wrote. */
export interface ImportReport {
  mode: 'merge' | 'replace'
  nodes: number
  edges: number
  annotations: number
  /** Merge only: records new to the map, records changed, records identical to what was stored. */
  added?: number
  updated?: number
  unchanged?: number
}

/**
 * Writes a mapped graph in one transaction: `replace` swaps the whole stored graph for it; `merge`
 * updates records with the same id and adds the others (everything else stays). A graph from
 * `applyMapping` is not validated again when nothing it relied on changed; any other graph is
 * validated by the repository (a merge as the merged whole). Validation failures come back as
 * issues; cancelling through `signal` rolls back and returns a Dutch issue. In every failure nothing
 * is written.
 */
export async function importInto(
  repo: ImportTarget,
  graph: GraphData,
  mode: 'merge' | 'replace',
  progress: ImportProgress = {}
): Promise<Result<ImportReport>> {
  const counts = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    annotations: graph.annotations.length
  }
  const checked = checkedOf(graph)
  const options: ImportWriteOptions = checked
    ? { prevalidated: (store) => stillValid(checked, store, mode) }
    : {}
  try {
    if (mode === 'replace') {
      const r = await repo.replaceGraph(graph, 'import.replace', progress, options)
      return r.ok ? ok({ mode, ...counts }) : r
    }
    const r = await repo.mergeGraph(graph, 'import.merge', progress, options)
    return r.ok ? ok({ mode, ...counts, ...r.value }) : r
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      return fail([issue('invalid_field', 'Het importeren is afgebroken; er is niets veranderd.')])
    }
    throw error
  }
}
