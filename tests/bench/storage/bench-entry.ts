/**
 * Storage benchmark page. Bundled by tests/bench/storage/run.mjs (Vite) and driven from Playwright
 * through `window.kgBench`. Every function times itself with performance.now() inside the page and
 * returns plain numbers; graph generation is never inside a timed section.
 *
 * - app*: the app's real storage (openDatabase + GraphRepository.load + replaceGraph / load).
 * - naive*: the baseline of the issue: one row per node and per edge, `bulkPut` per table, `toArray`.
 * - profile* / proto*: breakdowns and alternative layouts, to explain the numbers (not the targets).
 */
import Dexie, { type Table } from 'dexie'
import { generateGraph } from '../../support/generate-graph'
import type { GraphData } from '@renderer/domain/graph'
import { validateGraph } from '@renderer/domain/validate'
import { openDatabase, type PageRow, type RecordTable } from '@renderer/storage/db'
import { GraphStore } from '@renderer/storage/graph-store'
import { PageIndex, chunkIntoPages } from '@renderer/storage/page-index'
import { GraphRepository } from '@renderer/storage/repositories/graph-repository'

/** The graph made by `generate`, kept in this page for the write that follows. */
let graph: GraphData | null = null

const AUTHOR = { author: (): string => 'bench' }

function need(): GraphData {
  if (!graph) throw new Error('call kgBench.generate first')
  return graph
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

export interface GenerateResult {
  nodes: number
  edges: number
  ms: number
}

/** Generates the seeded graph into page memory (not timed as part of any write). */
function generate(nodes: number, edgesPerNode: number, seed: number): GenerateResult {
  const t0 = performance.now()
  graph = generateGraph({ nodes, edgesPerNode, seed })
  return { nodes: graph.nodes.length, edges: graph.edges.length, ms: round(performance.now() - t0) }
}

export interface AppWriteResult {
  /** openDatabase + GraphRepository.load (empty database) + replaceGraph. */
  ms: number
  openMs: number
  replaceMs: number
  pages: number
}

/** Writes the generated graph with the app's storage, exactly as "new map from data" would. */
async function appWrite(dbName: string): Promise<AppWriteResult> {
  const data = need()
  const t0 = performance.now()
  const opened = await openDatabase(dbName)
  const repo = await GraphRepository.load(opened, AUTHOR)
  const t1 = performance.now()
  const r = await repo.replaceGraph(data, 'bench.replace')
  const t2 = performance.now()
  if (!r.ok) throw new Error(`replaceGraph failed: ${JSON.stringify(r.issues.slice(0, 3))}`)
  const pages = await opened.db.table('pages').count()
  opened.db.close()
  return { ms: round(t2 - t0), openMs: round(t1 - t0), replaceMs: round(t2 - t1), pages }
}

export interface ReadResult {
  ms: number
  nodes: number
  edges: number
}

/** Cold read with the app's storage: open the database and load every page into the GraphStore. */
async function appRead(dbName: string): Promise<ReadResult> {
  const t0 = performance.now()
  const opened = await openDatabase(dbName)
  const repo = await GraphRepository.load(opened, AUTHOR)
  const t1 = performance.now()
  const out = { ms: round(t1 - t0), nodes: repo.store.nodes.size, edges: repo.store.edges.size }
  opened.db.close()
  return out
}

/** The baseline database: one row per record, primary key only ("default settings"). */
class NaiveDatabase extends Dexie {
  nodes!: Table<{ id: string }, string>
  edges!: Table<{ id: string }, string>
  constructor(name: string, edgeIndexes: boolean) {
    super(name)
    this.version(1).stores({
      nodes: '&id',
      edges: edgeIndexes ? '&id, source, target, kind' : '&id'
    })
  }
}

export interface NaiveWriteResult {
  ms: number
  nodesMs: number
  edgesMs: number
}

/** Baseline write: a new Dexie database, `bulkPut` of all nodes, then of all edges. */
async function naiveWrite(dbName: string, edgeIndexes = false): Promise<NaiveWriteResult> {
  const data = need()
  const t0 = performance.now()
  const db = new NaiveDatabase(dbName, edgeIndexes)
  await db.open()
  await db.nodes.bulkPut(data.nodes)
  const t1 = performance.now()
  await db.edges.bulkPut(data.edges)
  const t2 = performance.now()
  db.close()
  return { ms: round(t2 - t0), nodesMs: round(t1 - t0), edgesMs: round(t2 - t1) }
}

/** Baseline cold read: a fresh Dexie instance, `toArray()` of both tables. */
async function naiveRead(dbName: string, edgeIndexes = false): Promise<ReadResult> {
  const t0 = performance.now()
  const db = new NaiveDatabase(dbName, edgeIndexes)
  await db.open()
  const nodes = await db.nodes.toArray()
  const edges = await db.edges.toArray()
  const t1 = performance.now()
  db.close()
  return { ms: round(t1 - t0), nodes: nodes.length, edges: edges.length }
}

/** Deletes a database (between sizes). */
async function deleteDatabase(name: string): Promise<void> {
  await Dexie.delete(name)
}

// ---------------------------------------------------------------------------------------------
// Breakdowns of the app's write and read (same steps as replaceGraph / reload, timed one by one)

export interface WriteProfile {
  validateMs: number
  stringifyMs: number
  idbPutMs: number
  totalMs: number
  pages: number
  bytes: number
}

/**
 * replaceGraph step by step on a fresh database: validateGraph (zod over every record), chunking and
 * JSON.stringify of the pages, then the IndexedDB transaction (clear, bulkPut per 25 pages, one change row).
 */
async function profileAppWrite(dbName: string): Promise<WriteProfile> {
  const data = need()
  const opened = await openDatabase(dbName)
  const db = opened.db
  const t0 = performance.now()
  const checked = validateGraph(data)
  const t1 = performance.now()
  if (!checked.ok) throw new Error('validateGraph failed')
  const g = checked.value
  const chunks = [
    ...chunkIntoPages('nodes', g.nodes),
    ...chunkIntoPages('edges', g.edges),
    ...chunkIntoPages('annotations', g.annotations)
  ]
  const t2 = performance.now()
  const pages = db.table('pages') as Table<PageRow, string>
  const changes = db.table('changes')
  const BATCH = 25
  await db.transaction('rw', [pages, changes], async () => {
    await pages.clear()
    for (let i = 0; i < chunks.length; i += BATCH) {
      await pages.bulkPut(chunks.slice(i, i + BATCH).map((c) => c.row))
    }
    await changes.add({
      id: `bench-${Date.now()}`,
      at: new Date().toISOString(),
      author: 'bench',
      action: 'bench.profile',
      recordIds: [],
      count: g.nodes.length + g.edges.length,
      bulk: true,
      entries: '{}'
    })
  })
  const t3 = performance.now()
  let bytes = 0
  for (const c of chunks) bytes += c.row.data.length
  db.close()
  return {
    validateMs: round(t1 - t0),
    stringifyMs: round(t2 - t1),
    idbPutMs: round(t3 - t2),
    totalMs: round(t3 - t0),
    pages: chunks.length,
    bytes
  }
}

export interface ReadProfile {
  openMs: number
  idbGetMs: number
  parseMs: number
  indexMs: number
  totalMs: number
  nodes: number
  edges: number
}

/** reload() step by step: open, pages.toArray(), JSON.parse per page, then PageIndex + GraphStore. */
async function profileAppRead(dbName: string): Promise<ReadProfile> {
  const t0 = performance.now()
  const opened = await openDatabase(dbName)
  const t1 = performance.now()
  const rows = await (opened.db.table('pages') as Table<PageRow, string>).toArray()
  const t2 = performance.now()
  const parsed = rows.map((row) => ({ row, records: JSON.parse(row.data) as { id: string }[] }))
  const t3 = performance.now()
  const { data, index } = collect(parsed)
  new PageIndex().load(index)
  const store = new GraphStore()
  store.reset(data)
  const t4 = performance.now()
  opened.db.close()
  return {
    openMs: round(t1 - t0),
    idbGetMs: round(t2 - t1),
    parseMs: round(t3 - t2),
    indexMs: round(t4 - t3),
    totalMs: round(t4 - t0),
    nodes: store.nodes.size,
    edges: store.edges.size
  }
}

function collect(
  parsed: { row: { id: string; table: RecordTable }; records: { id: string }[] }[]
): {
  data: GraphData
  index: { id: string; table: RecordTable; ids: string[] }[]
} {
  const data: GraphData = { nodes: [], edges: [], annotations: [] }
  const index: { id: string; table: RecordTable; ids: string[] }[] = []
  for (const { row, records } of parsed) {
    const target = data[row.table] as unknown as { id: string }[]
    for (const r of records) target.push(r)
    index.push({ id: row.id, table: row.table, ids: records.map((r) => r.id) })
  }
  return { data, index }
}

// ---------------------------------------------------------------------------------------------
// Prototypes of other page layouts and read strategies (no validation; same transaction shape as
// replaceGraph). They replicate the storage code on purpose, so nothing in src-renderer changes.

/**
 * How a page's records are stored: `json` one JSON string (the app's layout); `ascii` the same JSON
 * with every character above U+007F written as a \uXXXX escape and then re-made as a one-byte V8
 * string (JSON.stringify returns a two-byte string, 2 bytes per character through IndexedDB, as soon
 * as one character above U+00FF occurs, e.g. ’ or …); JSON.parse gives identical records;
 * `struct` the records array itself (structured clone); `utf8` the JSON encoded to UTF-8 bytes.
 */
export type ProtoFormat = 'json' | 'ascii' | 'struct' | 'utf8'

const NON_ASCII = /[\u0080-\uffff]/g
const asciiEncoder = new TextEncoder()
const asciiDecoder = new TextDecoder()

/**
 * JSON.stringify, then \uXXXX for every non-ASCII character; the replace keeps V8's two-byte
 * representation, so the ASCII text goes through TextEncoder/TextDecoder, which returns a one-byte string.
 */
function asciiJson(value: unknown): string {
  const json = JSON.stringify(value)
  if (!NON_ASCII.test(json)) return json
  NON_ASCII.lastIndex = 0
  const ascii = json.replace(
    NON_ASCII,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return asciiDecoder.decode(asciiEncoder.encode(ascii))
}

interface ProtoRow {
  id: string
  table: RecordTable
  count: number
  data: string | Uint8Array | { id: string }[]
}

class ProtoDatabase extends Dexie {
  pages!: Table<ProtoRow, string>
  constructor(name: string) {
    super(name)
    this.version(1).stores({ pages: '&id, table' })
  }
}

export interface ProtoWriteResult {
  ms: number
  encodeMs: number
  putMs: number
  pages: number
  bytes: number
}

/** Writes the generated graph (unvalidated) as pages of `pageSize` records in `format`. */
async function protoWrite(
  dbName: string,
  format: ProtoFormat,
  pageSize: number,
  batch = 25
): Promise<ProtoWriteResult> {
  const data = need()
  const encoder = new TextEncoder()
  const t0 = performance.now()
  const rows: ProtoRow[] = []
  let bytes = 0
  for (const table of ['nodes', 'edges'] as const) {
    const records = data[table] as readonly { id: string }[]
    for (let i = 0; i < records.length; i += pageSize) {
      const chunk = records.slice(i, i + pageSize)
      const encoded =
        format === 'json'
          ? JSON.stringify(chunk)
          : format === 'ascii'
            ? asciiJson(chunk)
            : format === 'utf8'
              ? encoder.encode(JSON.stringify(chunk))
              : chunk
      if (!Array.isArray(encoded)) bytes += encoded.length
      rows.push({
        id: `${table}-${String(i).padStart(9, '0')}`,
        table,
        count: chunk.length,
        data: encoded
      })
    }
  }
  const t1 = performance.now()
  const db = new ProtoDatabase(dbName)
  await db.open()
  await db.transaction('rw', db.pages, async () => {
    await db.pages.clear()
    for (let i = 0; i < rows.length; i += batch) await db.pages.bulkPut(rows.slice(i, i + batch))
  })
  const t2 = performance.now()
  db.close()
  return {
    ms: round(t2 - t0),
    encodeMs: round(t1 - t0),
    putMs: round(t2 - t1),
    pages: rows.length,
    bytes
  }
}

/**
 * How pages are read back.
 * - `toArray`: what reload() does: Dexie toArray, then JSON.parse every page, then PageIndex.load and
 *   GraphStore.reset over the collected arrays.
 * - `getAll`, `cursor`, `batches`: raw IndexedDB on the same connection, and every page is decoded and
 *   put straight into the maps (records by id, page of each id, members of each page) as it arrives.
 *   `cursor` calls continue() before decoding, and `batches` issues READ_BATCHES getAll() requests over
 *   key ranges at once, so the backend reads the next pages while the main thread parses these.
 */
export type ReadStrategy = 'toArray' | 'getAll' | 'cursor' | 'batches'

/** How many getAll requests the `batches` strategy splits the pages into. */
const READ_BATCHES = 8

export interface ProtoReadResult extends ReadResult {
  /** Until every row had arrived (for toArray and getAll: before decoding). */
  getMs: number
  /** Time the main thread spent decoding (JSON.parse / TextDecoder). */
  decodeMs: number
  /** Time the main thread spent filling maps. */
  indexMs: number
}

interface RawRow {
  id: string
  table: RecordTable
  data: string | Uint8Array | { id: string }[]
}

function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = (): void => resolve(req.result)
    req.onerror = (): void => reject(req.error)
  })
}

/** Cold read of a page database (the app's or a prototype's) into memory with `strategy`. */
async function protoRead(
  dbName: string,
  strategy: ReadStrategy = 'toArray'
): Promise<ProtoReadResult> {
  const decoder = new TextDecoder()
  let decodeMs = 0
  let indexMs = 0
  const decode = (data: RawRow['data']): { id: string }[] => {
    const t = performance.now()
    const out =
      typeof data === 'string'
        ? (JSON.parse(data) as { id: string }[])
        : data instanceof Uint8Array
          ? (JSON.parse(decoder.decode(data)) as { id: string }[])
          : data
    decodeMs += performance.now() - t
    return out
  }
  const t0 = performance.now()
  const db = new Dexie(dbName)
  await db.open()
  const pages = db.table('pages') as Table<RawRow, string>

  if (strategy === 'toArray') {
    const rows = await pages.toArray()
    const t1 = performance.now()
    const parsed = rows.map((row) => ({ row, records: decode(row.data) }))
    const t2 = performance.now()
    const { data, index } = collect(parsed)
    new PageIndex().load(index)
    const store = new GraphStore()
    store.reset(data)
    const t3 = performance.now()
    db.close()
    return {
      ms: round(t3 - t0),
      getMs: round(t1 - t0),
      decodeMs: round(decodeMs),
      indexMs: round(t3 - t2),
      nodes: store.nodes.size,
      edges: store.edges.size
    }
  }

  // The maps GraphStore and PageIndex hold, filled in one pass per page.
  const byTable: Record<RecordTable, Map<string, { id: string }>> = {
    nodes: new Map(),
    edges: new Map(),
    annotations: new Map()
  }
  const pageOf = new Map<string, string>()
  const members = new Map<string, string[]>()
  const tableOfPage = new Map<string, RecordTable>()
  const take = (row: RawRow): void => {
    const records = decode(row.data)
    const t = performance.now()
    const map = byTable[row.table]
    const ids = new Array<string>(records.length)
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as { id: string }
      map.set(r.id, r)
      pageOf.set(r.id, row.id)
      ids[i] = r.id
    }
    members.set(row.id, ids)
    tableOfPage.set(row.id, row.table)
    indexMs += performance.now() - t
  }

  const idb = db.backendDB()
  const store = idb.transaction('pages', 'readonly').objectStore('pages')
  let getMs = 0
  if (strategy === 'getAll') {
    const rows = await idbRequest(store.getAll() as IDBRequest<RawRow[]>)
    getMs = performance.now() - t0
    for (const row of rows) take(row)
  } else if (strategy === 'cursor') {
    await new Promise<void>((resolve, reject) => {
      const req = store.openCursor()
      req.onerror = (): void => reject(req.error)
      req.onsuccess = (): void => {
        const cursor = req.result
        if (!cursor) {
          getMs = performance.now() - t0
          resolve()
          return
        }
        const row = cursor.value as RawRow
        cursor.continue()
        take(row)
      }
    })
  } else {
    // `batches`: the page keys, then one getAll per key range, all issued at once; each batch is
    // decoded as soon as it arrives while the backend reads the next.
    const keys = (await idbRequest(store.getAllKeys())) as string[]
    const per = Math.max(1, Math.ceil(keys.length / READ_BATCHES))
    const pending: Promise<void>[] = []
    for (let i = 0; i < keys.length; i += per) {
      const range = IDBKeyRange.bound(keys[i], keys[Math.min(i + per, keys.length) - 1])
      pending.push(
        idbRequest(store.getAll(range) as IDBRequest<RawRow[]>).then((rows) => {
          for (const row of rows) take(row)
        })
      )
    }
    await Promise.all(pending)
    getMs = performance.now() - t0
  }
  const ms = performance.now() - t0
  db.close()
  return {
    ms: round(ms),
    getMs: round(getMs),
    decodeMs: round(decodeMs),
    indexMs: round(indexMs),
    nodes: byTable.nodes.size,
    edges: byTable.edges.size
  }
}

export interface EditResult {
  /** Median over `repeats` single-record edits: encode the record's whole page and put it. */
  ms: number
  encodeMs: number
}

/**
 * What one edit costs with a layout: commit() re-encodes the touched page and puts it (one transaction).
 * Run after protoWrite of the same database (the change row is left out: it is the same for all layouts).
 */
async function protoEdit(
  dbName: string,
  format: ProtoFormat,
  pageSize: number,
  repeats = 7
): Promise<EditResult> {
  const data = need()
  const db = new ProtoDatabase(dbName)
  await db.open()
  const times: number[] = []
  const encodes: number[] = []
  for (let k = 0; k < repeats; k++) {
    const start = Math.floor((k * data.edges.length) / repeats / pageSize) * pageSize
    const chunk = data.edges
      .slice(start, start + pageSize)
      .map((e, i) => (i === 0 ? { ...e, weight: k } : e))
    const t0 = performance.now()
    const encoded =
      format === 'json'
        ? JSON.stringify(chunk)
        : format === 'ascii'
          ? asciiJson(chunk)
          : format === 'utf8'
            ? asciiEncoder.encode(JSON.stringify(chunk))
            : chunk
    const t1 = performance.now()
    await db.transaction('rw', db.pages, async () => {
      await db.pages.put({
        id: `edges-${String(start).padStart(9, '0')}`,
        table: 'edges',
        count: chunk.length,
        data: encoded
      })
    })
    times.push(performance.now() - t0)
    encodes.push(t1 - t0)
  }
  db.close()
  const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0
  return { ms: round(mid(times)), encodeMs: round(mid(encodes)) }
}

export interface FloorResult {
  /** JSON.parse of every page from strings already in memory. */
  parseMs: number
  /** Filling the maps (records by id, page of each id, members of each page). */
  indexMs: number
  ms: number
}

/**
 * The lower bound of any JSON page layout: the pages' strings are already in memory (made untimed),
 * only JSON.parse and filling the maps are timed. `format` is `json` or `ascii`.
 */
function parseFloor(format: 'json' | 'ascii', pageSize = 1000): FloorResult {
  const data = need()
  const pages: { id: string; table: RecordTable; json: string }[] = []
  for (const table of ['nodes', 'edges'] as const) {
    const records = data[table] as readonly { id: string }[]
    for (let i = 0; i < records.length; i += pageSize) {
      const chunk = records.slice(i, i + pageSize)
      const json = format === 'json' ? JSON.stringify(chunk) : asciiJson(chunk)
      pages.push({ id: `${table}-${i}`, table, json })
    }
  }
  const first = pages[0]
  if (
    first &&
    JSON.stringify(JSON.parse(first.json)) !== JSON.stringify(data.nodes.slice(0, pageSize))
  )
    throw new Error(`floor: ${format} does not round-trip`)
  const t0 = performance.now()
  const parsed = pages.map((p) => ({ p, records: JSON.parse(p.json) as { id: string }[] }))
  const t1 = performance.now()
  const maps = { nodes: new Map<string, unknown>(), edges: new Map<string, unknown>() }
  const pageOf = new Map<string, string>()
  const members = new Map<string, string[]>()
  for (const { p, records } of parsed) {
    const map = p.table === 'nodes' ? maps.nodes : maps.edges
    const ids = new Array<string>(records.length)
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as { id: string }
      map.set(r.id, r)
      pageOf.set(r.id, p.id)
      ids[i] = r.id
    }
    members.set(p.id, ids)
  }
  const t2 = performance.now()
  if (maps.nodes.size !== data.nodes.length) throw new Error('floor: lost records')
  return { parseMs: round(t1 - t0), indexMs: round(t2 - t1), ms: round(t2 - t0) }
}

export interface GraphStats {
  nodes: number
  edges: number
  nodeJsonBytes: number
  edgeJsonBytes: number
  /** Characters of JSON per field name over all nodes (value only), largest first, top 8. */
  nodeFields: [string, number][]
  /** Pages (of PAGE_SIZE records) whose JSON has a character above U+00FF (stored as two-byte strings). */
  twoBytePages: number
  pages: number
}

/** Sizes of the generated graph, to compare with other generators and the figures. */
function graphStats(pageSize = 1000): GraphStats {
  const data = need()
  const fieldChars = new Map<string, number>()
  for (const n of data.nodes) {
    for (const [k, v] of Object.entries(n)) {
      fieldChars.set(k, (fieldChars.get(k) ?? 0) + k.length + 3 + (JSON.stringify(v)?.length ?? 0))
    }
  }
  let twoBytePages = 0
  let pages = 0
  let nodeJsonBytes = 0
  let edgeJsonBytes = 0
  for (const table of ['nodes', 'edges'] as const) {
    const records = data[table] as readonly unknown[]
    for (let i = 0; i < records.length; i += pageSize) {
      const json = JSON.stringify(records.slice(i, i + pageSize))
      pages++
      if (/[\u0100-\uffff]/.test(json)) twoBytePages++
      if (table === 'nodes') nodeJsonBytes += json.length
      else edgeJsonBytes += json.length
    }
  }
  return {
    nodes: data.nodes.length,
    edges: data.edges.length,
    nodeJsonBytes,
    edgeJsonBytes,
    nodeFields: [...fieldChars].sort((a, b) => b[1] - a[1]).slice(0, 8),
    twoBytePages,
    pages
  }
}

export interface BenchApi {
  generate: typeof generate
  appWrite: typeof appWrite
  appRead: typeof appRead
  naiveWrite: typeof naiveWrite
  naiveRead: typeof naiveRead
  deleteDatabase: typeof deleteDatabase
  profileAppWrite: typeof profileAppWrite
  profileAppRead: typeof profileAppRead
  protoWrite: typeof protoWrite
  protoRead: typeof protoRead
  graphStats: typeof graphStats
  parseFloor: typeof parseFloor
  protoEdit: typeof protoEdit
}

declare global {
  interface Window {
    kgBench: BenchApi
  }
}

window.kgBench = {
  generate,
  appWrite,
  appRead,
  naiveWrite,
  naiveRead,
  deleteDatabase,
  profileAppWrite,
  profileAppRead,
  protoWrite,
  protoRead,
  graphStats,
  parseFloor,
  protoEdit
}
