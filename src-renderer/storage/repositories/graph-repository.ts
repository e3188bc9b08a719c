import type Dexie from 'dexie'
import type { Annotation } from '../../domain/annotations'
import type { GraphEdge } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { GraphNode, Position } from '../../domain/node-kinds'
import { fail, type Result } from '../../domain/result'
import type { ChangeRow, OpenedDatabase, PageRow, RecordTable } from '../db'
import { GraphStore } from '../graph-store'
import { PageIndex } from '../page-index'
import * as bulk from './bulk'
import * as changeLog from './change-log'
import * as records from './records'
import type { AnnotationDraft, EdgeDraft, NodeDraft } from './records'
import {
  READ_ONLY,
  type AnyRecord,
  type ProgressOptions,
  type RepositoryContext,
  type RepositoryOptions,
  type WriteOptions
} from './repository-context'
import { UndoHistory, loadHistory, revert, type HistoryState } from './undo'
import { REVISION_KEY, catchUp, isStaleError, openSyncChannel, type SyncChannel } from './sync'

/** How often one write is tried again after catching up with another window's commits. */
const STALE_RETRIES = 5

/** Why the repository stopped writing: opened on a newer schema, or a newer version upgraded it since. */
export interface ReadOnlyState {
  readOnly: boolean
  /** Set when a newer version upgraded the database while this window was open. */
  upgradedMeanwhile?: boolean
  /** The newer schema version, when known. */
  storedVersion?: number
}

/** Which record an update started from: fields the caller left as they were in `base` are not written. */
export interface UpdateOptions<T> {
  base?: T
}

export { BULK_THRESHOLD } from './change-log'
export type { AnnotationDraft, EdgeDraft, NodeDraft } from './records'
export type { ProgressOptions, RepositoryOptions, WriteOptions } from './repository-context'
export { REDO_ACTION, UNDO_ACTION, UNDO_DEPTH } from './undo'
export type { HistoryState, HistoryUnit } from './undo'
export type { NodeId, EdgeId, AnnotationId } from '../../domain/ids'

/**
 * The only writer of graph data. Every write validates with the domain validator, then runs in one
 * `rw` transaction that rewrites the touched pages and appends one `changes` row; only after commit is
 * the in-memory store patched. Writes are serialised, so two edits never race on a page.
 *
 * This class is the repository's API; the work is done by its parts, which share one
 * {@link RepositoryContext}: records.ts (create, update, delete with cascade), bulk.ts (many records,
 * positions, whole-graph replace and merge), change-log.ts (the write transaction, the change log)
 * and undo.ts (undo and redo with the conflict rule).
 *
 * Undo/redo is linear, like any editor, and lives in the change log, so it survives a restart:
 * - Each ordinary change row is one undo step. `undo()` reverts the newest applied one and sets its
 *   `undoneAt`; `redo()` re-applies the most recently undone one and clears it. Both append an
 *   UNDO_ACTION / REDO_ACTION row (`revertOf` = the change; entries inverted for undo) in the same
 *   transaction, so the history shows who undid or redid what, and when.
 * - A new ordinary change marks every redoable change `discardedAt` (in its own transaction).
 * - A record a change created is removed again on undo: deleted from its page and from the store
 *   (subscribers get it once as a deleted record), so the graph equals the earlier one exactly,
 *   soft-deleted records included. Its page keeps a free slot until the next reload.
 * - Whole-graph replacements (`replaceGraph`) are barriers: undo never reaches them or anything older.
 * - Undo and redo first check that every record is exactly as the change (or its undo) left it;
 *   otherwise (another window wrote meanwhile) they refuse with a Dutch message, write no record, and
 *   undo makes that change a barrier while redo discards the redo stack.
 * - Undo reaches back UNDO_DEPTH changes. Annotations of any author are restored as they were: undo
 *   puts back a version that author wrote, never someone else's text.
 */
export class GraphRepository {
  readonly store = new GraphStore()
  private readonly ctx: RepositoryContext
  private queue: Promise<unknown> = Promise.resolve()
  private readOnlyState: ReadOnlyState
  private readonly readOnlyListeners = new Set<(state: ReadOnlyState) => void>()
  private channel: SyncChannel | null = null

  private constructor(
    readonly db: Dexie,
    opened: Pick<OpenedDatabase, 'readOnly' | 'storedVersion'>,
    options: RepositoryOptions
  ) {
    this.readOnlyState = {
      readOnly: opened.readOnly,
      ...(opened.storedVersion !== undefined ? { storedVersion: opened.storedVersion } : {})
    }
    const isReadOnly = (): boolean => this.readOnlyState.readOnly
    this.ctx = {
      db,
      get readOnly(): boolean {
        return isReadOnly()
      },
      sync: { revision: 0, announce: (revision) => this.channel?.announce(revision) },
      store: this.store,
      pages: new PageIndex(),
      history: new UndoHistory(),
      now: options.now ?? ((): string => new Date().toISOString()),
      author: options.author
    }
  }

  /**
   * Opens a repository on an opened database and loads the stored graph into memory. From then on it
   * hears other windows' commits (and catches up with them), and turns read-only the moment a newer
   * version of the app upgrades the database (`versionchange`): it closes its connection so it never
   * writes into the newer schema.
   */
  static async load(opened: OpenedDatabase, options: RepositoryOptions): Promise<GraphRepository> {
    const repo = new GraphRepository(opened.db, opened, options)
    await repo.reload()
    opened.db.on('versionchange', (event: IDBVersionChangeEvent) => {
      repo.becomeReadOnly(event.newVersion ? Math.round(event.newVersion / 10) : undefined)
      return false
    })
    if (!opened.readOnly && options.broadcast !== false) {
      repo.channel = openSyncChannel(opened.db.name, (revision) => {
        if (revision > repo.ctx.sync.revision) void repo.catchUpNow()
      })
    }
    return repo
  }

  /** Whether writes are refused, and why. */
  get readOnly(): boolean {
    return this.readOnlyState.readOnly
  }

  readOnlyStatus(): ReadOnlyState {
    return this.readOnlyState
  }

  /** Calls `listener` when the repository turns read-only (a newer version upgraded the database). */
  onReadOnlyChange(listener: (state: ReadOnlyState) => void): () => void {
    this.readOnlyListeners.add(listener)
    return () => this.readOnlyListeners.delete(listener)
  }

  /**
   * Stops writing for good: closes the connection without letting Dexie reopen it (it would open
   * the newer schema with this old code), keeps the graph in memory for reading.
   */
  private becomeReadOnly(storedVersion: number | undefined): void {
    this.channel?.close()
    this.channel = null
    this.db.close()
    this.readOnlyState = {
      readOnly: true,
      upgradedMeanwhile: true,
      ...(storedVersion !== undefined ? { storedVersion } : {})
    }
    for (const l of this.readOnlyListeners) l(this.readOnlyState)
  }

  /** Catches up with other windows' commits now (queued with the writes). */
  catchUpNow(): Promise<boolean> {
    const run = (): Promise<boolean> =>
      this.readOnly ? Promise.resolve(false) : catchUp(this.ctx, () => this.readAll())
    return this.enqueue(run)
  }

  /** Stops hearing other windows and closes the database connection. */
  close(): void {
    this.channel?.close()
    this.channel = null
    this.db.close()
  }

  /**
   * Reads every page from storage into memory (start-up, or after another writer) and rebuilds the
   * undo and redo stacks from the change log.
   */
  async reload(): Promise<void> {
    await this.readAll()
  }

  private async readAll(): Promise<void> {
    const hasPages = this.db.tables.some((t) => t.name === 'pages')
    const hasMeta = this.db.tables.some((t) => t.name === 'meta')
    const { rows, revision } = hasPages
      ? await this.db.transaction(
          'r',
          hasMeta ? ['pages', 'meta'] : ['pages'],
          async () => {
            const meta = hasMeta
              ? ((await this.db.table('meta').get(REVISION_KEY)) as { value?: unknown } | undefined)
              : undefined
            return {
              rows: await this.db.table<PageRow, string>('pages').toArray(),
              revision: typeof meta?.value === 'number' ? meta.value : 0
            }
          }
        )
      : { rows: [] as PageRow[], revision: 0 }
    this.ctx.sync.revision = revision
    const data: GraphData = { nodes: [], edges: [], annotations: [] }
    const index: { id: string; table: RecordTable; ids: string[] }[] = []
    for (const row of rows) {
      const records = JSON.parse(row.data) as AnyRecord[]
      const target = data[row.table] as AnyRecord[]
      for (const r of records) target.push(r)
      index.push({ id: row.id, table: row.table, ids: records.map((r) => r.id) })
    }
    this.ctx.pages.load(index)
    this.store.reset(data)
    await loadHistory(this.ctx)
  }

  // ---------- nodes ----------

  /**
   * Creates several nodes and the edges between them (or to existing nodes) as one change: all are
   * validated first (edges against the existing and the new nodes), then written in one transaction,
   * so one undo takes them all back. Used by "quote from a transcript passage → lesson".
   */
  createMany(
    input: { nodes: NodeDraft[]; edges: EdgeDraft[] },
    action = 'graph.create-many'
  ): Promise<Result<{ nodes: GraphNode[]; edges: GraphEdge[] }>> {
    return this.serial(() => bulk.createMany(this.ctx, input, action))
  }

  /** Creates a node. Fills id, timestamps and author; validates; writes in one transaction. */
  createNode(draft: NodeDraft, action = 'node.create'): Promise<Result<GraphNode>> {
    return this.serial(() => records.createNode(this.ctx, draft, action))
  }

  /** Updates a node's fields. `kind` and record fields cannot be changed through a patch. */
  /**
   * Updates a node's fields. `kind` and record fields cannot be changed through a patch. Fields the
   * patch leaves as they were in `options.base` (default: the node as it is now) are not written, so
   * an edit started before another window's change keeps that change; a field both changed is refused.
   */
  updateNode(
    id: string,
    patch: Partial<NodeDraft>,
    action = 'node.update',
    options: UpdateOptions<GraphNode> = {}
  ): Promise<Result<GraphNode>> {
    const base = options.base ?? this.store.node(id)
    return this.serial(() => records.updateNode(this.ctx, id, patch, action, base))
  }

  /**
   * Soft-deletes a node and, in the same transaction, its edges, the annotations on it and on those
   * edges, and removes it from other edges' evidence when it is a quote.
   */
  deleteNode(
    id: string,
    action = 'node.delete'
  ): Promise<Result<{ edges: number; annotations: number }>> {
    return this.serial(() => records.deleteNode(this.ctx, id, action))
  }

  /** Saves node positions (after a drag or a layout) as one change. */
  setPositions(
    positions: ReadonlyMap<string, Position>,
    action = 'layout.positions'
  ): Promise<Result<number>> {
    return this.serial(() => bulk.setPositions(this.ctx, positions, action))
  }

  // ---------- edges ----------

  /** Creates an edge after checking EDGE_RULES between its two (live) nodes. */
  createEdge(draft: EdgeDraft, action = 'edge.create'): Promise<Result<GraphEdge>> {
    return this.serial(() => records.createEdge(this.ctx, draft, action))
  }

  /** Updates an edge's fields; `options.base` as for {@link updateNode}. */
  updateEdge(
    id: string,
    patch: Partial<EdgeDraft>,
    action = 'edge.update',
    options: UpdateOptions<GraphEdge> = {}
  ): Promise<Result<GraphEdge>> {
    const base = options.base ?? this.store.edge(id)
    return this.serial(() => records.updateEdge(this.ctx, id, patch, action, base))
  }

  /** Soft-deletes an edge and its annotations in one transaction. */
  deleteEdge(id: string, action = 'edge.delete'): Promise<Result<{ annotations: number }>> {
    return this.serial(() => records.deleteEdge(this.ctx, id, action))
  }

  // ---------- annotations ----------

  /** Adds an annotation by the current author. Each author's annotations are their own records. */
  addAnnotation(draft: AnnotationDraft, action = 'annotation.create'): Promise<Result<Annotation>> {
    return this.serial(() => records.addAnnotation(this.ctx, draft, action))
  }

  /** Updates an annotation; only its own author may (experts never overwrite each other). */
  updateAnnotation(
    id: string,
    patch: Partial<AnnotationDraft>,
    action = 'annotation.update',
    options: UpdateOptions<Annotation> = {}
  ): Promise<Result<Annotation>> {
    const base = options.base ?? this.store.annotations.get(id)
    return this.serial(() => records.updateAnnotation(this.ctx, id, patch, action, base))
  }

  deleteAnnotation(id: string, action = 'annotation.delete'): Promise<Result<true>> {
    return this.serial(() => records.deleteAnnotation(this.ctx, id, action))
  }

  // ---------- whole graph ----------

  /**
   * Replaces the whole stored graph with `input` (new empty map, restore demo, import "replace").
   * Validates everything first; writes all pages and one change row in one transaction, reporting
   * progress per page. Aborting via `signal` rolls the transaction back: nothing is half written.
   * `options.prevalidated` lets an import skip validating again (see {@link WriteOptions}).
   */
  replaceGraph(
    input: bulk.GraphInput,
    action: string,
    progress: ProgressOptions = {},
    options: WriteOptions = {}
  ): Promise<Result<GraphData>> {
    return this.serial(() => bulk.replaceGraph(this.ctx, input, action, progress, options))
  }

  /**
   * Merges `input` into the stored graph by id (import "merge"): records with an id that exists are
   * replaced by the incoming version, new ids are added, everything else stays. The merged graph is
   * validated as a whole (so an incoming edge may point at a stored node, and an incoming node may not
   * break a stored edge); on any issue nothing is written. Then, in one transaction, the pages holding
   * changed or new records are written (progress per batch of pages) with one bulk change row. Records
   * identical to the stored ones are not rewritten. Like `replaceGraph` the change is a barrier: undo
   * does not reach it or anything older. Aborting via `signal` rolls the transaction back.
   * `options.prevalidated` lets an import skip validating again (see {@link WriteOptions}).
   */
  mergeGraph(
    input: bulk.GraphInput,
    action: string,
    progress: ProgressOptions = {},
    options: WriteOptions = {}
  ): Promise<Result<{ added: number; updated: number; unchanged: number }>> {
    return this.serial(() => bulk.mergeGraph(this.ctx, input, action, progress, options))
  }

  /**
   * Reads a complete backup in one transaction (bulk.ts `readBackup`): records (soft-deleted ones
   * with `deleted`), views, presentations, the map's title and description, the history with
   * `history`.
   */
  readBackup(options: bulk.BackupOptions = {}): Promise<bulk.BackupData> {
    return bulk.readBackup(this.ctx, options)
  }

  /**
   * Restores a backup (bulk.ts `restoreBackup`): the records replaced or merged as
   * `replaceGraph`/`mergeGraph` do, and views, presentations, map info and history in the same
   * transaction.
   */
  restoreBackup(
    input: bulk.GraphInput,
    parts: bulk.BackupParts,
    mode: 'replace' | 'merge',
    action: string,
    progress: ProgressOptions = {},
    options: WriteOptions = {}
  ): Promise<Result<bulk.RestoreOutcome>> {
    return this.serial(() => bulk.restoreInto(this.ctx, input, parts, mode, action, progress, options))
  }

  /**
   * The change log rows that touched a record, newest first (bulk rows are not indexed per record).
   * Undo and redo rows are included (action UNDO_ACTION / REDO_ACTION, `revertOf` = the change they
   * reverted or re-applied, `author` = who did it); an undone change carries `undoneAt`.
   */
  history(recordId: string): Promise<ChangeRow[]> {
    return changeLog.history(this.ctx, recordId)
  }

  /** The newest change rows, newest first. */
  recentChanges(limit = 50): Promise<ChangeRow[]> {
    return changeLog.recentChanges(this.ctx, limit)
  }

  // ---------- undo / redo ----------

  /** Whether `undo()` has a change to revert (from memory; rebuilt from the change log at `reload()`). */
  canUndo(): boolean {
    return this.ctx.history.canUndo()
  }

  /** Whether `redo()` has an undone change to re-apply. */
  canRedo(): boolean {
    return this.ctx.history.canRedo()
  }

  /** The current undo/redo state, for menus and buttons. */
  historyState(): HistoryState {
    return this.ctx.history.state()
  }

  /**
   * Calls `listener` with the new state after every commit, undo, redo, whole-graph write and reload.
   * Returns the unsubscribe function.
   */
  onHistoryChange(listener: (state: HistoryState) => void): () => void {
    return this.ctx.history.subscribe(listener)
  }

  /**
   * Reverts the newest applied undoable change: every record in its entries goes back to `before`
   * (field patches restore only their fields; a record the change created is removed from its page
   * and from the store, so the graph is exactly as it was). One transaction rewrites the touched
   * pages, sets the change's `undoneAt` and appends an UNDO_ACTION row (inverted entries, same
   * `recordIds`, `revertOf`). Resolves to the undone change row, or ok(null) when there is nothing to
   * undo. Refuses (Dutch issue, nothing reverted) when a record is no longer as the change left it,
   * e.g. edited in another window; that change then becomes a barrier and the undo stack is emptied.
   */
  undo(): Promise<Result<ChangeRow | null>> {
    return this.serial(() => revert(this.ctx, 'undo'))
  }

  /**
   * Re-applies the most recently undone change (records go to `after`), the mirror of `undo()`: clears
   * `undoneAt` and appends a REDO_ACTION row. Refuses, and drops the whole redo stack, when a record
   * is no longer as the undo left it.
   */
  redo(): Promise<Result<ChangeRow | null>> {
    return this.serial(() => revert(this.ctx, 'redo'))
  }

  /** Waits until every queued write has finished. */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined)
  }

  /** Runs `fn` after everything queued before it (writes and catch-ups never overlap). */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn)
    this.queue = next.catch(() => undefined)
    return next
  }

  /**
   * Queues a write after every earlier one. A write that finds another window committed first
   * (StaleError, nothing written) catches up and runs again on the fresh records.
   */
  private serial<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = async (): Promise<Result<T>> => {
      for (let attempt = 0; ; attempt++) {
        if (this.readOnly) return fail<T>([READ_ONLY])
        try {
          return await fn()
        } catch (error) {
          if (!isStaleError(error) || attempt >= STALE_RETRIES) throw error
          await catchUp(this.ctx, () => this.readAll())
        }
      }
    }
    return this.enqueue(run)
  }
}
