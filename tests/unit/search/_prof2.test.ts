import { test } from 'vitest'
import { generateGraph } from '@renderer/dev/generate-graph'
import { toSearchDoc } from '@renderer/search/search-docs'
import { foldText } from '@renderer/search/fold'
import { SearchIndex } from '@renderer/search/search-index'

test('prof2', () => {
  const g = generateGraph({ nodes: 100000, seed: 1 })
  const nodes = g.nodes
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now()
    const docs = nodes.map((n) => toSearchDoc(n))
    console.log('toSearchDoc', performance.now() - t)
    t = performance.now()
    let x = 0
    for (const n of nodes) {
      x += foldText(n.title).length + foldText(n.description).length
    }
    console.log('fold title+desc', performance.now() - t)
    t = performance.now()
    SearchIndex.build(nodes)
    console.log('build', performance.now() - t, docs.length, x)
  }
}, 600000)
