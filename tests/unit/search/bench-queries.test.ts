/** The benchmark's fixed query set is what its generator gives, and fits the constraints. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import { makeBenchQueries, type BenchQueryFile } from '../../bench/search/bench-queries'

const file = JSON.parse(
  readFileSync(resolve(__dirname, '../../fixtures/search/bench-queries.json'), 'utf8')
) as BenchQueryFile

describe('bench-queries.json', () => {
  it('has at least 200 distinct queries of 3–10 characters with typos and diacritics', () => {
    const queries = file.queries.map((q) => q.query)
    expect(queries.length).toBeGreaterThanOrEqual(200)
    expect(new Set(queries).size).toBe(queries.length)
    for (const q of queries) expect(q.length >= 3 && q.length <= 10, q).toBe(true)
    const variants = new Set(file.queries.map((q) => q.variant))
    for (const v of ['substitution', 'transposition', 'strip-diacritics', 'add-diacritics']) {
      expect(variants.has(v as never), v).toBe(true)
    }
  })

  it('is reproduced exactly by the seeded generator', () => {
    const m = /^generated:(\d+):(\d+)$/.exec(file.graph)
    if (!m) throw new Error(`bad graph ${file.graph}`)
    const nodes = generateGraph({ nodes: Number(m[2]), seed: Number(m[1]), edgesPerNode: 3 }).nodes
    expect(makeBenchQueries(nodes, file.queries.length, file.seed)).toEqual(file.queries)
  })
})
