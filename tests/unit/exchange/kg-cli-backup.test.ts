/**
 * `kg convert` keeps every part of a `.kg.json` backup it can: into `.kg.json` (or `.kg.json.gz`,
 * by extension) the title, description, saved views, presentations, soft-deleted records and the
 * change history; deep-nested input is refused with exit 1 and a Dutch message, not a stack
 * overflow.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { serializeKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import { generateGraph } from '../../support/generate-graph'

const ROOT = process.cwd()
const dir = mkdtempSync(join(tmpdir(), 'kg-cli-backup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function kg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'scripts/kg.mjs'), ...args], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

const graph = generateGraph({ nodes: 30, seed: 5 })
const deletedAt = '2026-01-02T00:00:00.000Z'
const first = graph.nodes[0]!
// One soft-deleted node with its edges, as a store holds them.
const withDeleted = {
  nodes: graph.nodes.map((n) => (n.id === first.id ? { ...n, deletedAt } : n)),
  edges: graph.edges.map((e) =>
    e.source === first.id || e.target === first.id ? { ...e, deletedAt } : e
  ),
  annotations: graph.annotations.filter((a) => a.targetId !== first.id)
}
const meta = {
  exportedAt: '2026-01-03T00:00:00.000Z',
  title: 'Stadmaken Zuid',
  description: 'Kaart van de wijk',
  views: [{ id: 'v1', name: 'Alles', positions: { [first.id]: { x: 1, y: 2 } } }],
  presentations: [{ id: 'p1', name: 'Verhaal', slides: [{ viewId: 'v1', caption: 'Eerst' }] }],
  history: [
    {
      id: 'c1',
      at: '2026-01-01T00:00:00.000Z',
      author: 'Anna',
      action: 'node.create',
      recordIds: [first.id],
      count: 1,
      bulk: false,
      entries: JSON.stringify([{ table: 'nodes', id: first.id, before: null, after: first }])
    }
  ]
}

describe('kg convert with backups', () => {
  it('.kg.json → .kg.json keeps views, presentations, description, history and deleted records', async () => {
    const input = join(dir, 'in.kg.json')
    const text = serializeKgJson(withDeleted, meta)
    writeFileSync(input, text)
    const out = join(dir, 'out.kg.json')
    const r = await kg('convert', input, out)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>
    expect(doc).toMatchObject({
      title: meta.title,
      description: meta.description,
      views: meta.views,
      presentations: meta.presentations,
      history: meta.history
    })
    // Nothing lost at all: the file is the same document.
    expect(readFileSync(out, 'utf8')).toBe(text)
  }, 60_000)

  it('writes .kg.json.gz by extension, and reads it back (by magic bytes, whatever the name)', async () => {
    const input = join(dir, 'in2.kg.json')
    const text = serializeKgJson(withDeleted, meta)
    writeFileSync(input, text)
    const gz = join(dir, 'out.kg.json.gz')
    const r = await kg('convert', input, gz)
    expect(r.code).toBe(0)
    const bytes = new Uint8Array(readFileSync(gz))
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b])
    expect(new TextDecoder().decode(gunzipSync(bytes))).toBe(text)
    expect(bytes.length).toBeLessThan(text.length / 3)
    // Misnamed: a gzip file called .kg.json is still read as what it holds.
    const misnamed = join(dir, 'misnamed.kg.json')
    writeFileSync(misnamed, bytes)
    const back = join(dir, 'back.kg.json')
    const r2 = await kg('convert', misnamed, back)
    expect(r2.code).toBe(0)
    expect(readFileSync(back, 'utf8')).toBe(text)
  }, 60_000)

  it('refuses a 5,000-deep cyjs value with exit 1 and a Dutch message, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
    const file = join(dir, 'deep.cyjs')
    writeFileSync(
      file,
      `{"elements":{"nodes":[\n{"data":{"id":"n1","name":"x","kind":"theme","deep":${deep}}}],"edges":[]}}`
    )
    const r = await kg('validate', file)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/dieper genest dan 64 niveaus \(regel 2\)/)
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack/)
  }, 60_000)
})
