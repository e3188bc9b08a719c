import { afterEach, describe, expect, it, vi } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import type { GraphData } from '../../../src-renderer/domain/graph'
import type { GraphNode } from '../../../src-renderer/domain/node-kinds'
import { serializeKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import {
  WORKER_READ_BYTES,
  applyMapping,
  readImport,
  readImportAsync
} from '../../../src-renderer/exchange/import'
import {
  importWorkerHandler,
  readInWorker,
  type FromImportWorker,
  type ToImportWorker
} from '../../../src-renderer/exchange/import/worker-read'

const STAMP = '2026-03-01T00:00:00.000Z'

/** The stored graph the files point into, and the lookup the app hands the import (live nodes). */
const stored: GraphData = generateGraph({ nodes: 40, seed: 8 })
const byId = new Map<string, GraphNode>(stored.nodes.map((n) => [n.id, n]))
const existing = (id: string): GraphNode | undefined => byId.get(id)
const lookup = async (ids: string[]): Promise<GraphNode[]> =>
  ids.map(existing).filter((n): n is GraphNode => !!n)

/**
 * A GEXF file from another tool, padded past {@link WORKER_READ_BYTES} (so the app reads it in the
 * worker): two new nodes, an edge between them and an edge from each to a node already in the map.
 */
function largeGexf(): Uint8Array {
  const [a, b] = stored.nodes
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${'x'.repeat(WORKER_READ_BYTES)} -->
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed">
    <nodes>
      <node id="n1" label="Buurtkamer"/>
      <node id="n2" label="Marktplein"/>
    </nodes>
    <edges>
      <edge id="e1" source="n1" target="n2"/>
      <edge id="e2" source="n1" target="${a!.id}"/>
      <edge id="e3" source="${b!.id}" target="n2"/>
    </edges>
  </graph>
</gexf>`
  const bytes = new TextEncoder().encode(xml)
  expect(bytes.byteLength).toBeGreaterThanOrEqual(WORKER_READ_BYTES)
  return bytes
}

/** A `.kg.json` export of part of the stored graph: its edges point at nodes left out of the file. */
function largeKgSubset(): Uint8Array {
  const kept = new Set(stored.nodes.slice(0, 20).map((n) => n.id))
  const edges = stored.edges.filter((e) => kept.has(e.source) !== kept.has(e.target))
  expect(edges.length).toBeGreaterThan(0)
  const text = serializeKgJson(
    { nodes: stored.nodes.filter((n) => kept.has(n.id)), edges, annotations: [] },
    { exportedAt: STAMP }
  )
  // Padding after the JSON is whitespace, so the file stays valid while passing the size threshold.
  return new TextEncoder().encode(text + ' '.repeat(WORKER_READ_BYTES))
}

/** A Worker stand-in that runs the import worker's handler in this thread, message by message. */
class InThreadWorker {
  onmessage: ((e: MessageEvent<FromImportWorker>) => void) | null = null
  onerror: ((e: ErrorEvent) => void) | null = null
  terminated = false
  static started = 0
  private readonly handle = importWorkerHandler((message) => {
    setTimeout(() => {
      if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FromImportWorker>)
    })
  })

  constructor() {
    InThreadWorker.started++
  }

  postMessage(message: ToImportWorker): void {
    setTimeout(() => this.handle(message))
  }

  terminate(): void {
    this.terminated = true
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('reading a large file in the import worker', () => {
  it('a preview whose edges point at stored nodes shows no problem', async () => {
    const file = { name: 'gephi.gexf', bytes: largeGexf(), options: { now: STAMP }, lookup: true }
    const asked: string[][] = []
    const r = await readInWorker(file, (ids) => {
      asked.push(ids)
      return lookup(ids)
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.problems).toEqual([])
    // The worker asked once, for exactly the ids the file points at but does not define.
    expect(asked).toEqual([[stored.nodes[0]!.id, stored.nodes[1]!.id]])
    expect(r.value.checked?.stored.map((s) => s.id).sort()).toEqual(
      [stored.nodes[0]!.id, stored.nodes[1]!.id].sort()
    )
    // Nothing in it is a function: it can be posted back to the main thread.
    expect(() => structuredClone(r.value)).not.toThrow()
    // The same file read on the main thread gives the same preview.
    const here = readImport(file.name, file.bytes, { now: STAMP, existing })
    expect(here.ok && here.value.problems).toEqual([])
    if (here.ok) expect(r.value.checked).toEqual(here.value.checked)
  })

  it('without the stored nodes those edges are problems (a file read on its own)', async () => {
    const r = await readInWorker(
      { name: 'gephi.gexf', bytes: largeGexf(), options: { now: STAMP }, lookup: false },
      () => Promise.reject(new Error('not asked'))
    )
    expect(r.ok && r.value.problems.map((p) => p.code)).toEqual(['missing_node', 'missing_node'])
  })

  it('a .kg.json of part of the map reads with the stored nodes its edges point at', async () => {
    const bytes = largeKgSubset()
    const alone = await readInWorker(
      { name: 'deel.kg.json', bytes, options: { now: STAMP }, lookup: false },
      lookup
    )
    expect(alone.ok).toBe(false)
    const r = await readInWorker(
      { name: 'deel.kg.json', bytes, options: { now: STAMP }, lookup: true },
      lookup
    )
    expect(r.ok && r.value.problems).toEqual([])
    expect(r.ok && r.value.document?.nodes).toHaveLength(20)
  })

  it('readImportAsync answers the worker from the store and attaches the lookup', async () => {
    vi.stubGlobal('Worker', InThreadWorker)
    const before = InThreadWorker.started
    const r = await readImportAsync('gephi.gexf', largeGexf(), { now: STAMP, existing })
    expect(InThreadWorker.started).toBe(before + 1)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.problems).toEqual([])
    expect(r.value.existing).toBe(existing)
    // The preview's one validation is carried on: applyMapping hands out the checked graph.
    const mapped = applyMapping(r.value)
    expect(mapped.ok && mapped.value).toBe(r.value.checked?.graph)
    expect(mapped.ok && mapped.value.edges.map((e) => e.id).sort()).toEqual(['e1', 'e2', 'e3'])
  })
})

/** A CSV elements file of `n` rows with long descriptions: past the worker threshold for n ≥ 5,000. */
function bigCsv(n: number): Uint8Array<ArrayBuffer> {
  const text = 'Een lange beschrijving – met ë en "aanhalingstekens"; '.repeat(8)
  const rows = Array.from(
    { length: n },
    (_, i) => `n${i};Knoop ${i};Thema;"${text.replace(/"/g, '""')}"`
  ).join('\r\n')
  return new TextEncoder().encode(`\uFEFFID;Label;Type;Description\r\n${rows}\r\n`)
}

describe('streamed reads in the import worker: progress and cancel', () => {
  it('reads a File as a stream, reports progress up to its size, then checks', async () => {
    const bytes = bigCsv(4_600)
    expect(bytes.byteLength).toBeGreaterThan(WORKER_READ_BYTES)
    const file = new Blob([bytes])
    const seen: { phase: string; read: number; total: number }[] = []
    const r = await readImportAsync('kaart-elements.csv', file, {
      now: STAMP,
      onProgress: (p) => seen.push({ ...p })
    })
    expect(r.ok && r.value.counts.nodes).toBe(4_600)
    const reads = seen.filter((p) => p.phase === 'read')
    expect(reads.length).toBeGreaterThan(1)
    expect(reads.every((p) => p.total === bytes.byteLength)).toBe(true)
    expect(reads.map((p) => p.read)).toEqual([...reads.map((p) => p.read)].sort((a, b) => a - b))
    expect(reads.at(-1)?.read).toBe(bytes.byteLength)
    expect(seen.at(-1)?.phase).toBe('check')
    // The same preview as reading the whole buffer at once.
    const whole = readImport('kaart-elements.csv', bytes, { now: STAMP })
    expect(r.ok && whole.ok && r.value.checked).toEqual(whole.ok && whole.value.checked)
  }, 20_000)

  it('cancelling during the read rejects with an AbortError and reads no further', async () => {
    const bytes = bigCsv(4_600)
    const controller = new AbortController()
    let last = 0
    const reading = readImportAsync('kaart-elements.csv', new Blob([bytes]), {
      signal: controller.signal,
      onProgress: (p) => {
        last = p.read
        if (p.phase === 'read') controller.abort()
      }
    })
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(last).toBeLessThan(bytes.byteLength)
  })

  it('the worker handler posts progress and stops on a cancel message', async () => {
    const posted: FromImportWorker[] = []
    let handle: (m: ToImportWorker) => void = () => undefined
    const done = new Promise<FromImportWorker>((resolve) => {
      handle = importWorkerHandler((m) => {
        posted.push(m)
        if (m.type === 'progress') handle({ type: 'cancel' })
        if (m.type === 'done') resolve(m)
      })
    })
    handle({
      type: 'read',
      name: 'kaart-elements.csv',
      bytes: new Blob([bigCsv(4_600)]),
      options: {},
      lookup: false
    })
    const end = await done
    expect(posted[0]?.type).toBe('progress')
    expect(end.type === 'done' && !end.result.ok && end.result.issues[0]?.message).toMatch(
      /afgebroken/
    )
  })
})
