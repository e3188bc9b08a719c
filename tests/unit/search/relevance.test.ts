/**
 * Relevance: the labelled set of tests/fixtures/search/relevance.json. The node a user means must be
 * in the top 5 for at least 95% of the queries, and the app may never do worse than naive Fuse on the
 * same set (computed here, not remembered).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appEngine, graphNodes, naiveEngine, top5Recall, type RelevanceFile } from './relevance-lib'

const ROOT = resolve(__dirname, '../../..')
const demoText = readFileSync(resolve(ROOT, 'resources/stadmaken-demo.kg.json'), 'utf8')
const file = JSON.parse(
  readFileSync(resolve(ROOT, 'tests/fixtures/search/relevance.json'), 'utf8')
) as RelevanceFile

describe('labelled relevance set', () => {
  it('has at least 60 queries over the demo and a generated graph, each naming an existing node', () => {
    expect(file.queries.length).toBeGreaterThanOrEqual(60)
    const graphs = new Set(file.queries.map((q) => q.graph))
    expect(graphs.has('demo')).toBe(true)
    expect([...graphs].some((g) => g.startsWith('generated:'))).toBe(true)
    for (const graph of graphs) {
      const ids = new Set<string>(graphNodes(graph, demoText).map((n) => n.id))
      for (const q of file.queries.filter((x) => x.graph === graph)) {
        expect(ids.has(q.expected), `${q.query} → ${q.expected} in ${graph}`).toBe(true)
      }
    }
  })

  it('finds the intended node in the top 5 for ≥ 95% of queries, never worse than naive Fuse', () => {
    const app = top5Recall(appEngine, file.queries, demoText)
    const naive = top5Recall(naiveEngine, file.queries, demoText)
    const report =
      `top-5: app ${app.hits}/${app.total} (${(app.recall * 100).toFixed(1)}%), ` +
      `naive Fuse ${naive.hits}/${naive.total} (${(naive.recall * 100).toFixed(1)}%); ` +
      `top-1: app ${(app.top1 * 100).toFixed(1)}%, naive ${(naive.top1 * 100).toFixed(1)}%; ` +
      `MRR: app ${app.mrr.toFixed(3)}, naive ${naive.mrr.toFixed(3)}\n` +
      `app misses: ${JSON.stringify(app.misses, null, 1)}`
    console.log(report)
    expect(app.recall, report).toBeGreaterThanOrEqual(0.95)
    expect(app.hits, report).toBeGreaterThanOrEqual(naive.hits)
  }, 120_000)
})
