import { test } from 'vitest'
import { generateGraph } from '@renderer/dev/generate-graph'

test('dump', () => {
  for (const [seed, n] of [[7, 1500]] as const) {
    const g = generateGraph({ nodes: n, seed })
    const count = new Map<string, number>()
    for (const x of g.nodes) count.set(x.title, (count.get(x.title) ?? 0) + 1)
    const byKind = new Map<string, string[]>()
    for (const x of g.nodes) {
      if (count.get(x.title) !== 1) continue
      const l = byKind.get(x.kind) ?? []
      if (l.length < 14 && Math.floor(x.id.charCodeAt(35)) % 5 === 0)
        l.push(`${x.id} | ${x.title} | tags=${x.tags.join(',')}`)
      byKind.set(x.kind, l)
    }
    for (const [k, l] of byKind) {
      console.log('##', k)
      for (const s of l) console.log(s)
    }
    const kinds = new Map<string, number>()
    for (const x of g.nodes)
      if (count.get(x.title) === 1) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1)
    console.log(JSON.stringify([...kinds]))
  }
})
