import { gzipSync, strToU8, zipSync } from 'fflate'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import {
  serializeCsvConnections,
  serializeCsvElements
} from '../../../src-renderer/exchange/formats/csv'
import { serializeCyjs } from '../../../src-renderer/exchange/formats/cyjs'
import { serializeGexf } from '../../../src-renderer/exchange/formats/gexf'
import { serializeGraphml } from '../../../src-renderer/exchange/formats/graphml'
import { serializeKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import { readFiles } from '../../../src-renderer/exchange/import/read'
import { readStreams } from '../../../src-renderer/exchange/import/read-stream'
import type { ImportFile } from '../../../src-renderer/exchange/import/types'

const graph = generateGraph({ nodes: 30, seed: 3 })
const enc = (t: string): Uint8Array => new TextEncoder().encode(t)

/** A file cut into pieces of `size` bytes (so pieces split UTF-8 sequences, tags, quotes, CRLF). */
function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size))
  return out
}

async function streamed(
  files: readonly ImportFile[],
  size: number
): ReturnType<typeof readStreams> {
  return readStreams(
    files.map((f) => ({ name: f.name, size: f.bytes.length, chunks: pieces(f.bytes, size) }))
  )
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2)
  out.set([0xff, 0xfe])
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff
    out[3 + i * 2] = text.charCodeAt(i) >> 8
  }
  return out
}

const CASES: Record<string, ImportFile[]> = {
  gexf: [{ name: 'kaart.gexf', bytes: enc(serializeGexf(graph)) }],
  graphml: [{ name: 'kaart.graphml', bytes: enc(serializeGraphml(graph)) }],
  'xml sniffed': [{ name: 'kaart.xml', bytes: enc(serializeGraphml(graph)) }],
  'kg.json': [{ name: 'kaart.kg.json', bytes: enc(serializeKgJson(graph)) }],
  'json sniffed': [{ name: 'kaart.json', bytes: enc(serializeKgJson(graph)) }],
  cyjs: [{ name: 'kaart.cyjs', bytes: enc(serializeCyjs(graph)) }],
  'two csv': [
    { name: 'k-elements.csv', bytes: enc(serializeCsvElements(graph)) },
    { name: 'k-connections.csv', bytes: enc(serializeCsvConnections(graph)) }
  ],
  zip: [
    {
      name: 'k.zip',
      bytes: zipSync({
        'k-elements.csv': strToU8(serializeCsvElements(graph)),
        'k-connections.csv': strToU8(serializeCsvConnections(graph))
      })
    }
  ],
  'utf-16 csv': [
    { name: 'k.csv', bytes: utf16le('\uFEFFID;Label\r\na;Één\r\nb;Zoë\r\n'.slice(1)) }
  ],
  'windows-1252 csv': [
    { name: 'k.csv', bytes: new Uint8Array([...enc('ID;Label\r\na;Caf'), 0xe9, ...enc('\r\n')]) }
  ],
  'latin-1 gexf': [
    {
      name: 'k.gexf',
      bytes: new Uint8Array([
        ...enc(
          '<?xml version="1.0" encoding="ISO-8859-1"?><gexf version="1.3"><graph><nodes><node id="a" label="Caf'
        ),
        0xe9,
        ...enc('"/></nodes></graph></gexf>')
      ])
    }
  ],
  'broken utf-8 gexf': [{ name: 'k.gexf', bytes: new Uint8Array([...enc('<gexf>'), 0xff, 0xfe]) }],
  'cut gexf': [{ name: 'k.gexf', bytes: enc(serializeGexf(graph).slice(0, 3000)) }],
  unknown: [{ name: 'k.dat', bytes: enc('hallo') }]
}

describe('streamed reads give what a whole-buffer read gives', () => {
  for (const [label, files] of Object.entries(CASES)) {
    it(`${label}, in pieces of any size`, async () => {
      const whole = readFiles(files)
      for (const size of [5, 64, 1 << 20]) expect(await streamed(files, size)).toEqual(whole)
    })
  }

  it('a gzip file (.kg.json.gz) is inflated as it streams, and a bad CRC refuses it', async () => {
    const text = serializeKgJson(graph)
    const gz = gzipSync(enc(text))
    const r = await streamed([{ name: 'kaart.kg.json.gz', bytes: gz }], 100)
    const plain = readFiles([{ name: 'kaart.kg.json', bytes: enc(text) }])
    expect(r).toEqual(plain)
    const bad = gz.slice()
    bad[bad.length - 8] = (bad[bad.length - 8] as number) ^ 1
    const refused = await streamed([{ name: 'kaart.kg.json.gz', bytes: bad }], 100)
    expect(!refused.ok && refused.issues[0]?.message).toMatch(/gzip-bestand .*CRC-32/)
  })

  it('any split of a CSV file with multi-byte characters reads the same', async () => {
    const bytes = enc(serializeCsvElements(graph))
    const whole = readFiles([{ name: 'k-elements.csv', bytes }])
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 8 }), async (cuts) => {
        const sorted = [...new Set(cuts)].sort((a, b) => a - b)
        const chunks: Uint8Array[] = []
        let at = 0
        for (const c of [...sorted, bytes.length]) {
          chunks.push(bytes.slice(at, c))
          at = c
        }
        const r = await readStreams([{ name: 'k-elements.csv', chunks }])
        expect(r).toEqual(whole)
      }),
      { numRuns: 50 }
    )
  })

  it('refuses more records than the limit, naming it', async () => {
    const r = await readStreams([{ name: 'k.gexf', chunks: [enc(serializeGexf(graph))] }], {
      maxRecords: 10
    })
    expect(!r.ok && r.issues[0]?.message).toMatch(/de grens is 10\. Er is niets geïmporteerd/)
  })
})

describe('.kg.json streams (kg-json-stream.ts), never joined whole', () => {
  const meta = {
    title: 'Kaart',
    description: 'Een beschrijving met ë en "quotes"',
    exportedAt: '2026-01-01T00:00:00.000Z',
    views: [{ id: 'v1', name: 'Overzicht', filter: { kinds: ['les'] } }],
    presentations: [{ id: 'p1', title: 'Verhaal', slides: [{ id: 's1' }] }]
  }
  const bytes = enc(serializeKgJson(graph, meta))

  it('any split of a backup (views, presentations, multi-byte text) reads as the whole read does', async () => {
    const whole = readFiles([{ name: 'kaart.kg.json', bytes }])
    expect(whole.ok).toBe(true)
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 10 }), async (cuts) => {
        const sorted = [...new Set(cuts)].sort((a, b) => a - b)
        const chunks: Uint8Array[] = []
        let at = 0
        for (const c of [...sorted, bytes.length]) {
          chunks.push(bytes.slice(at, c))
          at = c
        }
        expect(await readStreams([{ name: 'kaart.kg.json', chunks }])).toEqual(whole)
        expect(
          await readStreams([{ name: 'kaart.kg.json.gz', chunks: pieces(gzipSync(bytes), 97) }])
        ).toEqual(whole)
      }),
      { numRuns: 40 }
    )
  })

  it('a large backup that is broken at its start is refused without reading the rest', async () => {
    // Past the size up to which a refused file is also kept whole (4 M characters): the streaming
    // reader alone decides, and stops the read at the first problem. A whole-text read would pull
    // every chunk first.
    const mib = new Uint8Array(1 << 20).fill(0x20)
    let pulled = 0
    function* source(): Generator<Uint8Array> {
      yield enc('{"type": "stadmaken-kennisgraaf", "nodes": [{"id": "a"} {')
      for (let i = 0; i < 200; i++) {
        pulled++
        yield mib
      }
    }
    const r = await readStreams([{ name: 'groot.kg.json', chunks: source() }])
    expect(r.ok).toBe(false)
    expect(!r.ok && r.issues[0]?.message).toMatch(/geen geldige JSON \(regel 1/)
    expect(pulled).toBeLessThan(40)
  })

  it('a Cytoscape file named .kg.json reads as the whole read does', async () => {
    const cy = enc(serializeCyjs(graph))
    const whole = readFiles([{ name: 'kaart.kg.json', bytes: cy }])
    expect(await readStreams([{ name: 'kaart.kg.json', chunks: pieces(cy, 50) }])).toEqual(whole)
  })
})
