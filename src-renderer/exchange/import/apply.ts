/**
 * Writing an import (the pipeline's last stage): one transaction, merge by id or replace. A graph
 * that `applyMapping` handed out after the import's one validation is written without validating
 * again, unless the store changed in a way that matters (validate.ts, `stillValid`). A `.kg.json`
 * backup brings its saved views, presentations, map title and description and (when it holds it)
 * its change history along, written in the same transaction (see {@link importInto}).
 */
import type { GraphData } from '../../domain/graph'
import { fail, ok, type Result } from '../../domain/result'
import type { KgChange, KgDocument, KgOpaqueRecord } from '../formats/kg-json'
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

/** What a `.kg.json` brings besides its records (the repository's `BackupParts`). */
export interface ImportBackup {
  views: (KgOpaqueRecord & { id: string })[]
  presentations: (KgOpaqueRecord & { id: string })[]
  /** Absent: the file holds no history (the stored one stays as it is). */
  history?: KgChange[]
  map: { title?: string; description?: string }
}

/** The parts of a `.kg.json` document {@link importInto} restores besides its records. */
export function backupOf(doc: KgDocument): ImportBackup {
  return {
    views: doc.views as ImportBackup['views'],
    presentations: doc.presentations as ImportBackup['presentations'],
    ...(doc.history ? { history: doc.history } : {}),
    map: {
      ...(doc.title !== undefined ? { title: doc.title } : {}),
      ...(doc.description !== undefined ? { description: doc.description } : {})
    }
  }
}

/** The repository methods an import needs (GraphRepository has all three). */
export interface ImportTarget {
  /** Records plus a backup's other parts in one transaction (see `restoreBackup` in storage). */
  restoreBackup?(
    input: GraphData,
    parts: ImportBackup,
    mode: 'merge' | 'replace',
    action: string,
    progress?: ImportProgress,
    options?: ImportWriteOptions
  ): Promise<
    Result<
      | { mode: 'replace'; restored: RestoredParts }
      | ({ mode: 'merge'; restored: RestoredParts } & MergeCounts)
    >
  >
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

/** A merge's record counts. */
export interface MergeCounts {
  added: number
  updated: number
  unchanged: number
}

/** What a backup's other parts brought: views, presentations, history rows added. */
export interface RestoredParts {
  views: number
  presentations: number
  history: number
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
  /** A `.kg.json`: the views, presentations and history rows it brought. */
  restored?: RestoredParts
}

/**
 * Writes a mapped graph in one transaction: `replace` swaps the whole stored graph for it; `merge`
 * updates records with the same id and adds the others (everything else stays). A graph from
 * `applyMapping` is not validated again when nothing it relied on changed; any other graph is
 * validated by the repository (a merge as the merged whole). Validation failures come back as
 * issues; cancelling through `signal` rolls back and returns a Dutch issue. In every failure nothing
 * is written.
 *
 * With `document` (the preview's `.kg.json` document) its other parts are written in the same
 * transaction: `replace` makes saved views, presentations and the map's title and description
 * exactly the file's (a restore); `merge` merges views and presentations by id (the file's version
 * wins for an id both have) and takes title and description only where the map has none. History
 * rows the database lacks are added in both modes; nothing of the stored history is removed.
 */
export async function importInto(
  repo: ImportTarget,
  graph: GraphData,
  mode: 'merge' | 'replace',
  progress: ImportProgress = {},
  document?: KgDocument
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
    if (document && repo.restoreBackup) {
      const action = `import.${mode}`
      const r = await repo.restoreBackup(graph, backupOf(document), mode, action, progress, options)
      if (!r.ok) return r
      const { restored } = r.value
      if (r.value.mode === 'merge') {
        const { added, updated, unchanged } = r.value
        return ok({ mode, ...counts, added, updated, unchanged, restored })
      }
      return ok({ mode, ...counts, restored })
    }
    if (mode === 'replace') {
      const r = await repo.replaceGraph(graph, 'import.replace', progress, options)
      return r.ok ? ok({ mode, ...counts }) : r
    }
    const r = await repo.mergeGraph(graph, 'import.merge', progress, options)
    return r.ok ? ok({ mode, ...counts, ...r.value }) : r
  } catch (error) {
    // Only the caller's own cancel is a cancel: an AbortError while the signal is not aborted is a
    // transaction the database aborted (quota, another window), a failure the caller reports.
    if (progress.signal?.aborted && error instanceof Error && error.name === 'AbortError') {
      return fail([issue('invalid_field', 'Het importeren is afgebroken; er is niets veranderd.')])
    }
    throw error
  }
}
