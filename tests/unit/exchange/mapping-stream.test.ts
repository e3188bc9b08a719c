import { describe, expect, it } from 'vitest'
import { validateGraph } from '../../../src-renderer/domain/validate'
import { mapRaw } from '../../../src-renderer/exchange/import/mapping'
import { applyMapping, readImport } from '../../../src-renderer/exchange/import'
import type { RawGraph } from '../../../src-renderer/exchange/raw-graph'

const STAMP = { now: '2026-02-01T00:00:00.000Z', author: '' }

function raw(n: number): RawGraph {
  return {
    nodes: Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      type: 'Thema',
      app: { title: `Knoop ${i}` },
      fields: {},
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
    graph.nodes[1]!.app.title = 'Later'
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

describe('a preview holds its raw records compactly', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
  const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">
<attributes class="node"><attribute id="0" title="type" type="string"/></attributes>
<nodes><node id="a" label="A"><attvalues><attvalue for="0" value="Thema"/></attvalues></node>
<node id="b" label="B"><attvalues><attvalue for="0" value="Thema"/></attvalues></node></nodes>
<edges><edge id="e1" source="a" target="b"/><edge id="e2" source="b" target="a"/><edge id="e3" source="a" target="b" label="x"/></edges>
</graph></gexf>`

  it('every empty app and fields is one frozen object; records with attributes keep their own', () => {
    const r = readImport('g.gexf', enc(gexf))
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const [e1, e2, e3] = r.value.graph.edges
    expect(e1!.app).toBe(e2!.app)
    expect(e1!.fields).toBe(e3!.fields)
    expect(Object.isFrozen(e1!.app)).toBe(true)
    expect(e3!.app).toEqual({ label: 'x' })
    expect(Object.isFrozen(e3!.app)).toBe(false)
    // Mapping copies them: the mapped records are the file's, unchanged by sharing.
    const mapped = applyMapping(r.value)
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.issues))
    expect(mapped.value.edges.map((e) => [e.id, e.label ?? null])).toEqual([
      ['e1', null],
      ['e2', null],
      ['e3', 'x']
    ])
    expect(mapped.value.nodes.map((n) => n.fields)).toEqual([{ type: 'Thema' }, { type: 'Thema' }])
  })

  it('raw records are plain objects, not Maps (a Map costs three times an object)', () => {
    const r = readImport('g.gexf', enc(gexf))
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const node = r.value.graph.nodes[0]!
    expect(Object.getPrototypeOf(node.app)).toBe(Object.prototype)
    expect(node.app).toEqual({ title: 'A' })
    expect(node.fields).toEqual({ type: 'Thema' })
  })
})
