import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { GraphData } from '../../../src-renderer/domain/graph'
import { buildGraphIndex } from '../../../src-renderer/domain/queries/graph-index'
import { parseKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import {
  computeCanvasView,
  type CanvasViewInput
} from '../../../src-renderer/graph-view/canvas-view'
import { CyController, cytoscapeCoreForTests } from '../../../src-renderer/graph-view/cy-controller'
import { EMPTY_FILTER } from '../../../src-renderer/graph-view/view-filter'
import { GraphStore } from '../../../src-renderer/storage/graph-store'

function demo(): GraphData {
  const r = parseKgJson(readFileSync(resolve('resources/stadmaken-demo.kg.json'), 'utf8'))
  if (!r.ok) throw new Error(String(r.issues[0]?.code))
  return r.value
}

const BASE: CanvasViewInput = {
  filter: EMPTY_FILTER,
  focus: null,
  lens: 'all',
  centrality: 'degree',
  path: null
}
const CLASSES = ['hidden', 'faded', 'path', 'sized', 'clustered', 'single-voice', 'contested']

/** Every element's view classes, by id. */
function classesOf(controller: CyController): Record<string, string> {
  const out: Record<string, string> = {}
  cytoscapeCoreForTests(controller)
    .elements()
    .forEach((el) => {
      out[el.id()] = CLASSES.filter((c) => el.hasClass(c)).join(' ')
    })
  return out
}

describe('CyController.applyView', () => {
  const graph = demo()
  const index = buildGraphIndex(graph.nodes, graph.edges)
  const views: CanvasViewInput[] = [
    BASE,
    { ...BASE, filter: { ...EMPTY_FILTER, kinds: ['lesson', 'quote'], mode: 'hide' } },
    { ...BASE, focus: { seedIds: ['L1'], depth: 2, expanded: [] } },
    { ...BASE, lens: 'lessonMap', centrality: 'betweenness' },
    { ...BASE, lens: 'tensions' },
    { ...BASE, path: { fromId: 'L1', toId: graph.nodes.at(-1)!.id, index: 0 } },
    { ...BASE, filter: { ...EMPTY_FILTER, statuses: ['confirmed'] } },
    BASE
  ]

  it('after any sequence of views, each element has exactly the classes of the last view', () => {
    const incremental = (() => {
      const store = new GraphStore()
      store.reset(graph)
      return new CyController(undefined, store)
    })()
    for (const [i, input] of views.entries()) {
      const view = computeCanvasView(index, input)
      incremental.applyView(view)
      // A fresh controller drawing only this view is the reference.
      const store = new GraphStore()
      store.reset(graph)
      const fresh = new CyController(undefined, store)
      fresh.applyView(view)
      expect(classesOf(incremental), `view ${i}`).toEqual(classesOf(fresh))
      fresh.destroy()
    }
    incremental.destroy()
  })

  it('gives a node added later the classes the current view has for it', () => {
    const store = new GraphStore()
    store.reset(graph)
    const controller = new CyController(undefined, store)
    const l1 = graph.nodes.find((n) => n.id === 'L1')!
    store.apply({
      nodes: [{ ...l1, deletedAt: '2026-02-01T00:00:00.000Z' }],
      edges: [],
      annotations: []
    })
    const after = buildGraphIndex(store.liveNodes(), store.liveEdges())
    controller.applyView(
      computeCanvasView(after, {
        ...BASE,
        filter: { ...EMPTY_FILTER, kinds: ['quote'], mode: 'hide' }
      })
    )
    // L1 comes back (an undo) while the filter hides lessons.
    store.apply({ nodes: [l1], edges: [], annotations: [] })
    expect(cytoscapeCoreForTests(controller).getElementById('L1').hasClass('hidden')).toBe(false)
    controller.applyView(
      computeCanvasView(buildGraphIndex(store.liveNodes(), store.liveEdges()), {
        ...BASE,
        filter: { ...EMPTY_FILTER, kinds: ['quote'], mode: 'hide' }
      })
    )
    expect(cytoscapeCoreForTests(controller).getElementById('L1').hasClass('hidden')).toBe(true)
    controller.destroy()
  })

  it('relabels only the nodes it is told about', () => {
    const store = new GraphStore()
    store.reset(graph)
    let prefix = 'A:'
    const controller = new CyController(
      undefined,
      store,
      {},
      { labelOf: (n) => `${prefix}${n.id}` }
    )
    const cy = cytoscapeCoreForTests(controller)
    expect(cy.getElementById('L1').data('label')).toBe('A:L1')
    prefix = 'B:'
    controller.relabel(['L1'])
    expect(cy.getElementById('L1').data('label')).toBe('B:L1')
    expect(cy.getElementById('L2').data('label')).toBe('A:L2')
    controller.relabel()
    expect(cy.getElementById('L2').data('label')).toBe('B:L2')
    controller.destroy()
  })
})
