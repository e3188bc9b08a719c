/**
 * Undo and redo of the graph repository, linear like any editor and kept in the change log so they
 * survive a restart (the rules are listed on GraphRepository). {@link UndoHistory} holds the two
 * stacks in memory; {@link revert} undoes or redoes one change in one transaction, first checking
 * that every record is exactly as the change (or its undo) left it.
 */
import { newId } from '../../domain/ids'
import { fail, ok, type Issue, type Result } from '../../domain/result'
import type { ChangeEntry, ChangeRow, PageRow, RecordTable } from '../db'
import { encodePage, type PagePlan } from '../page-index'
import { discardRedo, isBarrier, pagesOf } from './change-log'
import {
  applyResults,
  canonical,
  changeTable,
  pageTable,
  type AnyRecord,
  type RepositoryContext
} from './repository-context'
import { assertFresh, claimRevision, committed } from './sync'

/** The action of the row an undo appends to the change log (its `revertOf` names the undone change). */
export const UNDO_ACTION = 'history.undo'
/** The action of the row a redo appends to the change log (its `revertOf` names the redone change). */
export const REDO_ACTION = 'history.redo'
/** How many changes undo reaches back, in a session and after a restart. */
export const UNDO_DEPTH = 200
/** At most this many change rows are read at start-up to rebuild the undo and redo stacks. */
const HISTORY_SCAN_LIMIT = 5000

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

/** The undo and redo stacks, and who listens to them. */
export class UndoHistory {
  /** Applied undoable changes, oldest first; the last one is undone next. */
  private undoStack: HistoryUnit[] = []
  /** Undone, still redoable changes; the last one (the most recently undone) is redone next. */
  private redoStack: HistoryUnit[] = []
  private readonly listeners = new Set<(state: HistoryState) => void>()

  canUndo(): boolean {
    return this.undoStack.length > 0
  }

  canRedo(): boolean {
    return this.redoStack.length > 0
  }

  state(): HistoryState {
    return {
      canUndo: this.canUndo(),
      canRedo: this.canRedo(),
      nextUndo: this.undoStack[this.undoStack.length - 1] ?? null,
      nextRedo: this.redoStack[this.redoStack.length - 1] ?? null
    }
  }

  /** Calls `listener` with the new state after every change of the stacks; returns the unsubscribe. */
  subscribe(listener: (state: HistoryState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The ids of the redoable changes (a new change discards them). */
  redoIds(): string[] {
    return this.redoStack.map((u) => u.id)
  }

  /** After an ordinary change: it is undone next, and nothing is redoable any more. */
  committed(row: ChangeRow): void {
    this.redoStack = []
    this.undoStack.push(unitOf(row))
    if (this.undoStack.length > UNDO_DEPTH)
      this.undoStack.splice(0, this.undoStack.length - UNDO_DEPTH)
    this.emit()
  }

  /** After a whole-graph write (a barrier): nothing to undo or redo. */
  clear(): void {
    this.set([], [])
  }

  /** Sets both stacks (`applied` oldest first, `undone` most recently undone last). */
  set(applied: HistoryUnit[], undone: HistoryUnit[]): void {
    this.undoStack = applied
    this.redoStack = undone
    this.emit()
  }

  /** The change the next undo or redo would hit. */
  top(direction: Direction): HistoryUnit | undefined {
    const stack = direction === 'undo' ? this.undoStack : this.redoStack
    return stack[stack.length - 1]
  }

  /** After a successful undo or redo: its change moves to the other stack. */
  moved(direction: Direction): void {
    const [from, to] =
      direction === 'undo' ? [this.undoStack, this.redoStack] : [this.redoStack, this.undoStack]
    const unit = from.pop()
    if (unit) to.push(unit)
    this.emit()
  }

  /** After a refused undo (the change became a barrier) or redo (the redo stack was discarded). */
  drop(direction: Direction): void {
    if (direction === 'undo') this.undoStack = []
    else this.redoStack = []
    this.emit()
  }

  private emit(): void {
    const state = this.state()
    for (const l of this.listeners) l(state)
  }
}

/**
 * Rebuilds the undo and redo stacks from the change log, newest row first: undo/redo rows and
 * discarded changes are skipped; undone changes newer than every applied one form the redo stack;
 * applied changes form the undo stack, up to UNDO_DEPTH; a barrier row ends the walk.
 */
export async function loadHistory(ctx: RepositoryContext): Promise<void> {
  const applied: HistoryUnit[] = []
  const undone: HistoryUnit[] = []
  if (!ctx.readOnly && ctx.db.tables.some((t) => t.name === 'changes')) {
    let scanned = 0
    let done = false
    await changeTable(ctx)
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
  ctx.history.set(applied.reverse(), undone)
}

/** Undo or redo of the top of the matching stack; the caller serialises it with other writes. */
export async function revert(
  ctx: RepositoryContext,
  direction: Direction
): Promise<Result<ChangeRow | null>> {
  const unit = ctx.history.top(direction)
  if (!unit) return ok(null)
  const at = ctx.now()
  const outcome = await ctx.db.transaction(
    'rw',
    [pageTable(ctx), changeTable(ctx), ctx.db.table('meta')],
    () => revertInTransaction(ctx, unit, direction, at)
  )
  if (outcome.kind === 'stale') {
    await loadHistory(ctx)
    return fail([historyIssue(direction, STALE_HISTORY[direction])])
  }
  if (outcome.kind === 'conflict') {
    ctx.history.drop(direction)
    return fail([historyIssue(direction, outcome.message, outcome.recordId)])
  }
  committed(ctx, outcome.log)
  ctx.pages.commit(outcome.plan)
  applyResults(ctx, outcome.results, at)
  ctx.history.moved(direction)
  return ok(outcome.row)
}

/**
 * The transaction body of an undo or redo. Reads the change row and the pages its records live on,
 * checks every record is exactly as the change (undo) or its undo (redo) left it, then writes the
 * reverted pages, the updated change row and the undo/redo row. On a conflict it writes only the
 * barrier (undo) or the discarded marks (redo) and reports which record blocked it.
 */
async function revertInTransaction(
  ctx: RepositoryContext,
  unit: HistoryUnit,
  direction: Direction,
  at: string
): Promise<RevertOutcome> {
  // Another window's commit since we caught up: throw (nothing written), catch up, try again.
  await assertFresh(ctx)
  const row = await changeTable(ctx).get(unit.id)
  if (
    !row ||
    row.revertOf ||
    row.discardedAt ||
    isBarrier(row) ||
    !!row.undoneAt !== (direction === 'redo')
  )
    return { kind: 'stale' }
  const entries = parseEntries(row.entries)
  if (!entries) return refuse(ctx, row, direction, at, NOT_UNDOABLE)
  const ordered = direction === 'undo' ? [...entries].reverse() : entries
  const plan = ctx.pages.plan(ordered.map((e) => ({ table: e.table, id: e.id })))
  const pageIds = [...plan.touched.keys()]
  const storedPages = await pageTable(ctx).bulkGet(pageIds)
  const pageRecords = new Map<string, StoredRecord[]>()
  const stored = new Map<string, StoredRecord>()
  pageIds.forEach((pageId, i) => {
    const page = storedPages[i]
    const records = page ? (JSON.parse(page.data) as StoredRecord[]) : []
    pageRecords.set(pageId, records)
    const table = plan.tables.get(pageId)!
    for (const r of records) stored.set(recordKey(table, r.id), r)
  })
  const working = new Map<string, { table: RecordTable; id: string; record: StoredRecord | null }>()
  for (const e of ordered) {
    const key = recordKey(e.table, e.id)
    const current = working.has(key) ? working.get(key)!.record : (stored.get(key) ?? null)
    if (!matchesExpected(e, current, direction)) {
      const label = recordLabel(current ?? asRecord(direction === 'undo' ? e.after : e.before))
      return refuse(ctx, row, direction, at, CONFLICT[direction](label), e.id)
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
    author: ctx.author(),
    action: direction === 'undo' ? UNDO_ACTION : REDO_ACTION,
    recordIds: row.recordIds,
    count: row.count,
    bulk: row.bulk,
    entries: direction === 'undo' ? JSON.stringify(entries.map(invertEntry)) : row.entries,
    revertOf: row.id
  }
  log.pages = pagesOf({ ...plan, touched: writtenPages(plan, working) })
  await claimRevision(ctx, log)
  await pageTable(ctx).bulkPut(rows)
  await changeTable(ctx).put(updated)
  await changeTable(ctx).add(log)
  const results = [...working.values()].map((w) => ({
    table: w.table,
    id: w.id,
    record: w.record as AnyRecord | null
  }))
  return { kind: 'done', row: updated, log, plan, results }
}

/** Records a refused undo (the change becomes a barrier) or redo (the redo stack is discarded). */
async function refuse(
  ctx: RepositoryContext,
  row: ChangeRow,
  direction: Direction,
  at: string,
  message: string,
  recordId?: string
): Promise<RevertOutcome> {
  if (direction === 'undo') await changeTable(ctx).update(row.id, { barrier: true })
  else await discardRedo(ctx, ctx.history.redoIds(), at)
  return { kind: 'conflict', message, ...(recordId ? { recordId } : {}) }
}

export type Direction = 'undo' | 'redo'

/** A record as read back from a page: plain JSON. */
type StoredRecord = Record<string, unknown> & { id: string }

type RevertOutcome =
  | {
      kind: 'done'
      row: ChangeRow
      /** The undo/redo row appended (it carries the revision). */
      log: ChangeRow
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

/** The entries of an undoable change, or null when it holds anything but graph-record entries. */
export function parseEntries(json: string): RecordEntry[] | null {
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

/** What a logged entry makes of the record as it was (`current`): its `after`, or the patched fields. */
export function entryResult(e: ChangeEntry, current: object | null): object | null {
  return entryTarget(e, current as StoredRecord | null, 'redo')
}

/** The plan's pages with only the records a revert wrote. */
function writtenPages(
  plan: PagePlan,
  working: ReadonlyMap<string, { table: RecordTable; id: string; record: StoredRecord | null }>
): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [pageId, ids] of plan.touched) {
    const table = plan.tables.get(pageId)!
    out.set(
      pageId,
      ids.filter((id) => !!working.get(recordKey(table, id))?.record)
    )
  }
  return out
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

/** How a record is named in a message: its title when it has one, else its id. */
function recordLabel(record: StoredRecord | null): string {
  if (record && typeof record.title === 'string') return `"${record.title}"`
  return record ? `record ${record.id}` : 'een record'
}
