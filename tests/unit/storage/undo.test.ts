import fc from 'fast-check'
import type { NodeDraft } from '../../../src-renderer/storage/repositories/graph-repository'
import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../src-renderer/domain/annotations'
import type { GraphEdge } from '../../../src-renderer/domain/edge-kinds'
import type { GraphNode } from '../../../src-renderer/domain/node-kinds'
import type { Result } from '../../../src-renderer/domain/result'
import { openDatabase, type ChangeEntry, type ChangeRow } from '../../../src-renderer/storage/db'
import {
  GraphRepository,
  REDO_ACTION,
  UNDO_ACTION,
  type HistoryState
} from '../../../src-renderer/storage/repositories/graph-repository'

/** Every stored record, soft-deleted ones included, exactly as the store holds them. */
interface Snapshot {
  nodes: Map<string, GraphNode>
  edges: Map<string, GraphEdge>
  annotations: Map<string, Annotation>
}

function snap(repo: GraphRepository): Snapshot {
  return structuredClone({
    nodes: new Map(repo.store.nodes),
    edges: new Map(repo.store.edges),
    annotations: new Map(repo.store.annotations)
  })
}

/** The live graph as `toGraphData()` gives it, in id order so two loads compare equal. */
function live(repo: GraphRepository): unknown {
  const g = repo.store.toGraphData()
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : 1)
  return structuredClone({
    nodes: [...g.nodes].sort(byId),
    edges: [...g.edges].sort(byId),
    annotations: [...g.annotations].sort(byId)
  })
}

interface Session {
  repo: GraphRepository
  name: string
  setAuthor: (a: string) => void
  /** A second repository on the same database with the same clock and author (a restart). */
  restart: () => Promise<GraphRepository>
}

let counter = 0

/** A repository on a fresh database with a deterministic clock and a switchable author. */
async function session(): Promise<Session> {
  const name = `undo-${++counter}-${Math.random()}`
  let author = 'Anna'
  let tick = 0
  const options = {
    author: (): string => author,
    now: (): string => new Date(Date.UTC(2026, 0, 1) + 1000 * tick++).toISOString()
  }
  const repo = await GraphRepository.load(await openDatabase(name), options)
  return {
    repo,
    name,
    setAuthor: (a) => (author = a),
    restart: async () => GraphRepository.load(await openDatabase(name), options)
  }
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '))
  return r.value
}

const stamp = {
  createdAt: '2025-12-01T00:00:00.000Z',
  updatedAt: '2025-12-01T00:00:00.000Z',
  createdBy: 'seed',
  updatedBy: 'seed'
}

const QUOTE = {
  kind: 'quote',
  title: 'Citaat',
  text: 'We hoorden maanden niets.',
  status: 'reported',
  position: { x: 1, y: 2 }
} as const
const THEME = { kind: 'theme', themeType: 'gebied', title: 'Noord', status: 'confirmed' } as const
const QUOTE_PATCH = { position: null, speakerRole: 'Bewoner' } as const

/** A small graph: an interview with a quote that supports a lesson and is evidence elsewhere. */
async function seed(s: Session): Promise<Record<string, string>> {
  const { repo } = s
  const interview = value(
    await repo.createNode({ kind: 'interview', title: 'Gesprek 1', status: 'reported' })
  )
  const quote = value(await repo.createNode(QUOTE))
  const lesson = value(
    await repo.createNode({ kind: 'lesson', title: 'Blijf communiceren', status: 'inferred' })
  )
  const lesson2 = value(
    await repo.createNode({ kind: 'lesson', title: 'Wees eerlijk', status: 'inferred' })
  )
  const contains = value(
    await repo.createEdge({
      kind: 'contains',
      source: interview.id,
      target: quote.id,
      status: 'reported'
    })
  )
  const supports = value(
    await repo.createEdge({
      kind: 'supports',
      source: quote.id,
      target: lesson.id,
      status: 'reported'
    })
  )
  const reinforces = value(
    await repo.createEdge({
      kind: 'reinforces',
      source: lesson2.id,
      target: lesson.id,
      status: 'inferred',
      evidence: [quote.id]
    })
  )
  const onEdge = value(
    await repo.addAnnotation({
      targetId: supports.id,
      targetType: 'edge',
      stance: 'agrees',
      confidence: 4,
      text: 'Klopt'
    })
  )
  s.setAuthor('Bram')
  const citing = value(
    await repo.addAnnotation({
      targetId: reinforces.id,
      targetType: 'edge',
      stance: 'nuances',
      confidence: 3,
      text: 'Zie het citaat',
      quoteIds: [quote.id]
    })
  )
  const onLesson = value(
    await repo.addAnnotation({
      targetId: lesson.id,
      targetType: 'node',
      stance: 'disagrees',
      confidence: 2,
      text: 'Niet altijd'
    })
  )
  s.setAuthor('Anna')
  return {
    interview: interview.id,
    quote: quote.id,
    lesson: lesson.id,
    lesson2: lesson2.id,
    contains: contains.id,
    supports: supports.id,
    reinforces: reinforces.id,
    onEdge: onEdge.id,
    citing: citing.id,
    onLesson: onLesson.id
  }
}

/**
 * Applies `op`, undoes it and redoes it, checking after each step that the store and a reopened
 * repository hold exactly the earlier (or later) records, soft-deleted ones included.
 */
async function roundTrip(s: Session, op: () => Promise<Result<unknown>>): Promise<ChangeRow> {
  const { repo } = s
  const before = snap(repo)
  const beforeLive = live(repo)
  value(await op())
  const after = snap(repo)
  const afterLive = live(repo)
  expect(after).not.toEqual(before)

  const undone = value(await repo.undo())
  expect(undone?.undoneAt).toBeTruthy()
  expect(snap(repo)).toEqual(before)
  expect(live(repo)).toEqual(beforeLive)
  const reopened = await s.restart()
  expect(snap(reopened)).toEqual(before)
  expect(live(reopened)).toEqual(beforeLive)

  const redone = value(await repo.redo())
  expect(redone?.id).toBe(undone?.id)
  expect(redone?.undoneAt).toBeNull()
  expect(snap(repo)).toEqual(after)
  expect(live(repo)).toEqual(afterLive)
  const again = await s.restart()
  expect(snap(again)).toEqual(after)
  expect(live(again)).toEqual(afterLive)
  return undone!
}

describe('undo and redo of every repository operation', () => {
  it('createNode: undo removes the node from its page and the store', async () => {
    const s = await session()
    await seed(s)
    let id = ''
    await roundTrip(s, async () => {
      const r = await s.repo.createNode(THEME)
      if (r.ok) id = r.value.id
      return r
    })
    await s.repo.undo()
    expect(s.repo.store.nodes.has(id)).toBe(false)
    const pages = await s.repo.db.table('pages').toArray()
    expect(pages.some((p: { data: string }) => p.data.includes(id))).toBe(false)
  })

  it('updateNode', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () =>
      s.repo.updateNode(ids.lesson!, { title: 'Blijf altijd communiceren', tags: ['communicatie'] })
    )
  })

  it('updateNode that removes an optional field', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () => s.repo.updateNode(ids.quote!, QUOTE_PATCH))
  })

  it('deleteNode of a quote used as evidence: node, edges, annotations and evidence all come back', async () => {
    const s = await session()
    const ids = await seed(s)
    const row = await roundTrip(s, () => s.repo.deleteNode(ids.quote!))
    const entries = JSON.parse(row.entries) as ChangeEntry[]
    // node, contains, supports, reinforces (evidence), annotation on supports, citing annotation (quoteIds)
    expect(entries).toHaveLength(6)
    const { repo } = s
    await repo.undo()
    expect(repo.store.node(ids.quote!)).toBeDefined()
    expect(repo.store.edge(ids.contains!)).toBeDefined()
    expect(repo.store.edge(ids.reinforces!)?.evidence).toEqual([ids.quote])
    expect(repo.store.annotations.get(ids.onEdge!)?.deletedAt).toBeNull()
    expect(repo.store.annotations.get(ids.citing!)?.quoteIds).toEqual([ids.quote])
  })

  it('deleteNode of a lesson with edges and another author’s annotation', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () => s.repo.deleteNode(ids.lesson!))
  })

  it('setPositions: restores only positions, also removing a position that did not exist', async () => {
    const s = await session()
    const ids = await seed(s)
    const row = await roundTrip(s, () =>
      s.repo.setPositions(
        new Map([
          [ids.quote!, { x: 10, y: 20 }],
          [ids.lesson!, { x: -5, y: 7.5 }]
        ])
      )
    )
    const entries = JSON.parse(row.entries) as ChangeEntry[]
    expect(entries.every((e) => e.fields === true)).toBe(true)
    const lessonEntry = entries.find((e) => e.id === ids.lesson)!
    expect(Object.keys(lessonEntry.before as object)).not.toContain('position')
    await s.repo.undo()
    expect(s.repo.store.node(ids.lesson!)).not.toHaveProperty('position')
    expect(s.repo.store.node(ids.quote!)?.position).toEqual({ x: 1, y: 2 })
  })

  it('createEdge', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () =>
      s.repo.createEdge({
        kind: 'qualifies',
        source: ids.quote!,
        target: ids.lesson2!,
        status: 'inferred'
      })
    )
  })

  it('updateEdge', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () => s.repo.updateEdge(ids.supports!, { weight: 5, label: 'sterk' }))
  })

  it('deleteEdge with its annotations', async () => {
    const s = await session()
    const ids = await seed(s)
    const row = await roundTrip(s, () => s.repo.deleteEdge(ids.supports!))
    expect((JSON.parse(row.entries) as ChangeEntry[]).map((e) => e.table)).toEqual([
      'edges',
      'annotations'
    ])
  })

  it('addAnnotation', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () =>
      s.repo.addAnnotation({
        targetId: ids.lesson2!,
        targetType: 'node',
        stance: 'questions',
        confidence: 1,
        quoteIds: [ids.quote!]
      })
    )
  })

  it('updateAnnotation', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () =>
      s.repo.updateAnnotation(ids.onEdge!, { text: 'Klopt helemaal', confidence: 5 })
    )
  })

  it('deleteAnnotation', async () => {
    const s = await session()
    const ids = await seed(s)
    await roundTrip(s, () => s.repo.deleteAnnotation(ids.onEdge!))
  })
})

describe('undo history', () => {
  it('undoes the newest change first and can continue after a restart', async () => {
    const s = await session()
    const start = snap(s.repo)
    const ids = await seed(s)
    const seeded = snap(s.repo)
    await s.repo.updateNode(ids.lesson!, { title: 'Eén' })
    await s.repo.deleteNode(ids.quote!)
    expect(s.repo.canUndo()).toBe(true)
    expect(s.repo.canRedo()).toBe(false)

    const second = await s.restart()
    expect(second.canUndo()).toBe(true)
    expect(second.historyState().nextUndo?.action).toBe('node.delete')
    value(await second.undo())
    value(await second.undo())
    expect(snap(second)).toEqual(seeded)
    expect(second.canRedo()).toBe(true)

    const third = await s.restart()
    expect(third.historyState().nextRedo?.action).toBe('node.update')
    value(await third.redo())
    expect(third.store.node(ids.lesson!)?.title).toBe('Eén')
    while (third.canUndo()) value(await third.undo())
    expect(snap(third)).toEqual(start)
    expect(snap(await s.restart())).toEqual(start)
  })

  it('returns ok(null) when there is nothing to undo or redo', async () => {
    const s = await session()
    expect(await s.repo.undo()).toEqual({ ok: true, value: null })
    expect(await s.repo.redo()).toEqual({ ok: true, value: null })
  })

  it('a new change after undo discards the redo stack, also after a restart', async () => {
    const s = await session()
    const ids = await seed(s)
    await s.repo.updateNode(ids.lesson!, { title: 'A' })
    const b = value(await s.repo.updateNode(ids.lesson2!, { title: 'B' }))
    const undoneB = value(await s.repo.undo())
    expect(s.repo.canRedo()).toBe(true)
    await s.repo.updateNode(ids.interview!, { title: 'C' })
    expect(s.repo.canRedo()).toBe(false)
    const row = (await s.repo.db.table('changes').get(undoneB!.id)) as ChangeRow
    expect(row.discardedAt).toBeTruthy()
    expect(row.undoneAt).toBeTruthy()

    const again = await s.restart()
    expect(again.canRedo()).toBe(false)
    expect(again.historyState().nextUndo?.action).toBe('node.update')
    value(await again.undo()) // C
    value(await again.undo()) // A (B stays undone)
    expect(again.store.node(ids.lesson!)?.title).toBe('Blijf communiceren')
    expect(again.store.node(ids.lesson2!)?.title).toBe('Wees eerlijk')
    expect(again.store.node(ids.interview!)?.title).toBe('Gesprek 1')
    expect(b.title).toBe('B')
  })

  it('stops at a whole-graph replacement (barrier)', async () => {
    const s = await session()
    await seed(s)
    const node = {
      id: 'x1',
      kind: 'theme',
      themeType: 'overig',
      title: 'Vervangen',
      status: 'inferred',
      ...stamp
    }
    value(await s.repo.replaceGraph({ nodes: [node], edges: [], annotations: [] }, 'graph.replace'))
    expect(s.repo.canUndo()).toBe(false)
    expect(await s.repo.undo()).toEqual({ ok: true, value: null })
    const replaced = snap(s.repo)
    await s.repo.updateNode('x1', { title: 'Daarna' })
    expect(s.repo.canUndo()).toBe(true)
    value(await s.repo.undo())
    expect(snap(s.repo)).toEqual(replaced)
    expect(s.repo.canUndo()).toBe(false)
    const again = await s.restart()
    expect(again.canUndo()).toBe(false)
    expect(again.canRedo()).toBe(true)
  })

  it('treats an older summary-style bulk row as a barrier', async () => {
    const s = await session()
    await seed(s)
    await s.repo.db.table('changes').add({
      id: 'zzz-old-bulk',
      at: '2099-01-01T00:00:00.000Z',
      author: 'X',
      action: 'import.replace',
      recordIds: [],
      count: 1,
      bulk: true,
      entries: JSON.stringify({ counts: { nodes: 1 } })
    })
    const again = await s.restart()
    expect(again.canUndo()).toBe(false)
  })

  it('refuses to undo when a record changed under it (another window), and clobbers nothing', async () => {
    const s = await session()
    const ids = await seed(s)
    await s.repo.updateNode(ids.lesson!, { title: 'Mijn titel' })
    const other = await s.restart()
    value(await other.updateNode(ids.lesson!, { title: 'Andermans titel' }))
    const stored = snap(await s.restart())

    const r = await s.repo.undo()
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.issues[0]?.message).toMatch(
        /Ongedaan maken kan niet: "Andermans titel" is intussen opnieuw gewijzigd/
      )
      expect(r.issues[0]?.recordId).toBe(ids.lesson)
    }
    expect(snap(await s.restart())).toEqual(stored)
    // The window caught up with the other one's edit before it tried to undo.
    expect(s.repo.store.node(ids.lesson!)?.title).toBe('Andermans titel')
    expect(s.repo.canUndo()).toBe(false)
    expect((await s.restart()).historyState().nextUndo?.action).toBe('node.update')
  })

  it('refuses to redo when a record changed under it, and drops the redo stack', async () => {
    const s = await session()
    const ids = await seed(s)
    await s.repo.updateNode(ids.lesson!, { title: 'Eerst' })
    // Another window, opened before the undo, edits the same lesson afterwards.
    const other = await s.restart()
    value(await s.repo.undo())
    value(await other.updateNode(ids.lesson!, { tags: ['x'] }))
    const stored = snap(await s.restart())
    const r = await s.repo.redo()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/Opnieuw uitvoeren kan niet/)
    expect(s.repo.canRedo()).toBe(false)
    expect(snap(await s.restart())).toEqual(stored)
  })

  it('refuses an undo another window already did, and refreshes its stacks', async () => {
    const s = await session()
    const ids = await seed(s)
    await s.repo.updateNode(ids.lesson!, { title: 'Eerst' })
    const other = await s.restart()
    value(await other.undo())
    const r = await s.repo.undo()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/ander venster/)
    expect(s.repo.historyState().nextRedo?.action).toBe('node.update')
  })

  it('logs who undid and redid what in the per-record history', async () => {
    const s = await session()
    const ids = await seed(s)
    const update = value(await s.repo.updateNode(ids.lesson!, { title: 'Nieuw' }))
    s.setAuthor('Bram')
    const undone = value(await s.repo.undo())
    s.setAuthor('Carla')
    value(await s.repo.redo())
    const history = await s.repo.history(ids.lesson!)
    expect(history.slice(0, 3).map((h) => [h.author, h.action, h.revertOf ?? null])).toEqual([
      ['Carla', REDO_ACTION, undone!.id],
      ['Bram', UNDO_ACTION, undone!.id],
      ['Anna', 'node.update', null]
    ])
    const [undoEntry] = JSON.parse(history[1]!.entries) as ChangeEntry[]
    expect((undoEntry!.before as { title: string }).title).toBe(update.title)
    expect((undoEntry!.after as { title: string }).title).toBe('Blijf communiceren')
  })

  it('tells subscribers when undo and redo become possible', async () => {
    const s = await session()
    const states: HistoryState[] = []
    const off = s.repo.onHistoryChange((st) => states.push(st))
    await s.repo.createNode({ kind: 'lesson', title: 'Les', status: 'inferred' })
    await s.repo.undo()
    await s.repo.redo()
    off()
    await s.repo.undo()
    expect(states.map((st) => [st.canUndo, st.canRedo])).toEqual([
      [true, false],
      [false, true],
      [true, false]
    ])
    expect(states[0]?.nextUndo?.action).toBe('node.create')
  })

  it('emits a removed record as deleted, then forgets it', async () => {
    const s = await session()
    value(await s.repo.createNode({ kind: 'lesson', title: 'Les', status: 'inferred' }))
    const seen: (string | null | undefined)[] = []
    s.repo.store.subscribe((e) => {
      if (e.type === 'patch') seen.push(...e.patch.nodes.map((x) => x.deletedAt))
    })
    await s.repo.undo()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeTruthy()
    expect(s.repo.store.nodes.size).toBe(0)
  })

  it('still undoes field patches logged before entries carried the `fields` flag', async () => {
    const s = await session()
    const ids = await seed(s)
    const before = snap(s.repo)
    await s.repo.setPositions(new Map([[ids.lesson!, { x: 3, y: 4 }]]))
    const [row] = await s.repo.recentChanges(1)
    const entries = (JSON.parse(row!.entries) as ChangeEntry[]).map(({ fields: _f, ...e }) => e)
    await s.repo.db.table('changes').update(row!.id, { entries: JSON.stringify(entries) })
    const again = await s.restart()
    value(await again.undo())
    expect(snap(again)).toEqual(before)
  })
})

// ---------- property: random edits, undo all, redo all ----------

const TITLES = ['Noord', 'Één idee', 'Buurt', 'Les', 'Plein', 'Ideeën'] as const

type Op =
  | { t: 'createNode'; kind: 'lesson' | 'quote' | 'theme' | 'actor'; title: string }
  | { t: 'updateNode'; pick: number; title: string; tags: string[] }
  | { t: 'deleteNode'; pick: number }
  | { t: 'setPositions'; picks: number[]; x: number; y: number }
  | { t: 'createEdge'; a: number; b: number; evidence: number }
  | { t: 'updateEdge'; pick: number; weight: number; label: string }
  | { t: 'deleteEdge'; pick: number }
  | { t: 'addAnnotation'; pick: number; onEdge: boolean; quote: number }
  | { t: 'updateAnnotation'; pick: number; text: string }
  | { t: 'deleteAnnotation'; pick: number }
  | { t: 'author'; who: 'Anna' | 'Bram' }
  | { t: 'undo' }
  | { t: 'redo' }
  | { t: 'restart' }

const title = fc.constantFrom(...TITLES)
const editArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('createNode' as const),
    kind: fc.constantFrom('lesson', 'quote', 'theme', 'actor'),
    title
  }),
  fc.record({
    t: fc.constant('updateNode' as const),
    pick: fc.nat(),
    title,
    tags: fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 })
  }),
  fc.record({ t: fc.constant('deleteNode' as const), pick: fc.nat() }),
  fc.record({
    t: fc.constant('setPositions' as const),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    x: fc.integer({ min: -500, max: 500 }),
    y: fc.integer({ min: -500, max: 500 })
  }),
  fc.record({
    t: fc.constant('createEdge' as const),
    a: fc.nat(),
    b: fc.nat(),
    evidence: fc.nat()
  }),
  fc.record({
    t: fc.constant('updateEdge' as const),
    pick: fc.nat(),
    weight: fc.integer({ min: 1, max: 5 }),
    label: title
  }),
  fc.record({ t: fc.constant('deleteEdge' as const), pick: fc.nat() }),
  fc.record({
    t: fc.constant('addAnnotation' as const),
    pick: fc.nat(),
    onEdge: fc.boolean(),
    quote: fc.nat()
  }),
  fc.record({ t: fc.constant('updateAnnotation' as const), pick: fc.nat(), text: title }),
  fc.record({ t: fc.constant('deleteAnnotation' as const), pick: fc.nat() }),
  fc.record({
    t: fc.constant('author' as const),
    who: fc.constantFrom('Anna' as const, 'Bram' as const)
  })
)
const withHistoryArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: editArb },
  { weight: 1, arbitrary: fc.constant<Op>({ t: 'undo' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ t: 'redo' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ t: 'restart' }) }
)

/** A seeded graph written as one whole-graph replacement (an undo barrier). */
function seedGraph(): { nodes: unknown[]; edges: unknown[]; annotations: unknown[] } {
  const node = (id: string, extra: Record<string, unknown>): Record<string, unknown> => ({
    id,
    title: id,
    status: 'inferred',
    ...stamp,
    ...extra
  })
  return {
    nodes: [
      node('q1', { kind: 'quote', text: 'Eerste citaat', position: { x: 0, y: 0 } }),
      node('q2', { kind: 'quote', text: 'Tweede citaat' }),
      node('l1', { kind: 'lesson' }),
      node('l2', { kind: 'lesson', tags: ['a'] }),
      node('a1', { kind: 'actor', actorType: 'resident', isPerson: true, consent: 'named' }),
      node('t1', { kind: 'theme', themeType: 'gebied' })
    ],
    edges: [
      {
        id: 'e1',
        kind: 'supports',
        source: 'q1',
        target: 'l1',
        status: 'reported',
        evidence: ['q1'],
        ...stamp
      },
      { id: 'e2', kind: 'related', source: 'a1', target: 't1', status: 'inferred', ...stamp }
    ],
    annotations: [
      {
        id: 'n1',
        targetId: 'e1',
        targetType: 'edge',
        author: 'Anna',
        stance: 'agrees',
        confidence: 4,
        ...stamp
      },
      {
        id: 'n2',
        targetId: 'l1',
        targetType: 'node',
        author: 'Bram',
        stance: 'disagrees',
        confidence: 2,
        quoteIds: ['q2'],
        ...stamp
      }
    ]
  }
}

function pick<T>(list: readonly T[], i: number): T | undefined {
  return list.length ? list[i % list.length] : undefined
}

const sortedLive = <T extends { id: string; deletedAt?: string | null }>(m: Map<string, T>): T[] =>
  [...m.values()].filter((r) => !r.deletedAt).sort((a, b) => (a.id < b.id ? -1 : 1))

/** Runs one op; resolves to true when it wrote a change. */
async function apply(s: Session, op: Op, author: { name: string }): Promise<boolean> {
  const repo = s.repo
  const nodes = sortedLive(repo.store.nodes)
  const edges = sortedLive(repo.store.edges)
  const quotes = nodes.filter((n) => n.kind === 'quote')
  const mine = sortedLive(repo.store.annotations).filter((a) => a.author === author.name)
  const okWrite = (r: Result<unknown>): boolean => r.ok
  switch (op.t) {
    case 'createNode': {
      const extra =
        op.kind === 'quote'
          ? { text: op.title }
          : op.kind === 'theme'
            ? { themeType: 'overig' as const }
            : op.kind === 'actor'
              ? { actorType: 'resident' as const }
              : {}
      return okWrite(
        await repo.createNode({ kind: op.kind, title: op.title, status: 'inferred', ...extra } as NodeDraft)
      )
    }
    case 'updateNode': {
      const n = pick(nodes, op.pick)
      return !!n && okWrite(await repo.updateNode(n.id, { title: op.title, tags: op.tags }))
    }
    case 'deleteNode': {
      const n = pick(nodes, op.pick)
      return !!n && okWrite(await repo.deleteNode(n.id))
    }
    case 'setPositions': {
      const picked = new Map(
        op.picks.flatMap((p, i) => {
          const n = pick(nodes, p)
          return n ? [[n.id, { x: op.x + i, y: op.y }] as const] : []
        })
      )
      if (!picked.size) return false
      const r = await repo.setPositions(picked)
      return r.ok && r.value > 0
    }
    case 'createEdge': {
      const a = pick(nodes, op.a)
      const b = pick(nodes, op.b)
      if (!a || !b || a.id === b.id) return false
      const q = pick(quotes, op.evidence)
      const supports = a.kind === 'quote' && b.kind === 'lesson'
      return okWrite(
        await repo.createEdge({
          kind: supports ? 'supports' : 'related',
          source: a.id,
          target: b.id,
          status: 'inferred',
          evidence: q ? [q.id] : []
        })
      )
    }
    case 'updateEdge': {
      const e = pick(edges, op.pick)
      return !!e && okWrite(await repo.updateEdge(e.id, { weight: op.weight, label: op.label }))
    }
    case 'deleteEdge': {
      const e = pick(edges, op.pick)
      return !!e && okWrite(await repo.deleteEdge(e.id))
    }
    case 'addAnnotation': {
      const target = op.onEdge ? pick(edges, op.pick) : pick(nodes, op.pick)
      const q = pick(quotes, op.quote)
      if (!target) return false
      return okWrite(
        await repo.addAnnotation({
          targetId: target.id,
          targetType: op.onEdge ? 'edge' : 'node',
          stance: 'nuances',
          confidence: 3,
          quoteIds: q ? [q.id] : []
        })
      )
    }
    case 'updateAnnotation': {
      const a = pick(mine, op.pick)
      return !!a && okWrite(await repo.updateAnnotation(a.id, { text: op.text }))
    }
    case 'deleteAnnotation': {
      const a = pick(mine, op.pick)
      return !!a && okWrite(await repo.deleteAnnotation(a.id))
    }
    case 'author':
      author.name = op.who
      s.setAuthor(op.who)
      return false
    case 'undo':
      value(await repo.undo())
      return false
    case 'redo':
      value(await repo.redo())
      return false
    case 'restart':
      s.repo = await s.restart()
      return false
  }
}

async function undoAll(repo: GraphRepository): Promise<number> {
  let n = 0
  while (repo.canUndo()) {
    expect(value(await repo.undo())).not.toBeNull()
    n++
  }
  return n
}

async function redoAll(repo: GraphRepository): Promise<number> {
  let n = 0
  while (repo.canRedo()) {
    expect(value(await repo.redo())).not.toBeNull()
    n++
  }
  return n
}

describe('property: undo all returns the starting graph, redo all the end graph', () => {
  it('for random sequences of edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const s = await session()
        value(await s.repo.replaceGraph(seedGraph(), 'test.seed'))
        const start = snap(s.repo)
        const author = { name: 'Anna' }
        let writes = 0
        for (const op of ops) if (await apply(s, op, author)) writes++
        const end = snap(s.repo)

        expect(await undoAll(s.repo)).toBe(writes)
        expect(snap(s.repo)).toEqual(start)
        expect(snap(await s.restart())).toEqual(start)

        expect(await redoAll(s.repo)).toBe(writes)
        expect(snap(s.repo)).toEqual(end)
        expect(snap(await s.restart())).toEqual(end)
      }),
      { numRuns: 40 }
    )
  }, 60_000)

  it('for random edits interleaved with undo, redo and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(withHistoryArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const s = await session()
        value(await s.repo.replaceGraph(seedGraph(), 'test.seed'))
        const start = snap(s.repo)
        const author = { name: 'Anna' }
        for (const op of ops) await apply(s, op, author)
        await redoAll(s.repo)
        const end = snap(s.repo)

        await undoAll(s.repo)
        expect(snap(s.repo)).toEqual(start)
        expect(snap(await s.restart())).toEqual(start)
        await redoAll(s.repo)
        expect(snap(s.repo)).toEqual(end)
        expect(snap(await s.restart())).toEqual(end)
      }),
      { numRuns: 40 }
    )
  }, 60_000)
})
