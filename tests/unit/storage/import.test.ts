import { localizeIssues } from '../../../src-renderer/i18n/issue-message'
import { describe, expect, it } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import type { GraphData } from '../../../src-renderer/domain/graph'
import { exportGraph } from '../../../src-renderer/exchange/export/data-export'
import { applyMapping, importInto, readImport } from '../../../src-renderer/exchange/import'
import type { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'
import { PAGE_SIZE } from '../../../src-renderer/storage/schema'
import { freshRepo, reopen } from './helpers'

const STAMP = '2026-02-01T00:00:00.000Z'

function sorted<T extends { id: string }>(list: Iterable<T>): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
}

function snapshot(repo: GraphRepository): GraphData {
  return {
    nodes: sorted(repo.store.nodes.values()),
    edges: sorted(repo.store.edges.values()),
    annotations: sorted(repo.store.annotations.values())
  }
}

async function seeded(
  nodes = 60,
  seed = 3
): Promise<{ repo: GraphRepository; name: string; base: GraphData }> {
  const { repo, name } = await freshRepo()
  const base = generateGraph({ nodes, seed })
  const r = await repo.replaceGraph(base, 'test.seed')
  if (!r.ok) throw new Error(r.issues[0]?.message)
  return { repo, name, base }
}

/** A GEXF file from another tool: two untyped nodes, one of them linked to an existing node id. */
function foreignGexf(existingId: string): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed">
    <attributes class="node"><attribute id="0" title="url" type="string"/></attributes>
    <nodes>
      <node id="g1" label="Buurtkamer"><attvalues><attvalue for="0" value="https://example.org"/></attvalues></node>
      <node id="g2" label="Marktplein"/>
    </nodes>
    <edges>
      <edge id="x1" source="g1" target="g2" label="grenst aan"/>
      <edge id="x2" source="g1" target="${existingId}"/>
    </edges>
  </graph>
</gexf>`
  return new TextEncoder().encode(xml)
}

describe('import into the repository', () => {
  it('replace swaps the whole graph in one transaction and survives a reload', async () => {
    const { repo, name } = await seeded()
    const incoming = generateGraph({ nodes: 30, seed: 99 })
    const preview = readImport(
      'nieuw.gexf',
      new TextEncoder().encode(exportGraph(incoming, 'gexf') as string)
    )
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    const graph = applyMapping(preview.value)
    if (!graph.ok) throw new Error(graph.issues[0]?.message)
    const steps: number[] = []
    const r = await importInto(repo, graph.value, 'replace', {
      onProgress: (done) => steps.push(done)
    })
    expect(r).toEqual({
      ok: true,
      value: { mode: 'replace', nodes: 30, edges: incoming.edges.length, annotations: 0 }
    })
    expect(steps.length).toBeGreaterThan(0)
    expect(snapshot(repo).nodes).toEqual(sorted(incoming.nodes))
    const again = await reopen(name)
    expect(snapshot(again)).toEqual(snapshot(repo))
  })

  it('merge updates by id, adds what is new, keeps the rest, and survives a reload', async () => {
    const { repo, name, base } = await seeded()
    const target = base.nodes[5]
    if (!target) throw new Error('no node')
    const existing = (id: string): GraphData['nodes'][number] | undefined => repo.store.node(id)
    const alone = readImport('gephi.gexf', foreignGexf(target.id), { now: STAMP })
    if (!alone.ok) throw new Error('unreadable')
    expect(alone.value.problems.map((p) => p.code)).toEqual(['missing_node'])
    const preview = readImport('gephi.gexf', foreignGexf(target.id), {
      now: STAMP,
      author: 'Import',
      existing
    })
    if (!preview.ok) throw new Error(preview.issues[0]?.message)
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error(mapped.issues[0]?.message)
    const changed = { ...base.nodes[0]!, title: 'Nieuwe titel', updatedAt: STAMP }
    const incoming: GraphData = {
      nodes: [...mapped.value.nodes, changed, base.nodes[1]!],
      edges: mapped.value.edges,
      annotations: []
    }
    const r = await importInto(repo, incoming, 'merge')
    expect(r.ok && r.value).toMatchObject({ mode: 'merge', added: 4, updated: 1, unchanged: 1 })
    const after = snapshot(repo)
    expect(after.nodes).toHaveLength(base.nodes.length + 2)
    expect(after.edges).toHaveLength(base.edges.length + 2)
    expect(repo.store.nodes.get(changed.id)?.title).toBe('Nieuwe titel')
    expect(repo.store.nodes.get('g1')).toMatchObject({
      kind: 'theme',
      fields: { url: 'https://example.org' },
      createdBy: 'Import'
    })
    expect(repo.store.edges.get('x2')).toMatchObject({
      source: 'g1',
      target: target.id,
      kind: 'related'
    })
    for (const n of base.nodes.slice(2)) expect(repo.store.nodes.get(n.id)).toEqual(n)
    const again = await reopen(name)
    expect(snapshot(again)).toEqual(after)

    // The merge is one undoable change: undo gives back the map as it was, also after a reload.
    expect(repo.historyState().nextUndo?.action).toBe('import.merge')
    const undone = await repo.undo()
    expect(undone.ok).toBe(true)
    const restored = snapshot(repo)
    expect(restored.nodes.filter((n) => !n.deletedAt)).toEqual(base.nodes)
    expect(restored.edges.filter((e) => !e.deletedAt)).toEqual(base.edges)
    expect(snapshot(await reopen(name))).toEqual(restored)
    // The seeding replace stays a barrier: nothing older to undo.
    expect(repo.canUndo()).toBe(false)
    expect((await repo.redo()).ok).toBe(true)
    expect(snapshot(repo)).toEqual(after)
  })

  it('merging the same file twice changes nothing the second time', async () => {
    const { repo, base } = await seeded(20)
    const preview = readImport('gephi.gexf', foreignGexf(base.nodes[0]!.id), {
      now: STAMP,
      existing: (id) => repo.store.node(id)
    })
    if (!preview.ok) throw new Error('unreadable')
    const mapped = applyMapping(preview.value)
    if (!mapped.ok) throw new Error('invalid')
    await importInto(repo, mapped.value, 'merge')
    const before = snapshot(repo)
    const r = await importInto(repo, mapped.value, 'merge')
    expect(r.ok && r.value).toMatchObject({ added: 0, updated: 0, unchanged: 4 })
    expect(snapshot(repo)).toEqual(before)
  })

  it('a merge that would break the stored graph is refused whole', async () => {
    const { repo, name, base } = await seeded()
    const before = snapshot(repo)
    // An edge to a node that exists neither in the file nor in the map.
    const dangling = {
      ...base.edges[0]!,
      id: 'nieuw-1',
      target: 'bestaat-niet'
    } as unknown as GraphData['edges'][number]
    const r1 = await importInto(repo, { nodes: [], edges: [dangling], annotations: [] }, 'merge')
    expect(r1.ok).toBe(false)
    if (!r1.ok) {
      expect(r1.issues[0]?.code).toBe('missing_node')
      expect(localizeIssues(r1.issues)[0]?.message).toMatch(/bestaat niet/)
    }
    // A stored node whose incoming version changes its kind, so stored edges are no longer allowed.
    const lesson = base.nodes.find(
      (n) => n.kind === 'lesson' && base.edges.some((e) => e.source === n.id)
    )!
    const retyped = {
      ...lesson,
      kind: 'actor',
      actorType: 'other'
    } as unknown as GraphData['nodes'][number]
    const r2 = await importInto(repo, { nodes: [retyped], edges: [], annotations: [] }, 'merge')
    expect(r2.ok).toBe(false)
    expect(snapshot(repo)).toEqual(before)
    expect(snapshot(await reopen(name))).toEqual(before)
  })

  it('a bad file changes nothing, in either mode', async () => {
    const { repo, name } = await seeded()
    const before = snapshot(repo)
    const bad = [
      readImport(
        'kapot.gexf',
        new TextEncoder().encode('<gexf><graph><nodes><node id="a"></nodes>')
      ),
      readImport('kapot.csv', new TextEncoder().encode('ID;Label\r\n1;"open')),
      readImport(
        'kapot.kg.json',
        new TextEncoder().encode(
          '{"type":"stadmaken-kennisgraaf","version":1,"nodes":[{"__proto__":{}}],"edges":[]}'
        )
      ),
      readImport('groot.graphml', new Uint8Array(4096), { maxBytes: 100 })
    ]
    for (const r of bad) expect(r.ok).toBe(false)
    const dangling = readImport('los.csv', new TextEncoder().encode('ID;From;To\r\ne;a;b\r\n'))
    expect(dangling.ok).toBe(true)
    const dup = readImport(
      'dubbel.graphml',
      new TextEncoder().encode('<graphml><graph><node id="a"/><node id="a"/></graph></graphml>')
    )
    if (!dup.ok) throw new Error('unreadable')
    expect(dup.value.problems.map((p) => p.code)).toEqual(['duplicate_id'])
    const mapped = applyMapping(dup.value)
    expect(mapped.ok).toBe(false)
    // Even when a caller passes invalid data on, the repository validates and refuses it.
    const invalid = {
      nodes: [{ id: 'a' }, { id: 'a' }],
      edges: [],
      annotations: []
    } as unknown as GraphData
    for (const mode of ['merge', 'replace'] as const) {
      const r = await importInto(repo, invalid, mode)
      expect(r.ok).toBe(false)
    }
    expect(snapshot(repo)).toEqual(before)
    expect(snapshot(await reopen(name))).toEqual(before)
  })

  it('cancelling rolls back: nothing is half written', async () => {
    const { repo, name } = await seeded(40)
    const before = snapshot(repo)
    // Several pages of nodes and edges (PAGE_SIZE records each), so an abort leaves pages already
    // written in the open transaction that must be rolled back.
    const big = generateGraph({ nodes: PAGE_SIZE + 1, seed: 5 })
    for (const mode of ['replace', 'merge'] as const) {
      const controller = new AbortController()
      let written = 0
      const r = await importInto(repo, big, mode, {
        signal: controller.signal,
        onProgress: (done) => {
          written = done
          controller.abort()
        }
      })
      // The abort came after more than one page was written inside the transaction.
      expect(written).toBeGreaterThan(1)
      expect(r.ok).toBe(false)
      if (!r.ok)
        expect(r.issues[0]?.message).toBe('Het importeren is afgebroken; er is niets veranderd.')
      expect(snapshot(repo)).toEqual(before)
    }
    expect(snapshot(await reopen(name))).toEqual(before)
  })
})
