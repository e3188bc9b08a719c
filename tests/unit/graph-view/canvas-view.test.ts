import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EDGE_KINDS } from '../../../src-renderer/domain/edge-kinds'
import { buildGraphIndex } from '../../../src-renderer/domain/queries/graph-index'
import type { GraphData } from '../../../src-renderer/domain/graph'
import { NODE_KINDS } from '../../../src-renderer/domain/node-kinds'
import { parseKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import { computeCanvasView, clusterPositions, type CanvasViewInput } from '../../../src-renderer/graph-view/canvas-view'
import { CyController, cytoscapeCoreForTests } from '../../../src-renderer/graph-view/cy-controller'
import { EDGE_STYLES, NODE_STYLES, buildStylesheet } from '../../../src-renderer/graph-view/stylesheet'
import { toElements } from '../../../src-renderer/graph-view/to-elements'
import { EMPTY_FILTER } from '../../../src-renderer/graph-view/view-filter'
import { GraphStore } from '../../../src-renderer/storage/graph-store'

function demo(): GraphData {
  const r = parseKgJson(readFileSync(resolve('resources/stadmaken-demo.kg.json'), 'utf8'))
  if (!r.ok) throw new Error(r.issues[0]?.message)
  return r.value
}

const BASE: CanvasViewInput = { filter: EMPTY_FILTER, focus: null, lens: 'all', centrality: 'degree', path: null }

function headless(graph: GraphData): CyController {
  const store = new GraphStore()
  store.reset(graph)
  return new CyController(undefined, store)
}

describe('to-elements', () => {
  it('turns live nodes and edges into elements with kind and status data and saved positions', () => {
    const g = demo()
    const deleted = { ...g.nodes[0]!, deletedAt: '2026-02-01T00:00:00.000Z' }
    const els = toElements([deleted, ...g.nodes.slice(1)], g.edges)
    const nodes = els.filter((e) => e.group === 'nodes')
    expect(nodes).toHaveLength(60)
    const l1 = nodes.find((e) => e.data.id === 'L1')!
    expect(l1.data).toMatchObject({ kind: 'lesson', status: 'inferred', label: 'Blijf communiceren, ook zonder nieuws' })
    expect(l1.position).toEqual(g.nodes.find((n) => n.id === 'L1')!.position)
    // Edges touching the deleted node are left out.
    const edges = els.filter((e) => e.group === 'edges')
    expect(edges.every((e) => e.data.source !== deleted.id && e.data.target !== deleted.id)).toBe(true)
  })
})

describe('stylesheet', () => {
  it('has a colour and shape for every node kind and a colour, dash and arrow for every edge kind', () => {
    const sheet = buildStylesheet() as { selector: string; style: Record<string, unknown> }[]
    for (const kind of NODE_KINDS) {
      const rule = sheet.find((r) => r.selector === `node[kind = "${kind}"]`)
      expect(rule?.style['background-color']).toBe(NODE_STYLES[kind].color)
      expect(rule?.style.shape).toBe(NODE_STYLES[kind].shape)
    }
    for (const kind of EDGE_KINDS) {
      const rule = sheet.find((r) => r.selector === `edge[kind = "${kind}"]`)
      expect(rule?.style['line-color']).toBe(EDGE_STYLES[kind].color)
      expect(rule?.style['line-style']).toBe(EDGE_STYLES[kind].line)
    }
    const shapes = new Set(NODE_KINDS.map((k) => `${NODE_STYLES[k].shape}${NODE_STYLES[k].color}`))
    expect(shapes.size).toBe(NODE_KINDS.length)
    // Contradicts and qualifies stand out: the widest edges, their own arrows.
    const widths = EDGE_KINDS.map((k) => EDGE_STYLES[k].width)
    expect(EDGE_STYLES.contradicts.width).toBe(Math.max(...widths))
    expect(EDGE_STYLES.contradicts.arrow).toBe('tee')
    expect(EDGE_STYLES.qualifies.line).toBe('dashed')
  })
})

describe('canvas view on the demo graph', () => {
  const g = demo()
  const index = buildGraphIndex(g.nodes, g.edges)

  it('shows everything without filter, focus or lens', () => {
    const v = computeCanvasView(index, BASE)
    expect(v.hidden.size).toBe(0)
    expect(v.faded.size).toBe(0)
    expect([v.visibleNodes, v.visibleEdges]).toEqual([61, 96])
  })

  it('fades or hides nodes that do not match a kind filter, and their edges', () => {
    const fade = computeCanvasView(index, { ...BASE, filter: { ...EMPTY_FILTER, kinds: ['lesson'] } })
    expect(fade.hidden.size).toBe(0)
    expect([...fade.faded].filter((id) => index.nodes.has(id as never))).toHaveLength(53)
    const hide = computeCanvasView(index, { ...BASE, filter: { ...EMPTY_FILTER, kinds: ['lesson'], mode: 'hide' } })
    expect(hide.visibleNodes).toBe(8)
    // Only lesson → lesson edges survive: reinforces ×4, contradicts ×2, qualifies ×1.
    expect(hide.visibleEdges).toBe(7)
  })

  it('filters actors by type without touching other kinds', () => {
    const v = computeCanvasView(index, { ...BASE, filter: { ...EMPTY_FILTER, actorTypes: ['resident'], mode: 'hide' } })
    const shownActors = [...index.nodes.values()].filter((n) => n.kind === 'actor' && !v.hidden.has(n.id))
    expect(shownActors.map((n) => n.id)).toEqual(['r_bew_noord'])
    expect(v.visibleNodes).toBe(61 - 14)
  })

  it('filters by participation level through participates_in edges', () => {
    const v = computeCanvasView(index, { ...BASE, filter: { ...EMPTY_FILTER, participationLevels: ['co_creating'], kinds: ['actor', 'project'], mode: 'hide' } })
    const shown = [...index.nodes.keys()].filter((id) => !v.hidden.has(id)).sort()
    expect(shown).toEqual(['r_bew_noord', 'wp_zonne'])
  })

  it('focus shows the 1-step neighbourhood of L1, and expand adds a node’s neighbours', () => {
    const v = computeCanvasView(index, { ...BASE, focus: { seedIds: ['L1'], depth: 1, expanded: [] } })
    const shown = [...index.nodes.keys()].filter((id) => !v.hidden.has(id)).sort()
    expect(shown).toEqual(['L1', 'L2', 'L5', 'L7', 'ing_contact', 'int1', 'q1'])
    const more = computeCanvasView(index, { ...BASE, focus: { seedIds: ['L1'], depth: 1, expanded: ['ing_contact'] } })
    expect(more.hidden.has('wp_zonne')).toBe(false)
    expect(more.hidden.has('ing_transp')).toBe(false)
  })

  it('highlights the path and fades the rest', () => {
    const v = computeCanvasView(index, { ...BASE, path: { fromId: 'q1', toId: 'wp_zonne', index: 0 } })
    expect([...v.highlighted].filter((id) => index.nodes.has(id as never)).sort()).toEqual(['L1', 'ing_contact', 'q1', 'wp_zonne'])
    expect(v.faded.has('L2')).toBe(true)
    expect(v.paths.length).toBeGreaterThan(0)
  })

  it('the lesson map groups lessons and ingredients in clusters with centrality sizes and temporary positions', () => {
    const v = computeCanvasView(index, { ...BASE, lens: 'lessonMap' })
    expect(v.visibleNodes).toBe(15)
    expect(v.clusterOf?.size).toBe(15)
    expect(v.tempPositions?.size).toBe(15)
    const sizes = [...v.sizes!.values()]
    expect(Math.max(...sizes)).toBe(80)
    expect(v.singleVoice.size).toBe(8)
  })

  it('places clusters apart: members of one cluster are closer to each other than to other clusters', () => {
    const pos = clusterPositions(new Map([['a', 0], ['b', 0], ['c', 0], ['d', 1], ['e', 1]]))
    const d = (x: string, y: string): number => Math.hypot(pos.get(x)!.x - pos.get(y)!.x, pos.get(x)!.y - pos.get(y)!.y)
    expect(d('a', 'b')).toBeLessThan(d('a', 'd'))
    expect(d('d', 'e')).toBeLessThan(d('c', 'e'))
  })
})

describe('CyController (headless)', () => {
  it('applies a view as classes and restores saved positions when a lens is switched off', () => {
    const g = demo()
    const controller = headless(g)
    const index = buildGraphIndex(g.nodes, g.edges)
    expect(cytoscapeCoreForTests(controller).nodes()).toHaveLength(61)
    expect(cytoscapeCoreForTests(controller).edges()).toHaveLength(96)
    const saved = { ...cytoscapeCoreForTests(controller).getElementById('L1').position() }
    controller.applyView(computeCanvasView(index, { ...BASE, lens: 'lessonMap' }))
    expect(cytoscapeCoreForTests(controller).nodes('.hidden')).toHaveLength(61 - 15)
    expect(cytoscapeCoreForTests(controller).getElementById('L1').hasClass('clustered')).toBe(true)
    expect(cytoscapeCoreForTests(controller).getElementById('L1').hasClass('single-voice')).toBe(true)
    expect(cytoscapeCoreForTests(controller).getElementById('L1').position()).not.toEqual(saved)
    controller.applyView(computeCanvasView(index, BASE))
    expect(cytoscapeCoreForTests(controller).nodes('.hidden')).toHaveLength(0)
    expect(cytoscapeCoreForTests(controller).getElementById('L1').position()).toEqual(saved)
    controller.destroy()
  })

  it('follows store patches: a deleted node and its edges leave the canvas', () => {
    const g = demo()
    const store = new GraphStore()
    store.reset(g)
    const controller = new CyController(undefined, store)
    const l1 = g.nodes.find((n) => n.id === 'L1')!
    const l1Edges = g.edges.filter((e) => e.source === 'L1' || e.target === 'L1')
    store.apply({
      nodes: [{ ...l1, deletedAt: 'x' }],
      edges: l1Edges.map((e) => ({ ...e, deletedAt: 'x' })),
      annotations: []
    })
    expect(cytoscapeCoreForTests(controller).getElementById('L1').empty()).toBe(true)
    expect(cytoscapeCoreForTests(controller).edges()).toHaveLength(96 - l1Edges.length)
    controller.destroy()
  })

  it('finds a neighbour in the direction of an arrow key', () => {
    const g = demo()
    const controller = headless(g)
    const l1 = cytoscapeCoreForTests(controller).getElementById('L1').position()
    const right = controller.neighbourInDirection('L1', 'right')
    expect(right).toBeDefined()
    const p = cytoscapeCoreForTests(controller).getElementById(right!).position()
    expect(p.x).toBeGreaterThan(l1.x)
    expect(cytoscapeCoreForTests(controller).getElementById('L1').neighborhood('node').map((n) => n.id())).toContain(right)
    controller.destroy()
  })
})

describe('overview of a very large graph', () => {
  it('mounts only the best-connected nodes, and exactly what a focus shows', async () => {
    const { generateGraph } = await import('../../support/generate-graph')
    const { OVERVIEW_CAP } = await import('../../../src-renderer/graph-view/cy-controller')
    const g = generateGraph({ nodes: 12_000, edgesPerNode: 2, seed: 7 })
    const controller = headless(g)
    expect(controller.isOverview).toBe(true)
    expect(cytoscapeCoreForTests(controller).nodes()).toHaveLength(OVERVIEW_CAP)
    const index = buildGraphIndex(g.nodes, g.edges)
    const seed = g.nodes[11_999]!.id
    const view = computeCanvasView(index, { ...BASE, focus: { seedIds: [seed], depth: 1, expanded: [] } })
    controller.applyView(view)
    const mounted = cytoscapeCoreForTests(controller).nodes().map((n) => n.id()).sort()
    const shown = [...index.nodes.keys()].filter((id) => !view.hidden.has(id)).sort()
    expect(mounted).toEqual(shown)
    expect(mounted).toContain(seed)
    controller.applyView(computeCanvasView(index, BASE))
    expect(cytoscapeCoreForTests(controller).nodes()).toHaveLength(OVERVIEW_CAP)
    controller.destroy()
  }, 60_000)
})
