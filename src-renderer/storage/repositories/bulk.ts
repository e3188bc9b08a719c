/**
 * Writes of many records at once: several nodes and edges as one undoable change (`createMany`),
 * node positions (`setPositions`), and whole-graph writes (`replaceGraph`, `mergeGraph`: imports,
 * a new map, the demo), which are barriers undo never reaches past. Whole-graph writes go through
 * the one batched write transaction of change-log.ts, with progress and cancellation. Also the
 * complete backup: {@link readBackup} reads every part of the map in one transaction and
 * {@link restoreBackup} writes one back in one transaction.
 */
import type { GraphEdge } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { GraphNode, Position } from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import { validateEdge, validateGraph, validateNode } from '../../domain/validate'
import type { ChangeEntry, ChangeRow, PageRow, RecordTable } from '../db'
import { chunkIntoPages } from '../page-index'
import { MAP_INFO_KEY, mapInfoOf, type MapInfo } from '../views'
import { BULK_THRESHOLD, changeRow, commit, onlyWritten, writeChange } from './change-log'
import { dupIssue, stamp, touch, type EdgeDraft, type NodeDraft } from './records'
import {
  applyToStore,
  canonical,
  pageRows,
  READ_ONLY,
  storedTable,
  type AnyRecord,
  type PendingWrite,
  type ProgressOptions,
  type RepositoryContext,
  type WriteOptions
} from './repository-context'

/** The records of a whole-graph write, not yet validated. */
export interface GraphInput {
  nodes: readonly unknown[]
  edges: readonly unknown[]
  annotations?: readonly unknown[]
}

/**
 * Creates several nodes and the edges between them (or to existing nodes) as one change: all are
 * validated first (edges against the existing and the new nodes), then written in one transaction,
 * so one undo takes them all back.
 */
export async function createMany(
  ctx: RepositoryContext,
  input: { nodes: NodeDraft[]; edges: EdgeDraft[] },
  action: string
): Promise<Result<{ nodes: GraphNode[]; edges: GraphEdge[] }>> {
  const nodes: GraphNode[] = []
  const fresh = new Map<string, GraphNode>()
  for (const draft of input.nodes) {
    const r = validateNode(stamp(ctx, draft, null))
    if (!r.ok) return r
    if (ctx.store.nodes.has(r.value.id) || fresh.has(r.value.id)) return fail(dupIssue(r.value.id))
    fresh.set(r.value.id, r.value)
    nodes.push(r.value)
  }
  const edges: GraphEdge[] = []
  for (const draft of input.edges) {
    const r = validateEdge(stamp(ctx, draft, null), (id) => fresh.get(id) ?? ctx.store.node(id))
    if (!r.ok) return r
    if (ctx.store.edges.has(r.value.id)) return fail(dupIssue(r.value.id))
    edges.push(r.value)
  }
  await commit(ctx, action, [
    ...nodes.map((n) => ({ table: 'nodes' as const, before: null, after: n })),
    ...edges.map((e) => ({ table: 'edges' as const, before: null, after: e }))
  ])
  return ok({ nodes, edges })
}

/** Saves node positions (after a drag or a layout) as one change of only the position fields. */
export async function setPositions(
  ctx: RepositoryContext,
  positions: ReadonlyMap<string, Position>,
  action: string
): Promise<Result<number>> {
  const at = ctx.now()
  const writes: PendingWrite[] = []
  for (const [id, position] of positions) {
    const n = ctx.store.node(id)
    if (!n) continue
    writes.push({ table: 'nodes', before: n, after: touch(ctx, { ...n, position }, at) })
  }
  if (writes.length) await commit(ctx, action, writes, true)
  return ok(writes.length)
}

/**
 * Replaces the whole stored graph with `input`. Validates everything first (unless
 * `options.prevalidated` vouches for it); writes all pages and one change row in one transaction.
 * Aborting via `progress.signal` rolls it back.
 */
export async function replaceGraph(
  ctx: RepositoryContext,
  input: GraphInput,
  action: string,
  progress: ProgressOptions,
  options: WriteOptions
): Promise<Result<GraphData>> {
  if (ctx.readOnly) return fail([READ_ONLY])
  let graph: GraphData
  if (options.prevalidated?.(ctx.store)) graph = input as GraphData
  else {
    const checked = validateGraph(input)
    if (!checked.ok) return checked
    graph = checked.value
  }
  const chunks = [
    ...chunkIntoPages('nodes', graph.nodes),
    ...chunkIntoPages('edges', graph.edges),
    ...chunkIntoPages('annotations', graph.annotations)
  ]
  const before = {
    nodes: ctx.store.nodes.size,
    edges: ctx.store.edges.size,
    annotations: ctx.store.annotations.size
  }
  const change = changeRow(
    ctx,
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
  await writeChange(
    ctx,
    change,
    chunks.map((c) => c.row),
    { clear: true, progress }
  )
  ctx.pages.load(chunks.map((c) => ({ id: c.row.id, table: c.row.table, ids: c.ids })))
  ctx.store.reset(graph)
  ctx.history.clear()
  return ok(graph)
}

/**
 * Merges `input` into the stored graph by id: records with an id that exists are replaced by the
 * incoming version, new ids are added, everything else stays. The merged graph is validated as a
 * whole (unless `options.prevalidated` vouches for the input); on any issue nothing is written. Then
 * the pages holding changed or new records are written with one change row. Up to
 * {@link MERGE_UNDO_MAX} records it is one ordinary undoable change (every record's before and
 * after are logged); a larger merge, or one with `options.undoable === false` (a restore), logs a
 * summary and is an undo barrier. Records identical to the stored ones are not rewritten.
 */
/** Merges writing more records than this are not undoable (their before/after would double the log). */
export const MERGE_UNDO_MAX = 50_000

export async function mergeGraph(
  ctx: RepositoryContext,
  input: GraphInput,
  action: string,
  progress: ProgressOptions,
  options: WriteOptions
): Promise<Result<{ added: number; updated: number; unchanged: number }>> {
  let records: GraphData
  if (options.prevalidated?.(ctx.store)) records = input as GraphData
  else {
    const checked = validateMerged(ctx, input)
    if (!checked.ok) return checked
    records = checked.value
  }
  const writes: { table: RecordTable; record: AnyRecord }[] = []
  let added = 0
  let updated = 0
  let unchanged = 0
  for (const table of ['nodes', 'edges', 'annotations'] as const) {
    const stored = storedTable(ctx, table)
    for (const record of records[table] as AnyRecord[]) {
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
  const plan = ctx.pages.plan(writes.map((w) => ({ table: w.table, id: w.record.id })))
  const pending = new Map(writes.map((w) => [w.record.id, w.record]))
  const rows = pageRows(ctx, plan, pending)
  const undoable = options.undoable !== false && writes.length <= MERGE_UNDO_MAX
  let change: ChangeRow
  if (undoable) {
    // One undoable change: every record with its value before (null: new) and after.
    const bulkRow = writes.length > BULK_THRESHOLD
    change = changeRow(
      ctx,
      action,
      bulkRow ? [] : [...new Set(writes.map((w) => w.record.id))],
      bulkRow,
      writes.length
    )
    const entries: ChangeEntry[] = writes.map((w) => ({
      table: w.table,
      id: w.record.id,
      before: storedTable(ctx, w.table).get(w.record.id) ?? null,
      after: w.record
    }))
    change.entries = JSON.stringify(entries)
  } else {
    change = changeRow(ctx, action, [], true, writes.length)
    change.entries = JSON.stringify({ merged: { added, updated, unchanged } })
    change.barrier = true
  }
  await writeChange(ctx, change, rows, { progress, plan: onlyWritten(plan, pending) })
  ctx.pages.commit(plan)
  applyToStore(ctx, writes)
  if (undoable) ctx.history.committed(change)
  else ctx.history.clear()
  return ok({ added, updated, unchanged })
}

/**
 * Validates `input` merged into the stored graph as a whole (so an incoming edge may point at a
 * stored node, and an incoming node may not break a stored edge); returns the incoming records as
 * validated.
 */
function validateMerged(ctx: RepositoryContext, input: GraphInput): Result<GraphData> {
  const incoming = {
    nodes: new Map(input.nodes.map((r) => [idOfRecord(r), r])),
    edges: new Map(input.edges.map((r) => [idOfRecord(r), r])),
    annotations: new Map((input.annotations ?? []).map((r) => [idOfRecord(r), r]))
  }
  const merged = (table: RecordTable): unknown[] => {
    const fresh = incoming[table]
    const out: unknown[] = []
    for (const [id, r] of storedTable(ctx, table)) {
      if (!fresh.has(id)) out.push(r)
    }
    const list =
      table === 'nodes' ? input.nodes : table === 'edges' ? input.edges : (input.annotations ?? [])
    return [...out, ...list]
  }
  const checked = validateGraph({
    nodes: merged('nodes'),
    edges: merged('edges'),
    annotations: merged('annotations')
  })
  if (!checked.ok) return checked
  const only = <T extends AnyRecord>(table: RecordTable, list: T[]): T[] =>
    list.filter((r) => incoming[table].has(r.id))
  return ok({
    nodes: only('nodes', checked.value.nodes),
    edges: only('edges', checked.value.edges),
    annotations: only('annotations', checked.value.annotations)
  })
}

/** The id of an incoming record ('' when it has none; the validator reports that). */
function idOfRecord(record: unknown): string {
  return record && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string'
    ? (record as { id: string }).id
    : ''
}

// ---------- complete backups ----------

/** A saved view or presentation as a backup carries it: opaque, with an id. */
export type BackupRecord = { id: string } & Record<string, unknown>

/** What a backup holds besides the records (see exchange/formats/kg-json.ts). */
export interface BackupParts {
  /** Saved views and presentations, as stored (any object with an id). */
  views: BackupRecord[]
  presentations: BackupRecord[]
  /**
   * Change-log rows, oldest first, without the database-local bookkeeping (`revision`, `pages`).
   * Undefined: the backup does not hold the history (a restore keeps the stored one as it is).
   */
  history?: ChangeRow[]
  /** The settings that belong to the map (title, description). */
  map: MapInfo
}

/** A complete backup as read from the database. */
export interface BackupData extends BackupParts {
  graph: GraphData
}

/** What {@link readBackup} includes beyond the live records, views, presentations and map info. */
export interface BackupOptions {
  /** Soft-deleted records too (so a restore can bring them back, and a merge knows them). */
  deleted?: boolean
  /** The change history too. */
  history?: boolean
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function oldestFirst(a: ChangeRow, b: ChangeRow): number {
  return a.at !== b.at ? (a.at < b.at ? -1 : 1) : byId(a, b)
}

/** A change row as a backup holds it: without the fields that only mean something in one database. */
export function portableChange(row: ChangeRow): ChangeRow {
  const { revision: _revision, pages: _pages, ...rest } = row as ChangeRow & {
    revision?: unknown
    pages?: unknown
  }
  return rest
}

/**
 * Reads a complete backup from the database in one read transaction, so every part is of the same
 * moment: the records (live ones, and with `deleted` the soft-deleted ones too), saved views and
 * presentations, the map's title and description, and with `history` the change log. Records come
 * in page order, views, presentations by id, history oldest first: equal databases give equal
 * backups.
 */
export async function readBackup(
  ctx: RepositoryContext,
  options: BackupOptions = {}
): Promise<BackupData> {
  const db = ctx.db
  const names = ['pages', 'views', 'presentations', 'changes', 'meta'].filter((n) =>
    db.tables.some((t) => t.name === n)
  )
  return db.transaction('r', names, async () => {
    const has = (n: string): boolean => names.includes(n)
    const pages = has('pages') ? ((await db.table('pages').toArray()) as PageRow[]) : []
    pages.sort(byId)
    const graph: GraphData = { nodes: [], edges: [], annotations: [] }
    for (const page of pages) {
      const target = graph[page.table] as AnyRecord[]
      for (const r of JSON.parse(page.data) as AnyRecord[]) {
        if (options.deleted || !r.deletedAt) target.push(r)
      }
    }
    const views = has('views') ? ((await db.table('views').toArray()) as BackupRecord[]) : []
    const presentations = has('presentations')
      ? ((await db.table('presentations').toArray()) as BackupRecord[])
      : []
    const map = has('meta')
      ? mapInfoOf(((await db.table('meta').get(MAP_INFO_KEY)) as { value?: unknown } | undefined)?.value)
      : {}
    const out: BackupData = {
      graph,
      views: views.sort(byId),
      presentations: presentations.sort(byId),
      map
    }
    if (options.history && has('changes')) {
      const rows = (await db.table('changes').toArray()) as ChangeRow[]
      out.history = rows.map(portableChange).sort(oldestFirst)
    }
    return out
  })
}

/** What {@link restoreBackup} wrote besides the records. */
export interface RestoreReport {
  views: number
  presentations: number
  /** Change-log rows added (rows the database already had are kept as they are). */
  history: number
}

/** Aborts the restore transaction when the records do not validate (nothing is written). */
class RestoreRefused extends Error {}

/**
 * Writes a backup in one transaction: the records as {@link replaceGraph} or {@link mergeGraph} do,
 * and in the same transaction the other parts.
 * - `replace` (restore): saved views, presentations and the map's title and description become
 *   exactly the backup's.
 * - `merge`: views and presentations are merged by id (the backup's version wins for an id both
 *   have; the others stay); the map's title and description are taken only where the map has none.
 * - History (both modes): rows the database lacks are added, rows it has (same id) are kept as
 *   they are; nothing is deleted. The restore itself is logged as one more change, an undo barrier,
 *   ordered after every restored row: restored history is there to be read, never undone.
 * On any failure (invalid records, a cancel, the disk full) nothing is written.
 */
export async function restoreBackup<T>(
  ctx: RepositoryContext,
  parts: BackupParts,
  mode: 'replace' | 'merge',
  write: (ctx: RepositoryContext) => Promise<Result<T>>
): Promise<Result<T & { restored: RestoreReport }>> {
  if (ctx.readOnly) return fail([READ_ONLY])
  const db = ctx.db
  let result: Result<T> | null = null
  const restored: RestoreReport = { views: 0, presentations: 0, history: 0 }
  // The restore's own change row comes after the restored history (and after now).
  let latest = ''
  for (const row of parts.history ?? []) if (row.at > latest) latest = row.at
  const later = (): string => {
    const now = ctx.now()
    return now > latest ? now : latest
  }
  const restoreCtx = Object.create(ctx, { now: { value: later } }) as RepositoryContext
  try {
    await db.transaction('rw', db.tables, async () => {
      const views = db.table('views')
      const presentations = db.table('presentations')
      if (mode === 'replace') {
        await views.clear()
        await presentations.clear()
      }
      await views.bulkPut(parts.views)
      await presentations.bulkPut(parts.presentations)
      restored.views = parts.views.length
      restored.presentations = parts.presentations.length
      const meta = db.table('meta')
      if (mode === 'replace') await meta.put({ key: MAP_INFO_KEY, value: mapInfoOf(parts.map) })
      else {
        const stored = mapInfoOf(((await meta.get(MAP_INFO_KEY)) as { value?: unknown } | undefined)?.value)
        const merged: MapInfo = {
          ...(stored.title || parts.map.title ? { title: stored.title || parts.map.title } : {}),
          ...(stored.description || parts.map.description
            ? { description: stored.description || parts.map.description }
            : {})
        }
        await meta.put({ key: MAP_INFO_KEY, value: merged })
      }
      if (parts.history?.length) {
        const changes = db.table('changes')
        const ids = parts.history.map((r) => r.id)
        const present = new Set((await changes.where(':id').anyOf(ids).primaryKeys()) as string[])
        const missing = parts.history.filter((r) => !present.has(r.id)).map(portableChange)
        await changes.bulkAdd(missing)
        restored.history = missing.length
      }
      // Last: the records (this also patches memory once its own write is done).
      result = await write(restoreCtx)
      if (!result.ok) throw new RestoreRefused()
    })
  } catch (error) {
    if (error instanceof RestoreRefused && result) return result
    throw error
  }
  const done = result as Result<T> | null
  if (!done || !done.ok) return done ?? fail([READ_ONLY])
  return ok({ ...done.value, restored })
}

/** What {@link restoreInto} did: the records (replace: counts; merge: added/updated/unchanged) and the rest. */
export type RestoreOutcome =
  | { mode: 'replace'; restored: RestoreReport }
  | { mode: 'merge'; added: number; updated: number; unchanged: number; restored: RestoreReport }

/** {@link restoreBackup} with the records written by {@link replaceGraph} or {@link mergeGraph}. */
export async function restoreInto(
  ctx: RepositoryContext,
  input: GraphInput,
  parts: BackupParts,
  mode: 'replace' | 'merge',
  action: string,
  progress: ProgressOptions,
  options: WriteOptions
): Promise<Result<RestoreOutcome>> {
  if (mode === 'replace') {
    const r = await restoreBackup(ctx, parts, mode, async (c) => {
      const w = await replaceGraph(c, input, action, progress, options)
      return w.ok ? ok({ mode: 'replace' as const }) : w
    })
    return r
  }
  return restoreBackup(ctx, parts, mode, async (c) => {
    // A restore also writes views, presentations and history: it stays an undo barrier.
    const w = await mergeGraph(c, input, action, progress, { ...options, undoable: false })
    return w.ok ? ok({ mode: 'merge' as const, ...w.value }) : w
  })
}
