/**
 * Every version of the database layout, oldest first. `SCHEMA_VERSION` is derived from this table and
 * never restated. A new version appends an entry (with an `upgrade` from `migrations/`); old entries stay.
 *
 * Layout: graph records (nodes, edges, annotations) live in `pages`, chunks of up to PAGE_SIZE records
 * stored as one JSON string each. One row per record costs ~110 s to write and ~10 s to read at
 * 100k nodes + 300k edges; pages cost a fraction of that (see tests/bench). Every write still goes
 * through one transaction that rewrites the touched pages and appends one `changes` row.
 */
export interface SchemaVersion {
  version: number
  stores: Record<string, string | null>
  description: string
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    description: 'Paged graph records, change log, views, presentations, settings, meta.',
    stores: {
      pages: '&id, table',
      changes: '&id, at, *recordIds',
      views: '&id, name',
      presentations: '&id',
      settings: '&key',
      meta: '&key'
    }
  },
  {
    version: 2,
    description:
      'Change rows carry the database revision (indexed): windows on one database catch up on each other.',
    stores: {
      pages: '&id, table',
      changes: '&id, at, *recordIds, revision',
      views: '&id, name',
      presentations: '&id',
      settings: '&key',
      meta: '&key'
    }
  }
]

/** The schema version this code writes. */
export const SCHEMA_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version

/** Records per page. Small enough that rewriting one page per edit is cheap, large enough that a big graph is a few hundred rows. */
export const PAGE_SIZE = 1000

export const DEFAULT_DB_NAME = 'stadmaken-kennisgraaf'
