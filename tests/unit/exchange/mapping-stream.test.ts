import { describe, expect, it } from 'vitest'
import { validateGraph } from '../../../src-renderer/domain/validate'
import { mapRaw } from '../../../src-renderer/exchange/import/mapping'
import type { RawGraph } from '../../../src-renderer/exchange/raw-graph'

const STAMP = { now: '2026-02-01T00:00:00.000Z', author: '' }

function raw(n: number): RawGraph {
  return {
    nodes: Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      type: 'Thema',
      app: new Map<string, unknown>([['title', `Knoop ${i}`]]),
      fields: new Map(),
      at: { line: i + 2 }
    })),
    edges: [],
    annotations: []
  }
}

describe('mapped records are built while they are consumed', () => {
  it('maps a node only when the validator asks for it, and only once', () => {
    const graph = raw(3)
    const mapped = mapRaw(graph, {}, {}, STAMP, undefined)
    expect(Array.isArray(mapped.input.nodes)).toBe(false)
    expect(mapped.input.nodes.length).toBe(3)
    const it = mapped.input.nodes[Symbol.iterator]()
    expect(it.next().value).toMatchObject({ id: 'n0', title: 'Knoop 0' })
    // Changed after the first record was taken: the second is mapped from the changed record.
    graph.nodes[1]!.app.set('title', 'Later')
    expect(it.next().value).toMatchObject({ id: 'n1', title: 'Later' })
    expect(() => [...mapped.input.nodes]).toThrow()
  })

  it('validates the one-pass records like arrays of the same records', () => {
    const streamed = mapRaw(raw(5), {}, {}, STAMP, undefined).input
    const eager = mapRaw(raw(5), {}, {}, STAMP, undefined).input
    const arrays = { nodes: [...eager.nodes], edges: [...eager.edges], annotations: [] }
    expect(validateGraph(streamed)).toEqual(validateGraph(arrays))
    expect(validateGraph(arrays).ok).toBe(true)
  })
})
