/**
 * The change log of the graph repository: every write appends one `changes` row in the same
 * transaction that rewrites the touched pages ({@link writeChange}, the repository's one write
 * transaction), and the log answers "what happened to this record" ({@link history}).
 */
import { newId } from '../../domain/ids'
import type { ChangeEntry, ChangeRow, PageRow } from '../db'
import type { PagePlan } from '../page-index'
import {
  applyToStore,
  changeTable,
  pageRows,
  pageTable,
  type AnyRecord,
  type PendingWrite,
  type ProgressOptions,
  type RepositoryContext
} from './repository-context'
import { assertFresh, claimRevision, committed } from './sync'

/** Changes touching more records than this are logged as one bulk row without a per-record index. */
export const BULK_THRESHOLD = 200

/** Pages per `bulkPut` in {@link writeChange}: progress is reported and a cancel checked in between. */
const BATCH = 25

/** A new change row (entries still empty) by the current author, now. */
export function changeRow(
  ctx: RepositoryContext,
  action: string,
  recordIds: string[],
  bulk: boolean,
  count: number
): ChangeRow {
  return {
    id: newId(),
    at: ctx.now(),
    author: ctx.author(),
    action,
    recordIds,
    count,
    bulk,
    entries: '[]'
  }
}

/**
 * The repository's one write transaction: puts the page `rows` (in batches of {@link BATCH},
 * reporting progress and checking the signal before each batch), after clearing every page when
 * `clear` is set; appends `change`; and marks every redoable change discarded. Aborting via
 * `progress.signal` rolls the whole transaction back: nothing is half written.
 *
 * The transaction first checks that no other window committed since this one caught up (else it
 * throws StaleError and writes nothing; the repository catches up and runs the write again), then
 * gives the change the next database revision and, with `plan`, the page of every record it wrote.
 */
export async function writeChange(
  ctx: RepositoryContext,
  change: ChangeRow,
  rows: readonly PageRow[],
  options: { clear?: boolean; progress?: ProgressOptions; plan?: PagePlan } = {}
): Promise<void> {
  const { clear = false, progress = {}, plan } = options
  const discard = ctx.history.redoIds()
  const pages = pageTable(ctx)
  if (plan) change.pages = pagesOf(plan)
  await ctx.db.transaction('rw', [pages, changeTable(ctx), ctx.db.table('meta')], async () => {
    await assertFresh(ctx)
    await claimRevision(ctx, change)
    if (clear) await pages.clear()
    for (let i = 0; i < rows.length; i += BATCH) {
      throwIfAborted(progress.signal)
      await pages.bulkPut(rows.slice(i, i + BATCH))
      progress.onProgress?.(Math.min(i + BATCH, rows.length), rows.length)
    }
    // A cancel during the last batch still rolls back: nothing commits after an abort.
    throwIfAborted(progress.signal)
    await changeTable(ctx).add(change)
    await discardRedo(ctx, discard, change.at)
  })
  committed(ctx, change)
}

/** Record id → page id, for every record on the pages a plan touches that it writes. */
export function pagesOf(plan: PagePlan): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [pageId, ids] of plan.touched) for (const id of ids) out[id] = pageId
  return out
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Afgebroken', 'AbortError')
}

/**
 * Commits one ordinary (undoable) change: writes the pages touched by `writes` and one change row
 * with an entry per record (only the changed fields when `fieldPatch`), then patches memory and makes
 * the change the next undo step.
 */
export async function commit(
  ctx: RepositoryContext,
  action: string,
  writes: PendingWrite[],
  fieldPatch = false
): Promise<void> {
  const pending = new Map<string, AnyRecord>()
  for (const w of writes) pending.set(w.after.id, w.after)
  const plan = ctx.pages.plan(writes.map((w) => ({ table: w.table, id: w.after.id })))
  const rows = pageRows(ctx, plan, pending)
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
  const change = changeRow(
    ctx,
    action,
    bulk ? [] : [...new Set(writes.map((w) => w.after.id))],
    bulk,
    writes.length
  )
  change.entries = JSON.stringify(entries)
  await writeChange(ctx, change, rows, { plan: onlyWritten(plan, pending) })
  ctx.pages.commit(plan)
  applyToStore(
    ctx,
    writes.map((w) => ({ table: w.table, record: w.after }))
  )
  ctx.history.committed(change)
}

/** The plan narrowed to the records in `written` (a page's other members need no placing). */
export function onlyWritten(plan: PagePlan, written: ReadonlyMap<string, unknown>): PagePlan {
  const touched = new Map<string, string[]>()
  for (const [pageId, ids] of plan.touched) touched.set(pageId, ids.filter((id) => written.has(id)))
  return { ...plan, touched }
}

/** Marks undone changes as no longer redoable (inside the caller's transaction). */
export async function discardRedo(
  ctx: RepositoryContext,
  ids: readonly string[],
  at: string
): Promise<void> {
  if (ids.length) {
    await changeTable(ctx)
      .where(':id')
      .anyOf([...ids])
      .modify({ discardedAt: at })
  }
}

/** The change log rows that touched a record, newest first (bulk rows are not indexed per record). */
export async function history(ctx: RepositoryContext, recordId: string): Promise<ChangeRow[]> {
  const rows = await changeTable(ctx).where('recordIds').equals(recordId).toArray()
  return rows.sort(newestFirst)
}

/** The newest change rows, newest first. */
export function recentChanges(ctx: RepositoryContext, limit: number): Promise<ChangeRow[]> {
  return changeTable(ctx).orderBy('at').reverse().limit(limit).toArray()
}

/** Whether undo must stop at this row: marked, or a whole-graph row whose entries are a summary. */
export function isBarrier(row: ChangeRow): boolean {
  return row.barrier === true || row.entries.charAt(0) !== '['
}

function newestFirst(a: ChangeRow, b: ChangeRow): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** The fields of `a` whose value differs in `b` (with `a`'s values). */
function pickChanged(a: object, b: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (JSON.stringify(ra[k]) !== JSON.stringify(rb[k])) out[k] = ra[k]
  }
  return out
}
