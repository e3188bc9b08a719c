import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import type { GraphData } from '../../../src-renderer/domain/graph'
import type { FieldValue } from '../../../src-renderer/domain/node-kinds'
import { validateGraph } from '../../../src-renderer/domain/validate'
import { exportFiles, type ExportFormat } from '../../../src-renderer/exchange/export/data-export'
import { applyMapping, readImportFiles } from '../../../src-renderer/exchange/import'

const STAMP = '2026-01-01T00:00:00.000Z'

/** Characters that break naive writers: Dutch diacritics, quotes, delimiters, newlines, emoji, XML. */
const UNITS = [
  ...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789',
  ...'éëèïöüáàçĳÉË’‘“”€',
  '"',
  "'",
  ';',
  ',',
  '|',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '&',
  '#',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '🏙️',
  '🚲',
  '👩🏽‍🔧',
  '=',
  '+',
  '-',
  '@'
]

const text = (max = 30): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('', '', '=', '+', '-', '@', "'=", '\t', '=SUM(A1:A2)', "''+"),
      fc.string({ unit: fc.constantFrom(...UNITS), maxLength: max })
    )
    .map(([p, s]) => p + s)

const title = text().map((s) => (s.trim() === '' ? `=leeg${s}` : s))

const fieldKey = fc.oneof(
  fc.constantFrom(
    'status',
    'type',
    'Label',
    'x',
    'kind',
    'fields.x',
    'a #json',
    'aantal #number',
    'url',
    'Ingrediënt ✓',
    '=cmd',
    ' spatie '
  ),
  text(12).filter((k) => k.length > 0 && !['__proto__', 'constructor', 'prototype'].includes(k))
)

const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  text(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
  fc.constant(null)
)

const fields = fc.dictionary(fieldKey, fieldValue, { maxKeys: 4 })

interface Patch {
  titles: string[]
  texts: string[]
  tags: string[][]
  fields: Record<string, FieldValue>[]
  labels: (string | undefined)[]
}

const N = 21

const patches: fc.Arbitrary<Patch> = fc.record({
  titles: fc.array(title, { minLength: N, maxLength: N }),
  texts: fc.array(text(60), { minLength: N, maxLength: N }),
  tags: fc.array(
    fc.array(
      title.map((t) => t.trim() || 'x'),
      { maxLength: 3 }
    ),
    {
      minLength: N,
      maxLength: N
    }
  ),
  fields: fc.array(fields, { minLength: N, maxLength: N }),
  labels: fc.array(fc.option(text(), { nil: undefined }), { minLength: N, maxLength: N })
})

const BASE = generateGraph({ nodes: N, edgesPerNode: 1.5, seed: 7 })

/** The base graph with awkward strings in titles, texts, tags, free fields, lists and edge labels. */
function withStrings(p: Patch): GraphData {
  const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T
  const nodes = BASE.nodes.map((n, i) => {
    const node = { ...n, title: at(p.titles, i), description: at(p.texts, i) } as Record<
      string,
      unknown
    >
    node.tags = at(p.tags, i)
    node.fields = at(p.fields, i)
    if (n.kind === 'quote') node.text = at(p.titles, i + 1)
    if (n.kind === 'lesson') node.statement = at(p.texts, i + 1)
    if (n.kind === 'interview') node.wentWell = [at(p.texts, i + 2), '', at(p.titles, i)]
    if (n.kind === 'actor') node.organisation = at(p.texts, i + 3)
    if (i % 5 === 0)
      node.sources = [
        { title: at(p.titles, i + 2), url: 'https://example.org/a?b=1&c="2"', note: at(p.texts, i) }
      ]
    return node
  })
  const edges = BASE.edges.map((e, i) => {
    const edge = { ...e, fields: at(p.fields, i + 7) } as Record<string, unknown>
    const label = at(p.labels, i)
    if (label !== undefined) edge.label = label
    else delete edge.label
    return edge
  })
  const valid = validateGraph({ nodes, edges, annotations: [] })
  if (!valid.ok) throw new Error(`test graph invalid: ${valid.issues[0]?.message}`)
  return valid.value
}

function roundTrip(graph: GraphData, format: ExportFormat, options = {}): GraphData {
  const files = exportFiles(graph, format, 'kaart', { exportedAt: STAMP, ...options }).map((f) => ({
    name: f.name,
    bytes: typeof f.data === 'string' ? new TextEncoder().encode(f.data) : f.data
  }))
  const preview = readImportFiles(files, { now: STAMP })
  if (!preview.ok) throw new Error(preview.issues.map((i) => i.message).join('\n'))
  expect(preview.value.problems).toEqual([])
  expect(preview.value.unknownTypes).toEqual([])
  const mapped = applyMapping(preview.value)
  if (!mapped.ok) throw new Error(mapped.issues.map((i) => i.message).join('\n'))
  return mapped.value
}

const RUNS = { numRuns: 30, seed: 4242 }

describe('export → import gives the same graph', () => {
  const formats: [string, ExportFormat, object?][] = [
    ['.kg.json', 'kg-json'],
    ['CSV (; and BOM)', 'csv'],
    ['CSV (comma, zip)', 'csv-zip', { delimiter: ',' }],
    ['GEXF', 'gexf'],
    ['GraphML', 'graphml'],
    ['Cytoscape JSON', 'cyjs']
  ]
  for (const [name, format, options] of formats) {
    it(`${name}`, () => {
      fc.assert(
        fc.property(patches, (p) => {
          const graph = withStrings(p)
          const back = roundTrip(graph, format, options)
          expect(back.nodes).toEqual(graph.nodes)
          expect(back.edges).toEqual(graph.edges)
        }),
        RUNS
      )
    })
  }

  it('keeps a larger generated graph exactly, in every format', () => {
    const graph = generateGraph({ nodes: 400, seed: 12 })
    for (const format of ['csv', 'gexf', 'graphml', 'cyjs'] as const) {
      const back = roundTrip(graph, format)
      expect(back.nodes).toEqual(graph.nodes)
      expect(back.edges).toEqual(graph.edges)
    }
  })
})
