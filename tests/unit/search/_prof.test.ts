import { test } from 'vitest'
import { generateGraph } from '@renderer/dev/generate-graph'
import { foldText, tokenize } from '@renderer/search/fold'
import { toSearchDoc } from '@renderer/search/search-docs'
import { SearchIndex } from '@renderer/search/search-index'

test('prof', () => {
  const g = generateGraph({ nodes: 100000, seed: 1 })
  const nodes = g.nodes
  for (let rep = 0; rep < 2; rep++) {
    let t = performance.now()
    let x = 0
    for (const n of nodes) x += foldText(n.description).length
    console.log('fold desc', performance.now() - t)
    t = performance.now()
    for (const n of nodes) x += foldText(n.title).length
    console.log('fold title', performance.now() - t)
    t = performance.now()
    const docs = nodes.map((n) => toSearchDoc(n))
    console.log('toSearchDoc', performance.now() - t)
    t = performance.now()
    for (const d of docs) x += tokenize(d.folded.description).length
    console.log('tokenize desc', performance.now() - t)
    t = performance.now()
    const m = new Map<string, number>()
    for (const d of docs)
      for (const tok of tokenize(d.folded.description)) {
        const v = m.get(tok)
        if (v === undefined) m.set(tok, m.size)
      }
    console.log('tokenize+map desc', performance.now() - t)
    t = performance.now()
    for (const d of docs)
      for (const tok of d.folded.description.split(/[^a-z0-9]+/)) {
        const v = m.get(tok)
        if (v === undefined) m.set(tok, m.size)
      }
    console.log('split+map desc', performance.now() - t)
    t = performance.now()
    SearchIndex.build(nodes)
    console.log('build', performance.now() - t, x)
  }
}, 600000)
