/**
 * The streaming `.kg.json` reader gives exactly what the whole-text reader gives, however the text
 * is cut, and refuses deep nesting (with the line), forbidden keys and broken JSON like it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readKgEnvelope, serializeKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import { createKgJsonReader } from '../../../src-renderer/exchange/formats/kg-json-stream'
import { readWhole } from '../../../src-renderer/exchange/import/chunk-reader'
import { generateGraph } from '../../support/generate-graph'

const STAMP = '2026-01-01T00:00:00.000Z'

function inPieces(text: string, cuts: number[]): ReturnType<ReturnType<typeof createKgJsonReader>['end']> {
  const reader = createKgJsonReader()
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
  let at = 0
  for (const p of points) {
    reader.write(text.slice(at, p))
    at = p
  }
  reader.write(text.slice(at))
  return reader.end()
}

const graph = generateGraph({ nodes: 25, seed: 11 })
const meta = {
  exportedAt: STAMP,
  title: 'Zuid "oost"',
  description: 'a\\nb',
  views: [{ id: 'v', name: 'W', s: { a: [1, { b: 'x,]}' }] } }],
  presentations: [{ id: 'p', name: 'P', slides: [] }],
  history: [
    {
      id: 'c',
      at: STAMP,
      author: 'Anna',
      action: 'x',
      recordIds: [],
      count: 0,
      bulk: false,
      entries: '[{"a":"]"}]'
    }
  ]
}

describe('createKgJsonReader', () => {
  const compact = serializeKgJson(graph, meta)
  const pretty = `\uFEFF${JSON.stringify(JSON.parse(compact), null, 2)}`

  it('reads a whole text as readKgEnvelope does (compact, pretty, with a BOM)', () => {
    for (const text of [compact, pretty]) {
      const whole = readKgEnvelope(text)
      expect(whole.ok).toBe(true)
      expect(readWhole(createKgJsonReader(), text)).toEqual(whole)
    }
  })

  it('gives the same result however the text is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.boolean(), (cuts, usePretty) => {
        const text = usePretty ? pretty : compact
        expect(inPieces(text, cuts)).toEqual(readKgEnvelope(text))
      }),
      { numRuns: 150 }
    )
  })

  it('agrees with the whole-text reader on random envelopes, valid or not', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (extra, junk, cuts) => {
          const text = JSON.stringify({ type: 'stadmaken-kennisgraaf', version: 2, ...extra, nodes: junk, edges: [] })
          const a = inPieces(text, cuts)
          const b = readKgEnvelope(text)
          expect(a.ok).toBe(b.ok)
          if (a.ok && b.ok) expect(a.value).toEqual(b.value)
        }
      ),
      { numRuns: 200 }
    )
  })

  it('refuses nesting past the limit with the line, forbidden keys and broken text', () => {
    const nest = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`
    const deep = compact.replace('"fields":{}', `"fields":{"x":${nest(5000)}}`)
    const line = deep.split('\n').findIndex((l) => l.includes('"x":{"a"')) + 1
    const r = inPieces(deep, [100, 5000])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.message).toContain(`dieper genest dan 64 niveaus (regel ${line})`)
    const proto = inPieces(compact.replace('"fields":{}', '"fields":{"__proto__":1}'), [50])
    expect(proto.ok).toBe(false)
    if (!proto.ok) expect(proto.issues[0]?.code).toBe('unsafe_key')
    for (const broken of [compact.slice(0, compact.length / 2), compact.replace('"nodes":[', '"nodes":[}'), `${compact}x`, '[1]', '']) {
      const b = inPieces(broken, [7])
      expect(b.ok).toBe(false)
      if (!b.ok) expect(b.issues[0]?.message).toMatch(/geen geldige JSON|geen Stadmaken/)
    }
  })
})

describe('commas are checked as JSON.parse checks them', () => {
  for (const text of [
    '{"type":"stadmaken-kennisgraaf","nodes":[{"id":"a"} {"id":"b"}]}',
    '{"type":"stadmaken-kennisgraaf","nodes":[,{"id":"a"}]}',
    '{"type":"stadmaken-kennisgraaf","nodes":[{"id":"a"},]}',
    '{"type":"stadmaken-kennisgraaf","nodes":[{"id":"a"},,{"id":"b"}]}',
    '{,"type":"stadmaken-kennisgraaf"}',
    '{"type":"stadmaken-kennisgraaf",}',
    '{"type":"stadmaken-kennisgraaf",,"nodes":[]}'
  ]) {
    it(`refuses ${text}`, () => {
      expect(() => JSON.parse(text)).toThrow()
      const r = readWhole(createKgJsonReader(), text)
      expect(!r.ok && r.issues[0]?.code).toBe('invalid_json')
    })
  }
})
