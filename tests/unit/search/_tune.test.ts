import { readFileSync } from 'node:fs'
import { test } from 'vitest'
import { SearchIndex } from '@renderer/search/search-index'
import { graphNodes, type RelevanceFile } from './relevance-lib'

test('tune', () => {
  const demoText = readFileSync('resources/stadmaken-demo.kg.json', 'utf8')
  const file = JSON.parse(
    readFileSync('tests/fixtures/search/relevance.json', 'utf8')
  ) as RelevanceFile
  const ranks: number[] = []
  for (const graph of new Set(file.queries.map((q) => q.graph))) {
    const idx = SearchIndex.build(graphNodes(graph, demoText))
    for (const q of file.queries.filter((x) => x.graph === graph)) {
      const res = idx.search(q.query, { limit: 20 })
      const r = res.findIndex((x) => x.id === q.expected)
      ranks.push(r)
      if (r !== 0)
        console.log(
          `rank ${r}: ${q.query} → top: ${res
            .slice(0, 3)
            .map((x) => x.title.slice(0, 50) + ' ' + x.score.toFixed(3))
            .join(' | ')}`
        )
    }
  }
  const top1 = ranks.filter((r) => r === 0).length
  const mrr = ranks.reduce((a, r) => a + (r >= 0 ? 1 / (r + 1) : 0), 0) / ranks.length
  console.log(`top1 ${top1}/${ranks.length} mrr ${mrr.toFixed(3)}`)
}, 600000)
