/**
 * Backups as files: export → import is the identity for random graphs (soft-deleted records, views,
 * presentations, history, title and description included), `.kg.json.gz` reads by name and by
 * magic bytes and refuses damage, deep JSON is refused with a Dutch message, and cyjs keeps a free
 * field called `directed`.
 */
import fc from 'fast-check'
import { gunzipSync, gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { GraphData } from '../../../src-renderer/domain/graph'
import { isUnsafeKey } from '../../../src-renderer/domain/kinds/common'
import { exportGraph, kgJsonBytes, kgJsonParts } from '../../../src-renderer/exchange/export/data-export'
import { parseCyjs, serializeCyjs } from '../../../src-renderer/exchange/formats/cyjs'
import {
  kgJsonChunks,
  serializeKgJson,
  type KgChange
} from '../../../src-renderer/exchange/formats/kg-json'
import { applyMapping, readImport } from '../../../src-renderer/exchange/import'
import { generateGraph } from '../../support/generate-graph'

const STAMP = '2026-01-01T00:00:00.000Z'
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

/** `graph` with some nodes soft-deleted, and their edges and annotations with them. */
function softDelete(graph: GraphData, pick: (i: number) => boolean): GraphData {
  const gone = new Set<string>(graph.nodes.filter((_, i) => pick(i)).map((n) => n.id))
  const deletedAt = '2026-01-05T00:00:00.000Z'
  const edges = graph.edges.map((e) =>
    gone.has(e.source) || gone.has(e.target) ? { ...e, deletedAt } : e
  )
  const goneEdges = new Set<string>(edges.filter((e) => e.deletedAt).map((e) => e.id))
  return {
    nodes: graph.nodes.map((n) => (gone.has(n.id) ? { ...n, deletedAt } : n)),
    // Evidence pointing at a deleted quote would not validate on a live edge: drop it there.
    edges: edges.map((e) =>
      e.deletedAt ? e : { ...e, evidence: e.evidence.filter((q) => !gone.has(q)) }
    ),
    annotations: graph.annotations.map((a) =>
      gone.has(a.targetId) || goneEdges.has(a.targetId) ? { ...a, deletedAt } : a
    )
  }
}

/** Whether `v` holds a key a backup refuses (`__proto__`, `constructor`, `prototype`) at any depth. */
function hasUnsafeKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false
  if (Array.isArray(v)) return v.some(hasUnsafeKey)
  return Object.keys(v).some((k) => isUnsafeKey(k) || hasUnsafeKey((v as Record<string, unknown>)[k]))
}

// Values as JSON holds them (fast-check's jsonValue may give -0, which JSON writes as 0), without
// the keys every reader refuses on purpose (fast-check's jsonValue may give `__proto__`).
const jsonish = fc
  .jsonValue({ maxDepth: 4 })
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
  .filter((v) => !hasUnsafeKey(v))

describe('export → import is the identity', () => {
  it('for random graphs with deleted records, views, presentations, history and map info', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.func(fc.boolean()),
        fc.array(fc.record({ name: fc.string(), state: jsonish }), { maxLength: 3 }),
        fc.array(fc.record({ name: fc.string(), extra: jsonish }), { maxLength: 2 }),
        fc.array(fc.record({ author: fc.string(), action: fc.string({ maxLength: 50 }), e: jsonish }), {
          maxLength: 4
        }),
        fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        fc.boolean(),
        (nodes, seed, pick, views, decks, changes, title, description, gz) => {
          const graph = softDelete(generateGraph({ nodes, seed }), (i) => pick(i))
          const history: KgChange[] = changes.map((c, i) => ({
            id: `c${i}`,
            at: STAMP,
            author: c.author,
            action: c.action,
            recordIds: [],
            count: 1,
            bulk: false,
            entries: JSON.stringify([c.e])
          }))
          const meta = {
            exportedAt: STAMP,
            ...(title !== undefined ? { title } : {}),
            ...(description !== undefined ? { description } : {}),
            views: views.map((v, i) => ({ id: `v${i}`, ...v })),
            presentations: decks.map((d, i) => ({ id: `p${i}`, ...d })),
            history
          }
          const file = exportGraph(graph, gz ? 'kg-json-gz' : 'kg-json', meta)
          const bytes = typeof file === 'string' ? enc(file) : file
          const preview = readImport(gz ? 'b.kg.json.gz' : 'b.kg.json', bytes)
          if (!preview.ok) throw new Error(JSON.stringify(preview.issues.slice(0, 2)))
          const mapped = applyMapping(preview.value)
          if (!mapped.ok) throw new Error(JSON.stringify(mapped.issues.slice(0, 2)))
          expect(mapped.value).toEqual(graph)
          const doc = preview.value.document!
          expect(doc.views).toEqual(meta.views)
          expect(doc.presentations).toEqual(meta.presentations)
          expect(doc.history).toEqual(history)
          expect(doc.title).toBe(title)
          expect(doc.description).toBe(description)
          // And written again, the same text: nothing was lost or changed on the way.
          const again = serializeKgJson(mapped.value, { ...meta, views: doc.views, presentations: doc.presentations, history: doc.history! })
          expect(again).toBe(serializeKgJson(graph, meta))
        }
      ),
      { numRuns: 60 }
    )
  })
})

describe('.kg.json.gz', () => {
  const graph = generateGraph({ nodes: 20, seed: 4 })
  const text = serializeKgJson(graph, { exportedAt: STAMP, title: 'Zuid' })

  it('reads by name and by magic bytes, whatever the file is called', () => {
    const gz = exportGraph(graph, 'kg-json-gz', { exportedAt: STAMP, title: 'Zuid' }) as Uint8Array
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b])
    for (const name of ['kaart.kg.json.gz', 'kaart.kg.json', 'kaart.json', 'kaart']) {
      const r = readImport(name, gz)
      expect(r.ok, name).toBe(true)
      if (r.ok) expect(r.value.document?.title).toBe('Zuid')
    }
    // Equal input, equal bytes (the gzip time is the export time).
    expect(exportGraph(graph, 'kg-json-gz', { exportedAt: STAMP, title: 'Zuid' })).toEqual(gz)
  })

  it('is written piece by piece (never one string) with the same text, plain or gzipped', () => {
    const big = generateGraph({ nodes: 3000, seed: 9 })
    const meta = { exportedAt: STAMP, title: 'Zuid' }
    const whole = serializeKgJson(big, meta)
    expect(new TextDecoder().decode(kgJsonBytes(big, meta))).toBe(whole)
    expect(new TextDecoder().decode(gunzipSync(kgJsonBytes(big, meta, true)))).toBe(whole)
    expect([...kgJsonChunks(big, meta)].length).toBeGreaterThan(5)
    // The save gets the pieces, not one buffer of them all: none holds more than a piece's worth.
    const parts = kgJsonParts(big, meta)
    expect(parts.length).toBeGreaterThan(5)
    expect(Math.max(...parts.map((p) => p.byteLength))).toBeLessThan(whole.length / 3)
    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(whole)
    expect(new TextDecoder().decode(gunzipSync(Buffer.concat(kgJsonParts(big, meta, true))))).toBe(whole)
  })

  it('refuses a damaged, cut or bad-CRC gzip file with a Dutch message', () => {
    const gz = gzipSync(enc(text))
    const badCrc = gz.slice()
    badCrc[gz.length - 8] = (badCrc[gz.length - 8]! ^ 0xff) & 0xff
    const badSize = gz.slice()
    badSize[gz.length - 4] = (badSize[gz.length - 4]! ^ 0x01) & 0xff
    const cut = gz.slice(0, gz.length / 2)
    for (const [bytes, message] of [
      [badCrc, /controlesom \(CRC-32\) klopt niet/],
      [badSize, /lengte klopt niet/],
      [cut, /beschadigd of onvolledig/]
    ] as const) {
      const r = readImport('kaart.kg.json.gz', bytes)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.issues[0]?.message).toMatch(message)
    }
  })

  it('stops inflating a gzip bomb at the cap', async () => {
    const { gunzipFile } = await import('../../../src-renderer/exchange/import/read')
    const bomb = gzipSync(new Uint8Array(8 * 1024 * 1024))
    expect(bomb.length).toBeLessThan(20_000)
    const r = gunzipFile({ name: 'bom.kg.json.gz', bytes: bomb }, 1024 * 1024)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'too_large' })
  })
})

describe('deeply nested JSON is refused, not recursed into', () => {
  const nest = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`

  it('a cyjs data value 5,000 deep (~25 KB): Dutch message with the line', () => {
    const text = `{"elements":{"nodes":[\n{"data":{"id":"n1","name":"x","kind":"theme","deep":${nest(5000)}}}],"edges":[]}}`
    for (const name of ['deep.cyjs', 'deep.json']) {
      let r: ReturnType<typeof readImport> | undefined
      expect(() => (r = readImport(name, enc(text)))).not.toThrow()
      expect(r!.ok).toBe(false)
      if (!r!.ok) {
        expect(r!.issues[0]?.message).toMatch(/^Het bestand is dieper genest dan 64 niveaus \(regel 2\)/)
        expect(r!.issues[0]?.code).toBe('invalid_json')
      }
    }
    expect(parseCyjs(text).ok).toBe(false)
  })

  it('a .kg.json record 5,000 deep and a deep array', () => {
    const kg = serializeKgJson(generateGraph({ nodes: 3, seed: 1 }), { exportedAt: STAMP })
    const deep = kg.replace('"fields":{}', `"fields":{"x":${nest(5000)}}`)
    const arrays = kg.replace('"fields":{}', `"fields":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`)
    const line = kg.split('\n').findIndex((l) => l.includes('"fields":{}')) + 1
    for (const text of [deep, arrays]) {
      const r = readImport('deep.kg.json', enc(text))
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.issues[0]?.message).toContain(`dieper genest dan 64 niveaus (regel ${line})`)
    }
  })
})

describe('cyjs', () => {
  it('keeps an edge free field called "directed" (and "parent"), whatever its value', () => {
    const graph = generateGraph({ nodes: 12, seed: 7 })
    const edge = graph.edges[0]!
    const node = graph.nodes[0]!
    const withFields: GraphData = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === node.id ? { ...n, fields: { parent: 'p', directed: 1 } } : n)),
      edges: graph.edges.map((e) =>
        e.id === edge.id ? { ...e, fields: { directed: 'nee', Directed: false } } : e
      )
    }
    const text = serializeCyjs(withFields)
    // The native key stays Cytoscape's own flag.
    const doc = JSON.parse(text) as { elements: { edges: { data: Record<string, unknown> }[] } }
    const data = doc.elements.edges.find((e) => e.data.id === edge.id)!.data
    expect(typeof data.directed).toBe('boolean')
    const preview = readImport('k.cyjs', enc(text))
    if (!preview.ok) throw new Error(JSON.stringify(preview.issues))
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.issues))
    expect(mapped.value.edges.find((e) => e.id === edge.id)?.fields).toEqual({
      directed: 'nee',
      Directed: false
    })
    expect(mapped.value.nodes.find((n) => n.id === node.id)?.fields).toEqual({
      parent: 'p',
      directed: 1
    })
  })

  it('reads a non-boolean "directed" from another tool as a free field', () => {
    const text = JSON.stringify({
      elements: {
        nodes: [{ data: { id: 'a', name: 'A' } }, { data: { id: 'b', name: 'B' } }],
        edges: [{ data: { id: 'e', source: 'a', target: 'b', directed: 'yes' } }]
      }
    })
    const r = parseCyjs(text)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.edges[0]?.fields.directed).toBe('yes')
  })
})
