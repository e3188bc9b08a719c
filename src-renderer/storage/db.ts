import Dexie, { type Table } from 'dexie'
import { newId } from '../domain/ids'
import { DEFAULT_DB_NAME, SCHEMA_VERSIONS, type SchemaVersion } from './schema'

/** The three tables of graph records that are stored in pages. */
export type RecordTable = 'nodes' | 'edges' | 'annotations'

/** A chunk of graph records of one table, stored as a JSON array string (cheap to write and read in bulk). */
export interface PageRow {
  id: string
  table: RecordTable
  count: number
  data: string
}

/**
 * One entry of a change: a record before and after (null = did not exist). When `fields` is true
 * (field patches such as saved positions) `before` and `after` hold only the fields that changed; a
 * field present on one side and missing on the other was absent (undefined) on the missing side.
 * Entries written before `fields` existed are recognised by `after` lacking an `id`.
 */
export interface ChangeEntry {
  table: RecordTable | 'views' | 'presentations'
  id: string
  before: unknown
  after: unknown
  fields?: boolean
}

/**
 * One committed change: everything one user action wrote, in one transaction. `entries` is JSON of
 * ChangeEntry[] so a bulk import stays one cheap row; `recordIds` (indexed) is filled for ordinary edits
 * and left empty for bulk writes over BULK_THRESHOLD records (then `bulk` is true).
 */
export interface ChangeRow {
  id: string
  at: string
  author: string
  action: string
  recordIds: string[]
  count: number
  bulk: boolean
  entries: string
  /**
   * Set while this change is undone; cleared again by a redo. Undo/redo rows themselves never get it.
   */
  undoneAt?: string | null
  /**
   * Set on an undone change when it can no longer be redone: a new ordinary change was made after it
   * was undone (or redoing it found its records changed). A discarded change stays undone for good.
   */
  discardedAt?: string | null
  /**
   * Undo stops at this change (it and everything older cannot be undone): set on whole-graph
   * replacements and on a change whose undo was refused because its records had changed since.
   * Rows whose `entries` is not a JSON array (older whole-graph replacements) are barriers too.
   */
  barrier?: boolean
  /** Only on undo/redo rows (`history.undo`, `history.redo`): the id of the change undone or redone. */
  revertOf?: string
  /**
   * The database revision this change made (schema 2 on; see repositories/sync.ts): other windows
   * read the rows above the revision they know to catch up.
   */
  revision?: number
  /** Record id → the page it is stored on, for the records this change wrote (other windows place them there). */
  pages?: Record<string, string>
}

export interface KeyValueRow {
  key: string
  value: unknown
}

export interface StoredView {
  id: string
  name: string
  [key: string]: unknown
}

/** The one Dexie database of the app. Only code in `storage/` touches it. */
export class KgDatabase extends Dexie {
  pages!: Table<PageRow, string>
  changes!: Table<ChangeRow, string>
  views!: Table<StoredView, string>
  presentations!: Table<StoredView, string>
  settings!: Table<KeyValueRow, string>
  meta!: Table<KeyValueRow, string>

  constructor(name: string = DEFAULT_DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name)
    for (const v of versions) this.version(v.version).stores(v.stores)
  }
}

/** How the database was opened. `readOnly` is set when the stored schema is newer than this code. */
export interface OpenedDatabase {
  db: Dexie
  readOnly: boolean
  /** The stored version when it is newer than SCHEMA_VERSION. */
  storedVersion?: number
  /** Id of the backup written before a schema upgrade (in `<name>-backups`), if one was needed. */
  backupId?: string
}

/** A copy of every table, written before a schema upgrade touches the database. */
export interface SchemaBackup {
  id: string
  at: string
  fromVersion: number
  toVersion: number
  /** JSON of `{ [table]: rows[] }`, exactly as stored in the old version. */
  tables: string
}

/** The side database that holds pre-upgrade backups. */
export function backupDatabase(name: string): Dexie {
  const db = new Dexie(`${name}-backups`)
  db.version(1).stores({ backups: '&id, at' })
  return db
}

/**
 * Before a schema upgrade, copies every table of the stored (older) database into the side
 * database `<name>-backups`, so nothing is lost if an upgrade goes wrong. Returns the backup id, or
 * undefined when no upgrade is due (new database, or already current or newer).
 */
async function backupBeforeUpgrade(name: string, target: number): Promise<string | undefined> {
  if (!(await Dexie.exists(name))) return undefined
  const old = new Dexie(name)
  await old.open()
  try {
    const stored = await storedSchemaVersion(old)
    if (stored <= 0 || stored >= target) return undefined
    const tables: Record<string, unknown[]> = {}
    for (const t of old.tables) tables[t.name] = await t.toArray()
    const backup: SchemaBackup = {
      id: newId(),
      at: new Date().toISOString(),
      fromVersion: stored,
      toVersion: target,
      tables: JSON.stringify(tables)
    }
    const side = backupDatabase(name)
    try {
      await side.table('backups').add(backup)
    } finally {
      side.close()
    }
    return backup.id
  } finally {
    old.close()
  }
}

/**
 * Opens the app database. When the database on disk was written by a newer version of the app (its
 * schema version is higher than ours), it is opened without a declared schema, read-only: the data is
 * shown but nothing is written, so a newer app's data is never damaged.
 */
export async function openDatabase(
  name: string = DEFAULT_DB_NAME,
  versions: readonly SchemaVersion[] = SCHEMA_VERSIONS
): Promise<OpenedDatabase> {
  const target = versions[versions.length - 1]!.version
  const backupId = await backupBeforeUpgrade(name, target)
  const db = new KgDatabase(name, versions)
  try {
    await db.open()
  } catch (err) {
    if (!(err instanceof Dexie.DexieError) || err.name !== Dexie.errnames.Version) throw err
    db.close()
    const dynamic = new Dexie(name)
    await dynamic.open()
    return { db: dynamic, readOnly: true, storedVersion: await storedSchemaVersion(dynamic) }
  }
  // Dexie 4 opens a database whose installed version is higher than declared; detect it here.
  const stored = await storedSchemaVersion(db)
  if (stored > target) return { db, readOnly: true, storedVersion: stored }
  if (stored !== target) await db.meta.put({ key: 'schemaVersion', value: target })
  return { db, readOnly: false, ...(backupId ? { backupId } : {}) }
}

/** The schema version recorded in `meta`, or else Dexie's version of the open database. */
async function storedSchemaVersion(db: Dexie): Promise<number> {
  const meta = db.tables.find((t) => t.name === 'meta')
  const row = meta ? ((await meta.get('schemaVersion')) as KeyValueRow | undefined) : undefined
  const fromMeta = typeof row?.value === 'number' ? row.value : 0
  return Math.max(fromMeta, Math.round(db.verno))
}
