/**
 * Two windows (two repositories, two connections) on one database: no committed write is lost, a
 * stale write is merged field by field or refused, and an old window stops writing the moment a
 * newer version upgrades the schema. Each scenario runs twice: with the BroadcastChannel (windows
 * hear each other at once) and without it (the worst case: the message has not arrived, so the
 * write itself must notice it is stale).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { GraphNode } from '../../../src-renderer/domain/node-kinds'
import { validateGraph } from '../../../src-renderer/domain/validate'
import { openDatabase, type ChangeEntry, type ChangeRow } from '../../../src-renderer/storage/db'
import { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'
import { SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src-renderer/storage/schema'

let counter = 0

async function openWindow(
  name: string,
  author: string,
  broadcast: boolean
): Promise<GraphRepository> {
  return GraphRepository.load(await openDatabase(name), { author: () => author, broadcast })
}

/** Two windows on a fresh database; the seed is written by A before B opens (B knows it). */
async function twoWindows(broadcast: boolean): Promise<{
  a: GraphRepository
  b: GraphRepository
  name: string
  ids: { x: string; y: string; actor: string; e1: string; e2: string }
}> {
  const name = `windows-${++counter}-${Math.random()}`
  const a = await openWindow(name, 'Anna', broadcast)
  const x = value(await a.createNode({ kind: 'lesson', title: 'Les X', status: 'inferred' }))
  const y = value(await a.createNode({ kind: 'lesson', title: 'Les Y', status: 'inferred' }))
  const actor = value(
    await a.createNode({
      kind: 'actor',
      title: 'Ymere',
      actorType: 'housing_corporation',
      status: 'confirmed'
    })
  )
  const e1 = value(
    await a.createEdge({ kind: 'related', source: x.id, target: y.id, status: 'inferred' })
  )
  const e2 = value(
    await a.createEdge({ kind: 'related', source: actor.id, target: x.id, status: 'inferred' })
  )
  const b = await openWindow(name, 'Bram', broadcast)
  return { a, b, name, ids: { x: x.id, y: y.id, actor: actor.id, e1: e1.id, e2: e2.id } }
}

function value<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.issues)}`)
  return r.value
}

/** What a fresh window reads from the database, checked like a `.kg.json` import would be. */
async function reloaded(name: string): Promise<GraphRepository> {
  const fresh = await openWindow(name, 'Lezer', false)
  const checked = validateGraph({
    nodes: [...fresh.store.nodes.values()],
    edges: [...fresh.store.edges.values()],
    annotations: [...fresh.store.annotations.values()]
  })
  expect(checked.ok, JSON.stringify(checked.ok ? null : checked.issues)).toBe(true)
  return fresh
}

describe.each([
  ['with the broadcast channel', true],
  ['without a message arriving', false]
])('two windows on one database, %s', (_label, broadcast) => {
  it('A edits X, B (opened earlier) edits Y on the same page: both edits stay', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    value(await a.updateNode(ids.x, { title: 'X door Anna' }))
    value(await b.updateNode(ids.y, { title: 'Y door Bram' }))
    const fresh = await reloaded(name)
    expect(fresh.store.node(ids.x)?.title).toBe('X door Anna')
    expect(fresh.store.node(ids.y)?.title).toBe('Y door Bram')
    // B's memory caught up with A's edit on the way.
    expect(b.store.node(ids.x)?.title).toBe('X door Anna')
  })

  it('both create a node: both nodes are stored', async () => {
    const { a, b, name } = await twoWindows(broadcast)
    const na = value(await a.createNode({ kind: 'lesson', title: 'Nieuw A', status: 'inferred' }))
    const nb = value(await b.createNode({ kind: 'lesson', title: 'Nieuw B', status: 'inferred' }))
    const fresh = await reloaded(name)
    expect(fresh.store.node(na.id)?.title).toBe('Nieuw A')
    expect(fresh.store.node(nb.id)?.title).toBe('Nieuw B')
    expect(fresh.store.liveNodes()).toHaveLength(5)
  })

  it('A deletes X with its two edges, B then edits one of them: refused, edges stay deleted', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    const deleted = value(await a.deleteNode(ids.x))
    expect(deleted.edges).toBe(2)
    const r = await b.updateEdge(ids.e1, { label: 'toch niet' })
    expect(r.ok).toBe(false)
    const fresh = await reloaded(name)
    expect(fresh.store.edge(ids.e1)).toBeUndefined()
    expect(fresh.store.edge(ids.e2)).toBeUndefined()
    expect(fresh.store.node(ids.x)).toBeUndefined()
  })

  it('B creates an edge to X that A deleted meanwhile: refused, the graph stays valid', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    value(await a.deleteNode(ids.x))
    const r = await b.createEdge({
      kind: 'related',
      source: ids.y,
      target: ids.x,
      status: 'inferred'
    })
    expect(r.ok).toBe(false)
    await reloaded(name)
  })

  it('A deletes X after B added an edge to it: the delete takes the new edge along', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    const e3 = value(
      await b.createEdge({ kind: 'related', source: ids.y, target: ids.x, status: 'inferred' })
    )
    const deleted = value(await a.deleteNode(ids.x))
    expect(deleted.edges).toBe(3)
    const fresh = await reloaded(name)
    expect(fresh.store.edge(e3.id)).toBeUndefined()
  })

  it('A sets a description, B drags the node: both stay', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    value(await a.updateNode(ids.x, { description: 'Waarom dit werkt' }))
    value(await b.setPositions(new Map([[ids.x, { x: 120, y: -40 }]])))
    const fresh = await reloaded(name)
    expect(fresh.store.node(ids.x)?.description).toBe('Waarom dit werkt')
    expect(fresh.store.node(ids.x)?.position).toEqual({ x: 120, y: -40 })
  })

  it('a form opened before another window saved keeps that save; the same field changed twice is refused', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    const formBase = b.store.node(ids.x)!
    value(await a.updateNode(ids.x, { description: 'Door Anna' }))
    // B's form hands in every field, the old description included: only the title is B's change.
    value(
      await b.updateNode(
        ids.x,
        { ...stripRecord(formBase), title: 'Titel van Bram' },
        'node.update',
        { base: formBase }
      )
    )
    let fresh = await reloaded(name)
    expect(fresh.store.node(ids.x)?.description).toBe('Door Anna')
    expect(fresh.store.node(ids.x)?.title).toBe('Titel van Bram')

    const base2 = b.store.node(ids.x)!
    value(await a.updateNode(ids.x, { description: 'Anna opnieuw' }))
    const r = await b.updateNode(ids.x, { description: 'Bram ook' }, 'node.update', { base: base2 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.code).toBe('conflict')
    fresh = await reloaded(name)
    expect(fresh.store.node(ids.x)?.description).toBe('Anna opnieuw')
  })

  it('B edits the field A just changed, from the old value: refused, A’s edit stays', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    const seen = b.store.node(ids.x)!
    value(await a.updateNode(ids.x, { title: 'Door Anna' }))
    const r = await b.updateNode(ids.x, { title: 'Door Bram' }, 'node.update', { base: seen })
    expect(r.ok).toBe(false)
    const fresh = await reloaded(name)
    expect(fresh.store.node(ids.x)?.title).toBe('Door Anna')
  })

  it('undo keeps its conflict rule across windows', async () => {
    const { a, b, name, ids } = await twoWindows(broadcast)
    value(await a.updateNode(ids.x, { title: 'Eerst' }))
    // B has seen A's title before it edits (else its edit of the same field would be refused).
    await b.catchUpNow()
    value(await b.updateNode(ids.x, { title: 'Daarna door Bram' }))
    const r = await a.undo()
    expect(r.ok).toBe(false)
    const fresh = await reloaded(name)
    expect(fresh.store.node(ids.x)?.title).toBe('Daarna door Bram')
  })
})

describe('a window hears the other at once', () => {
  it('patches its store with the other window’s commit (a diff, not a reset)', async () => {
    const { a, b, ids } = await twoWindows(true)
    const events: string[] = []
    b.store.subscribe((e) => events.push(e.type))
    value(await a.updateNode(ids.y, { title: 'Gezien door Bram' }))
    // The message may still be on its way: wait for B's catch-up without any timer.
    await new Promise<void>((resolve) => {
      if (b.store.node(ids.y)?.title === 'Gezien door Bram') resolve()
      const stop = b.store.subscribe(() => {
        if (b.store.node(ids.y)?.title === 'Gezien door Bram') {
          stop()
          resolve()
        }
      })
    })
    expect(events).toEqual(['patch'])
  })

  it('a window that missed every message catches up on request', async () => {
    const { a, b, ids } = await twoWindows(false)
    value(await a.updateNode(ids.y, { title: 'Later gezien' }))
    expect(b.store.node(ids.y)?.title).toBe('Les Y')
    expect(await b.catchUpNow()).toBe(true)
    expect(b.store.node(ids.y)?.title).toBe('Later gezien')
  })

  it('a whole-graph write in the other window makes this one read everything again', async () => {
    const { a, b } = await twoWindows(false)
    value(await a.replaceGraph({ nodes: [], edges: [] }, 'graph.new'))
    expect(await b.catchUpNow()).toBe(true)
    expect(b.store.liveNodes()).toHaveLength(0)
    value(await b.createNode({ kind: 'lesson', title: 'Na vervangen', status: 'inferred' }))
    const fresh = await reloaded(a.db.name)
    expect(fresh.store.liveNodes().map((n) => n.title)).toEqual(['Na vervangen'])
  })
})

describe('versionchange', () => {
  it('an old window turns read-only when a newer version upgrades, and never writes into it', async () => {
    const name = `upgrade-${++counter}-${Math.random()}`
    const old = await openWindow(name, 'Anna', true)
    const x = value(
      await old.createNode({ kind: 'lesson', title: 'Voor de upgrade', status: 'inferred' })
    )
    const states: boolean[] = []
    old.onReadOnlyChange((s) => states.push(s.readOnly))

    const newer = [
      ...SCHEMA_VERSIONS,
      {
        version: SCHEMA_VERSION + 1,
        description: 'a newer app',
        stores: { ...SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.stores, extra: '&id' }
      }
    ]
    const upgraded = await openDatabase(name, newer)
    expect(upgraded.readOnly).toBe(false)
    expect(states).toEqual([true])
    expect(old.readOnly).toBe(true)
    expect(old.readOnlyStatus().storedVersion).toBe(SCHEMA_VERSION + 1)

    const r = await old.updateNode(x.id, { title: 'Na de upgrade' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.code).toBe('read_only')
    const rows = await upgraded.db.table('pages').toArray()
    expect(JSON.stringify(rows)).toContain('Voor de upgrade')
    expect(JSON.stringify(rows)).not.toContain('Na de upgrade')
    // The graph is still there to read.
    expect(old.store.node(x.id)?.title).toBe('Voor de upgrade')
    upgraded.db.close()
  })
})

describe('property: random interleavings of two windows lose no committed write', () => {
  type Op =
    | { w: 0 | 1; t: 'title' | 'description'; node: number }
    | { w: 0 | 1; t: 'move'; node: number; x: number }
    | { w: 0 | 1; t: 'create' }
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      w: fc.constantFrom(0 as const, 1 as const),
      t: fc.constantFrom('title' as const, 'description' as const),
      node: fc.nat(2)
    }),
    fc.record({
      w: fc.constantFrom(0 as const, 1 as const),
      t: fc.constant('move' as const),
      node: fc.nat(2),
      x: fc.integer({ min: -500, max: 500 })
    }),
    fc.record({ w: fc.constantFrom(0 as const, 1 as const), t: fc.constant('create' as const) })
  )

  it('for batches of concurrent writes from both windows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (batches, broadcast) => {
          const { a, b, name, ids } = await twoWindows(broadcast)
          const windows = [a, b]
          const nodes = [ids.x, ids.y, ids.actor]
          let unique = 0
          const sets: { id: string; field: string; value: unknown }[] = []
          const created: string[] = []
          for (const batch of batches) {
            // Every op of a batch starts before any finishes: the windows race on one database.
            await Promise.all(
              batch.map(async (o) => {
                const repo = windows[o.w]!
                if (o.t === 'create') {
                  const r = await repo.createNode({
                    kind: 'lesson',
                    title: `Nieuw ${++unique}`,
                    status: 'inferred'
                  })
                  if (r.ok) created.push(r.value.id)
                  return
                }
                const id = nodes[o.node]!
                if (o.t === 'move') {
                  const position = { x: o.x, y: ++unique }
                  const r = await repo.setPositions(new Map([[id, position]]))
                  if (r.ok) sets.push({ id, field: 'position', value: position })
                  return
                }
                const text = `${o.t} ${++unique}`
                const r = await repo.updateNode(id, { [o.t]: text })
                if (r.ok) sets.push({ id, field: o.t, value: text })
              })
            )
          }
          const fresh = await reloaded(name)
          for (const id of created) expect(fresh.store.node(id)).toBeDefined()
          // For every field written, the stored value is the one of the last committed write to it.
          const rows = (await fresh.db.table<ChangeRow, string>('changes').toArray()).sort(
            (p, q) => (p.revision ?? 0) - (q.revision ?? 0)
          )
          const last = new Map<string, unknown>()
          for (const row of rows) {
            const entries = JSON.parse(row.entries) as ChangeEntry[]
            if (!Array.isArray(entries)) continue
            for (const e of entries) {
              const after = e.after as Record<string, unknown> | null
              for (const s of sets) {
                if (
                  s.id === e.id &&
                  after &&
                  JSON.stringify(after[s.field]) === JSON.stringify(s.value)
                )
                  last.set(`${s.id}/${s.field}`, s.value)
              }
            }
          }
          for (const [key, v] of last) {
            const [id, field] = key.split('/') as [string, keyof GraphNode]
            expect(fresh.store.node(id)?.[field]).toEqual(v)
          }
          // Both windows, caught up, hold exactly what is stored.
          for (const w of windows) {
            await w.catchUpNow()
            expect(snapshot(w)).toEqual(snapshot(fresh))
          }
          for (const w of [...windows, fresh]) w.close()
        }
      ),
      { numRuns: 25 }
    )
  })
})

function snapshot(repo: GraphRepository): unknown {
  return [...repo.store.nodes.values()].sort((p, q) => (p.id < q.id ? -1 : 1))
}

function stripRecord(node: GraphNode): Record<string, unknown> {
  const {
    id: _i,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    deletedAt: _d,
    ...rest
  } = node
  return rest
}
