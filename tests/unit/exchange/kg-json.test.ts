import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { version as APP_VERSION } from '../../../package.json'
import { generateGraph } from '../../support/generate-graph'
import type { NodeId } from '../../../src-renderer/domain/ids'
import type { Issue, Result } from '../../../src-renderer/domain/result'
import {
  KG_JSON_MIGRATIONS,
  KG_JSON_TYPE,
  KG_JSON_VERSION,
  MAX_NESTING_DEPTH,
  assertMigrationsOrdered,
  parseKgJson,
  serializeKgJson,
  type KgDocument,
  type KgJsonMigration
} from '../../../src-renderer/exchange/formats/kg-json'

const EXPORTED_AT = '2026-01-01T00:00:00.000Z'
/** Words that only a Dutch message contains; every user-facing issue must use one of them. */
const DUTCH = /\b(het|de|een|geen|is|niet|bestaat|dubbel|verboden|versie|bestand|van)\b/i

function issuesOf(result: Result<KgDocument>): Issue[] {
  expect(result.ok).toBe(false)
  return result.ok ? [] : result.issues
}

function envelope(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: KG_JSON_TYPE, version: KG_JSON_VERSION, nodes: [], edges: [], ...extra }
}

const small = generateGraph({ nodes: 40, seed: 3 })

describe('serializeKgJson', () => {
  it('writes the versioned envelope compactly, one record per line, with a final newline', () => {
    const text = serializeKgJson(small, { exportedAt: EXPORTED_AT, title: 'Demo' })
    const doc = JSON.parse(text) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual([
      'type',
      'version',
      'source',
      'exportedAt',
      'title',
      'nodes',
      'edges',
      'annotations',
      'views',
      'presentations'
    ])
    expect(doc.type).toBe('stadmaken-kennisgraaf')
    expect(doc.version).toBe(KG_JSON_VERSION)
    expect(doc.source).toBe(`stadmaken-kennisgraaf@${APP_VERSION}`)
    expect(doc.exportedAt).toBe(EXPORTED_AT)
    expect(text.startsWith('{"type":"stadmaken-kennisgraaf","version":2,')).toBe(true)
    expect(text.endsWith('}\n')).toBe(true)
    // No indentation anywhere; every record on a line of its own (so problems name its line).
    const lines = text.split('\n')
    expect(lines.some((l) => l.startsWith(' '))).toBe(false)
    const recordLines = lines.filter((l) => l.startsWith('{"id":'))
    expect(recordLines).toHaveLength(small.nodes.length + small.edges.length + small.annotations.length)
  })

  it('is stable: key insertion order does not change the text', () => {
    const shuffled = {
      nodes: small.nodes.map((n) => Object.fromEntries(Object.entries(n).reverse())),
      edges: small.edges.map((e) => Object.fromEntries(Object.entries(e).reverse())),
      annotations: []
    } as unknown as typeof small
    expect(serializeKgJson(shuffled, { exportedAt: EXPORTED_AT })).toBe(
      serializeKgJson(small, { exportedAt: EXPORTED_AT })
    )
  })

  it('puts id, kind and title first in every record', () => {
    const doc = JSON.parse(serializeKgJson(small, { exportedAt: EXPORTED_AT })) as {
      nodes: Record<string, unknown>[]
    }
    for (const node of doc.nodes)
      expect(Object.keys(node).slice(0, 3)).toEqual(['id', 'kind', 'title'])
  })
})

describe('parseKgJson round trip', () => {
  it('serialize → parse gives back a generated graph exactly', () => {
    const graph = generateGraph({ nodes: 500, seed: 11 })
    const text = serializeKgJson(graph, { exportedAt: EXPORTED_AT })
    const parsed = parseKgJson(text)
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message)
    expect(parsed.value.nodes).toEqual(graph.nodes)
    expect(parsed.value.edges).toEqual(graph.edges)
    expect(parsed.value.annotations).toEqual([])
    expect(serializeKgJson(parsed.value, { exportedAt: EXPORTED_AT })).toBe(text)
  })

  it('keeps envelope meta, views and presentations', () => {
    const views = [{ id: 'v1', name: 'Lessen', filter: { kinds: ['lesson'] } }]
    const presentations = [{ id: 'p1', title: 'Raad', slides: [{ viewId: 'v1', caption: 'één' }] }]
    const text = serializeKgJson(small, {
      exportedAt: EXPORTED_AT,
      title: 'Kennisgraaf',
      description: 'Voor de denktank',
      appVersion: '9.9.9',
      views,
      presentations
    })
    const parsed = parseKgJson(text)
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message)
    expect(parsed.value).toMatchObject({
      type: KG_JSON_TYPE,
      version: KG_JSON_VERSION,
      source: 'stadmaken-kennisgraaf@9.9.9',
      exportedAt: EXPORTED_AT,
      title: 'Kennisgraaf',
      description: 'Voor de denktank',
      views,
      presentations
    })
  })

  it('accepts a UTF-8 byte order mark and a minimal envelope', () => {
    const result = parseKgJson(`\uFEFF${JSON.stringify(envelope())}`)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.value.annotations).toEqual([])
      expect(result.value.views).toEqual([])
      expect(result.value.source).toBe('onbekend')
    }
  })
})

describe('parseKgJson rejects bad files with Dutch messages', () => {
  it('rejects malformed JSON and says where', () => {
    const [issue] = issuesOf(parseKgJson('{\n  "type": "stadmaken-kennisgraaf",\n}'))
    expect(issue?.message).toMatch(/geen geldige JSON/)
    expect(issue?.message).toMatch(/regel \d+, kolom \d+/)
  })

  it('rejects empty and truncated input', () => {
    for (const text of ['', '   ', '{"type": "stadmaken-kennisgraaf", "nodes": [']) {
      const [issue] = issuesOf(parseKgJson(text))
      expect(issue?.message).toMatch(/geen geldige JSON/)
    }
  })

  it('rejects a file of another type', () => {
    for (const value of [
      { type: 'kumu', version: 1, nodes: [], edges: [] },
      { version: 1, nodes: [], edges: [] },
      [],
      null,
      42,
      'stadmaken-kennisgraaf'
    ]) {
      const issues = issuesOf(parseKgJson(JSON.stringify(value)))
      expect(issues.map((i) => i.message)).toEqual(['Dit is geen Stadmaken Kennisgraaf-bestand.'])
    }
  })

  it('rejects a file from a newer version of the app', () => {
    const [issue] = issuesOf(
      parseKgJson(JSON.stringify(envelope({ version: KG_JSON_VERSION + 1 })))
    )
    expect(issue?.path).toEqual(['version'])
    expect(issue?.message).toMatch(/nieuwere versie van Stadmaken Kennisgraaf/)
  })

  it('rejects a missing or nonsensical version', () => {
    for (const version of [0, -1, 1.5, '1', null]) {
      const [issue] = issuesOf(parseKgJson(JSON.stringify(envelope({ version }))))
      expect(issue?.message).toMatch(/Onbekende bestandsversie/)
    }
  })

  it('rejects __proto__, constructor and prototype keys anywhere', () => {
    const good = serializeKgJson(small, { exportedAt: EXPORTED_AT })
    const variants = [
      good.replace('"type":', '"__proto__": {"polluted": true},\n  "type":'),
      good.replace('"fields":{}', '"fields": {"__proto__": "x"}'),
      good.replace('"fields":{}', '"fields": {"constructor": "x"}'),
      good.replace('"position":{', '"position": {"prototype": 1, '),
      JSON.stringify(
        envelope({ views: [{ id: 'v', deep: [{ a: { b: { __proto__: 1 } } }] }] })
      ).replace('"b":{}', '"b":{"__proto__":1}')
    ]
    for (const text of variants) {
      expect(text).not.toBe(good)
      const issues = issuesOf(parseKgJson(text))
      expect(issues.length).toBeGreaterThan(0)
      for (const issue of issues)
        expect(issue.message).toMatch(/^Verboden sleutel "(__proto__|constructor|prototype)"/)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const [deep] = issuesOf(parseKgJson(variants[1] ?? ''))
    expect(deep?.path).toEqual(['nodes', 0, 'fields', '__proto__'])
    expect(deep?.message).toBe(
      'Verboden sleutel "__proto__" op nodes.0.fields: het bestand is geweigerd.'
    )
  })

  it('rejects missing node or edge lists', () => {
    const issues = issuesOf(parseKgJson(JSON.stringify({ type: KG_JSON_TYPE, version: 1 })))
    expect(issues.map((i) => i.path[0])).toEqual(['nodes', 'edges'])
    for (const issue of issues) expect(issue.message).toMatch(/mist de lijst/)
  })

  it('rejects dangling edges', () => {
    const graph = generateGraph({ nodes: 30, seed: 5 })
    const first = graph.edges[0]
    if (!first) throw new Error('generator made no edges')
    const broken = {
      ...graph,
      edges: [{ ...first, target: 'bestaat-niet' as NodeId }, ...graph.edges.slice(1)]
    }
    const issues = issuesOf(parseKgJson(serializeKgJson(broken, { exportedAt: EXPORTED_AT })))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ code: 'missing_node', recordId: first.id })
    expect(issues[0]?.message).toBe('Eindknoop bestaat-niet bestaat niet.')
  })

  it('rejects duplicate ids and reports every problem, not just the first', () => {
    const graph = generateGraph({ nodes: 30, seed: 5 })
    const [a, b] = graph.nodes
    const [e] = graph.edges
    if (!a || !b || !e) throw new Error('generator made too little')
    const broken = {
      ...graph,
      nodes: [...graph.nodes, { ...b, id: a.id }],
      edges: [...graph.edges, { ...e }]
    }
    const issues = issuesOf(parseKgJson(serializeKgJson(broken, { exportedAt: EXPORTED_AT })))
    expect(issues.map((i) => [i.code, i.recordId])).toEqual([
      ['duplicate_id', a.id],
      ['duplicate_id', e.id]
    ])
    for (const issue of issues) expect(issue.message).toMatch(/^Dubbel id bij/)
  })

  it('reports invalid records with Dutch field messages', () => {
    const graph = generateGraph({ nodes: 10, seed: 2 })
    const [node] = graph.nodes
    if (!node) throw new Error('no node')
    const broken = { ...graph, nodes: [{ ...node, title: '' }, ...graph.nodes.slice(1)] }
    const issues = issuesOf(parseKgJson(serializeKgJson(broken, { exportedAt: EXPORTED_AT })))
    expect(issues[0]).toMatchObject({ recordId: node.id, path: ['title'] })
    expect(issues[0]?.message).toBe('Titel is verplicht.')
  })

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseKgJson(text)
        if (!result.ok) for (const issue of result.issues) expect(issue.message).toMatch(DUTCH)
      }),
      { numRuns: 300 }
    )
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseKgJson(JSON.stringify(value) ?? '')
        expect(typeof result.ok).toBe('boolean')
      }),
      { numRuns: 300 }
    )
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        (extra, junk) => {
          const text = JSON.stringify(envelope({ ...extra, nodes: junk, edges: junk }))
          const result = parseKgJson(text)
          if (!result.ok)
            for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0)
        }
      ),
      { numRuns: 200 }
    )
  })

  it('survives deeply nested input', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    expect(() => parseKgJson(deep)).not.toThrow()
    expect(parseKgJson(deep).ok).toBe(false)
  })

  it('refuses values nested deeper than the limit, with a Dutch message naming the line', () => {
    const nest = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`
    const good = serializeKgJson(small, { exportedAt: EXPORTED_AT })
    const places = [
      // A free field's value 5,000 deep (~25 KB): crashed JSON.stringify before.
      good.replace('"fields":{}', `"fields":{"x":${nest(5000)}}`),
      // Inside a saved view (opaque to the envelope schema).
      JSON.stringify(envelope({ views: [{ id: 'v', state: JSON.parse(nest(MAX_NESTING_DEPTH)) }] })),
      // An unknown envelope key.
      good.replace('"type":', `"extra":${nest(200)},\n"type":`)
    ]
    for (const text of places) {
      let result: Result<KgDocument> | undefined
      expect(() => (result = parseKgJson(text))).not.toThrow()
      const [issue, ...rest] = issuesOf(result!)
      expect(rest).toEqual([])
      expect(issue?.code).toBe('invalid_json')
      expect(issue?.message).toMatch(
        new RegExp(`^Het bestand is dieper genest dan ${MAX_NESTING_DEPTH} niveaus \\(regel \\d+\\)`)
      )
    }
    // The line is the one where the limit is passed: the first node's line here.
    const [first] = issuesOf(parseKgJson(places[0]!))
    const line = places[0]!.split('\n').findIndex((l) => l.includes('"x":{"a"')) + 1
    expect(first?.message).toContain(`(regel ${line})`)
    // At the limit itself a record is fine (64 levels: envelope, list, view, 61 more).
    expect(
      parseKgJson(JSON.stringify(envelope({ views: [{ id: 'v', s: JSON.parse(nest(MAX_NESTING_DEPTH - 3)) }] }))).ok
    ).toBe(true)
  })

  it('refuses a history entry that is not valid JSON or nests too deep, and duplicate view ids', () => {
    const change = {
      id: 'c1',
      at: EXPORTED_AT,
      author: 'Anna',
      action: 'node.create',
      recordIds: [],
      count: 0,
      bulk: false,
      entries: '[]'
    }
    expect(parseKgJson(JSON.stringify(envelope({ history: [change] }))).ok).toBe(true)
    const bad = [
      { ...change, entries: '[{' },
      { ...change, entries: `${'['.repeat(100)}${']'.repeat(100)}` },
      { ...change, entries: '{"__proto__":1}' }
    ]
    for (const c of bad) {
      const [issue] = issuesOf(parseKgJson(JSON.stringify(envelope({ history: [c] }))))
      expect(issue?.path).toEqual(['history', 0, 'entries'])
      expect(issue?.message).toMatch(/^Wijziging 1 van de geschiedenis is onleesbaar/)
    }
    const [dup] = issuesOf(
      parseKgJson(JSON.stringify(envelope({ views: [{ id: 'v' }, { id: 'v' }] })))
    )
    expect(dup?.message).toMatch(/Opgeslagen weergave "v" komt twee keer voor/)
  })

  it('reads version 1 files (views, presentations, no history) as the current version', () => {
    const v1 = JSON.stringify(
      envelope({ version: 1, title: 'Oud', description: 'Beschrijving', views: [{ id: 'v', name: 'W' }] })
    )
    const doc = parseKgJson(v1)
    expect(doc.ok).toBe(true)
    if (!doc.ok) return
    expect(doc.value.version).toBe(KG_JSON_VERSION)
    expect(doc.value).toMatchObject({ title: 'Oud', description: 'Beschrijving', views: [{ id: 'v', name: 'W' }] })
    expect(doc.value.history).toBeUndefined()
  })
})

describe('KG_JSON_MIGRATIONS', () => {
  const step = (version: number): KgJsonMigration => ({
    version,
    title: `v${version}`,
    description: 'test',
    apply: (doc) => ({ ...doc })
  })

  it('matches the current version (version 2: complete backups)', () => {
    expect(KG_JSON_VERSION).toBe(2)
    expect(KG_JSON_MIGRATIONS.map((m) => m.version)).toEqual([2])
    expect(() => assertMigrationsOrdered(KG_JSON_MIGRATIONS, KG_JSON_VERSION)).not.toThrow()
  })

  it('requires strictly increasing versions ending at the current one', () => {
    expect(() => assertMigrationsOrdered([step(2), step(3)], 3)).not.toThrow()
    expect(() => assertMigrationsOrdered([step(3), step(2)], 3)).toThrow()
    expect(() => assertMigrationsOrdered([step(2), step(2)], 2)).toThrow()
    expect(() => assertMigrationsOrdered([step(1)], 1)).toThrow()
    expect(() => assertMigrationsOrdered([step(2)], 3)).toThrow()
    expect(() => assertMigrationsOrdered([], 2)).toThrow()
  })
})
