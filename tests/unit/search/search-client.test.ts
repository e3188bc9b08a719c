import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { GraphNode } from '@renderer/domain/node-kinds'
import { parseKgJson } from '@renderer/exchange/formats/kg-json'
import {
  createSearchClient,
  isSearchAbort,
  type SearchClient
} from '@renderer/search/search-client'
import { DisplayProjection } from '@renderer/state/display-projection'
import { GraphStore } from '@renderer/storage/graph-store'
import { makeNode } from './helpers'

const ROOT = resolve(__dirname, '../../..')
const demo = (() => {
  const r = parseKgJson(readFileSync(resolve(ROOT, 'resources/stadmaken-demo.kg.json'), 'utf8'))
  if (!r.ok) throw new Error('demo graph does not parse')
  return r.value.nodes
})()

const patch = (nodes: GraphNode[]): { nodes: GraphNode[]; edges: []; annotations: [] } => ({
  nodes,
  edges: [],
  annotations: []
})

let client: SearchClient | null = null
afterEach(() => {
  client?.dispose()
  client = null
})

function demoStore(): GraphStore {
  const store = new GraphStore()
  store.reset({ nodes: demo, edges: [], annotations: [] })
  return store
}

describe('createSearchClient (in-thread fallback)', () => {
  it('falls back to this thread when Worker is undefined, and builds from the store', async () => {
    expect(typeof Worker).toBe('undefined')
    client = createSearchClient(new DisplayProjection(demoStore()))
    expect(client.mode).toBe('in-thread')
    await client.ready()
    const results = await client.search('een stem')
    expect(results[0]?.id).toBe('L3')
  })

  it('reflects store patches (add, update, soft delete) in the next search', async () => {
    const store = demoStore()
    client = createSearchClient(new DisplayProjection(store))
    expect(await client.search('zeepkistsessie')).toEqual([])

    store.apply(patch([makeNode('theme', 'z1', 'Zeepkistsessie in Noord')]))
    expect((await client.search('zeepkistsessie')).map((r) => r.id)).toEqual(['z1'])

    store.apply(patch([makeNode('theme', 'z1', 'Straatgesprek in Noord')]))
    expect(await client.search('zeepkistsessie')).toEqual([])
    expect((await client.search('straatgesprek')).map((r) => r.id)).toEqual(['z1'])

    const deleted = {
      ...makeNode('theme', 'z1', 'Straatgesprek in Noord'),
      deletedAt: '2026-03-01'
    }
    store.apply(patch([deleted]))
    expect(await client.search('straatgesprek')).toEqual([])
  })

  it('skips patches that change no searchable text (a layout saving positions)', async () => {
    const store = demoStore()
    client = createSearchClient(new DisplayProjection(store))
    const moved = store.liveNodes().map((n) => ({ ...n, position: { x: 0, y: 0 } }))
    store.apply(patch(moved))
    expect((await client.search('een stem'))[0]?.id).toBe('L3')
    // A real edit in the same kind of patch still goes through.
    const l3 = store.node('L3')
    if (!l3) throw new Error('L3')
    store.apply(patch([{ ...l3, title: 'De gemeente spreekt met meerdere stemmen' }]))
    expect((await client.search('meerdere stemmen'))[0]?.id).toBe('L3')
  })

  it('rebuilds on a store reset', async () => {
    const store = demoStore()
    client = createSearchClient(new DisplayProjection(store))
    store.reset({ nodes: [makeNode('lesson', 'only', 'Enige les')], edges: [], annotations: [] })
    await client.ready()
    expect((await client.search('les')).map((r) => r.id)).toEqual(['only'])
    expect(await client.search('transparantie')).toEqual([])
  })

  it('resolves only the latest query: earlier ones reject with AbortError', async () => {
    client = createSearchClient(new DisplayProjection(demoStore()))
    const first = client.search('transp')
    const second = client.search('transparantie')
    await expect(first).rejects.toSatisfy(isSearchAbort)
    expect((await second)[0]?.id).toBe('ing_transp')
  })

  it('rejects with AbortError when the signal aborts or the client is disposed', async () => {
    client = createSearchClient(new DisplayProjection(demoStore()))
    const controller = new AbortController()
    const aborted = client.search('vertrouwen', { signal: controller.signal })
    controller.abort()
    await expect(aborted).rejects.toSatisfy(isSearchAbort)
    const already = client.search('vertrouwen', { signal: controller.signal })
    await expect(already).rejects.toSatisfy(isSearchAbort)

    const pending = client.search('vertrouwen')
    client.dispose()
    await expect(pending).rejects.toSatisfy(isSearchAbort)
    await expect(client.search('vertrouwen')).rejects.toSatisfy(isSearchAbort)
  })

  it('passes limit and kinds through', async () => {
    client = createSearchClient(new DisplayProjection(demoStore()))
    const results = await client.search('vertrouwen', { limit: 2, kinds: ['lesson'] })
    expect(results.length).toBeLessThanOrEqual(2)
    expect(results.every((r) => r.kind === 'lesson')).toBe(true)
  })
})

describe('search over the display projection', () => {
  const people = (): GraphStore => {
    const store = new GraphStore()
    store.reset({
      nodes: [
        makeNode('actor', 'p1', 'Henk de Vries', { isPerson: true, roleDescription: 'buurman' }),
        makeNode('interview', 'i1', 'Gesprek met Henk de Vries', { date: '2021' }),
        makeNode('lesson', 'l1', 'Bel terug', {
          description: 'Henk de Vries hoorde maanden niets.'
        })
      ],
      edges: [],
      annotations: []
    })
    return store
  }

  it('with Presentatieveilig on, a hidden name finds nothing and shows in no result', async () => {
    const display = new DisplayProjection(people())
    client = createSearchClient(display)
    expect((await client.search('henk')).map((r) => r.id)).toContain('p1')

    display.setPresentationSafe(true)
    await client.ready()
    expect(await client.search('henk')).toEqual([])
    expect(await client.search('de vries')).toEqual([])
    // What is shown instead is found, and nothing in any result names the person.
    const byRole = await client.search('buurman')
    expect(byRole.map((r) => r.id)).toContain('p1')
    expect(JSON.stringify(byRole)).not.toMatch(/Henk|Vries/)
    const gesprek = await client.search('gesprek')
    expect(gesprek.map((r) => r.id)).toEqual(['i1'])
    expect(JSON.stringify(gesprek)).not.toMatch(/Henk|Vries/)

    display.setPresentationSafe(false)
    await client.ready()
    expect((await client.search('henk')).map((r) => r.id)).toContain('p1')
  })

  it('a pseudonymised person is searched by role in normal mode too, like the canvas shows', async () => {
    const store = people()
    const p1 = store.node('p1')!
    store.apply(patch([{ ...p1, consent: 'pseudonymised' } as GraphNode]))
    client = createSearchClient(new DisplayProjection(store))
    expect(await client.search('henk')).toEqual([])
    expect((await client.search('buurman')).map((r) => r.id)).toContain('p1')
  })
})
