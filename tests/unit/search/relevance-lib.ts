/**
 * The labelled relevance set and the naive Fuse baseline, shared by tests/unit/search/relevance.test.ts
 * and the search benchmark page (no Node APIs here: callers pass the demo file's text).
 *
 * A full naive Fuse scan of the generated graphs takes ~20 s (minutes on a loaded machine): Bitap
 * runs over every description once per allowed error. {@link prefilteredNaiveEngine} gives the same
 * top 5 by handing Fuse only the nodes that can match at all (an exact edit-distance bound).
 */
import Fuse, { type IFuseOptions } from 'fuse.js'
import { generateGraph } from '../../support/generate-graph'
import type { GraphNode } from '@renderer/domain/node-kinds'
import { parseKgJson } from '@renderer/exchange/formats/kg-json'
import { SearchIndex } from '@renderer/search/search-index'

/** One labelled query of tests/fixtures/search/relevance.json. */
export interface LabelledQuery {
  query: string
  /** Id of the node the user means. */
  expected: string
  /** `demo` or `generated:<seed>:<nodes>`. */
  graph: string
}

/** The file tests/fixtures/search/relevance.json. */
export interface RelevanceFile {
  description: string
  queries: LabelledQuery[]
}

/**
 * The naive baseline: Fuse.js straight over the nodes, keys title (weight 2), description and
 * tags, `ignoreLocation: true`, `threshold: 0.35`, nothing else.
 */
export const NAIVE_FUSE_OPTIONS: IFuseOptions<GraphNode> = {
  keys: [{ name: 'title', weight: 2 }, 'description', 'tags'],
  ignoreLocation: true,
  threshold: 0.35
}

/** The live nodes of a labelled graph: the demo (from its `.kg.json` text) or a generated graph. */
export function graphNodes(spec: string, demoText: string): GraphNode[] {
  if (spec === 'demo') {
    const r = parseKgJson(demoText)
    if (!r.ok) throw new Error(`demo graph: ${r.issues[0]?.message ?? 'invalid'}`)
    return r.value.nodes.filter((n) => !n.deletedAt)
  }
  const m = /^generated:(\d+):(\d+)$/.exec(spec)
  if (!m) throw new Error(`unknown graph spec ${spec}`)
  return generateGraph({ nodes: Number(m[2]), seed: Number(m[1]), edgesPerNode: 3 }).nodes
}

/** The live nodes of a labelled graph spec (see {@link graphNodes}). */
export type GraphSource = (spec: string) => GraphNode[]

/** {@link graphNodes} with each graph parsed or generated once, for callers that ask repeatedly. */
export function graphSource(demoText: string): GraphSource {
  const cache = new Map<string, GraphNode[]>()
  return (spec) => {
    let nodes = cache.get(spec)
    if (!nodes) {
      nodes = graphNodes(spec, demoText)
      cache.set(spec, nodes)
    }
    return nodes
  }
}

/** Result of one engine on the labelled set. */
export interface RecallResult {
  hits: number
  total: number
  /** hits / total. */
  recall: number
  /** Share of queries whose expected node came first. */
  top1: number
  /** Mean reciprocal rank within the top 5 (0 for a miss). */
  mrr: number
  /** Queries whose expected node was not in the top 5, with what came instead. */
  misses: { query: string; graph: string; expected: string; got: string[] }[]
}

/** A search engine under test: built once per graph, then asked for the top ids of a query. */
export type Engine = (nodes: GraphNode[]) => (query: string) => string[]

/** The app's index (top 5). */
export const appEngine: Engine = (nodes) => {
  const index = SearchIndex.build(nodes)
  return (q) => index.search(q, { limit: 5 }).map((r) => r.id)
}

/** The naive baseline (top 5). */
export const naiveEngine: Engine = (nodes) => {
  const fuse = new Fuse(nodes, NAIVE_FUSE_OPTIONS)
  return (q) => fuse.search(q, { limit: 5 }).map((r) => r.item.id)
}

/** Fuse's Bitap works on patterns of at most this many UTF-16 units; longer ones are chunked. */
const BITAP_MAX_BITS = 32

/**
 * The fewest edits (insert, delete, substitute one UTF-16 unit) that turn `pattern` into some
 * substring of a text: Myers' bit-parallel algorithm, one pass over the text. `pattern` has 1–32
 * units. With `enough`, the returned function stops as soon as the distance is known to be at most
 * `enough` (then its result is some value ≤ `enough`, not necessarily the minimum).
 */
export function substringDistanceTo(pattern: string): (text: string, enough?: number) => number {
  const m = pattern.length
  if (m < 1 || m > BITAP_MAX_BITS) throw new Error(`pattern length ${m} is not 1–32`)
  // Bit i of the mask of unit c is set where pattern[i] is c: a table for Latin-1, a map above it.
  const latin = new Int32Array(256)
  const other = new Map<number, number>()
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i)
    if (c < 256) latin[c] = (latin[c] as number) | (1 << i)
    else other.set(c, (other.get(c) ?? 0) | (1 << i))
  }
  const last = 1 << (m - 1)
  return (text, enough = -1) => {
    let pv = -1
    let mv = 0
    let score = m
    let best = m
    if (best <= enough) return best
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j)
      const eq = c < 256 ? (latin[c] as number) : (other.get(c) ?? 0)
      const xv = eq | mv
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq
      let ph = mv | ~(xh | pv)
      let mh = pv & xh
      if (ph & last) score++
      else if (mh & last) score--
      // No carry into row 0: a match may start anywhere in the text.
      ph <<= 1
      mh <<= 1
      pv = mh | ~(xv | ph)
      mv = ph & xv
      if (score < best) {
        best = score
        if (best <= enough) return best
      }
    }
    return best
  }
}

/** The pieces Fuse's Bitap searches a lower-cased pattern in (BitapSearch in fuse.js 7). */
function bitapChunks(pattern: string): string[] {
  if (pattern.length <= BITAP_MAX_BITS) return [pattern]
  const chunks: string[] = []
  const remainder = pattern.length % BITAP_MAX_BITS
  for (let i = 0; i < pattern.length - remainder; i += BITAP_MAX_BITS)
    chunks.push(pattern.slice(i, i + BITAP_MAX_BITS))
  if (remainder) chunks.push(pattern.slice(pattern.length - BITAP_MAX_BITS))
  return chunks
}

/**
 * A test that is true for every lower-cased field text naive Fuse matches `query` in. With
 * `ignoreLocation`, Fuse's Bitap scores `errors / chunk length` and matches a text when some chunk of
 * the pattern gets within `threshold` of a substring of it; the allowed errors are found with that
 * same comparison, so rounding cannot drop a match.
 */
export function naiveMayMatch(query: string): (lowerText: string) => boolean {
  const threshold = NAIVE_FUSE_OPTIONS.threshold ?? 0.6
  const tests = bitapChunks(query.toLowerCase()).map((chunk) => {
    let allowed = 0
    while (allowed + 1 < chunk.length && (allowed + 1) / chunk.length <= threshold) allowed++
    const distance = substringDistanceTo(chunk)
    return (text: string): boolean => distance(text, allowed) <= allowed
  })
  return (text) => tests.some((within) => within(text))
}

/** The strings Fuse searches in a node for {@link NAIVE_FUSE_OPTIONS}' keys, lower-cased. */
function naiveFieldTexts(node: GraphNode): string[] {
  const out: string[] = []
  for (const key of NAIVE_FUSE_OPTIONS.keys ?? []) {
    const name = typeof key === 'string' ? key : (key as { name: string }).name
    const value = (node as unknown as Record<string, unknown>)[name]
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) out.push(String(v).toLowerCase())
    }
  }
  return out
}

/**
 * The naive baseline with the same top 5 as {@link naiveEngine}, much faster on large graphs: Fuse
 * ranks only the nodes {@link naiveMayMatch} lets through. Fuse scores each node on its own and breaks
 * ties by collection order, which the filter keeps, so dropping nodes Fuse would not match cannot
 * change the result.
 */
export const prefilteredNaiveEngine: Engine = (nodes) => {
  const { ignoreLocation, isCaseSensitive, ignoreDiacritics, useExtendedSearch, useTokenSearch } =
    NAIVE_FUSE_OPTIONS
  if (!ignoreLocation || isCaseSensitive || ignoreDiacritics || useExtendedSearch || useTokenSearch)
    throw new Error('prefilteredNaiveEngine assumes location-free, case-folded plain Bitap search')
  const texts = nodes.map(naiveFieldTexts)
  const full = naiveEngine(nodes)
  return (q) => {
    if (!q.trim()) return full(q)
    const mayMatch = naiveMayMatch(q)
    const candidates = nodes.filter((_, i) => (texts[i] as string[]).some(mayMatch))
    return naiveEngine(candidates)(q)
  }
}

/**
 * Top-5 recall of `engine` over `queries`; the engine is built once per graph. The graphs come from
 * the demo file's text or from a {@link graphSource} shared between calls.
 */
export function top5Recall(
  engine: Engine,
  queries: readonly LabelledQuery[],
  graphs: string | GraphSource
): RecallResult {
  const nodesOf = typeof graphs === 'string' ? graphSource(graphs) : graphs
  const byGraph = new Map<string, LabelledQuery[]>()
  for (const q of queries) byGraph.set(q.graph, [...(byGraph.get(q.graph) ?? []), q])
  let hits = 0
  let first = 0
  let rr = 0
  const misses: RecallResult['misses'] = []
  for (const [graph, list] of byGraph) {
    const search = engine(nodesOf(graph))
    for (const q of list) {
      const got = search(q.query).slice(0, 5)
      const rank = got.indexOf(q.expected)
      if (rank >= 0) {
        hits++
        rr += 1 / (rank + 1)
        if (rank === 0) first++
      } else misses.push({ query: q.query, graph, expected: q.expected, got })
    }
  }
  const n = Math.max(1, queries.length)
  return { hits, total: queries.length, recall: hits / n, top1: first / n, mrr: rr / n, misses }
}
