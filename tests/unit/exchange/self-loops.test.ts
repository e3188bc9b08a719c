/**
 * Self-loops in imported files: an edge from a node to itself no longer refuses a GEXF, GraphML or
 * CSV file. Loops of a kind that may loop (`related`, what foreign edges map to) are kept; loops of
 * any other kind are counted in the preview and left out (default) or kept as `related`.
 */
import { describe, expect, it } from 'vitest'
import type { GraphEdge } from '../../../src-renderer/domain/edge-kinds'
import type { GraphData } from '../../../src-renderer/domain/graph'
import type { GraphNode } from '../../../src-renderer/domain/node-kinds'
import { validateGraph } from '../../../src-renderer/domain/validate'
import { exportGraph } from '../../../src-renderer/exchange/export/data-export'
import {
  applyMapping,
  readImport,
  readImportFiles,
  type ImportPreview
} from '../../../src-renderer/exchange/import'
import { NODE_BASE } from '../../support/records'

const STAMP = '2026-01-01T00:00:00.000Z'
const enc = (text: string): Uint8Array => new TextEncoder().encode(text)

function preview(name: string, bytes: string | Uint8Array): ImportPreview {
  const r = readImport(name, typeof bytes === 'string' ? enc(bytes) : bytes, { now: STAMP })
  if (!r.ok) throw new Error(`refused: ${r.issues.map((i) => i.message).join('; ')}`)
  return r.value
}

function mapped(p: ImportPreview, selfLoops?: 'drop' | 'keep'): GraphData {
  const g = applyMapping(p, {}, {}, selfLoops ? { selfLoops } : {})
  if (!g.ok) throw new Error(`not mapped: ${g.issues.map((i) => i.message).join('; ')}`)
  return g.value
}

const loops = (g: GraphData): GraphEdge[] => g.edges.filter((e) => e.source === e.target)

/** A Gephi-like file: untyped nodes numbered from 0, two self-loops among four edges. */
const GEPHI_GEXF = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="0" label="YAL001C"/>
      <node id="1" label="YAL002W"/>
      <node id="2" label="YAL003W"/>
    </nodes>
    <edges>
      <edge id="0" source="0" target="0"/>
      <edge id="1" source="0" target="1"/>
      <edge id="2" source="1" target="1" weight="2"/>
      <edge id="3" source="1" target="2"/>
    </edges>
  </graph>
</gexf>
`

const NETWORKX_GRAPHML = `<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="undirected">
    <node id="a"/>
    <node id="b"/>
    <edge source="a" target="a"/>
    <edge source="a" target="b"/>
  </graph>
</graphml>
`

describe('self-loops of foreign edges are kept (they map to related, which may loop)', () => {
  it('GEXF: a Gephi network with self-loops imports whole', () => {
    const p = preview('eiwitten.gexf', GEPHI_GEXF)
    expect(p.problems).toEqual([])
    expect(p.selfLoops).toEqual({ allowed: 2, forbidden: 0 })
    const g = mapped(p)
    expect(g.edges).toHaveLength(4)
    expect(loops(g).map((e) => [e.kind, e.source])).toEqual([
      ['related', '0'],
      ['related', '1']
    ])
    expect(validateGraph(g).ok).toBe(true)
  })

  it('GraphML: a NetworkX graph with a self-loop imports whole', () => {
    const p = preview('nx.graphml', NETWORKX_GRAPHML)
    expect(p.problems).toEqual([])
    expect(p.selfLoops).toEqual({ allowed: 1, forbidden: 0 })
    expect(loops(mapped(p))).toHaveLength(1)
  })

  it('CSV: a Kumu connection from an element to itself imports', () => {
    const p = preview('connections.csv', 'From;To;Type\r\nAnna;Anna;knows\r\nAnna;Bob;knows\r\n')
    expect(p.problems).toEqual([])
    expect(p.selfLoops).toEqual({ allowed: 1, forbidden: 0 })
    const [loop] = loops(mapped(p))
    expect(loop).toMatchObject({ kind: 'related', source: 'Anna', target: 'Anna', label: 'knows' })
  })
})

/** Two actors; a related loop (may loop) and a member_of loop (may not), plus one ordinary edge. */
function appGraph(): GraphData {
  const node = (id: string): GraphNode =>
    ({
      ...NODE_BASE,
      id,
      kind: 'actor',
      title: id,
      actorType: 'resident',
      deletedAt: null
    }) as never
  const edge = (id: string, kind: string, source: string, target: string): GraphEdge =>
    ({
      ...NODE_BASE,
      id,
      kind,
      source,
      target,
      evidence: [],
      deletedAt: null
    }) as never
  return {
    nodes: [node('anna'), node('bob')],
    edges: [
      edge('e-rel', 'related', 'anna', 'anna'),
      edge('e-mem', 'member_of', 'bob', 'bob'),
      edge('e-ok', 'member_of', 'anna', 'bob')
    ],
    annotations: []
  }
}

describe('self-loops of kinds that may not loop: counted, left out by default, or kept as related', () => {
  const files: [string, () => ImportPreview][] = [
    ['GEXF', () => preview('kaart.gexf', exportGraph(appGraph(), 'gexf'))],
    ['GraphML', () => preview('kaart.graphml', exportGraph(appGraph(), 'graphml'))],
    ['CSV (zip)', () => preview('kaart.zip', exportGraph(appGraph(), 'csv-zip'))],
    [
      'CSV (two files)',
      () => {
        const r = readImportFiles(
          [
            {
              name: 'elements.csv',
              bytes: enc('ID;Label;Type\r\nanna;Anna;actor\r\nbob;Bob;actor\r\n')
            },
            {
              name: 'connections.csv',
              bytes: enc(
                'ID;From;To;Type\r\ne-rel;anna;anna;related\r\ne-mem;bob;bob;member_of\r\ne-ok;anna;bob;member_of\r\n'
              )
            }
          ],
          { now: STAMP }
        )
        if (!r.ok) throw new Error(r.issues[0]?.message)
        return r.value
      }
    ]
  ]

  it.each(files)('%s: the preview counts them and the file imports', (_name, read) => {
    const p = read()
    expect(p.problems).toEqual([])
    expect(p.selfLoops).toEqual({ allowed: 1, forbidden: 1 })
    // Default: the member_of loop is left out, the related loop and the ordinary edge stay.
    const dropped = mapped(p)
    expect(dropped.edges.map((e) => e.id).sort()).toEqual(['e-ok', 'e-rel'])
    expect(validateGraph(dropped).ok).toBe(true)
    // Kept: the member_of loop becomes related, its kind the label.
    const kept = mapped(p, 'keep')
    expect(kept.edges).toHaveLength(3)
    const mem = kept.edges.find((e) => e.id === 'e-mem')
    expect(mem).toMatchObject({ kind: 'related', source: 'bob', target: 'bob', label: 'member_of' })
    expect(validateGraph(kept).ok).toBe(true)
    // Explicit drop gives the same as the default.
    expect(mapped(p, 'drop').edges).toHaveLength(2)
  })

  it('a kind the user picks may forbid a loop the suggestion kept: the same choice applies', () => {
    const r = readImportFiles(
      [
        {
          name: 'elements.csv',
          bytes: enc('ID;Label;Type\r\nanna;Anna;actor\r\nbob;Bob;actor\r\n')
        },
        {
          name: 'connections.csv',
          bytes: enc('ID;From;To;Type\r\nk1;anna;anna;knows\r\nk2;anna;bob;knows\r\n')
        }
      ],
      { now: STAMP }
    )
    if (!r.ok) throw new Error(r.issues[0]?.message)
    expect(r.value.selfLoops).toEqual({ allowed: 1, forbidden: 0 })
    const asMember = (selfLoops: 'drop' | 'keep'): GraphData => {
      const g = applyMapping(r.value, {}, { knows: 'member_of' }, { selfLoops })
      if (!g.ok) throw new Error(g.issues[0]?.message)
      return g.value
    }
    expect(asMember('drop').edges.map((e) => [e.id, e.kind])).toEqual([['k2', 'member_of']])
    expect(asMember('keep').edges.map((e) => [e.id, e.kind])).toEqual([
      ['k1', 'related'],
      ['k2', 'member_of']
    ])
  })

  it('a .kg.json backup keeps its related loops', () => {
    const g = appGraph()
    g.edges = g.edges.filter((e) => e.id !== 'e-mem')
    const p = preview('kaart.kg.json', exportGraph(g, 'kg-json'))
    expect(p.selfLoops).toEqual({ allowed: 1, forbidden: 0 })
    expect(loops(mapped(p))).toHaveLength(1)
  })
})
