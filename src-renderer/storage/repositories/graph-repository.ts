import type Dexie from 'dexie'
import type { Table } from 'dexie'
import type { Annotation, AnnotationInput } from '../../domain/annotations'
import type { EdgeInput, GraphEdge } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import { newId, type AnnotationId, type EdgeId, type NodeId } from '../../domain/ids'
import type { GraphNode, NodeInput, Position } from '../../domain/node-kinds'
import { fail, ok, type Issue, type Result } from '../../domain/result'
import {
  validateAnnotation,
  validateEdge,
  validateGraph,
  validateNode
} from '../../domain/validate'
import type { ChangeEntry, ChangeRow, OpenedDatabase, PageRow, RecordTable } from '../db'
import { GraphStore, type GraphPatch } from '../graph-store'
import { PageIndex, chunkIntoPages, encodePage, type PagePlan } from '../page-index'

/** Changes touching more records than this are logged as one bulk row without a per-record index. */
export const BULK_THRESHOLD = 200

/** The action of the row an undo appends to the change log (its `revertOf` names the undone change). */
export const UNDO_ACTION = 'history.undo'
/** The action of the row a redo appends to the change log (its `revertOf` names the redone change). */
export const REDO_ACTION = 'history.redo'
/** How many changes undo reaches back, in a session and after a restart. */
export const UNDO_DEPTH = 200
/** At most this many change rows are read at start-up to rebuild the undo and redo stacks. */
const HISTORY_SCAN_LIMIT = 5000

type RecordFieldKeys = 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'deletedAt'
/** What a form or importer hands in for a new node: record fields are optional and filled in here. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** What a form or importer hands in for a new node of any kind (kind-specific fields included). */
export type NodeDraft = DistributiveOmit<NodeInput, RecordFieldKeys> & { id?: string }
export type EdgeDraft = Omit<EdgeInput, RecordFieldKeys> & { id?: string }
export type AnnotationDraft = Omit<AnnotationInput, RecordFieldKeys | 'author'> & { id?: string }

type AnyRecord = GraphNode | GraphEdge | Annotation

interface PendingWrite {
  table: RecordTable
  before: AnyRecord | null
  after: AnyRecord
}

export interface RepositoryOptions {
  /** The local author name (from settings) written on every record and change. */
  author: () => string
  now?: () => string
}

/** One undoable change as the undo and redo stacks know it (enough to label a menu item). */
export interface HistoryUnit {
  /** The change row's id. */
  id: string
  action: string
  at: string
  author: string
}

/** What the UI needs to enable undo/redo: whether each is possible and which change it would hit. */
export interface HistoryState {
  canUndo: boolean
  canRedo: boolean
  /** The change the next undo reverts, or null. */
  nextUndo: HistoryUnit | null
  /** The change the next redo re-applies, or null. */
  nextRedo: HistoryUnit | null
}

export interface ProgressOptions {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

const READ_ONLY: Issue = {
  code: 'read_only',
  path: [],
  message:
    'Deze database is gemaakt met een nieuwere versie van de app en is alleen-lezen geopend. Werk de app bij om te kunnen bewerken.'
}

/**
 * The only writer of graph data. Every write validates with the domain validator, then runs in one
 * `rw` transaction that rewrites the touched pages and appends one `changes` row; only after commit is
 * the in-memory store patched. Writes are serialised, so two edits never race on a page.
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
  private readonly pages = new PageIndex()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly now: () => string
  /** Applied undoable changes, oldest first; the last one is undone next. */
  private undoStack: HistoryUnit[] = []
  /** Undone, still redoable changes; the last one (the most recently undone) is redone next. */
  private redoStack: HistoryUnit[] = []
  private readonly historyListeners = new Set<(state: HistoryState) => void>()

  private constructor(
    readonly db: Dexie,
    readonly readOnly: boolean,
    private readonly options: RepositoryOptions
  ) {
    this.now = options.now ?? ((): string => new Date().toISOString())
  }

  /** Opens a repository on an opened database and loads the stored graph into memory. */
  static async load(opened: OpenedDatabase, options: RepositoryOptions): Promise<GraphRepository> {
    const repo = new GraphRepository(opened.db, opened.readOnly, options)
    await repo.reload()
    return repo
  }

  private get pageTable(): Table<PageRow, string> {
    return this.db.table('pages')
  }

  private get changeTable(): Table<ChangeRow, string> {
    return this.db.table('changes')
  }

  /**
   * Reads every page from storage into memory (start-up, or after another writer) and rebuilds the
   * undo and redo stacks from the change log.
   */
  async reload(): Promise<void> {
    const rows = this.db.tables.some((t) => t.name === 'pages')
      ? await this.pageTable.toArray()
      : []
    const data: GraphData = { nodes: [], edges: [], annotations: [] }
    const index: { id: string; table: RecordTable; ids: string[] }[] = []
    for (const row of rows) {
      const records = JSON.parse(row.data) as AnyRecord[]
      const target = data[row.table] as AnyRecord[]
      for (const r of records) target.push(r)
      index.push({ id: row.id, table: row.table, ids: records.map((r) => r.id) })
    }
    this.pages.load(index)
    this.store.reset(data)
    await this.loadHistory()
  }

  // ---------- nodes ----------

  /** Creates a node. Fills id, timestamps and author; validates; writes in one transaction. */
  /**
   * Creates several nodes and the edges between them (or to existing nodes) as one change: all are
   * validated first (edges against the existing and the new nodes), then written in one transaction,
   * so one undo takes them all back. Used by "quote from a transcript passage → lesson".
   */
  createMany(
    input: { nodes: NodeDraft[]; edges: EdgeDraft[] },
    action = 'graph.create-many'
  ): Promise<Result<{ nodes: GraphNode[]; edges: GraphEdge[] }>> {
    return this.serial(async () => {
      const nodes: GraphNode[] = []
      const fresh = new Map<string, GraphNode>()
      for (const draft of input.nodes) {
        const r = validateNode(this.stamp(draft, null))
        if (!r.ok) return r
        if (this.store.nodes.has(r.value.id) || fresh.has(r.value.id))
          return fail(dupIssue(r.value.id))
        fresh.set(r.value.id, r.value)
        nodes.push(r.value)
      }
      const edges: GraphEdge[] = []
      for (const draft of input.edges) {
        const r = validateEdge(
          this.stamp(draft, null),
          (id) => fresh.get(id) ?? this.store.node(id)
        )
        if (!r.ok) return r
        if (this.store.edges.has(r.value.id)) return fail(dupIssue(r.value.id))
        edges.push(r.value)
      }
      await this.commit(action, [
        ...nodes.map((n) => ({ table: 'nodes' as const, before: null, after: n })),
        ...edges.map((e) => ({ table: 'edges' as const, before: null, after: e }))
      ])
      return ok({ nodes, edges })
    })
  }

  createNode(draft: NodeDraft, action = 'node.create'): Promise<Result<GraphNode>> {
    return this.serial(() => this.insert('nodes', validateNode(this.stamp(draft, null)), action))
  }

  /** Updates a node's fields. `kind` and record fields cannot be changed through a patch. */
  updateNode(
    id: string,
    patch: Partial<NodeDraft>,
    action = 'node.update'
  ): Promise<Result<GraphNode>> {
    return this.serial(async () => {
      const before = this.store.node(id)
      if (!before) return fail(missing(id))
      const r = validateNode(this.stamp({ ...before, ...patch, kind: before.kind }, before))
      if (!r.ok) return r
      await this.commit(action, [{ table: 'nodes', before, after: r.value }])
      return r
    })
  }

  /**
   * Soft-deletes a node and, in the same transaction, its edges, the annotations on it and on those
   * edges, and removes it from other edges' evidence when it is a quote.
   */
  deleteNode(
    id: string,
    action = 'node.delete'
  ): Promise<Result<{ edges: number; annotations: number }>> {
    return this.serial(async () => {
      const node = this.store.node(id)
      if (!node) return fail(missing(id))
      const at = this.now()
      const writes: PendingWrite[] = [
        { table: 'nodes', before: node, after: this.tombstone(node, at) }
      ]
      const goneEdges = new Set<string>()
      for (const e of this.store.edges.values()) {
        if (e.deletedAt) continue
        if (e.source === id || e.target === id) {
          goneEdges.add(e.id)
          writes.push({ table: 'edges', before: e, after: this.tombstone(e, at) })
        } else if (e.evidence.includes(id as NodeId)) {
          writes.push({
            table: 'edges',
            before: e,
            after: this.touch({ ...e, evidence: e.evidence.filter((q) => q !== id) }, at)
          })
        }
      }
      let annotations = 0
      for (const a of this.store.annotations.values()) {
        if (a.deletedAt) continue
        if (a.targetId === id || goneEdges.has(a.targetId)) {
          annotations++
          writes.push({ table: 'annotations', before: a, after: this.tombstone(a, at) })
        } else if (a.quoteIds.includes(id as NodeId)) {
          writes.push({
            table: 'annotations',
            before: a,
            after: this.touch({ ...a, quoteIds: a.quoteIds.filter((q) => q !== id) }, at)
          })
        }
      }
      await this.commit(action, writes)
      return ok({ edges: goneEdges.size, annotations })
    })
  }

  /** Saves node positions (after a drag or a layout) as one change. */
  setPositions(
    positions: ReadonlyMap<string, Position>,
    action = 'layout.positions'
  ): Promise<Result<number>> {
    return this.serial(async () => {
      const at = this.now()
      const writes: PendingWrite[] = []
      for (const [id, position] of positions) {
        const n = this.store.node(id)
        if (!n) continue
        writes.push({ table: 'nodes', before: n, after: this.touch({ ...n, position }, at) })
      }
      if (writes.length) await this.commit(action, writes, true)
      return ok(writes.length)
    })
  }

  // ---------- edges ----------

  /** Creates an edge after checking EDGE_RULES between its two (live) nodes. */
  createEdge(draft: EdgeDraft, action = 'edge.create'): Promise<Result<GraphEdge>> {
    return this.serial(() =>
      this.insert('edges', validateEdge(this.stamp(draft, null), (id) => this.store.node(id)), action)
    )
  }

  updateEdge(
    id: string,
    patch: Partial<EdgeDraft>,
    action = 'edge.update'
  ): Promise<Result<GraphEdge>> {
    return this.serial(async () => {
      const before = this.store.edge(id)
      if (!before) return fail(missing(id))
      const r = validateEdge(this.stamp({ ...before, ...patch }, before), (nid) =>
        this.store.node(nid)
      )
      if (!r.ok) return r
      await this.commit(action, [{ table: 'edges', before, after: r.value }])
      return r
    })
  }

  /** Soft-deletes an edge and its annotations in one transaction. */
  deleteEdge(id: string, action = 'edge.delete'): Promise<Result<{ annotations: number }>> {
    return this.serial(async () => {
      const edge = this.store.edge(id)
      if (!edge) return fail(missing(id))
      const at = this.now()
      const writes: PendingWrite[] = [
        { table: 'edges', before: edge, after: this.tombstone(edge, at) }
      ]
      for (const a of this.store.annotations.values()) {
        if (!a.deletedAt && a.targetId === id)
          writes.push({ table: 'annotations', before: a, after: this.tombstone(a, at) })
      }
      await this.commit(action, writes)
      return ok({ annotations: writes.length - 1 })
    })
  }

  // ---------- annotations ----------

  /** Adds an annotation by the current author. Each author's annotations are their own records. */
  addAnnotation(draft: AnnotationDraft, action = 'annotation.create'): Promise<Result<Annotation>> {
    return this.serial(async () => {
      const r = validateAnnotation(
        { ...this.stamp(draft, null), author: this.options.author() },
        (t, id) => (t === 'edge' ? !!this.store.edge(id) : !!this.store.node(id))
      )
      if (!r.ok) return r
      await this.commit(action, [{ table: 'annotations', before: null, after: r.value }])
      return r
    })
  }

  /** Updates an annotation; only its own author may (experts never overwrite each other). */
  updateAnnotation(
    id: string,
    patch: Partial<AnnotationDraft>,
    action = 'annotation.update'
  ): Promise<Result<Annotation>> {
    return this.serial(async () => {
      const before = this.store.annotations.get(id)
      if (!before || before.deletedAt) return fail(missing(id))
      if (before.author !== this.options.author()) return fail(notAuthor(id, before.author))
      const r = validateAnnotation(
        this.stamp({ ...before, ...patch, author: before.author }, before),
        (t, tid) => (t === 'edge' ? !!this.store.edge(tid) : !!this.store.node(tid))
      )
      if (!r.ok) return r
      await this.commit(action, [{ table: 'annotations', before, after: r.value }])
      return r
    })
  }

  deleteAnnotation(id: string, action = 'annotation.delete'): Promise<Result<true>> {
    return this.serial(async () => {
      const before = this.store.annotations.get(id)
      if (!before || before.deletedAt) return fail(missing(id))
      if (before.author !== this.options.author()) return fail(notAuthor(id, before.author))
      await this.commit(action, [
        { table: 'annotations', before, after: this.tombstone(before, this.now()) }
      ])
      return ok(true)
    })
  }

  // ---------- whole graph ----------

  /**
   * Replaces the whole stored graph with `input` (new empty map, restore demo, import "replace").
   * Validates everything first; writes all pages and one change row in one transaction, reporting
   * progress per page. Aborting via `signal` rolls the transaction back: nothing is half written.
   */
  replaceGraph(
    input: {
      nodes: readonly unknown[]
      edges: readonly unknown[]
      annotations?: readonly unknown[]
    },
    action: string,
    progress: ProgressOptions = {}
  ): Promise<Result<GraphData>> {
    return this.serial(async () => {
      if (this.readOnly) return fail([READ_ONLY])
      const checked = validateGraph(input)
      if (!checked.ok) return checked
      const graph = checked.value
      const chunks = [
        ...chunkIntoPages('nodes', graph.nodes),
        ...chunkIntoPages('edges', graph.edges),
        ...chunkIntoPages('annotations', graph.annotations)
      ]
      const before = {
        nodes: this.store.nodes.size,
        edges: this.store.edges.size,
        annotations: this.store.annotations.size
      }
      const change = this.changeRow(
        action,
        [],
        true,
        graph.nodes.length + graph.edges.length + graph.annotations.length
      )
      change.entries = JSON.stringify({
        replaced: before,
        counts: {
          nodes: graph.nodes.length,
          edges: graph.edges.length,
          annotations: graph.annotations.length
        }
      })
      change.barrier = true
      const discard = this.redoStack.map((u) => u.id)
      const BATCH = 25
      await this.db.transaction('rw', [this.pageTable, this.changeTable], async () => {
        await this.pageTable.clear()
        for (let i = 0; i < chunks.length; i += BATCH) {
          if (progress.signal?.aborted) throw new DOMException('Afgebroken', 'AbortError')
          await this.pageTable.bulkPut(chunks.slice(i, i + BATCH).map((c) => c.row))
          progress.onProgress?.(Math.min(i + BATCH, chunks.length), chunks.length)
        }
        // A cancel during the last batch still rolls back: nothing commits after an abort.
        if (progress.signal?.aborted) throw new DOMException('Afgebroken', 'AbortError')
        await this.changeTable.add(change)
        await this.discardRedo(discard, change.at)
      })
      this.pages.load(chunks.map((c) => ({ id: c.row.id, table: c.row.table, ids: c.ids })))
      this.store.reset(graph)
      this.undoStack = []
      this.redoStack = []
      this.emitHistory()
      return ok(graph)
    })
  }

  /**
   * Merges `input` into the stored graph by id (import "merge"): records with an id that exists are
   * replaced by the incoming version, new ids are added, everything else stays. The merged graph is
   * validated as a whole (so an incoming edge may point at a stored node, and an incoming node may not
   * break a stored edge); on any issue nothing is written. Then, in one transaction, the pages holding
   * changed or new records are written (progress per batch of pages) with one bulk change row. Records
   * identical to the stored ones are not rewritten. Like `replaceGraph` the change is a barrier: undo
   * does not reach it or anything older. Aborting via `signal` rolls the transaction back.
   */
  mergeGraph(
    input: {
      nodes: readonly unknown[]
      edges: readonly unknown[]
      annotations?: readonly unknown[]
    },
    action: string,
    progress: ProgressOptions = {}
  ): Promise<Result<{ added: number; updated: number; unchanged: number }>> {
    return this.serial(async () => {
      const incoming = {
        nodes: new Map(input.nodes.map((r) => [idOfRecord(r), r])),
        edges: new Map(input.edges.map((r) => [idOfRecord(r), r])),
        annotations: new Map((input.annotations ?? []).map((r) => [idOfRecord(r), r]))
      }
      const merged = (table: RecordTable): unknown[] => {
        const fresh = incoming[table]
        const out: unknown[] = []
        for (const [id, r] of this.store.table(table) as Map<string, AnyRecord>) {
          if (!fresh.has(id)) out.push(r)
        }
        const list =
          table === 'nodes'
            ? input.nodes
            : table === 'edges'
              ? input.edges
              : (input.annotations ?? [])
        return [...out, ...list]
      }
      const checked = validateGraph({
        nodes: merged('nodes'),
        edges: merged('edges'),
        annotations: merged('annotations')
      })
      if (!checked.ok) return checked
      const writes: { table: RecordTable; record: AnyRecord }[] = []
      let added = 0
      let updated = 0
      let unchanged = 0
      for (const table of ['nodes', 'edges', 'annotations'] as const) {
        const fresh = incoming[table]
        const stored = this.store.table(table) as Map<string, AnyRecord>
        for (const record of checked.value[table] as AnyRecord[]) {
          if (!fresh.has(record.id)) continue
          const before = stored.get(record.id)
          if (!before) added++
          else if (canonical(before) === canonical(record)) {
            unchanged++
            continue
          } else updated++
          writes.push({ table, record })
        }
      }
      if (!writes.length) return ok({ added, updated, unchanged })
      const plan = this.pages.plan(writes.map((w) => ({ table: w.table, id: w.record.id })))
      const rows = this.pageRows(plan, new Map(writes.map((w) => [w.record.id, w.record])))
      const change = this.changeRow(action, [], true, writes.length)
      change.entries = JSON.stringify({ merged: { added, updated, unchanged } })
      change.barrier = true
      const discard = this.redoStack.map((u) => u.id)
      const BATCH = 25
      await this.db.transaction('rw', [this.pageTable, this.changeTable], async () => {
        for (let i = 0; i < rows.length; i += BATCH) {
          if (progress.signal?.aborted) throw new DOMException('Afgebroken', 'AbortError')
          await this.pageTable.bulkPut(rows.slice(i, i + BATCH))
          progress.onProgress?.(Math.min(i + BATCH, rows.length), rows.length)
        }
        if (progress.signal?.aborted) throw new DOMException('Afgebroken', 'AbortError')
        await this.changeTable.add(change)
        await this.discardRedo(discard, change.at)
      })
      this.pages.commit(plan)
      this.applyToStore(writes.map((w) => ({ table: w.table, record: w.record })))
      this.undoStack = []
      this.redoStack = []
      this.emitHistory()
      return ok({ added, updated, unchanged })
    })
  }

  /**
   * The change log rows that touched a record, newest first (bulk rows are not indexed per record).
   * Undo and redo rows are included (action UNDO_ACTION / REDO_ACTION, `revertOf` = the change they
   * reverted or re-applied, `author` = who did it); an undone change carries `undoneAt`.
   */
  async history(recordId: string): Promise<ChangeRow[]> {
    const rows = await this.changeTable.where('recordIds').equals(recordId).toArray()
    return rows.sort(newestFirst)
  }

  /** The newest change rows, newest first. */
  async recentChanges(limit = 50): Promise<ChangeRow[]> {
    return this.changeTable.orderBy('at').reverse().limit(limit).toArray()
  }

  // ---------- undo / redo ----------

  /** Whether `undo()` has a change to revert (from memory; rebuilt from the change log at `reload()`). */
  canUndo(): boolean {
    return this.undoStack.length > 0
  }

  /** Whether `redo()` has an undone change to re-apply. */
  canRedo(): boolean {
    return this.redoStack.length > 0
  }

  /** The current undo/redo state, for menus and buttons. */
  historyState(): HistoryState {
    return {
      canUndo: this.canUndo(),
      canRedo: this.canRedo(),
      nextUndo: this.undoStack[this.undoStack.length - 1] ?? null,
      nextRedo: this.redoStack[this.redoStack.length - 1] ?? null
    }
  }

  /**
   * Calls `listener` with the new state after every commit, undo, redo, whole-graph write and reload.
   * Returns the unsubscribe function.
   */
  onHistoryChange(listener: (state: HistoryState) => void): () => void {
    this.historyListeners.add(listener)
    return () => this.historyListeners.delete(listener)
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
    return this.serial(() => this.revert('undo'))
  }

  /**
   * Re-applies the most recently undone change (records go to `after`), the mirror of `undo()`: clears
   * `undoneAt` and appends a REDO_ACTION row. Refuses, and drops the whole redo stack, when a record
   * is no longer as the undo left it.
   */
  redo(): Promise<Result<ChangeRow | null>> {
    return this.serial(() => this.revert('redo'))
  }

  /** Waits until every queued write has finished. */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined)
  }

  // ---------- internals ----------

  /** Patches the in-memory store with records a committed transaction wrote. */
  private applyToStore(written: readonly { table: RecordTable; record: AnyRecord }[]): void {
    const patch: GraphPatch = { nodes: [], edges: [], annotations: [] }
    for (const w of written) (patch[w.table] as AnyRecord[]).push(w.record)
    this.store.apply(patch)
  }

  /** Writes one validated new record, refusing an id that is already taken. */
  private async insert<T extends AnyRecord>(table: RecordTable, r: Result<T>, action: string): Promise<Result<T>> {
    if (!r.ok) return r
    if ((this.store.table(table) as Map<string, AnyRecord>).has(r.value.id)) return fail(dupIssue(r.value.id))
    await this.commit(action, [{ table, before: null, after: r.value }])
    return r
  }

  private serial<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = async (): Promise<Result<T>> => (this.readOnly ? fail<T>([READ_ONLY]) : fn())
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }

  /** Writes the pages touched by `writes` and one change row in one transaction, then patches memory. */
  private async commit(action: string, writes: PendingWrite[], fieldPatch = false): Promise<void> {
    const pending = new Map<string, AnyRecord>()
    for (const w of writes) pending.set(w.after.id, w.after)
    const plan = this.pages.plan(writes.map((w) => ({ table: w.table, id: w.after.id })))
    const rows = this.pageRows(plan, pending)
    const entries: ChangeEntry[] = writes.map((w) =>
      fieldPatch && w.before
        ? {
            table: w.table,
            id: w.after.id,
            before: pickChanged(w.before, w.after),
            after: pickChanged(w.after, w.before),
            fields: true
          }
        : { table: w.table, id: w.after.id, before: w.before, after: w.after }
    )
    const bulk = writes.length > BULK_THRESHOLD
    const change = this.changeRow(
      action,
      bulk ? [] : [...new Set(writes.map((w) => w.after.id))],
      bulk,
      writes.length
    )
    change.entries = JSON.stringify(entries)
    const discard = this.redoStack.map((u) => u.id)
    await this.db.transaction('rw', [this.pageTable, this.changeTable], async () => {
      await this.pageTable.bulkPut(rows)
      await this.changeTable.add(change)
      await this.discardRedo(discard, change.at)
    })
    this.pages.commit(plan)
    this.applyToStore(writes.map((w) => ({ table: w.table, record: w.after })))
    this.redoStack = []
    this.undoStack.push(unitOf(change))
    if (this.undoStack.length > UNDO_DEPTH)
      this.undoStack.splice(0, this.undoStack.length - UNDO_DEPTH)
    this.emitHistory()
  }

  /** The full rows of the pages a plan touches: pending records where written, stored ones elsewhere. */
  private pageRows(plan: PagePlan, pending: ReadonlyMap<string, AnyRecord>): PageRow[] {
    const rows: PageRow[] = []
    for (const [pageId, ids] of plan.touched) {
      const table = plan.tables.get(pageId)!
      const map = this.store.table(table) as Map<string, AnyRecord>
      // A page's member list may still name records an undo removed: they are skipped.
      const records: AnyRecord[] = []
      for (const id of ids) {
        const r = pending.get(id) ?? map.get(id)
        if (r) records.push(r)
      }
      rows.push({ id: pageId, table, count: records.length, data: encodePage(records) })
    }
    return rows
  }

  /** Marks undone changes as no longer redoable (inside the caller's transaction). */
  private async discardRedo(ids: string[], at: string): Promise<void> {
    if (ids.length) await this.changeTable.where(':id').anyOf(ids).modify({ discardedAt: at })
  }

  private emitHistory(): void {
    const state = this.historyState()
    for (const l of this.historyListeners) l(state)
  }

  /**
   * Rebuilds the undo and redo stacks from the change log, newest row first: undo/redo rows and
   * discarded changes are skipped; undone changes newer than every applied one form the redo stack;
   * applied changes form the undo stack, up to UNDO_DEPTH; a barrier row ends the walk.
   */
  private async loadHistory(): Promise<void> {
    const applied: HistoryUnit[] = []
    const undone: HistoryUnit[] = []
    if (!this.readOnly && this.db.tables.some((t) => t.name === 'changes')) {
      let scanned = 0
      let done = false
      await this.changeTable
        .orderBy('at')
        .reverse()
        .until(() => done)
        .each((row) => {
          if (++scanned >= HISTORY_SCAN_LIMIT) done = true
          if (row.revertOf || row.discardedAt) return
          if (isBarrier(row)) {
            done = true
            return
          }
          if (row.undoneAt) {
            // An undone change older than an applied one cannot be redone in a linear history.
            if (!applied.length) undone.push(unitOf(row))
            return
          }
          applied.push(unitOf(row))
          if (applied.length >= UNDO_DEPTH) done = true
        })
    }
    this.undoStack = applied.reverse()
    this.redoStack = undone
    this.emitHistory()
  }

  /** Undo or redo of the top of the matching stack; runs inside `serial`. */
  private async revert(direction: Direction): Promise<Result<ChangeRow | null>> {
    const stack = direction === 'undo' ? this.undoStack : this.redoStack
    const unit = stack[stack.length - 1]
    if (!unit) return ok(null)
    const at = this.now()
    const outcome = await this.db.transaction('rw', [this.pageTable, this.changeTable], () =>
      this.revertInTransaction(unit, direction, at)
    )
    if (outcome.kind === 'stale') {
      await this.loadHistory()
      return fail([historyIssue(direction, STALE_HISTORY[direction])])
    }
    if (outcome.kind === 'conflict') {
      if (direction === 'undo') this.undoStack = []
      else this.redoStack = []
      this.emitHistory()
      return fail([historyIssue(direction, outcome.message, outcome.recordId)])
    }
    this.pages.commit(outcome.plan)
    const patch: GraphPatch = { nodes: [], edges: [], annotations: [] }
    const removed: { table: RecordTable; id: string }[] = []
    for (const { table, id, record } of outcome.results) {
      if (record) {
        ;(patch[table] as AnyRecord[]).push(record)
        continue
      }
      const current = (this.store.table(table) as Map<string, AnyRecord>).get(id)
      if (!current) continue
      // Subscribers learn of a removed record as a deleted one; then the store forgets it.
      ;(patch[table] as AnyRecord[]).push({ ...current, deletedAt: current.deletedAt ?? at })
      removed.push({ table, id })
    }
    this.store.apply(patch)
    for (const { table, id } of removed) this.store.table(table).delete(id)
    stack.pop()
    if (direction === 'undo') this.redoStack.push(unit)
    else this.undoStack.push(unit)
    this.emitHistory()
    return ok(outcome.row)
  }

  /**
   * The transaction body of an undo or redo. Reads the change row and the pages its records live on,
   * checks every record is exactly as the change (undo) or its undo (redo) left it, then writes the
   * reverted pages, the updated change row and the undo/redo row. On a conflict it writes only the
   * barrier (undo) or the discarded marks (redo) and reports which record blocked it.
   */
  private async revertInTransaction(
    unit: HistoryUnit,
    direction: Direction,
    at: string
  ): Promise<RevertOutcome> {
    const row = await this.changeTable.get(unit.id)
    if (
      !row ||
      row.revertOf ||
      row.discardedAt ||
      isBarrier(row) ||
      !!row.undoneAt !== (direction === 'redo')
    )
      return { kind: 'stale' }
    const entries = parseEntries(row.entries)
    if (!entries) return this.refuse(row, direction, at, NOT_UNDOABLE)
    const ordered = direction === 'undo' ? [...entries].reverse() : entries
    const plan = this.pages.plan(ordered.map((e) => ({ table: e.table, id: e.id })))
    const pageIds = [...plan.touched.keys()]
    const storedPages = await this.pageTable.bulkGet(pageIds)
    const pageRecords = new Map<string, StoredRecord[]>()
    const stored = new Map<string, StoredRecord>()
    pageIds.forEach((pageId, i) => {
      const page = storedPages[i]
      const records = page ? (JSON.parse(page.data) as StoredRecord[]) : []
      pageRecords.set(pageId, records)
      const table = plan.tables.get(pageId)!
      for (const r of records) stored.set(recordKey(table, r.id), r)
    })
    const working = new Map<
      string,
      { table: RecordTable; id: string; record: StoredRecord | null }
    >()
    for (const e of ordered) {
      const key = recordKey(e.table, e.id)
      const current = working.has(key) ? working.get(key)!.record : (stored.get(key) ?? null)
      if (!matchesExpected(e, current, direction)) {
        const label = recordLabel(current ?? asRecord(direction === 'undo' ? e.after : e.before))
        return this.refuse(row, direction, at, CONFLICT[direction](label), e.id)
      }
      working.set(key, { table: e.table, id: e.id, record: entryTarget(e, current, direction) })
    }
    // Records that are not stored yet go to the page the plan chose for them.
    const appended = new Map<string, StoredRecord[]>()
    let home: Map<string, string> | undefined
    for (const [key, w] of working) {
      if (!w.record || stored.has(key)) continue
      home ??= plannedPages(plan)
      const pageId = home.get(key)
      if (!pageId) throw new Error(`No page planned for ${w.table}/${w.id}`)
      const list = appended.get(pageId) ?? []
      list.push(w.record)
      appended.set(pageId, list)
    }
    const rows: PageRow[] = []
    for (const [pageId, records] of pageRecords) {
      const table = plan.tables.get(pageId)!
      const out: StoredRecord[] = []
      for (const r of records) {
        const w = working.get(recordKey(table, r.id))
        if (!w) out.push(r)
        else if (w.record) out.push(w.record)
      }
      out.push(...(appended.get(pageId) ?? []))
      rows.push({ id: pageId, table, count: out.length, data: encodePage(out) })
    }
    const updated: ChangeRow = { ...row, undoneAt: direction === 'undo' ? at : null }
    const log: ChangeRow = {
      id: newId(),
      at,
      author: this.options.author(),
      action: direction === 'undo' ? UNDO_ACTION : REDO_ACTION,
      recordIds: row.recordIds,
      count: row.count,
      bulk: row.bulk,
      entries: direction === 'undo' ? JSON.stringify(entries.map(invertEntry)) : row.entries,
      revertOf: row.id
    }
    await this.pageTable.bulkPut(rows)
    await this.changeTable.put(updated)
    await this.changeTable.add(log)
    const results = [...working.values()].map((w) => ({
      table: w.table,
      id: w.id,
      record: w.record as AnyRecord | null
    }))
    return { kind: 'done', row: updated, plan, results }
  }

  /** Records a refused undo (the change becomes a barrier) or redo (the redo stack is discarded). */
  private async refuse(
    row: ChangeRow,
    direction: Direction,
    at: string,
    message: string,
    recordId?: string
  ): Promise<RevertOutcome> {
    if (direction === 'undo') await this.changeTable.update(row.id, { barrier: true })
    else
      await this.discardRedo(
        this.redoStack.map((u) => u.id),
        at
      )
    return { kind: 'conflict', message, ...(recordId ? { recordId } : {}) }
  }

  private changeRow(action: string, recordIds: string[], bulk: boolean, count: number): ChangeRow {
    return {
      id: newId(),
      at: this.now(),
      author: this.options.author(),
      action,
      recordIds,
      count,
      bulk,
      entries: '[]'
    }
  }

  /** Fills record fields: a new id and creation stamp for new records, an update stamp always. */
  private stamp<T extends object>(
    draft: T,
    before: { id: string; createdAt: string; createdBy: string } | null
  ): T & Record<string, unknown> {
    const at = this.now()
    const author = this.options.author()
    const d = draft as T & { id?: string }
    return {
      ...draft,
      id: before?.id ?? d.id ?? newId(),
      createdAt: before?.createdAt ?? at,
      createdBy: before?.createdBy ?? author,
      updatedAt: at,
      updatedBy: author,
      deletedAt: null
    }
  }

  private touch<T extends AnyRecord>(record: T, at: string): T {
    return { ...record, updatedAt: at, updatedBy: this.options.author() }
  }

  private tombstone<T extends AnyRecord>(record: T, at: string): T {
    return { ...this.touch(record, at), deletedAt: at }
  }
}

type Direction = 'undo' | 'redo'

/** A record as read back from a page: plain JSON. */
type StoredRecord = Record<string, unknown> & { id: string }

type RevertOutcome =
  | {
      kind: 'done'
      row: ChangeRow
      plan: PagePlan
      results: { table: RecordTable; id: string; record: AnyRecord | null }[]
    }
  | { kind: 'stale' }
  | { kind: 'conflict'; message: string; recordId?: string }

interface RecordEntry extends ChangeEntry {
  table: RecordTable
}

const RECORD_TABLES: readonly string[] = ['nodes', 'edges', 'annotations'] satisfies RecordTable[]

const NOT_UNDOABLE = 'Deze wijziging kan niet ongedaan worden gemaakt.'

const STALE_HISTORY: Record<Direction, string> = {
  undo: 'De geschiedenis is intussen in een ander venster gewijzigd. Probeer opnieuw ongedaan te maken.',
  redo: 'De geschiedenis is intussen in een ander venster gewijzigd. Probeer opnieuw.'
}

const CONFLICT: Record<Direction, (label: string) => string> = {
  undo: (label) =>
    `Ongedaan maken kan niet: ${label} is intussen opnieuw gewijzigd (bijvoorbeeld in een ander venster). Er is niets teruggezet; verder terug ongedaan maken kan niet meer.`,
  redo: (label) =>
    `Opnieuw uitvoeren kan niet: ${label} is intussen gewijzigd (bijvoorbeeld in een ander venster). Er is niets veranderd.`
}

function historyIssue(direction: Direction, message: string, recordId?: string): Issue {
  return {
    code: 'invalid_field',
    path: ['history', direction],
    message,
    ...(recordId ? { recordId } : {})
  }
}

function unitOf(row: ChangeRow): HistoryUnit {
  return { id: row.id, action: row.action, at: row.at, author: row.author }
}

function newestFirst(a: ChangeRow, b: ChangeRow): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** Whether undo must stop at this row: marked, or a whole-graph row whose entries are a summary. */
function isBarrier(row: ChangeRow): boolean {
  return row.barrier === true || row.entries.charAt(0) !== '['
}

/** The entries of an undoable change, or null when it holds anything but graph-record entries. */
function parseEntries(json: string): RecordEntry[] | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return null
  }
  if (!Array.isArray(parsed)) return null
  const ok = parsed.every(
    (e: unknown) =>
      !!e &&
      typeof e === 'object' &&
      RECORD_TABLES.includes((e as ChangeEntry).table) &&
      typeof (e as ChangeEntry).id === 'string'
  )
  return ok ? (parsed as RecordEntry[]) : null
}

function recordKey(table: RecordTable, id: string): string {
  return `${table}\u0000${id}`
}

function asRecord(value: unknown): StoredRecord | null {
  return value && typeof value === 'object' && 'id' in value ? (value as StoredRecord) : null
}

/** A field patch holds only changed fields; full entries hold whole records (which always have an id). */
function isFieldEntry(e: ChangeEntry): boolean {
  return (
    e.fields === true ||
    (e.before !== null && !!e.after && typeof e.after === 'object' && !('id' in e.after))
  )
}

function patchFields(
  e: ChangeEntry,
  direction: Direction
): { from: Record<string, unknown>; to: Record<string, unknown> } {
  const before = (e.before ?? {}) as Record<string, unknown>
  const after = (e.after ?? {}) as Record<string, unknown>
  return direction === 'undo' ? { from: after, to: before } : { from: before, to: after }
}

/** Whether `current` (as stored now) is exactly what the change (undo) or its undo (redo) left. */
function matchesExpected(
  e: ChangeEntry,
  current: StoredRecord | null,
  direction: Direction
): boolean {
  if (isFieldEntry(e)) {
    if (!current) return false
    const { from, to } = patchFields(e, direction)
    for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (k in from ? canonical(current[k]) !== canonical(from[k]) : current[k] !== undefined)
        return false
    }
    return true
  }
  const expected = asRecord(direction === 'undo' ? e.after : e.before)
  if (!expected || !current) return !expected && !current
  return canonical(current) === canonical(expected)
}

/** The record an entry leaves behind when undone or redone; null = the record must not exist. */
function entryTarget(
  e: ChangeEntry,
  current: StoredRecord | null,
  direction: Direction
): StoredRecord | null {
  if (!isFieldEntry(e)) return asRecord(direction === 'undo' ? e.before : e.after)
  const { from, to } = patchFields(e, direction)
  const next: StoredRecord = { ...current! }
  for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (k in to) next[k] = to[k]
    else delete next[k]
  }
  return next
}

function invertEntry(e: RecordEntry): ChangeEntry {
  return {
    table: e.table,
    id: e.id,
    before: e.after,
    after: e.before,
    ...(e.fields ? { fields: true } : {})
  }
}

/** Record key → the page a plan keeps it on (every touched page's member list). */
function plannedPages(plan: PagePlan): Map<string, string> {
  const out = new Map<string, string>()
  for (const [pageId, ids] of plan.touched) {
    const table = plan.tables.get(pageId)!
    for (const id of ids) out.set(recordKey(table, id), pageId)
  }
  return out
}

/** JSON with object keys sorted and undefined fields dropped: equal strings mean equal records. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v
    ) ?? 'undefined'
  )
}

/** The id of an incoming record ('' when it has none; the validator reports that). */
function idOfRecord(record: unknown): string {
  return record && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string'
    ? (record as { id: string }).id
    : ''
}

/** How a record is named in a message: its title when it has one, else its id. */
function recordLabel(record: StoredRecord | null): string {
  if (record && typeof record.title === 'string') return `"${record.title}"`
  return record ? `record ${record.id}` : 'een record'
}

function pickChanged(a: object, b: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (JSON.stringify(ra[k]) !== JSON.stringify(rb[k])) out[k] = ra[k]
  }
  return out
}

function missing(id: string): Issue[] {
  return [
    {
      code: 'missing_node',
      path: ['id'],
      message: `Record ${id} bestaat niet (meer).`,
      recordId: id
    }
  ]
}

function dupIssue(id: string): Issue[] {
  return [
    {
      code: 'duplicate_id',
      path: ['id'],
      message: `Er bestaat al een record met id ${id}.`,
      recordId: id
    }
  ]
}

function notAuthor(id: string, author: string): Issue[] {
  return [
    {
      code: 'invalid_field',
      path: ['author'],
      message: `Alleen ${author} kan deze annotatie wijzigen of verwijderen.`,
      recordId: id
    }
  ]
}

export type { NodeId, EdgeId, AnnotationId }
