import { readFileSync } from 'node:fs'
import { test } from 'vitest'
import { generateGraph } from '@renderer/dev/generate-graph'
import { parseKgJson } from '@renderer/exchange/formats/kg-json'
import { SearchIndex } from '@renderer/search/search-index'

test('explore', () => {
  const r = parseKgJson(readFileSync('resources/stadmaken-demo.kg.json', 'utf8'))
  if (!r.ok) throw new Error('demo')
  const demo = SearchIndex.build(r.value.nodes)
  for (const q of [
    'partisipatie',
    'gebeidsontwikkeling',
    'ingredienten',
    'een stem',
    'ijplein',
    'les: vertrouwen',
    'quick wins',
    'hamerkwartier',
    'transparantie',
    'ymere'
  ]) {
    const res = demo.search(q, { limit: 5 })
    console.log(
      q,
      '→',
      res
        .map(
          (x) =>
            `${x.id}(${x.score.toFixed(3)},${x.field}:${x.snippet.slice(0, 40)}|${JSON.stringify(x.highlights)})`
        )
        .join('  ')
    )
  }
  for (const n of [10000, 100000]) {
    let t = performance.now()
    const g = generateGraph({ nodes: n, seed: 1 })
    console.log('gen', n, performance.now() - t)
    t = performance.now()
    const idx = SearchIndex.build(g.nodes)
    console.log('build', n, performance.now() - t, idx.stats())
    const qs = [
      'partisipatie',
      'gebeidsontwikkeling',
      'ingredienten',
      'een',
      'ijplein',
      'vertrouwen',
      'quick',
      'hamerk',
      'transp',
      'ideeen',
      'bewonr',
      'de',
      'werkplaats zonneplein',
      'leerestafete',
      'omgevingswet'
    ]
    for (let rep = 0; rep < 2; rep++) {
      const times: number[] = []
      for (const q of qs) {
        const t0 = performance.now()
        const res = idx.search(q, { limit: 20 })
        times.push(performance.now() - t0)
        if (rep === 1)
          console.log(
            q,
            (performance.now() - t0).toFixed(1),
            res
              .slice(0, 3)
              .map((x) => `${x.kind}:${x.title.slice(0, 40)}`)
              .join(' | ')
          )
      }
      console.log('times', times.map((x) => x.toFixed(1)).join(' '))
    }
  }
}, 600000)
