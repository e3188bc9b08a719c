/**
 * Relevance: the labelled set of tests/fixtures/search/relevance.json. The node a user means must be
 * in the top 5 for at least 95% of the queries, and the app may never do worse than naive Fuse on the
 * same set (computed here, not remembered).
 *
 * Each graph is parsed or generated once for the whole file, and each engine is built once per graph.
 * The naive baseline runs with an exact prefilter (prefilteredNaiveEngine); the last two tests check
 * that it ranks like a full Fuse scan.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Fuse from 'fuse.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '@renderer/domain/random'
import {
  NAIVE_FUSE_OPTIONS,
  appEngine,
  graphSource,
  naiveEngine,
  naiveMayMatch,
  prefilteredNaiveEngine,
  substringDistanceTo,
  top5Recall,
  type GraphSource,
  type RelevanceFile
} from './relevance-lib'

const ROOT = resolve(__dirname, '../../..')
const demoText = readFileSync(resolve(ROOT, 'resources/stadmaken-demo.kg.json'), 'utf8')
const file = JSON.parse(
  readFileSync(resolve(ROOT, 'tests/fixtures/search/relevance.json'), 'utf8')
) as RelevanceFile

let graphs: GraphSource

beforeAll(() => {
  graphs = graphSource(demoText)
  for (const q of file.queries) graphs(q.graph)
}, 60_000)

describe('labelled relevance set', () => {
  it('has at least 60 queries over the demo and a generated graph, each naming an existing node', () => {
    expect(file.queries.length).toBeGreaterThanOrEqual(60)
    const specs = new Set(file.queries.map((q) => q.graph))
    expect(specs.has('demo')).toBe(true)
    expect([...specs].some((g) => g.startsWith('generated:'))).toBe(true)
    for (const graph of specs) {
      const ids = new Set<string>(graphs(graph).map((n) => n.id))
      for (const q of file.queries.filter((x) => x.graph === graph)) {
        expect(ids.has(q.expected), `${q.query} → ${q.expected} in ${graph}`).toBe(true)
      }
    }
  })

  it('finds the intended node in the top 5 for ≥ 95% of queries, never worse than naive Fuse', () => {
    const app = top5Recall(appEngine, file.queries, graphs)
    const naive = top5Recall(prefilteredNaiveEngine, file.queries, graphs)
    expect(naive.total).toBe(app.total)
    const report =
      `top-5: app ${app.hits}/${app.total} (${(app.recall * 100).toFixed(1)}%), ` +
      `naive Fuse ${naive.hits}/${naive.total} (${(naive.recall * 100).toFixed(1)}%); ` +
      `top-1: app ${(app.top1 * 100).toFixed(1)}%, naive ${(naive.top1 * 100).toFixed(1)}%; ` +
      `MRR: app ${app.mrr.toFixed(3)}, naive ${naive.mrr.toFixed(3)}\n` +
      `app misses: ${JSON.stringify(app.misses, null, 1)}`
    console.log(report)
    expect(app.recall, report).toBeGreaterThanOrEqual(0.95)
    expect(app.hits, report).toBeGreaterThanOrEqual(naive.hits)
  }, 60_000)
})

describe('the prefiltered naive baseline', () => {
  it('ranks every labelled query exactly like a full Fuse scan (demo and part of a generated graph)', () => {
    const generated = file.queries.find((q) => q.graph.startsWith('generated:'))?.graph as string
    // All queries on the demo; the generated graphs' queries on the first 40 nodes of one of them
    // (a full scan of the whole graph is what the prefilter exists to avoid).
    const samples = [
      { nodes: graphs('demo'), queries: file.queries },
      {
        nodes: graphs(generated).slice(0, 40),
        queries: file.queries.filter((q) => q.graph !== 'demo')
      }
    ]
    let found = 0
    for (const { nodes, queries } of samples) {
      const full = naiveEngine(nodes)
      const fast = prefilteredNaiveEngine(nodes)
      for (const { query } of queries) {
        const expected = full(query)
        found += expected.length
        expect(fast(query), query).toEqual(expected)
      }
    }
    // Not a vacuous comparison of empty lists.
    expect(found).toBeGreaterThan(file.queries.length)
  }, 30_000)

  it('never filters out a text Fuse matches, and measures the distance Fuse scores', () => {
    const rng = seededRandom(11)
    const pick = (alphabet: string, length: number): string => {
      let s = ''
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(rng() * alphabet.length)]
      return s
    }
    let matched = 0
    let rejected = 0
    for (let round = 0; round < 3000; round++) {
      const alphabet = round % 2 ? 'abcde ' : 'aAbB éë'
      const text = pick(alphabet, Math.floor(rng() * 80))
      // Mostly a mutated piece of the text, so that many pairs are near the threshold.
      const start = Math.floor(rng() * text.length)
      const base = text.slice(start, start + 1 + Math.floor(rng() * 40)) || 'a'
      const query =
        [...base].map((c) => (rng() < 0.2 ? pick(alphabet, 1) : c)).join('') +
        pick(alphabet, Math.floor(rng() * 4))
      if (!query.trim()) continue
      const fuse = Fuse.match(query, text, NAIVE_FUSE_OPTIONS)
      const may = naiveMayMatch(query)(text.toLowerCase())
      if (fuse.isMatch) {
        matched++
        expect(may, `${JSON.stringify(query)} in ${JSON.stringify(text)}`).toBe(true)
      } else if (!may) rejected++
      const pattern = query.toLowerCase()
      if (fuse.isMatch && pattern.length <= 32 && pattern !== text.toLowerCase()) {
        // With ignoreLocation Fuse scores errors / pattern length (at least 0.001).
        const errors = substringDistanceTo(pattern)(text.toLowerCase())
        expect(Math.max(0.001, errors / pattern.length), `${pattern} in ${text}`).toBeCloseTo(
          fuse.score ?? -1,
          9
        )
      }
    }
    // Both sides of the filter are exercised.
    expect(matched).toBeGreaterThan(300)
    expect(rejected).toBeGreaterThan(300)
  })
})
