/**
 * Many windows on one database. Every write transaction carries the database's revision (a counter
 * in `meta`, +1 per committed change, stored on the change row): a window whose memory is behind the
 * stored revision may not write ({@link assertFresh} throws {@link StaleError} inside the
 * transaction, so nothing is written) and first catches up ({@link catchUp}: it reads the change rows
 * it has not seen, in revision order, and patches its store through the ordinary diff events). The
 * repository then runs the write again on the fresh records, so a stale window never writes a page
 * from an old copy, never places a new record over another window's, and never cascades a delete
 * past an edge it did not know of. After a commit the window says so on a BroadcastChannel
 * ({@link SyncChannel}); the others catch up at once instead of at their next write.
 *
 * Whole-graph writes (replace, merge import) log a summary, not records: a window that meets one
 * while catching up reloads everything.
 */
import type { Table } from 'dexie'
import type { ChangeRow, KeyValueRow, RecordTable } from '../db'
import {
  applyResults,
  changeTable,
  type AnyRecord,
  type RepositoryContext
} from './repository-context'
import { entryResult, parseEntries } from './undo'

/** The `meta` key of the database revision. */
export const REVISION_KEY = 'revision'

/**
 * Thrown inside a write transaction when another window committed since this one last caught up.
 * It aborts the transaction (nothing is written); the repository catches up and tries again.
 */
export class StaleError extends Error {
  override readonly name = 'KgStaleError'
  constructor(
    readonly ours: number,
    readonly stored: number
  ) {
    super(`Stale window: memory at revision ${ours}, database at ${stored}`)
  }
}

export function isStaleError(error: unknown): error is StaleError {
  return (
    error instanceof StaleError || (error as { name?: unknown } | null)?.name === 'KgStaleError'
  )
}

function metaTable(ctx: RepositoryContext): Table<KeyValueRow, string> {
  return ctx.db.table<KeyValueRow, string>('meta')
}

/*
 * The three helpers below run inside the caller's transaction and return Dexie's own promises (no
 * `async`): awaiting a native promise there would let IndexedDB commit the transaction early.
 */

/** The stored revision (0 before the first change). Call inside a transaction that includes `meta`. */
export function storedRevision(ctx: RepositoryContext): PromiseLike<number> {
  return metaTable(ctx)
    .get(REVISION_KEY)
    .then((row) => (typeof row?.value === 'number' ? row.value : 0))
}

/** Inside a write transaction: throws {@link StaleError} unless memory is at the stored revision. */
export function assertFresh(ctx: RepositoryContext): PromiseLike<void> {
  return storedRevision(ctx).then((stored) => {
    if (stored !== ctx.sync.revision) throw new StaleError(ctx.sync.revision, stored)
  })
}

/**
 * Inside a write transaction, after {@link assertFresh}: gives `change` the next revision and stores
 * it. The caller sets `ctx.sync.revision` once the transaction has committed ({@link committed}).
 */
export function claimRevision(ctx: RepositoryContext, change: ChangeRow): PromiseLike<unknown> {
  change.revision = ctx.sync.revision + 1
  return metaTable(ctx).put({ key: REVISION_KEY, value: change.revision })
}

/** After a transaction that claimed `change`'s revision committed: memory is at it; tell the others. */
export function committed(ctx: RepositoryContext, change: ChangeRow): void {
  if (typeof change.revision === 'number') {
    ctx.sync.revision = change.revision
    ctx.sync.announce(change.revision)
  }
}

/**
 * Brings memory up to the stored revision: reads every change row newer than ours, in order, and
 * applies their records to the store as one patch (a record an undo removed is reported once as
 * deleted, then forgotten). Records new to this window are placed on the page the writer put them
 * on. Meeting a whole-graph write, or a gap in the log, calls `reload` instead. Returns whether
 * anything changed.
 */
export async function catchUp(
  ctx: RepositoryContext,
  reload: () => Promise<void>
): Promise<boolean> {
  const { rows, stored } = await ctx.db.transaction(
    'r',
    [changeTable(ctx), metaTable(ctx)],
    async () => ({
      stored: await storedRevision(ctx),
      rows: await changeTable(ctx).where('revision').above(ctx.sync.revision).sortBy('revision')
    })
  )
  if (stored === ctx.sync.revision) return false
  const parsed: { row: ChangeRow; entries: NonNullable<ReturnType<typeof parseEntries>> }[] = []
  let expected = ctx.sync.revision + 1
  for (const row of rows) {
    const entries = parseEntries(row.entries)
    // A whole-graph write, or a revision missing from the log: read everything again.
    if (!entries || row.revision !== expected) {
      await reload()
      return true
    }
    parsed.push({ row, entries })
    expected++
  }
  if (expected !== stored + 1) {
    await reload()
    return true
  }
  const latest = new Map<string, { table: RecordTable; id: string; record: AnyRecord | null }>()
  for (const { row, entries } of parsed) {
    for (const e of entries) {
      const key = `${e.table}/${e.id}`
      const current = latest.has(key)
        ? latest.get(key)!.record
        : ((ctx.store.table(e.table).get(e.id) as AnyRecord | undefined) ?? null)
      const record = entryResult(e, current) as AnyRecord | null
      latest.set(key, { table: e.table, id: e.id, record })
      const pageId = row.pages?.[e.id]
      if (pageId && record) ctx.pages.adopt(e.table, e.id, pageId)
    }
  }
  ctx.sync.revision = stored
  applyResults(ctx, latest.values(), ctx.now())
  return true
}

/** Tells other windows of this database about each commit, and hears theirs. */
export interface SyncChannel {
  announce(revision: number): void
  close(): void
}

/**
 * A BroadcastChannel named after the database: `onRevision` runs when another window (or another
 * repository in this window) committed. Where BroadcastChannel is missing, a window still catches up
 * before its next write.
 */
export function openSyncChannel(
  dbName: string,
  onRevision: (revision: number) => void
): SyncChannel {
  if (typeof BroadcastChannel === 'undefined')
    return { announce: () => undefined, close: () => undefined }
  const channel = new BroadcastChannel(`kennisgraaf-sync:${dbName}`)
  channel.onmessage = (event: MessageEvent<unknown>): void => {
    const revision = (event.data as { revision?: unknown } | null)?.revision
    if (typeof revision === 'number') onRevision(revision)
  }
  return {
    announce: (revision) => channel.postMessage({ revision }),
    close: () => channel.close()
  }
}
