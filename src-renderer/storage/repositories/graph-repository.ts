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
import { PageIndex, chunkIntoPages, encodePage } from '../page-index'

/** Changes touching more records than this are logged as one bulk row without a per-record index. */
export const BULK_THRESHOLD = 200

type RecordFieldKeys = 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'deletedAt'
/** What a form or importer hands in for a new node: record fields are optional and filled in here. */
export type NodeDraft = Omit<NodeInput, RecordFieldKeys> & { id?: string }
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
 */
export class GraphRepository {
  readonly store = new GraphStore()
  private readonly pages = new PageIndex()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly now: () => string

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

  /** Reads every page from storage into memory (start-up, or after another writer). */
  async reload(): Promise<void> {
    const rows = this.db.tables.some((t) => t.name === 'pages') ? await this.pageTable.toArray() : []
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
  }

  // ---------- nodes ----------

  /** Creates a node. Fills id, timestamps and author; validates; writes in one transaction. */
  createNode(draft: NodeDraft, action = 'node.create'): Promise<Result<GraphNode>> {
    return this.serial(async () => {
      const r = validateNode(this.stamp(draft, null))
      if (!r.ok) return r
      if (this.store.nodes.has(r.value.id)) return fail(dupIssue(r.value.id))
      await this.commit(action, [{ table: 'nodes', before: null, after: r.value }])
      return r
    })
  }

  /** Updates a node's fields. `kind` and record fields cannot be changed through a patch. */
  updateNode(id: string, patch: Partial<NodeDraft>, action = 'node.update'): Promise<Result<GraphNode>> {
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
  deleteNode(id: string, action = 'node.delete'): Promise<Result<{ edges: number; annotations: number }>> {
    return this.serial(async () => {
      const node = this.store.node(id)
      if (!node) return fail(missing(id))
      const at = this.now()
      const writes: PendingWrite[] = [{ table: 'nodes', before: node, after: this.tombstone(node, at) }]
      const goneEdges = new Set<string>()
      for (const e of this.store.edges.values()) {
        if (e.deletedAt) continue
        if (e.source === id || e.target === id) {
          goneEdges.add(e.id)
          writes.push({ table: 'edges', before: e, after: this.tombstone(e, at) })
        } else if (e.evidence.includes(id as NodeId)) {
          writes.push({ table: 'edges', before: e, after: this.touch({ ...e, evidence: e.evidence.filter((q) => q !== id) }, at) })
        }
      }
      let annotations = 0
      for (const a of this.store.annotations.values()) {
        if (a.deletedAt) continue
        if (a.targetId === id || goneEdges.has(a.targetId)) {
          annotations++
          writes.push({ table: 'annotations', before: a, after: this.tombstone(a, at) })
        } else if (a.quoteIds.includes(id as NodeId)) {
          writes.push({ table: 'annotations', before: a, after: this.touch({ ...a, quoteIds: a.quoteIds.filter((q) => q !== id) }, at) })
        }
      }
      await this.commit(action, writes)
      return ok({ edges: goneEdges.size, annotations })
    })
  }

  /** Saves node positions (after a drag or a layout) as one change. */
  setPositions(positions: ReadonlyMap<string, Position>, action = 'layout.positions'): Promise<Result<number>> {
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
    return this.serial(async () => {
      const r = validateEdge(this.stamp(draft, null), (id) => this.store.node(id))
      if (!r.ok) return r
      if (this.store.edges.has(r.value.id)) return fail(dupIssue(r.value.id))
      await this.commit(action, [{ table: 'edges', before: null, after: r.value }])
      return r
    })
  }

  updateEdge(id: string, patch: Partial<EdgeDraft>, action = 'edge.update'): Promise<Result<GraphEdge>> {
    return this.serial(async () => {
      const before = this.store.edge(id)
      if (!before) return fail(missing(id))
      const r = validateEdge(this.stamp({ ...before, ...patch }, before), (nid) => this.store.node(nid))
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
      const writes: PendingWrite[] = [{ table: 'edges', before: edge, after: this.tombstone(edge, at) }]
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
      const r = validateAnnotation({ ...this.stamp(draft, null), author: this.options.author() }, (t, id) =>
        t === 'edge' ? !!this.store.edge(id) : !!this.store.node(id)
      )
      if (!r.ok) return r
      await this.commit(action, [{ table: 'annotations', before: null, after: r.value }])
      return r
    })
  }

  /** Updates an annotation; only its own author may (experts never overwrite each other). */
  updateAnnotation(id: string, patch: Partial<AnnotationDraft>, action = 'annotation.update'): Promise<Result<Annotation>> {
    return this.serial(async () => {
      const before = this.store.annotations.get(id)
      if (!before || before.deletedAt) return fail(missing(id))
      if (before.author !== this.options.author()) return fail(notAuthor(id, before.author))
      const r = validateAnnotation(this.stamp({ ...before, ...patch, author: before.author }, before), (t, tid) =>
        t === 'edge' ? !!this.store.edge(tid) : !!this.store.node(tid)
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
      await this.commit(action, [{ table: 'annotations', before, after: this.tombstone(before, this.now()) }])
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
    input: { nodes: readonly unknown[]; edges: readonly unknown[]; annotations?: readonly unknown[] },
    action: string, progress: ProgressOptions = {}): Promise<Result<GraphData>> {
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
      const before = { nodes: this.store.nodes.size, edges: this.store.edges.size, annotations: this.store.annotations.size }
      const change = this.changeRow(action, [], true, graph.nodes.length + graph.edges.length + graph.annotations.length)
      change.entries = JSON.stringify({ replaced: before, counts: { nodes: graph.nodes.length, edges: graph.edges.length, annotations: graph.annotations.length } })
      const BATCH = 25
      await this.db.transaction('rw', [this.pageTable, this.changeTable], async () => {
        await this.pageTable.clear()
        for (let i = 0; i < chunks.length; i += BATCH) {
          if (progress.signal?.aborted) throw new DOMException('Afgebroken', 'AbortError')
          await this.pageTable.bulkPut(chunks.slice(i, i + BATCH).map((c) => c.row))
          progress.onProgress?.(Math.min(i + BATCH, chunks.length), chunks.length)
        }
        await this.changeTable.add(change)
      })
      this.pages.load(chunks.map((c) => ({ id: c.row.id, table: c.row.table, ids: c.ids })))
      this.store.reset(graph)
      return ok(graph)
    })
  }

  /** The change log rows that touched a record, newest first (bulk rows are not indexed per record). */
  async history(recordId: string): Promise<ChangeRow[]> {
    const rows = await this.changeTable.where('recordIds').equals(recordId).toArray()
    return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  }

  /** The newest change rows, newest first. */
  async recentChanges(limit = 50): Promise<ChangeRow[]> {
    return this.changeTable.orderBy('at').reverse().limit(limit).toArray()
  }

  /** Waits until every queued write has finished. */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined)
  }

  // ---------- internals ----------

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
    const rows: PageRow[] = []
    for (const [pageId, ids] of plan.touched) {
      const table = plan.tables.get(pageId)!
      const map = this.store.table(table) as Map<string, AnyRecord>
      const records = ids.map((id) => pending.get(id) ?? map.get(id)!)
      rows.push({ id: pageId, table, count: records.length, data: encodePage(records) })
    }
    const entries: ChangeEntry[] = writes.map((w) =>
      fieldPatch && w.before
        ? { table: w.table, id: w.after.id, before: pickChanged(w.before, w.after), after: pickChanged(w.after, w.before) }
        : { table: w.table, id: w.after.id, before: w.before, after: w.after }
    )
    const bulk = writes.length > BULK_THRESHOLD
    const change = this.changeRow(action, bulk ? [] : [...new Set(writes.map((w) => w.after.id))], bulk, writes.length)
    change.entries = JSON.stringify(entries)
    await this.db.transaction('rw', [this.pageTable, this.changeTable], async () => {
      await this.pageTable.bulkPut(rows)
      await this.changeTable.add(change)
    })
    this.pages.commit(plan)
    const patch: GraphPatch = { nodes: [], edges: [], annotations: [] }
    for (const w of writes) (patch[w.table] as AnyRecord[]).push(w.after)
    this.store.apply(patch)
  }

  private changeRow(action: string, recordIds: string[], bulk: boolean, count: number): ChangeRow {
    return { id: newId(), at: this.now(), author: this.options.author(), action, recordIds, count, bulk, entries: '[]' }
  }

  /** Fills record fields: a new id and creation stamp for new records, an update stamp always. */
  private stamp<T extends object>(draft: T, before: { id: string; createdAt: string; createdBy: string } | null): T & Record<string, unknown> {
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
  return [{ code: 'missing_node', path: ['id'], message: `Record ${id} bestaat niet (meer).`, recordId: id }]
}

function dupIssue(id: string): Issue[] {
  return [{ code: 'duplicate_id', path: ['id'], message: `Er bestaat al een record met id ${id}.`, recordId: id }]
}

function notAuthor(id: string, author: string): Issue[] {
  return [{ code: 'invalid_field', path: ['author'], message: `Alleen ${author} kan deze annotatie wijzigen of verwijderen.`, recordId: id }]
}

export type { NodeId, EdgeId, AnnotationId }
