import demoText from '../../resources/stadmaken-demo.kg.json?raw'
import type { GraphData } from '../domain/graph'
import type { Result } from '../domain/result'
import { parseKgJson } from '../exchange/formats/kg-json'
import { openDatabase } from './db'
import { GraphRepository, type ProgressOptions } from './repositories/graph-repository'
import { DEFAULT_DB_NAME, SCHEMA_VERSION } from './schema'
import { readMeta, readSettings, writeMeta, type Settings } from './settings'

/** Everything the app needs from storage at start-up. */
export interface StorageSession {
  repo: GraphRepository
  settings: Settings
  readOnly: boolean
  storedVersion?: number
  ourVersion: number
  /** True when this start loaded the demo map into an empty database. */
  demoLoaded: boolean
}

/** The bundled demo map (resources/stadmaken-demo.kg.json), parsed and validated. */
export function demoGraph(): Result<GraphData> {
  return parseKgJson(demoText)
}

/**
 * Opens the database, loads the graph into memory and, the first time the app ever runs on an empty
 * database, loads the demo map once (a later "new empty map" stays empty).
 */
export async function startStorage(dbName: string = DEFAULT_DB_NAME): Promise<StorageSession> {
  const opened = await openDatabase(dbName)
  let settings = await readSettings(opened.db)
  const repo = await GraphRepository.load(opened, { author: () => settings.author })
  let demoLoaded = false
  if (!opened.readOnly && !(await readMeta(opened.db, 'initialised'))) {
    if (repo.store.nodes.size === 0) {
      await loadDemo(repo)
      demoLoaded = true
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
    readOnly: opened.readOnly,
    ...(opened.storedVersion !== undefined ? { storedVersion: opened.storedVersion } : {}),
    ourVersion: SCHEMA_VERSION,
    demoLoaded
  }
}

/** Replaces the stored graph with the demo map, in one transaction. */
export async function loadDemo(repo: GraphRepository, progress?: ProgressOptions): Promise<Result<GraphData>> {
  const demo = demoGraph()
  if (!demo.ok) return demo
  return repo.replaceGraph(demo.value, 'graph.restore-demo', progress)
}
