import { localizeIssues } from '../../../src-renderer/i18n/issue-message'
import Dexie from 'dexie'
import { describe, expect, it, vi } from 'vitest'
import { openDatabase, type ChangeEntry } from '../../../src-renderer/storage/db'
import { PAGE_SIZE, SCHEMA_VERSION } from '../../../src-renderer/storage/schema'
import { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'
import { freshRepo, reopen } from './helpers'

const actor = {
  kind: 'actor',
  title: 'Ymere',
  actorType: 'housing_corporation',
  status: 'confirmed'
} as const
const lesson = { kind: 'lesson', title: 'Blijf communiceren', status: 'inferred' } as const
const quote = {
  kind: 'quote',
  title: 'Citaat',
  text: 'We hoorden maanden niets.',
  status: 'illustrative'
} as const

async function tableCounts(repo: GraphRepository): Promise<{ pages: number; changes: number }> {
  return {
    pages: await repo.db.table('pages').count(),
    changes: await repo.db.table('changes').count()
  }
}

describe('GraphRepository', () => {
  it('writes a valid node, stamps it, and keeps it across a reopen', async () => {
    const { repo, name } = await freshRepo()
    const r = await repo.createNode(actor)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.createdBy).toBe('Anna')
    expect(r.value.id).toMatch(/^[0-9a-f-]{36}$/)
    const again = await reopen(name)
    expect(again.store.node(r.value.id)?.title).toBe('Ymere')
  })

  it('rejects an invalid node with a Dutch message and changes nothing', async () => {
    const { repo } = await freshRepo()
    await repo.createNode(actor)
    const before = await tableCounts(repo)
    const version = repo.store.version
    const r = await repo.createNode({ ...actor, title: '   ' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues[0]?.code).toBe('required')
    expect(localizeIssues(r.issues)[0]?.message).toContain('Titel is verplicht')
    expect(await tableCounts(repo)).toEqual(before)
    expect(repo.store.version).toBe(version)
    expect(repo.store.liveNodes()).toHaveLength(1)
  })

  it('rejects an edge the rules do not allow and writes nothing', async () => {
    const { repo } = await freshRepo()
    const a = await repo.createNode(actor)
    const l = await repo.createNode(lesson)
    if (!a.ok || !l.ok) throw new Error('setup')
    const before = await tableCounts(repo)
    const r = await repo.createEdge({
      kind: 'supports',
      source: a.value.id,
      target: l.value.id,
      status: 'inferred'
    })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.issues[0]?.code).toBe('edge_not_allowed')
      expect(localizeIssues(r.issues)[0]?.message).toMatch(/mag niet van Actor naar Les/)
    }
    expect(await tableCounts(repo)).toEqual(before)
    expect(repo.store.liveEdges()).toHaveLength(0)
  })

  it('deletes a node with its edges and annotations in one transaction (one change row)', async () => {
    const { repo, name } = await freshRepo()
    const q = await repo.createNode(quote)
    const l = await repo.createNode(lesson)
    const l2 = await repo.createNode({ ...lesson, title: 'Andere les' })
    if (!q.ok || !l.ok || !l2.ok) throw new Error('setup')
    const e = await repo.createEdge({
      kind: 'supports',
      source: q.value.id,
      target: l.value.id,
      status: 'illustrative'
    })
    const e2 = await repo.createEdge({
      kind: 'reinforces',
      source: l2.value.id,
      target: l.value.id,
      status: 'inferred',
      evidence: [q.value.id]
    })
    if (!e.ok || !e2.ok) throw new Error('setup')
    await repo.addAnnotation({
      targetId: e.value.id,
      targetType: 'edge',
      stance: 'agrees',
      confidence: 4
    })
    const changesBefore = await repo.db.table('changes').count()

    const r = await repo.deleteNode(q.value.id)
    expect(r.ok && r.value).toEqual({ edges: 1, annotations: 1 })
    expect(await repo.db.table('changes').count()).toBe(changesBefore + 1)
    const [row] = await repo.recentChanges(1)
    const entries = JSON.parse(row!.entries) as ChangeEntry[]
    expect(entries.map((x) => x.table).sort()).toEqual(['annotations', 'edges', 'edges', 'nodes'])

    const again = await reopen(name)
    expect(again.store.node(q.value.id)).toBeUndefined()
    expect(again.store.edge(e.value.id)).toBeUndefined()
    expect(again.store.liveAnnotations()).toHaveLength(0)
    expect(again.store.edge(e2.value.id)?.evidence).toEqual([])
  })

  it('writes nothing when the transaction fails half-way', async () => {
    const { repo, name } = await freshRepo()
    const l = await repo.createNode(lesson)
    const l2 = await repo.createNode({ ...lesson, title: 'Tweede les' })
    if (!l.ok || !l2.ok) throw new Error('setup')
    await repo.createEdge({
      kind: 'reinforces',
      source: l.value.id,
      target: l2.value.id,
      status: 'inferred'
    })
    const changes = repo.db.table('changes')
    const spy = vi.spyOn(changes, 'add').mockRejectedValueOnce(new Error('disk full'))
    await expect(repo.deleteNode(l.value.id)).rejects.toThrow('disk full')
    spy.mockRestore()
    expect(repo.store.node(l.value.id)).toBeDefined()
    const again = await reopen(name)
    expect(again.store.node(l.value.id)).toBeDefined()
    expect(again.store.liveEdges()).toHaveLength(1)
  })

  it('records who changed what in the change log, with before and after', async () => {
    const { repo, setAuthor } = await freshRepo()
    const a = await repo.createNode(actor)
    if (!a.ok) throw new Error('setup')
    setAuthor('Bram')
    await repo.updateNode(a.value.id, { title: 'Ymere (corporatie)' })
    const history = await repo.history(a.value.id)
    expect(history.map((h) => [h.author, h.action])).toEqual([
      ['Bram', 'node.update'],
      ['Anna', 'node.create']
    ])
    const [entry] = JSON.parse(history[0]!.entries) as ChangeEntry[]
    expect((entry!.before as { title: string }).title).toBe('Ymere')
    expect((entry!.after as { title: string; updatedBy: string }).updatedBy).toBe('Bram')
    expect(repo.store.node(a.value.id)?.createdBy).toBe('Anna')
  })

  it('never lets one author overwrite another author’s annotation', async () => {
    const { repo, setAuthor } = await freshRepo()
    const l = await repo.createNode(lesson)
    if (!l.ok) throw new Error('setup')
    const mine = await repo.addAnnotation({
      targetId: l.value.id,
      targetType: 'node',
      stance: 'agrees',
      confidence: 5,
      text: 'Klopt'
    })
    if (!mine.ok) throw new Error('setup')
    setAuthor('Bram')
    const theirs = await repo.updateAnnotation(mine.value.id, { text: 'Overschreven' })
    expect(theirs.ok).toBe(false)
    await repo.addAnnotation({
      targetId: l.value.id,
      targetType: 'node',
      stance: 'disagrees',
      confidence: 3
    })
    const thread = repo.store.liveAnnotations()
    expect(thread.map((a) => [a.author, a.stance, a.text]).sort()).toEqual([
      ['Anna', 'agrees', 'Klopt'],
      ['Bram', 'disagrees', '']
    ])
  })

  it('spreads many records over pages and rewrites only the touched page on an edit', async () => {
    const { repo, name } = await freshRepo()
    const nodes = Array.from({ length: PAGE_SIZE + 10 }, (_, i) => ({
      id: `n${i}`,
      kind: 'theme' as const,
      themeType: 'overig' as const,
      title: `Thema ${i}`,
      status: 'inferred' as const,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'gen',
      updatedBy: 'gen',
      description: '',
      tags: [],
      sources: [],
      fields: {}
    }))
    const r = await repo.replaceGraph({ nodes, edges: [], annotations: [] }, 'test.fill')
    expect(r.ok).toBe(true)
    expect(await repo.db.table('pages').count()).toBe(2)
    const put = vi.spyOn(repo.db.table('pages'), 'bulkPut')
    await repo.updateNode('n5', { title: 'Veranderd' })
    expect(put).toHaveBeenCalledTimes(1)
    expect((put.mock.calls[0]![0] as unknown[]).length).toBe(1)
    put.mockRestore()
    const again = await reopen(name)
    expect(again.store.liveNodes()).toHaveLength(PAGE_SIZE + 10)
    expect(again.store.node('n5')?.title).toBe('Veranderd')
  })

  it('rolls back a cancelled whole-graph write', async () => {
    const { repo, name } = await freshRepo()
    await repo.createNode(actor)
    const controller = new AbortController()
    controller.abort()
    const nodes = [
      { ...actor, id: 'x', createdAt: 'a', updatedAt: 'a', createdBy: 'a', updatedBy: 'a' }
    ]
    await expect(
      repo.replaceGraph({ nodes, edges: [], annotations: [] }, 'test', {
        signal: controller.signal
      })
    ).rejects.toThrow()
    const again = await reopen(name)
    expect(again.store.liveNodes().map((n) => n.title)).toEqual(['Ymere'])
  })
})

describe('newer-schema guard', () => {
  it('opens a database written by a newer app read-only, shows its data and refuses writes', async () => {
    const name = `newer-${Math.random()}`
    const { repo } = await freshRepo(name)
    await repo.createNode(actor)
    repo.db.close()
    // Simulate a newer app: same tables, one more, higher version.
    const newer = new Dexie(name)
    newer.version(SCHEMA_VERSION + 4).stores({ pages: '&id, table', meta: '&key', extra: '&id' })
    await newer.open()
    await newer.table('meta').put({ key: 'schemaVersion', value: SCHEMA_VERSION + 4 })
    newer.close()

    const opened = await openDatabase(name)
    expect(opened.readOnly).toBe(true)
    expect(opened.storedVersion).toBe(SCHEMA_VERSION + 4)
    const ro = await GraphRepository.load(opened, { author: () => 'X' })
    expect(ro.store.liveNodes().map((n) => n.title)).toEqual(['Ymere'])
    const w = await ro.createNode(lesson)
    expect(w.ok).toBe(false)
    if (!w.ok) expect(w.issues[0]?.message).toMatch(/nieuwere versie/)
  })
})

describe('page encoding', () => {
  it('stores Dutch text as ASCII JSON that reads back exactly', async () => {
    const { encodePage } = await import('../../../src-renderer/storage/page-index')
    const records = [{ id: 'x', title: 'Ingrediënten, één idee’s … 🏙️ "quote"\n' }]
    const text = encodePage(records)
    expect([...text].every((c) => c.charCodeAt(0) < 128)).toBe(true)
    expect(JSON.parse(text)).toEqual(records)
  })
})
