import { readFileSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import type { Result } from '../../../src-renderer/domain/result'
import {
  neutralise,
  parseCsvTable,
  serializeCsvElements,
  unneutralise
} from '../../../src-renderer/exchange/formats/csv'
import { exportGraph } from '../../../src-renderer/exchange/export/data-export'
import {
  IMPORT_MAX_BYTES,
  applyMapping,
  countsFor,
  readImport,
  readImportFiles,
  suggestKind,
  type ImportIssue,
  type ImportPreview
} from '../../../src-renderer/exchange/import'
import { serializeKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import { describeWithSharedFixtures } from '../support/shared-fixtures'

const STAMP = '2026-01-01T00:00:00.000Z'
/** The files of ../shared/fixtures/graphs this file reads by name (besides every *.gexf, *.graphml). */
const SAMPLES = {
  files: [
    'SOURCE.md',
    'data.gexf',
    'basic.gexf',
    'attributes.graphml',
    'edge_data.gexf',
    'mixed_multigraph.graphml'
  ]
}
/** Words only a Dutch message contains. */
const DUTCH = /\b(het|de|een|geen|is|niet|bestaat|dubbel|verboden|bestand|regel|van)\b/i

const enc = (text: string): Uint8Array => new TextEncoder().encode(text)

function read(name: string, text: string | Uint8Array): Result<ImportPreview> {
  return readImport(name, typeof text === 'string' ? enc(text) : text, { now: STAMP })
}

function rejected(result: Result<ImportPreview>): ImportIssue[] {
  if (result.ok)
    throw new Error(`expected a rejection, got a preview (${result.value.counts.nodes} nodes)`)
  for (const i of result.issues) expect(i.message).toMatch(DUTCH)
  return result.issues
}

/** Problems a preview reports; applyMapping must fail with the same ones. */
function problems(result: Result<ImportPreview>): ImportIssue[] {
  if (!result.ok) return result.issues
  const mapped = applyMapping(result.value)
  expect(mapped.ok).toBe(result.value.problems.length === 0)
  return result.value.problems
}

/** Counts from ../shared/fixtures/graphs/SOURCE.md: file → [nodes, edges]. */
function sourceCounts(fixtures: string): Map<string, [number, number]> {
  const md = readFileSync(resolve(fixtures, 'SOURCE.md'), 'utf8')
  const out = new Map<string, [number, number]>()
  for (const m of md.matchAll(
    /^\|\s*([\w.-]+\.(?:gexf|graphml))\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/gm
  )) {
    out.set(m[1] as string, [Number(m[2]), Number(m[3])])
  }
  return out
}

const SAMPLE_SUITE = 'the shared sample files (../shared/fixtures/graphs)'

describeWithSharedFixtures(SAMPLE_SUITE, SAMPLES, (FIXTURES) => {
  const counts = sourceCounts(FIXTURES)
  const files = readdirSync(FIXTURES).filter((f) => /\.(gexf|graphml)$/.test(f))

  it('SOURCE.md lists every sample file', () => {
    expect([...counts.keys()].sort()).toEqual([...files].sort())
  })

  for (const file of files) {
    it(`${file} imports with the counts in SOURCE.md and a truncated copy is rejected`, () => {
      const bytes = new Uint8Array(readFileSync(resolve(FIXTURES, file)))
      const preview = read(file, bytes)
      if (!preview.ok) throw new Error(preview.issues[0]?.message)
      expect(preview.value.problems).toEqual([])
      const graph = applyMapping(preview.value)
      if (!graph.ok) throw new Error(graph.issues[0]?.message)
      const [nodes, edges] = counts.get(file) ?? [-1, -1]
      expect(graph.value.nodes).toHaveLength(nodes)
      expect(graph.value.edges).toHaveLength(edges)
      expect(preview.value.counts.nodes).toBe(nodes)
      expect(preview.value.counts.edges).toBe(edges)

      const cut = bytes.subarray(0, Math.floor(bytes.length / 2))
      const [issue] = rejected(read(file, cut))
      expect(issue?.message).toMatch(/geen geldige (GEXF|GraphML)-XML \(regel \d+, kolom \d+\)/)
    })
  }

  it('keeps Gephi attributes (typed, with declared defaults) and viz data in fields', () => {
    const preview = read('data.gexf', readFileSync(resolve(FIXTURES, 'data.gexf')))
    if (!preview.ok) throw new Error('unreadable')
    const graph = applyMapping(preview.value)
    if (!graph.ok) throw new Error('invalid')
    const byId = new Map<string, (typeof graph.value.nodes)[number]>(
      graph.value.nodes.map((n) => [n.id, n])
    )
    expect(byId.get('0')?.title).toBe('Gephi')
    expect(byId.get('0')?.fields).toEqual({ url: 'http://gephi.org', indegree: 1, frog: true })
    expect(byId.get('3')?.fields.frog).toBe(false)

    const basic = read('basic.gexf', readFileSync(resolve(FIXTURES, 'basic.gexf')))
    if (!basic.ok) throw new Error('unreadable')
    const g = applyMapping(basic.value)
    if (!g.ok) throw new Error('invalid')
    const suzy = g.value.nodes.find((n) => n.id === 'Suzy')
    expect(suzy?.position).toEqual({ x: 12, y: 35 })
    expect(suzy?.fields).toMatchObject({
      male: false,
      age: 22,
      surname: 'Ghost',
      mixed: '45',
      'viz:size': 34
    })
    const fine = g.value.edges.find((e) => e.id === 'J-S')
    expect(fine).toMatchObject({ kind: 'related', label: 'Fine edge' })
    expect(fine?.fields).toMatchObject({ weight: 456, number: 12, set: 'truc|machin' })
    expect(g.value.edges.map((e) => e.source + e.target)).toEqual(['JohnSuzy', 'JohnSuzy'])
  })

  it('keeps GraphML key values with defaults; edge ids that clash with node ids are renamed', () => {
    const preview = read(
      'attributes.graphml',
      readFileSync(resolve(FIXTURES, 'attributes.graphml'))
    )
    if (!preview.ok) throw new Error('unreadable')
    const graph = applyMapping(preview.value)
    if (!graph.ok) throw new Error('invalid')
    const colors = Object.fromEntries(graph.value.nodes.map((n) => [n.id, n.fields.color]))
    expect(colors).toEqual({
      n0: 'green',
      n1: 'yellow',
      n2: 'blue',
      n3: 'red',
      n4: 'yellow',
      n5: 'turquoise'
    })
    const e6 = graph.value.edges.find((e) => e.id === 'e6')
    expect(e6?.fields).toEqual({ weight: 1.1 })
    expect(graph.value.edges.find((e) => e.id === 'e0')?.weight).toBe(1)

    const gephi = read('edge_data.gexf', readFileSync(resolve(FIXTURES, 'edge_data.gexf')))
    if (!gephi.ok) throw new Error('unreadable')
    const g = applyMapping(gephi.value)
    if (!g.ok) throw new Error('invalid')
    expect(g.value.edges.map((e) => e.id)).toEqual(['edge-0', 'edge-1', 'edge-2', 'edge-3', '4'])
    expect(g.value.edges[1]?.fields).toMatchObject({ id: '1', Predicate: 'owns', Confidence: 0.56 })
  })

  it('keeps directed and undirected parallel edges of a mixed multigraph', () => {
    const preview = read(
      'mixed_multigraph.graphml',
      readFileSync(resolve(FIXTURES, 'mixed_multigraph.graphml'))
    )
    if (!preview.ok) throw new Error('unreadable')
    const directed = preview.value.graph.edges.map((e) => `${e.id}:${e.directed}`)
    expect(directed).toEqual([
      'e0:false',
      'e1:false',
      'e2:false',
      'e3:true',
      'e4:false',
      'e7:false',
      'e5:false',
      'e6:true'
    ])
    const graph = applyMapping(preview.value)
    if (!graph.ok) throw new Error('invalid')
    expect(graph.value.edges.filter((e) => e.source === 'n2' && e.target === 'n4')).toHaveLength(2)
    expect(graph.value.edges.find((e) => e.id === 'e3')?.fields.directed).toBe(true)
  })
})

describe('unknown node types and the mapping', () => {
  const kumu =
    'Label;Type;Description;Tags;Website\r\n' +
    'Anna;Person;Bewoonster;buurt|groen;\r\n' +
    'Gemeente Amsterdam;Organization;;;https://amsterdam.nl\r\n' +
    'Buurttuin;Project;;;\r\n' +
    'Groen;Issue;;;\r\n'
  const connections =
    'From;To;Type;Direction\r\nAnna;Buurttuin;works on;directed\r\nAnna;Gemeente Amsterdam;;undirected\r\n'

  it('types named like what every object inherits (constructor, toString) are types like any other', () => {
    const odd = 'Label;Type\r\nA;constructor\r\nB;toString\r\nC;__proto__\r\n'
    const links = 'From;To;Type\r\nA;B;constructor\r\nB;C;hasOwnProperty\r\n'
    const preview = readImportFiles(
      [
        { name: 'elements.csv', bytes: enc(odd) },
        { name: 'connections.csv', bytes: enc(links) }
      ],
      { now: STAMP }
    )
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    expect(preview.value.unknownTypes.map((t) => [t.type, t.suggested])).toEqual([
      ['constructor', 'theme'],
      ['toString', 'theme'],
      ['__proto__', 'theme']
    ])
    expect(preview.value.counts.byKind.theme).toBe(3)
    const mapped = applyMapping(preview.value, { toString: 'actor' as const })
    if (!mapped.ok) throw new Error(mapped.issues[0]?.message)
    expect(mapped.value.nodes.map((n) => n.kind)).toEqual(['theme', 'actor', 'theme'])
    expect(mapped.value.edges.map((e) => e.kind)).toEqual(['related', 'related'])
  })

  it('lists unknown types with a suggested kind and counts per kind', () => {
    const preview = readImportFiles(
      [
        { name: 'elements.csv', bytes: enc(kumu) },
        { name: 'connections.csv', bytes: enc(connections) }
      ],
      { now: STAMP }
    )
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    expect(preview.value.format).toBe('csv')
    expect(preview.value.unknownTypes).toEqual([
      { type: 'Person', count: 1, suggested: 'actor' },
      { type: 'Organization', count: 1, suggested: 'actor' },
      { type: 'Issue', count: 1, suggested: 'theme' }
    ])
    expect(preview.value.counts.byKind).toMatchObject({ actor: 2, project: 1, theme: 1 })
    expect(preview.value.unknownEdgeTypes).toEqual([
      { type: 'works on', count: 1, suggested: 'related' },
      { type: '', count: 1, suggested: 'related' }
    ])
    const graph = applyMapping(preview.value)
    if (!graph.ok) throw new Error(graph.issues[0]?.message)
    const anna = graph.value.nodes.find((n) => n.title === 'Anna')
    expect(anna).toMatchObject({
      kind: 'actor',
      actorType: 'other',
      isPerson: true,
      status: 'reported',
      tags: ['buurt', 'groen']
    })
    expect(anna?.fields).toEqual({ type: 'Person' })
    const gemeente = graph.value.nodes.find((n) => n.title === 'Gemeente Amsterdam')
    expect(gemeente?.fields).toEqual({ type: 'Organization', Website: 'https://amsterdam.nl' })
    const worksOn = graph.value.edges.find((e) => e.label === 'works on')
    expect(worksOn).toMatchObject({ kind: 'related', source: 'Anna', target: 'Buurttuin' })

    const remapped = applyMapping(
      preview.value,
      { Issue: 'lesson', Person: 'actor' },
      { 'works on': 'participates_in' }
    )
    if (!remapped.ok) throw new Error(remapped.issues[0]?.message)
    expect(remapped.value.nodes.find((n) => n.title === 'Groen')?.kind).toBe('lesson')
    expect(
      remapped.value.edges.find((e) => e.source === 'Anna' && e.target === 'Buurttuin')?.kind
    ).toBe('participates_in')
    expect(countsFor(preview.value, { Issue: 'lesson' }).byKind.lesson).toBe(1)
  })

  it('a type named by its label takes that kind; foreign values that do not fit go to fields', () => {
    const preview = read(
      'kumu.csv',
      'Label;Type;status;Description\r\nTuin;Project;active;Een tuin\r\nLes 1;les;confirmed;\r\n'
    )
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    expect(preview.value.unknownTypes).toEqual([])
    const graph = applyMapping(preview.value)
    if (!graph.ok) throw new Error(graph.issues[0]?.message)
    const [tuin, les] = graph.value.nodes
    expect(tuin).toMatchObject({
      kind: 'project',
      projectType: 'initiatief',
      status: 'reported',
      description: 'Een tuin'
    })
    expect(tuin?.fields).toEqual({ status: 'active' })
    expect(les).toMatchObject({ kind: 'lesson', status: 'confirmed', fields: {} })
  })

  it('a Kumu connections file alone creates its elements from From and To', () => {
    const preview = read('connections.csv', connections)
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    expect(preview.value.counts).toMatchObject({ nodes: 3, edges: 2 })
  })

  it('suggests kinds from Dutch and English type names', () => {
    expect(suggestKind('Persoon')).toBe('actor')
    expect(suggestKind('Gesprek')).toBe('interview')
    expect(suggestKind('Ingrediënt')).toBe('ingredient')
    expect(suggestKind('Werkplaats')).toBe('project')
    expect(suggestKind('')).toBe('theme')
  })
})

describe('bad files get a clear Dutch message and no preview', () => {
  const kg = serializeKgJson(generateGraph({ nodes: 12, seed: 2 }), { exportedAt: STAMP })

  it('malformed JSON, for .kg.json and .cyjs, says where', () => {
    for (const name of ['kaart.kg.json', 'kaart.cyjs', 'kaart.json']) {
      const [issue] = rejected(
        read(name, '{\n  "type": "stadmaken-kennisgraaf",\n  "nodes": [1,\n')
      )
      expect(issue?.code).toBe('invalid_json')
      expect(issue?.message).toMatch(/geen geldige JSON/)
    }
    const [cut] = rejected(read('kaart.kg.json', kg.slice(0, kg.length / 2)))
    expect(cut?.message).toMatch(/geen geldige JSON/)
  })

  it('malformed XML says line and column', () => {
    const [issue] = rejected(
      read('kaart.gexf', '<gexf version="1.3">\n  <graph>\n    <nodes>\n  </graph>\n</gexf>')
    )
    expect(issue?.message).toMatch(
      /geen geldige GEXF-XML \(regel 4, kolom \d+\): begin- en eindtags/
    )
    expect(issue?.line).toBe(4)
    rejected(read('kaart.graphml', 'geen xml'))
    rejected(read('kaart.gexf', '<graphml/>'))
  })

  it('malformed CSV: an unclosed quote and a short row', () => {
    const [quote] = rejected(read('kaart.csv', 'ID;Label\r\n1;"Anna\r\n2;Bob\r\n'))
    expect(quote?.message).toMatch(/aanhalingsteken op regel 2 wordt nergens gesloten/)
    const [short] = rejected(read('kaart.csv', 'ID;Label;Type\r\n1;Anna;actor\r\n2;Bob\r\n'))
    expect(short?.message).toMatch(/Regel 3 .* heeft 2 kolommen, de kopregel 3/)
    expect(short?.line).toBe(3)
  })

  it('__proto__ keys in JSON, CSV columns and XML attributes', () => {
    const [json] = rejected(
      read('kaart.kg.json', kg.replace('"fields":{}', '"fields": {"__proto__": "x"}'))
    )
    expect(json?.code).toBe('unsafe_key')
    expect(json?.message).toMatch(/^Verboden sleutel "__proto__"/)
    const [cy] = rejected(
      read('k.cyjs', '{"elements":{"nodes":[{"data":{"id":"a","constructor":1}}]}}')
    )
    expect(cy?.code).toBe('unsafe_key')
    const [csv] = rejected(read('k.csv', 'ID;Label;__proto__\r\n1;Anna;x\r\n'))
    expect(csv?.code).toBe('unsafe_key')
    const gexf =
      '<gexf version="1.3"><graph><attributes class="node"><attribute id="0" title="prototype" type="string"/></attributes>' +
      '<nodes><node id="a" label="A"><attvalues><attvalue for="0" value="x"/></attvalues></node></nodes></graph></gexf>'
    const [xml] = rejected(read('k.gexf', gexf))
    expect(xml?.code).toBe('unsafe_key')
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('a file over the size limit', () => {
    const [issue] = rejected(readImport('groot.gexf', new Uint8Array(2048), { maxBytes: 1024 }))
    expect(issue?.code).toBe('too_large')
    expect(issue?.message).toMatch(/te groot .* de grens is/)
    expect(IMPORT_MAX_BYTES).toBe(200 * 1024 * 1024)
    const zip = exportGraph(generateGraph({ nodes: 50, seed: 1 }), 'csv-zip')
    expect(rejected(readImport('k.zip', zip as Uint8Array, { maxBytes: 2000 }))[0]?.code).toBe(
      'too_large'
    )
  })

  it('unknown extensions and foreign JSON', () => {
    rejected(read('kaart.pdf', '%PDF-1.4'))
    const [other] = rejected(read('kaart.json', '{"hello": "world"}'))
    expect(other?.code).toBe('not_our_format')
    rejected(read('kaart.zip', 'PK nonsense'))
  })
})

describe('content problems are listed with line or record and field, and block the import', () => {
  it('edges to unknown nodes (CSV: with the line)', () => {
    const elements = 'ID;Label;Type\r\n1;Anna;actor\r\n'
    const connections = 'ID;From;To;Type\r\ne1;1;999;related\r\n'
    const issues = problems(
      readImportFiles([
        { name: 'a-elements.csv', bytes: enc(elements) },
        { name: 'a-connections.csv', bytes: enc(connections) }
      ])
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ code: 'missing_node', line: 2, field: 'target' })
    expect(issues[0]?.message).toBe('Regel 2, verbinding e1: Eindknoop 999 bestaat niet.')
  })

  it('duplicate ids (GraphML: with the line of the second one)', () => {
    const xml =
      '<graphml>\n<graph edgedefault="directed">\n<node id="a"/>\n<node id="a"/>\n</graph>\n</graphml>'
    const issues = problems(read('d.graphml', xml))
    expect(issues.map((i) => [i.code, i.line])).toEqual([['duplicate_id', 4]])
    expect(issues[0]?.message).toMatch(/^Regel 4, knoop a: Dubbel id/)
  })

  it('invalid app fields (kg-json: with the record number)', () => {
    const graph = generateGraph({ nodes: 12, seed: 2 })
    const text = serializeKgJson(graph, { exportedAt: STAMP })
    const second = graph.nodes[1]?.id ?? ''
    const broken = text.replace(`"id":"${second}",`, `"id": "${second}", "status": "misschien",`)
    const issues = rejected(
      read(
        'k.kg.json',
        broken.replace(
          /("id":"[^"]+",\s*"kind":"[a-z]+",\s*"title":"[^"]*",\s*)"status":"[a-z]+",/,
          '$1'
        )
      )
    )
    expect(issues.some((i) => i.record !== undefined && /^Knoop \d+ \(/.test(i.message))).toBe(true)
  })

  it('app records in a CSV are checked strictly, with the field', () => {
    const issues = problems(
      read(
        'k.csv',
        'ID;Label;Type;status;isPerson;actorType\r\na;Anna;actor;zeker;ja;burgemeester\r\n'
      )
    )
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(['status', 'actorType']))
    for (const i of issues) expect(i.message).toMatch(/^Regel 2, knoop a: /)
  })
})

describe('CSV details', () => {
  it('neutralises formula cells and strips only its own apostrophe', () => {
    for (const s of [
      '=1+1',
      '+31 20',
      '-x',
      '@home',
      '\tx',
      '\rx',
      "'=x",
      "''@",
      "'abc",
      "'",
      '-12.5',
      '1e5',
      'a=b'
    ]) {
      expect(unneutralise(neutralise(s))).toBe(s)
    }
    expect(neutralise('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`)
    expect(neutralise('-12.5')).toBe('-12.5')
    expect(neutralise("'abc")).toBe("'abc")
    expect(unneutralise("'abc")).toBe("'abc")
  })

  it('writes ; and a BOM by default, comma on request, and reads either back', () => {
    const graph = generateGraph({ nodes: 10, seed: 5 })
    const semi = serializeCsvElements(graph)
    expect(semi.startsWith('\uFEFFID;Label;Type;')).toBe(true)
    const comma = serializeCsvElements(graph, { delimiter: ',', bom: false })
    expect(comma.startsWith('ID,Label,Type,')).toBe(true)
    const t1 = parseCsvTable(semi)
    const t2 = parseCsvTable(comma)
    if (!t1.ok || !t2.ok) throw new Error('unreadable')
    expect(t1.value.rows).toEqual(t2.value.rows)
    expect(t1.value.delimiter).toBe(';')
  })

  it('reads a zip with both files, and Windows-1252 text from old Excel', () => {
    const graph = generateGraph({ nodes: 20, seed: 9 })
    const zip = exportGraph(graph, 'csv-zip', { baseName: 'kaart' }) as Uint8Array
    const preview = readImport('kaart.zip', zip)
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    expect(preview.value.counts).toMatchObject({ nodes: 20, edges: graph.edges.length })
    const latin = new Uint8Array([
      ...strToU8('ID;Label;Type\r\n1;Ingr'),
      0xe9,
      ...strToU8('di;theme\r\n')
    ])
    const p2 = readImport('oud.csv', latin)
    if (!p2.ok) throw new Error('unreadable')
    expect(p2.value.graph.nodes[0]?.app.title).toBe('Ingrédi')
    const empty = zipSync({ 'leeg.txt': strToU8('x') })
    expect(rejected(readImport('leeg.zip', empty))[0]?.message).toMatch(/bevat geen CSV/)
  })
})
