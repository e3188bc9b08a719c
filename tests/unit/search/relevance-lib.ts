/**
 * The labelled relevance set and the naive Fuse baseline, shared by tests/unit/search/relevance.test.ts
 * and the search benchmark page (no Node APIs here: callers pass the demo file's text).
 */
import Fuse, { type IFuseOptions } from 'fuse.js'
import { generateGraph } from '@renderer/dev/generate-graph'
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

/** Top-5 recall of `engine` over `queries`; each graph is built once. */
export function top5Recall(
  engine: Engine,
  queries: readonly LabelledQuery[],
  demoText: string
): RecallResult {
  const byGraph = new Map<string, LabelledQuery[]>()
  for (const q of queries) byGraph.set(q.graph, [...(byGraph.get(q.graph) ?? []), q])
  let hits = 0
  let first = 0
  let rr = 0
  const misses: RecallResult['misses'] = []
  for (const [graph, list] of byGraph) {
    const search = engine(graphNodes(graph, demoText))
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
