/**
 * What the parts of the graph repository share (records.ts, bulk.ts, change-log.ts, undo.ts): the
 * database, the in-memory store and page index, the clock and author, and the undo history; plus the
 * small helpers every write uses. GraphRepository (graph-repository.ts) owns one context and
 * serialises every write through it.
 */
import type Dexie from 'dexie'
import type { Table } from 'dexie'
import type { Annotation } from '../../domain/annotations'
import type { GraphEdge } from '../../domain/edge-kinds'
import type { GraphNode } from '../../domain/node-kinds'
import type { Issue } from '../../domain/result'
import type { ChangeRow, PageRow, RecordTable } from '../db'
import type { GraphPatch, GraphStore } from '../graph-store'
import { encodePage, type PageIndex, type PagePlan } from '../page-index'
import type { UndoHistory } from './undo'

export type AnyRecord = GraphNode | GraphEdge | Annotation

/** One record a change writes: its value before (null when new) and after. */
export interface PendingWrite {
  table: RecordTable
  before: AnyRecord | null
  after: AnyRecord
}

export interface RepositoryOptions {
  /** The local author name (from settings) written on every record and change. */
  author: () => string
  now?: () => string
  /**
   * Hear other windows' commits on a BroadcastChannel and catch up at once (default true). Without
   * it a window still catches up inside its next write; tests turn it off to force that path.
   */
  broadcast?: boolean
}

export interface ProgressOptions {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** How a whole-graph write may skip its own validation. */
export interface WriteOptions {
  /**
   * For input validated before (an import: exchange/import/validate.ts). Called in the write queue
   * with the live store; true means nothing that validation relied on has changed, so the input is
   * written as it is. Absent or false: the repository validates as usual.
   */
  prevalidated?: (store: GraphStore) => boolean
  /** A merge may be undone (default true, up to MERGE_UNDO_MAX records); false keeps it a barrier. */
  undoable?: boolean
}

/** Where this window's memory stands against the database (see sync.ts). */
export interface SyncState {
  /** The database revision memory reflects. */
  revision: number
  /** Tells other windows a commit made `revision`. */
  announce: (revision: number) => void
}

/** The state every part of the repository works on. */
export interface RepositoryContext {
  readonly db: Dexie
  /** True when opened on a newer schema, or since a newer version upgraded the database. */
  readonly readOnly: boolean
  readonly sync: SyncState
  readonly store: GraphStore
  readonly pages: PageIndex
  readonly history: UndoHistory
  readonly now: () => string
  readonly author: () => string
}

export const READ_ONLY: Issue = {
  code: 'read_only',
  path: [],
  message:
    'Deze database is gemaakt met een nieuwere versie van de app en is alleen-lezen geopend. Werk de app bij om te kunnen bewerken.'
}

export function pageTable(ctx: RepositoryContext): Table<PageRow, string> {
  return ctx.db.table('pages')
}

export function changeTable(ctx: RepositoryContext): Table<ChangeRow, string> {
  return ctx.db.table('changes')
}

/** The stored records of one table, by id (soft-deleted ones included). */
export function storedTable(ctx: RepositoryContext, table: RecordTable): Map<string, AnyRecord> {
  return ctx.store.table(table) as Map<string, AnyRecord>
}

/** Patches the in-memory store with records a committed transaction wrote. */
export function applyToStore(
  ctx: RepositoryContext,
  written: readonly { table: RecordTable; record: AnyRecord }[]
): void {
  const patch: GraphPatch = { nodes: [], edges: [], annotations: [] }
  for (const w of written) (patch[w.table] as AnyRecord[]).push(w.record)
  ctx.store.apply(patch)
}

/**
 * Patches the store with the outcome of a revert or a catch-up: a record, or null where the record
 * is gone (a create undone). Subscribers learn of a removed record as a deleted one (at `at`); then
 * the store forgets it.
 */
export function applyResults(
  ctx: RepositoryContext,
  results: Iterable<{ table: RecordTable; id: string; record: AnyRecord | null }>,
  at: string
): void {
  const patch: GraphPatch = { nodes: [], edges: [], annotations: [] }
  const removed: { table: RecordTable; id: string }[] = []
  for (const { table, id, record } of results) {
    if (record) {
      ;(patch[table] as AnyRecord[]).push(record)
      continue
    }
    const current = storedTable(ctx, table).get(id)
    if (!current) continue
    ;(patch[table] as AnyRecord[]).push({ ...current, deletedAt: current.deletedAt ?? at })
    removed.push({ table, id })
  }
  ctx.store.apply(patch)
  for (const { table, id } of removed) ctx.store.table(table).delete(id)
}

/** The full rows of the pages a plan touches: pending records where written, stored ones elsewhere. */
export function pageRows(
  ctx: RepositoryContext,
  plan: PagePlan,
  pending: ReadonlyMap<string, AnyRecord>
): PageRow[] {
  const rows: PageRow[] = []
  for (const [pageId, ids] of plan.touched) {
    const table = plan.tables.get(pageId)!
    const map = storedTable(ctx, table)
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

/** JSON with object keys sorted and undefined fields dropped: equal strings mean equal records. */
export function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v
    ) ?? 'undefined'
  )
}
