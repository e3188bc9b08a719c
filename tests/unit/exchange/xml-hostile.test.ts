/**
 * GEXF and GraphML readers against hostile and odd files (generated here): deep nesting, huge values,
 * garbage, numbers that are not plain decimals, repeated edge ids, and text fed in pieces. Every
 * refusal is a Dutch message with the line, quickly and without a stack overflow.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../../src-renderer/domain/result'
import {
  readImport,
  type ImportIssue,
  type ImportPreview
} from '../../../src-renderer/exchange/import'
import { readWhole } from '../../../src-renderer/exchange/import/chunk-reader'
import {
  createGexfReader,
  parseGexf,
  serializeGexf
} from '../../../src-renderer/exchange/formats/gexf'
import {
  createGraphmlReader,
  parseGraphml,
  serializeGraphml
} from '../../../src-renderer/exchange/formats/graphml'
import {
  XML_MAX_DEPTH,
  XML_MAX_RECORDS,
  XML_MAX_VALUE_CHARS
} from '../../../src-renderer/exchange/formats/xml'
import {
  MAX_NESTING_DEPTH,
  MAX_RECORDS,
  MAX_VALUE_CHARS
} from '../../../src-renderer/exchange/limits'
import type { RawGraph } from '../../../src-renderer/exchange/raw-graph'
import { generateGraph } from '../../support/generate-graph'

const STAMP = '2026-01-01T00:00:00.000Z'
const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
const read = (name: string, text: string): Result<ImportPreview> =>
  readImport(name, enc(text), { now: STAMP })

function refused(result: Result<unknown>): ImportIssue {
  if (result.ok) throw new Error('expected the file to be refused')
  expect(result.issues).toHaveLength(1)
  const [issue] = result.issues as ImportIssue[]
  expect(issue?.message).not.toMatch(/Maximum call stack|RangeError/)
  return issue as ImportIssue
}

const YED_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">\n' +
  '<key id="d0" for="node" yfiles.type="nodegraphics"/>\n' +
  '<graph id="G" edgedefault="directed">\n' +
  '<node id="n0">\n' +
  '<data key="d0">\n' +
  '<y:ShapeNode>\n'

describe('nesting deeper than XML_MAX_DEPTH refuses the file with the line', () => {
  it('a yEd NodeLabel nested 4,000 deep (GraphML)', () => {
    // <y:ShapeNode> is on line 7 at depth 5; every NodeLabel below it is on its own line.
    const text =
      YED_HEAD +
      '<y:NodeLabel>\n'.repeat(4000) +
      'x' +
      '</y:NodeLabel>'.repeat(4000) +
      '\n</y:ShapeNode></data></node></graph></graphml>\n'
    const issue = refused(read('diep.graphml', text))
    const line = 7 + (XML_MAX_DEPTH + 1 - 5)
    expect(issue.message).toMatch(/te diep genest/)
    expect(issue.message).toContain(`meer dan ${XML_MAX_DEPTH} elementen`)
    expect(issue.message).toContain(`(regel ${line})`)
    expect(issue.line).toBe(line)
  })

  it('a <default> of a GraphML key nested deep', () => {
    const text =
      '<graphml>\n<key id="d" for="node" attr.name="a">\n<default>\n' +
      '<b>'.repeat(10_000) +
      '</b>'.repeat(10_000) +
      '</default></key><graph><node id="a"/></graph></graphml>'
    const issue = refused(parseGraphml(text))
    expect(issue.message).toMatch(/^Het GraphML-bestand is te diep genest: .*\(regel 4\)/)
  })

  it('GEXF attvalues nested deep, and a deep but legal file still reads', () => {
    const deep =
      '<gexf version="1.3"><graph><nodes><node id="a"><attvalues>' +
      '<attvalue for="0" value="x">'.repeat(5000) +
      '</attvalue>'.repeat(5000) +
      '</attvalues></node></nodes></graph></gexf>'
    expect(refused(parseGexf(deep)).message).toMatch(/^Het GEXF-bestand is te diep genest/)
    // Hierarchical nodes up to the limit are fine: gexf › graph › nodes › (node › nodes)*.
    const levels = Math.floor((XML_MAX_DEPTH - 3) / 2)
    let nested = ''
    for (let i = levels - 1; i >= 0; i--)
      nested = `<node id="n${i}"><nodes>${nested}</nodes></node>`
    const ok = parseGexf(`<gexf version="1.3"><graph><nodes>${nested}</nodes></graph></gexf>`)
    expect(ok.ok && ok.value.nodes.map((n) => n.id)).toEqual(
      Array.from({ length: levels }, (_, i) => `n${i}`)
    )
  })
})

describe('values longer than XML_MAX_VALUE_CHARS refuse the file', () => {
  const huge = 'x'.repeat(10 * 1024 * 1024)
  expect(huge.length).toBeGreaterThan(XML_MAX_VALUE_CHARS)

  it('a 10 MB attribute (GEXF label)', () => {
    const text = `<gexf version="1.3">\n<graph>\n<nodes>\n<node id="a" label="${huge}"/>\n</nodes></graph></gexf>`
    const issue = refused(read('groot.gexf', text))
    expect(issue.message).toMatch(
      /te lange waarde \(attribuut label van meer dan 1\.000\.000 tekens, regel 4\)/
    )
    expect(issue.line).toBe(4)
  })

  it('10 MB of text in a GraphML <data>', () => {
    const text =
      '<graphml>\n<key id="d" for="node" attr.name="a"/>\n<graph>\n<node id="a">\n' +
      `<data key="d">${huge}</data></node></graph></graphml>`
    expect(refused(parseGraphml(text)).message).toMatch(/te lange waarde \(tekst van meer dan/)
  })
})

describe('the limit table', () => {
  it('XML readers use the one table of limits', () => {
    expect([XML_MAX_DEPTH, XML_MAX_VALUE_CHARS, XML_MAX_RECORDS]).toEqual([
      MAX_NESTING_DEPTH,
      MAX_VALUE_CHARS,
      MAX_RECORDS
    ])
  })

  it('more nodes and edges than the limit refuse the file at the record that passes it', () => {
    const text =
      '<graphml>\n<graph>\n<node id="a"/>\n<node id="b"/>\n<edge source="a" target="b"/>\n</graph>\n</graphml>'
    expect(readWhole(createGraphmlReader({ maxRecords: 3 }), text).ok).toBe(true)
    const issue = refused(readWhole(createGraphmlReader({ maxRecords: 2 }), text))
    expect(issue.message).toBe(
      'Het GraphML-bestand heeft meer dan 2 knopen en verbindingen (regel 5); dat is de grens. Er is niets geïmporteerd.'
    )
    const gexf = '<gexf><graph><nodes><node id="a"/><node id="b"/></nodes></graph></gexf>'
    expect(refused(readWhole(createGexfReader({ maxRecords: 1 }), gexf)).code).toBe('too_large')
  })
})

describe('garbage and unclosed files', () => {
  it.each([
    ['geen.gexf', 'Dit is geen XML maar gewoon tekst.', /geen geldige GEXF-XML/],
    ['leeg.graphml', '', /geen geldige GraphML-XML.*geen XML-element gevonden/],
    ['open.gexf', '<gexf version="1.3">\n<graph>\n<nodes>\n<node id="a">', /houdt onverwacht op/],
    [
      'kapot.graphml',
      '<graphml>\n<graph>\n<node id="a"\n</graph>',
      /geen geldige GraphML-XML \(regel \d/
    ],
    ['binair.gexf', '<gexf>\u0000\u0001\u0002</gexf>', /teken dat in XML niet is toegestaan/]
  ])('%s', (name, text, message) => {
    const parse = name.endsWith('.gexf') ? parseGexf : parseGraphml
    expect(refused(parse(text)).message).toMatch(message)
  })

  it('write never throws and ignores input after the first fatal problem', () => {
    const reader = createGexfReader()
    reader.write('<gexf><graph><nodes></graph>')
    expect(reader.failed).toBe(true)
    reader.write('<node id="late"/></nodes></graph></gexf>')
    expect(refused(reader.end()).message).toMatch(/begin- en eindtags passen niet/)
  })
})

describe('numbers are plain decimals', () => {
  const gexf = (position: string, extra = ''): string =>
    '<gexf version="1.3" xmlns:viz="http://gexf.net/1.3/viz">\n<graph defaultedgetype="directed">\n' +
    '<attributes class="node"><attribute id="0" title="aantal" type="double"/></attributes>\n' +
    `<nodes>\n<node id="a" label="A">${extra}\n<viz:position ${position}/>\n</node>\n</nodes>\n</graph>\n</gexf>`

  it('viz:position x="0x10" is refused, not read as 16', () => {
    const issue = refused(read('hex.gexf', gexf('x="0x10" y="2"')))
    expect(issue.message).toBe(
      'Regel 6, knoop a: <viz:position> x is geen bruikbaar getal: verwacht een eindig decimaal getal (zoals 12 of -3.5), ontving 0x10 (een hexadecimaal getal).'
    )
    expect(issue.line).toBe(6)
  })

  it.each([
    ['Infinity', 'ontving Infinity.'],
    ['NaN', 'ontving NaN.'],
    ['', 'ontving een lege waarde.'],
    ['  ', 'ontving alleen witruimte.'],
    ['1e999', 'ontving 1e999.']
  ])('x="%s" is refused with a message that says so', (x, says) => {
    const issue = refused(parseGexf(gexf(`x="${x}" y="2"`)))
    expect(issue.message).toContain(
      `verwacht een eindig decimaal getal (zoals 12 of -3.5), ${says}`
    )
  })

  it('decimals in every notation are read', () => {
    const r = parseGexf(gexf('x="-1.5e2" y=".25" z="+3."'))
    expect(r.ok && r.value.nodes[0]?.app.position).toEqual({ x: -150, y: 0.25 })
  })

  it('a declared double that is hex stays text; a hex edge weight is not a weight', () => {
    const r = parseGexf(
      gexf('x="1" y="2"', '<attvalues><attvalue for="0" value="0x10"/></attvalues>').replace(
        '</nodes>',
        '<node id="b"/></nodes><edges><edge id="e" source="a" target="b" weight="0x3"/></edges>'
      )
    )
    if (!r.ok) throw new Error(r.issues[0]?.message)
    expect(r.value.nodes[0]?.fields.aantal).toBe('0x10')
    expect(r.value.edges[0]?.app.weight).toBe('0x3')
    const preview = read(
      'w.gexf',
      gexf('x="1" y="2"').replace(
        '</nodes>',
        '<node id="b"/></nodes><edges><edge id="e" source="a" target="b" weight="0x3"/></edges>'
      )
    )
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    const mapped = preview.value.checked?.graph.edges[0]
    expect(mapped?.weight).toBeUndefined()
    expect(mapped?.fields.weight).toBe('0x3')
  })

  it('yEd geometry that is not decimal is refused', () => {
    const text =
      YED_HEAD +
      '<y:Geometry x="0x10" y="0" width="30" height="30"/>\n' +
      '</y:ShapeNode></data></node></graph></graphml>'
    expect(refused(parseGraphml(text)).message).toMatch(
      /^Regel 8, knoop n0: <y:Geometry> x is geen bruikbaar getal/
    )
  })
})

describe('edge ids other tools repeat or leave out', () => {
  it('GraphML: repeated ids get a fresh id and a note, nothing is refused', () => {
    const text =
      '<graphml>\n<graph edgedefault="directed">\n<node id="a"/><node id="b"/><node id="c"/>\n' +
      '<edge id="0" source="a" target="b"/>\n<edge id="0" source="b" target="c"/>\n' +
      '<edge id="1" source="a" target="b"/>\n<edge id="0" source="a" target="c"/>\n' +
      '<edge source="c" target="a"/>\n</graph>\n</graphml>'
    const raw = parseGraphml(text)
    if (!raw.ok) throw new Error(raw.issues[0]?.message)
    expect(raw.value.edges.map((e) => e.id)).toEqual(['0', null, '1', null, null])
    expect(raw.value.edges[1]?.fields.id).toBe('0')
    expect(raw.value.notes?.map((n) => n.message)).toEqual([
      '2 verbindingen hadden een id die al eerder in het bestand stond en kregen een nieuwe id (de oude staat in het veld id).',
      '1 verbinding had geen id en kreeg een nieuwe id.'
    ])
    const preview = read('multi.graphml', text)
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    expect(preview.value.problems).toEqual([])
    const ids = preview.value.checked?.graph.edges.map((e) => e.id) ?? []
    expect(new Set(ids).size).toBe(5)
  })

  it('GEXF: the same, and a self-loop is not the reader’s business', () => {
    const text =
      '<gexf version="1.3"><graph defaultedgetype="directed"><nodes><node id="a"/><node id="b"/></nodes>' +
      '<edges><edge id="e" source="a" target="b"/><edge id="e" source="b" target="a"/>' +
      '<edge id="loop" source="a" target="a"/></edges></graph></gexf>'
    const raw = parseGexf(text)
    if (!raw.ok) throw new Error(raw.issues[0]?.message)
    expect(raw.value.edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ['e', 'a', 'b'],
      [null, 'b', 'a'],
      ['loop', 'a', 'a']
    ])
    expect(raw.value.notes).toHaveLength(1)
  })

  it('a file with unique ids has no notes', () => {
    const r = parseGexf(serializeGexf(generateGraph({ nodes: 10, seed: 3 }), { exportedAt: STAMP }))
    expect(r.ok && r.value.notes).toBeUndefined()
  })
})

describe('text fed in pieces reads exactly like the whole text', () => {
  const graph = generateGraph({ nodes: 6, edgesPerNode: 1.5, seed: 11 })
  const yed =
    YED_HEAD +
    '<y:Geometry x="10" y="20" width="30" height="40"/><y:Fill color="#FFCC00"/>\n' +
    '<y:NodeLabel>Ëën &amp; <![CDATA[twee]]> 🏙️</y:NodeLabel>\n' +
    '</y:ShapeNode></data></node>\n<node id="n1"/>\n' +
    '<edge id="e0" source="n0" target="n1" directed="false"/>\n<edge id="e0" source="n1" target="n1"/>\n' +
    '</graph></graphml>\n'
  const files: [string, string, () => ReturnType<typeof createGexfReader>][] = [
    ['GEXF', '\uFEFF' + serializeGexf(graph, { exportedAt: STAMP }), createGexfReader],
    ['GraphML', serializeGraphml(graph), createGraphmlReader],
    ['yEd GraphML', yed, createGraphmlReader]
  ]

  it.each(files)('%s', (_, text, create) => {
    const whole = readWhole(create(), text)
    expect(whole.ok).toBe(true)
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }),
        (cuts) => {
          const reader = create()
          let from = 0
          for (const at of [...cuts].sort((a, b) => a - b)) {
            reader.write(text.slice(from, at))
            from = at
          }
          reader.write(text.slice(from))
          expect(reader.end()).toEqual(whole)
        }
      ),
      { numRuns: 60 }
    )
  })

  it('one character at a time, surrogate pairs split', () => {
    const [, text] = files[2] as (typeof files)[number]
    const reader = createGraphmlReader()
    for (const ch of text.split('')) reader.write(ch)
    const r = reader.end()
    if (!r.ok) throw new Error(r.issues[0]?.message)
    expect(r).toEqual(parseGraphml(text))
    const node = r.value.nodes[0] as RawGraph['nodes'][number]
    expect(node.app.title).toBe('Ëën & twee 🏙️')
    expect(node.app.position).toEqual({ x: 25, y: 40 })
    expect(node.fields['yfiles:color']).toBe('#FFCC00')
    expect(r.value.edges.map((e) => e.directed)).toEqual([false, true])
  })
})
