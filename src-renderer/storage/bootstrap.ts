import type { GraphData } from '../domain/graph'
import type { Result } from '../domain/result'
import { openDatabase } from './db'
import { GraphRepository } from './repositories/graph-repository'
import { DEFAULT_DB_NAME, SCHEMA_VERSION } from './schema'
import { readMeta, readSettings, writeMeta, type Settings } from './settings'

/** Everything the app needs from storage at start-up. */
export interface StorageSession {
  repo: GraphRepository
  settings: Settings
  /** Follows the repository: true from the start (newer schema) or once a newer version upgraded. */
  readonly readOnly: boolean
  readonly storedVersion?: number
  ourVersion: number
  /** True when this start loaded the demo map into an empty database. */
  demoLoaded: boolean
}

export interface StartOptions {
  /**
   * The graph for the very first start on an empty database (the app passes the demo map; storage
   * does not parse files itself). Called at most once; a later "new empty map" stays empty.
   */
  initialGraph?: () => Result<GraphData>
}

/**
 * Opens the database, loads the graph into memory and, the first time the app ever runs on an empty
 * database, stores `options.initialGraph` once.
 */
export async function startStorage(
  dbName: string = DEFAULT_DB_NAME,
  options: StartOptions = {}
): Promise<StorageSession> {
  const opened = await openDatabase(dbName)
  let settings = await readSettings(opened.db)
  const repo = await GraphRepository.load(opened, { author: () => settings.author })
  let demoLoaded = false
  if (!opened.readOnly && !(await readMeta(opened.db, 'initialised'))) {
    const initial = repo.store.nodes.size === 0 ? options.initialGraph?.() : undefined
    if (initial?.ok) {
      const stored = await repo.replaceGraph(initial.value, 'graph.restore-demo')
      demoLoaded = stored.ok
    }
    await writeMeta(opened.db, 'initialised', true)
  }
  return {
    repo,
    get settings() {
      return settings
    },
    set settings(s: Settings) {
      settings = s
    },
    get readOnly() {
      return repo.readOnly
    },
    get storedVersion() {
      return repo.readOnlyStatus().storedVersion
    },
    ourVersion: SCHEMA_VERSION,
    demoLoaded
  }
}
