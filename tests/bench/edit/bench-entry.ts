/**
 * Edit benchmark page: the time from the repository call for one title edit until the canvas label,
 * the search result and the list row all show it. Bundled by tests/bench/edit/run.mjs (Vite) and
 * driven from Playwright through `window.kgEditBench`; every time is taken inside the page.
 *
 * Both variants run the real app model on a real IndexedDB (Dexie) and a real canvas:
 * - `app`: what the app does now — the store's diff re-projects one node, the graph model patches
 *   its index in place and keeps its view (no canvas view is derived again), the canvas relabels the
 *   one node, the search worker indexes the one node.
 * - `baseline`: the same commit followed by the whole-graph recompute the app did before — graph
 *   index rebuilt, contested set, single-voice lessons, canvas view, every element restyled, every
 *   node relabelled, hidden names and interview numbers computed again over all nodes.
 */
import { contestedTargets } from '@renderer/domain/annotations'
import { projectionContext } from '@renderer/domain/consent-projection'
import { setActorTypeLabels } from '@renderer/domain/consent'
import { buildGraphIndex } from '@renderer/domain/queries/graph-index'
import { computeCanvasView, singleVoiceLessons, type CanvasViewInput } from '@renderer/graph-view/canvas-view'
import { CyController, cytoscapeCoreForTests } from '@renderer/graph-view/cy-controller'
import { EMPTY_FILTER } from '@renderer/graph-view/view-filter'
import nl from '@renderer/i18n/nl.json'
import { createSearchClient } from '@renderer/search/search-client'
import { DisplayProjection } from '@renderer/state/display-projection'
import { GraphModel } from '@renderer/state/graph-model'
import { openDatabase } from '@renderer/storage/db'
import { GraphRepository } from '@renderer/storage/repositories/graph-repository'
import { generateGraph } from '../../support/generate-graph'

setActorTypeLabels(nl.facet.actorType)

const INPUT: CanvasViewInput = { filter: EMPTY_FILTER, focus: null, lens: 'all', centrality: 'degree', path: null }
const VIEW_CLASSES = 'hidden faded path sized clustered single-voice contested'

export interface EditRun {
  variant: 'app' | 'baseline'
  nodes: number
  edits: number
  /** Whole path per edit. */
  ms: number[]
  /** Its parts: the repository call (IndexedDB commit, then the store's diff listeners), the view
   * derivation after it, and the search round trip to the worker. */
  commitMs: number[]
  deriveMs: number[]
  searchMs: number[]
  /** Of the commit: the store's diff listeners (projection, graph model, canvas, search feed). */
  applyMs: number[]
  /** Until the next painted frame: Cytoscape redrawing the canvas. */
  paintMs: number[]
}

async function run(variant: 'app' | 'baseline', nodes: number, edits: number): Promise<EditRun> {
  const container = document.getElementById('cy')!
  const graph = generateGraph({ nodes, edgesPerNode: 2, seed: 7 })
  const opened = await openDatabase(`kg-edit-bench-${variant}-${nodes}-${Date.now()}`)
  const repo = await GraphRepository.load(opened, { author: () => 'bench' })
  const loaded = await repo.replaceGraph(graph, 'graph.import')
  if (!loaded.ok) throw new Error('could not load the graph')
  const store = repo.store
  // Time the store's listeners apart from IndexedDB: how long one commit's diff takes to spread.
  const applyMs: number[] = []
  const apply = store.apply.bind(store)
  store.apply = (patch) => {
    const t = performance.now()
    apply(patch)
    applyMs.push(performance.now() - t)
  }
  // The app model, built in the order the app builds it.
  const display = new DisplayProjection(store)
  const model = new GraphModel(store)
  const search = createSearchClient(display)
  await search.ready()
  const controller = new CyController(container, store, {}, { labelOf: (n) => display.project(n).title })
  const stopLabels = display.subscribe((c) =>
    c.type === 'all' ? controller.relabel() : controller.relabel(c.nodeIds)
  )
  let shownState = model.view
  let view = computeCanvasView(shownState.index, { ...INPUT, contested: shownState.contested, singleVoice: shownState.singleVoice })
  controller.applyView(view)
  const cy = cytoscapeCoreForTests(controller)

  // The view provider's step: derive the canvas view again only when the model's view changed.
  const deriveView = (): void => {
    if (model.view === shownState) return
    shownState = model.view
    view = computeCanvasView(shownState.index, { ...INPUT, contested: shownState.contested, singleVoice: shownState.singleVoice })
    controller.applyView(view)
  }
  // What the app did before on every commit.
  const wholeGraphRecompute = (): void => {
    const index = buildGraphIndex(store.liveNodes(), store.liveEdges())
    const contested = contestedTargets(store.liveAnnotations())
    const singleVoice = singleVoiceLessons(index)
    const fresh = computeCanvasView(index, { ...INPUT, contested, singleVoice })
    cy.batch(() => {
      cy.elements().removeClass(VIEW_CLASSES)
      for (const id of fresh.faded) cy.getElementById(id).addClass('faded')
      for (const id of fresh.singleVoice) cy.getElementById(id).addClass('single-voice')
      for (const id of fresh.contested) cy.getElementById(id).addClass('contested')
    })
    projectionContext(store.nodes.values(), { presentationSafe: false })
    controller.relabel()
  }

  const lessons = store.liveNodes().filter((n) => n.kind === 'lesson').map((n) => n.id)
  const ms: number[] = []
  const commitMs: number[] = []
  const deriveMs: number[] = []
  const searchMs: number[] = []
  const paintMs: number[] = []
  for (let i = 0; i < edits; i++) {
    const id = lessons[i % lessons.length]!
    const token = `zqbench${variant[0]}${nodes}x${i}`
    const title = `Bewerkte les ${token}`
    const t0 = performance.now()
    const r = await repo.updateNode(id, { title })
    if (!r.ok) throw new Error('edit refused')
    const tCommit = performance.now()
    if (variant === 'app') deriveView()
    else wholeGraphRecompute()
    const tDerive = performance.now()
    // The canvas label, the list row (a row's label is the projection's) and the search result.
    const results = await search.search(token, { limit: 5 })
    const tSearch = performance.now()
    // "Shows it" means painted: wait for the frame that draws the changed canvas.
    await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))
    const t1 = performance.now()
    commitMs.push(tCommit - t0)
    deriveMs.push(tDerive - tCommit)
    searchMs.push(tSearch - tDerive)
    paintMs.push(t1 - tSearch)
    if (!results.some((x) => x.id === id)) throw new Error(`search did not find the edit ${i}`)
    if (!String(cy.getElementById(id).data('label')).includes('Bewerkte')) throw new Error('canvas label not updated')
    if (display.label(id) !== title) throw new Error('list row not updated')
    ms.push(t1 - t0)
  }
  stopLabels()
  search.dispose()
  controller.destroy()
  model.dispose()
  display.dispose()
  opened.db.close()
  return { variant, nodes, edits, ms, commitMs, deriveMs, searchMs, applyMs, paintMs }
}

declare global {
  interface Window {
    kgEditBench: { run: typeof run; ready: boolean }
  }
}
window.kgEditBench = { run, ready: true }
