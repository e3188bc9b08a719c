/**
 * Search benchmark page. Bundled by tests/bench/search/run.mjs (Vite) and driven from Playwright
 * through `window.kgSearchBench`. Every function times itself with performance.now() inside the page
 * and returns plain numbers; graph generation is never inside a timed section.
 *
 * - app*: the app's SearchIndex, called synchronously in this thread (no worker messaging).
 * - base*: the naive baseline, Fuse.js over the nodes (title ×2, description, tags).
 * - worker: the app's SearchClient with its worker, measured end to end (round trips).
 * - recall: top-5 recall of both on the labelled set (tests/fixtures/search/relevance.json).
 */
import Fuse from 'fuse.js'
import { generateGraph } from '../../support/generate-graph'
import type { GraphNode } from '@renderer/domain/node-kinds'
import { createSearchClient } from '@renderer/search/search-client'
import { DisplayProjection } from '@renderer/state/display-projection'
import { SearchIndex, type SearchIndexStats } from '@renderer/search/search-index'
import { GraphStore } from '@renderer/storage/graph-store'
import {
  NAIVE_FUSE_OPTIONS,
  appEngine,
  naiveEngine,
  top5Recall,
  type RecallResult,
  type RelevanceFile
} from '../../unit/search/relevance-lib'
import { makeBenchQueries, type BenchQuery } from './bench-queries'

interface MemoryInfo {
  usedJSHeapSize: number
}

declare global {
  interface Window {
    kgSearchBench: SearchBenchApi
    gc?: () => void
  }
  interface Performance {
    memory?: MemoryInfo
  }
}

let nodes: GraphNode[] = []
let app: SearchIndex | null = null
let base: Fuse<GraphNode> | null = null

const round = (ms: number): number => Math.round(ms * 1000) / 1000

/** Used JS heap after a full GC (needs --js-flags=--expose-gc and --enable-precise-memory-info). */
function heap(): number | null {
  window.gc?.()
  window.gc?.()
  return performance.memory ? performance.memory.usedJSHeapSize : null
}

/** Generates the seeded graph into page memory (not timed as part of anything). */
function generate(count: number, seed: number): { nodes: number; ms: number } {
  app = null
  base = null
  const t0 = performance.now()
  nodes = generateGraph({ nodes: count, seed, edgesPerNode: 3 }).nodes
  return { nodes: nodes.length, ms: round(performance.now() - t0) }
}

/** The query set from the vocabulary of generated:<graphSeed>:<graphNodes>. */
function makeQueries(
  count: number,
  seed: number,
  graphNodes: number,
  graphSeed: number
): BenchQuery[] {
  const g = generateGraph({ nodes: graphNodes, seed: graphSeed, edgesPerNode: 3 })
  return makeBenchQueries(g.nodes, count, seed)
}

export interface BuildResult {
  /** One time per build, in ms. */
  ms: number[]
  /** Heap retained by the last build (bytes), or null without memory info. */
  heapBytes: number | null
  stats: SearchIndexStats | null
}

/** Builds the app's index `repeats` times over the generated nodes; keeps the last one. */
function appBuild(repeats: number): BuildResult {
  app = null
  const before = heap()
  const ms: number[] = []
  for (let i = 0; i < repeats; i++) {
    app = null
    if (i > 0) window.gc?.()
    const t0 = performance.now()
    app = SearchIndex.build(nodes)
    ms.push(round(performance.now() - t0))
  }
  const after = heap()
  return {
    ms,
    heapBytes: before !== null && after !== null ? after - before : null,
    stats: app?.stats() ?? null
  }
}

export interface QueryRun {
  /** One time per query execution, in ms. */
  times: number[]
  /** Mean number of results returned. */
  meanResults: number
}

/** Runs `queries` `passes` times (after one warm-up pass over the first 20) through the app's index. */
function appQueries(queries: string[], passes: number, limit: number): QueryRun {
  const index = app
  if (!index) throw new Error('appBuild first')
  for (const q of queries.slice(0, 20)) index.search(q, { limit })
  const times: number[] = []
  let results = 0
  for (let p = 0; p < passes; p++) {
    for (const q of queries) {
      const t0 = performance.now()
      results += index.search(q, { limit }).length
      times.push(round(performance.now() - t0))
    }
  }
  return { times, meanResults: results / Math.max(1, times.length) }
}

export interface UpdateRun {
  /** `index.update(node)` for one edited node, in ms. */
  updateMs: number[]
  /** The search right after, which must find the edit, in ms. */
  searchMs: number[]
  /** Whether every edit was found by that search. */
  allVisible: boolean
}

/** Edits `count` nodes one by one (a new unique word in the title) and checks each is found at once. */
function appUpdates(count: number): UpdateRun {
  const index = app
  if (!index) throw new Error('appBuild first')
  const updateMs: number[] = []
  const searchMs: number[] = []
  let allVisible = true
  for (let i = 0; i < count; i++) {
    const n = nodes[Math.floor((i * 7919) % nodes.length)] as GraphNode
    const word = `bewerkt${i}x${'abcdefghij'.charAt(i % 10)}`
    const edited = { ...n, title: `${n.title} ${word}` } as GraphNode
    const t0 = performance.now()
    index.update(edited)
    const t1 = performance.now()
    const found = index.search(word, { limit: 5 }).some((r) => r.id === n.id)
    const t2 = performance.now()
    if (!found) allVisible = false
    updateMs.push(round(t1 - t0))
    searchMs.push(round(t2 - t1))
  }
  return { updateMs, searchMs, allVisible }
}

/** Drops the app's index (so the baseline's memory is measured alone). */
function appDrop(): void {
  app = null
  window.gc?.()
}

/** Builds the naive Fuse baseline over the generated nodes. */
function baseBuild(): { ms: number; heapBytes: number | null } {
  base = null
  const before = heap()
  const t0 = performance.now()
  base = new Fuse(nodes, NAIVE_FUSE_OPTIONS)
  const ms = round(performance.now() - t0)
  const after = heap()
  return { ms, heapBytes: before !== null && after !== null ? after - before : null }
}

/** One baseline query (the whole search, as the naive UI would run it), in ms. */
function baseQuery(query: string, limit: number): number {
  if (!base) throw new Error('baseBuild first')
  const t0 = performance.now()
  base.search(query, { limit })
  return round(performance.now() - t0)
}

/** The baseline's edit: `remove(d => d.id === id)` then `add(node)` (STYLE.md R18), in ms each. */
function baseUpdates(count: number): number[] {
  const fuse = base
  if (!fuse) throw new Error('baseBuild first')
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    const n = nodes[Math.floor((i * 7919) % nodes.length)] as GraphNode
    const edited = { ...n, title: `${n.title} bewerkt${i}` } as GraphNode
    const t0 = performance.now()
    fuse.remove((d) => d.id === n.id)
    fuse.add(edited)
    out.push(round(performance.now() - t0))
  }
  return out
}

export interface WorkerRun {
  /** From createSearchClient to ready(): posting the nodes in chunks plus the worker's build. */
  readyMs: number
  /** The longest gap between main-thread timer ticks while that happened. */
  maxStallMs: number
  /** search() round trips: post, worker search, structured clone back, promise resolved. */
  roundTrip: number[]
  /** store.apply(one edited node) until a search finds it, through the worker. */
  updateRoundTrip: number[]
  mode: string
}

/** The app's client with its worker over a GraphStore of the generated nodes. */
async function workerRun(queries: string[], edits: number, limit: number): Promise<WorkerRun> {
  const store = new GraphStore()
  store.reset({ nodes, edges: [], annotations: [] })
  let maxStallMs = 0
  let last = performance.now()
  let ticking = true
  const tick = (): void => {
    const now = performance.now()
    maxStallMs = Math.max(maxStallMs, now - last)
    last = now
    if (ticking) setTimeout(tick, 0)
  }
  setTimeout(tick, 0)
  const t0 = performance.now()
  const client = createSearchClient(new DisplayProjection(store))
  await client.ready()
  const readyMs = performance.now() - t0
  ticking = false
  try {
    for (const q of queries.slice(0, 10)) await client.search(q, { limit })
    const roundTrip: number[] = []
    for (const q of queries) {
      const s = performance.now()
      await client.search(q, { limit })
      roundTrip.push(round(performance.now() - s))
    }
    const updateRoundTrip: number[] = []
    for (let i = 0; i < edits; i++) {
      const n = nodes[Math.floor((i * 104729) % nodes.length)] as GraphNode
      const word = `gewijzigd${i}q`
      const s = performance.now()
      store.apply({
        nodes: [{ ...n, title: `${n.title} ${word}` } as GraphNode],
        edges: [],
        annotations: []
      })
      const results = await client.search(word, { limit: 5 })
      if (!results.some((r) => r.id === n.id)) throw new Error(`edit ${i} not visible`)
      updateRoundTrip.push(round(performance.now() - s))
    }
    return {
      readyMs: round(readyMs),
      maxStallMs: round(maxStallMs),
      roundTrip,
      updateRoundTrip,
      mode: client.mode
    }
  } finally {
    client.dispose()
  }
}

/** Top-5 recall of the app and the naive baseline on the labelled set. */
function recall(
  file: RelevanceFile,
  demoText: string
): { app: RecallResult; baseline: RecallResult } {
  return {
    app: top5Recall(appEngine, file.queries, demoText),
    baseline: top5Recall(naiveEngine, file.queries, demoText)
  }
}

const api = {
  generate,
  makeQueries,
  appBuild,
  appQueries,
  appUpdates,
  appDrop,
  baseBuild,
  baseQuery,
  baseUpdates,
  workerRun,
  recall
}
export type SearchBenchApi = typeof api
window.kgSearchBench = api
