import { beforeEach, describe, expect, it, vi } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import type { GraphData } from '../../../src-renderer/domain/graph'
import { validateGraph } from '../../../src-renderer/domain/validate'
import { exportGraph } from '../../../src-renderer/exchange/export/data-export'
import { applyMapping, importInto, readImport } from '../../../src-renderer/exchange/import'
import type { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'
import { freshRepo } from './helpers'

// Every caller of the domain's whole-graph validator goes through this spy.
vi.mock('../../../src-renderer/domain/validate', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src-renderer/domain/validate')>()
  return { ...actual, validateGraph: vi.fn(actual.validateGraph) }
})

const validations = vi.mocked(validateGraph)
const STAMP = '2026-02-01T00:00:00.000Z'

async function seeded(): Promise<{ repo: GraphRepository; base: GraphData }> {
  const { repo } = await freshRepo()
  const base = generateGraph({ nodes: 60, seed: 3 })
  const r = await repo.replaceGraph(base, 'test.seed')
  if (!r.ok) throw new Error(r.issues[0]?.message)
  validations.mockClear()
  return { repo, base }
}

/** A GEXF file from another tool: two untyped nodes, one linked to a node already in the map. */
function foreignGexf(existingId: string): Uint8Array {
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed">
    <nodes><node id="g1" label="Buurtkamer"/><node id="g2" label="Marktplein"/></nodes>
    <edges>
      <edge id="x1" source="g1" target="g2"/>
      <edge id="x2" source="g1" target="${existingId}"/>
    </edges>
  </graph>
</gexf>`)
}

/** The number of nodes each whole-graph validation was given. */
function validatedNodeCounts(): number[] {
  return validations.mock.calls.map(([input]) => input.nodes.length)
}

beforeEach(() => {
  validations.mockClear()
})

describe('an import validates once', () => {
  it('merge: read → applyMapping → importInto validates once, with the stored nodes it needs', async () => {
    const { repo, base } = await seeded()
    const target = base.nodes[5]!
    const preview = readImport('gephi.gexf', foreignGexf(target.id), {
      now: STAMP,
      existing: (id) => repo.store.node(id)
    })
    if (!preview.ok) throw new Error('unreadable')
    expect(preview.value.problems).toEqual([])
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error('invalid')
    const r = await importInto(repo, mapped.value, 'merge')
    expect(r.ok && r.value).toMatchObject({ added: 4, updated: 0, unchanged: 0 })
    // One validation: the file's two nodes and the one stored node it points at, not the whole map.
    expect(validatedNodeCounts()).toEqual([3])
    expect(repo.store.edges.get('x2')).toMatchObject({ source: 'g1', target: target.id })
  })

  it('replace: a file read on its own is validated once', async () => {
    const { repo } = await seeded()
    const incoming = generateGraph({ nodes: 30, seed: 99 })
    const bytes = new TextEncoder().encode(exportGraph(incoming, 'gexf') as string)
    const preview = readImport('nieuw.gexf', bytes)
    if (!preview.ok) throw new Error('unreadable')
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error('invalid')
    const r = await importInto(repo, mapped.value, 'replace')
    expect(r.ok).toBe(true)
    expect(validatedNodeCounts()).toEqual([30])
    expect(repo.store.nodes.size).toBe(30)
  })

  it('a .kg.json is validated once, while it is read', async () => {
    const { repo, base } = await seeded()
    const part: GraphData = {
      nodes: base.nodes.slice(0, 10).map((n) => ({ ...n, title: `${n.title} (bijgewerkt)` })),
      edges: base.edges.filter((e) => e.source === base.nodes[0]!.id),
      annotations: []
    }
    const bytes = new TextEncoder().encode(exportGraph(part, 'kg-json') as string)
    const preview = readImport('deel.kg.json', bytes, { existing: (id) => repo.store.node(id) })
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error('invalid')
    const r = await importInto(repo, mapped.value, 'merge')
    expect(r.ok && r.value.updated).toBe(10)
    expect(validations).toHaveBeenCalledTimes(1)
  })

  it('a changed mapping is validated once more, for that mapping', async () => {
    const { repo, base } = await seeded()
    const preview = readImport('gephi.gexf', foreignGexf(base.nodes[5]!.id), {
      now: STAMP,
      existing: (id) => repo.store.node(id)
    })
    if (!preview.ok) throw new Error('unreadable')
    const mapped = applyMapping(preview.value, { '': 'lesson' })
    if (!mapped.ok) throw new Error('invalid')
    expect(mapped.value.nodes.map((n) => n.kind)).toEqual(['lesson', 'lesson'])
    const r = await importInto(repo, mapped.value, 'merge')
    expect(r.ok).toBe(true)
    expect(validations).toHaveBeenCalledTimes(2)
  })

  it('validates again at write time when the store changed what the preview relied on', async () => {
    const { repo, base } = await seeded()
    const target = base.nodes.find((n) => !base.edges.some((e) => e.target === n.id))!
    const preview = readImport('gephi.gexf', foreignGexf(target.id), {
      now: STAMP,
      existing: (id) => repo.store.node(id)
    })
    if (!preview.ok) throw new Error('unreadable')
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error('invalid')
    // Another edit deletes the node the file's edge points at before the import is written.
    expect((await repo.deleteNode(target.id)).ok).toBe(true)
    const nodes = repo.store.nodes.size
    validations.mockClear()
    const r = await importInto(repo, mapped.value, 'merge')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('missing_node')
    expect(validations).toHaveBeenCalledTimes(1)
    expect(repo.store.nodes.size).toBe(nodes)
  })

  it('replace refuses a graph whose edges relied on stored nodes', async () => {
    const { repo, base } = await seeded()
    const preview = readImport('gephi.gexf', foreignGexf(base.nodes[5]!.id), {
      now: STAMP,
      existing: (id) => repo.store.node(id)
    })
    if (!preview.ok) throw new Error('unreadable')
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error('invalid')
    const r = await importInto(repo, mapped.value, 'replace')
    expect(r.ok).toBe(false)
    expect(repo.store.nodes.size).toBe(base.nodes.length)
  })
})
