/**
 * Canvas benchmark page. Bundled by tests/bench/canvas/run.mjs (Vite) and driven from Playwright
 * through `window.kgCanvasBench`. Every measurement is timed inside the page with performance.now();
 * graph generation is never inside a timed section.
 *
 * Variants of the canvas:
 * - `app`: the real path: `GraphStore.reset(data)` + `new CyController(container, store)`.
 * - `baseline`: plain `cytoscape({ container, elements, style, layout: { name: 'preset' } })` with
 *   default options and a simple style with labels.
 * - `proposal`: a copy of CyController's construction with the option changes proposed in the
 *   report (see ProposalOptions), to measure them without touching cy-controller.ts.
 *
 * "First painted frame": t0 before anything is built (store reset / element definitions); the
 * first `render` event of Cytoscape is awaited, then one more requestAnimationFrame: the time of that
 * callback, minus t0, is the paint time (the frame Cytoscape drew has been produced by then).
 */
import cytoscape, {
  type Core,
  type CytoscapeOptions,
  type ElementDefinition,
  type StylesheetJson
} from 'cytoscape'
import { generateGraph } from '../../support/generate-graph'
import type { GraphData } from '@renderer/domain/graph'
import {
  CyController,
  LARGE_GRAPH_NODES,
  cytoscapeCoreForTests
} from '@renderer/graph-view/cy-controller'
import { registerFcose } from '@renderer/graph-view/layout-engine'
import { kindRank } from '@renderer/graph-view/layouts'
import { applyLayoutPositions, runLayout } from '@renderer/graph-view/run-layout'
import {
  EDGE_STYLES,
  NODE_STYLES,
  STATUS_STYLES,
  buildStylesheet
} from '@renderer/graph-view/stylesheet'
import type { EdgeKind } from '@renderer/domain/edge-kinds'
import type { Status } from '@renderer/domain/facets'
import type { NodeKind } from '@renderer/domain/node-kinds'
import { toElements } from '@renderer/graph-view/to-elements'
import { GraphStore } from '@renderer/storage/graph-store'

export type Variant = 'app' | 'baseline' | 'proposal'

/** The option changes to CyController that the proposal variant measures. */
export interface ProposalOptions {
  /** Large-graph mode from this many nodes (CyController: LARGE_GRAPH_NODES = 2000). */
  largeThreshold: number
  /** Large graphs: haystack edges (straight, no arrows, no bezier bundling). */
  haystack: boolean
  /** Large graphs: 'min-zoomed-font-size' (CyController: 7). */
  minZoomedFontSize: number
  /** Large graphs: drop the label outline (text-outline-width 0). */
  noTextOutline: boolean
  /** Overview start: above this many nodes only the `overviewNodes` best-connected ones are shown. */
  overviewAbove: number
  overviewNodes: number
  /** Large graphs: labels cut to this many characters up front, 'text-wrap: none' (0 = keep ellipsis). */
  truncateLabels: number
  /** Start viewport computed from the stored positions instead of `fit` (no bounding boxes at init). */
  presetViewport: boolean
  /**
   * One `node` and one `edge` rule mapping `data(...)` fields (colour, shape, size, border, arrow,
   * line) that the element definitions carry, instead of ~40 per-kind / per-status selectors.
   */
  dataStyle: boolean
  /**
   * Large graphs: no labels below this zoom (label '' until the zoom reaches it, then the class
   * `kg-labels` on all nodes turns them on); 0 = labels always (culled by min-zoomed-font-size).
   */
  labelsFromZoom: number
}

export const DEFAULT_PROPOSAL: ProposalOptions = {
  largeThreshold: 800,
  haystack: true,
  minZoomedFontSize: 7,
  noTextOutline: false,
  overviewAbove: 10_000,
  overviewNodes: 5000,
  truncateLabels: 40,
  presetViewport: false,
  dataStyle: false,
  labelsFromZoom: 0
}

/** Baseline style: plain Cytoscape with labels. */
const BASELINE_STYLE: StylesheetJson = [{ selector: 'node', style: { label: 'data(label)' } }]

interface LongTask {
  start: number
  duration: number
}

const longTasks: LongTask[] = []
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
} catch {
  // No longtask support: longest-task numbers stay 0.
}

/** Waits until pending longtask entries have been delivered. */
async function settleLongTasks(): Promise<void> {
  await nextFrame()
  await new Promise((r) => setTimeout(r, 60))
}

/** Longest task overlapping [from, to] (a task that started just before `from` counts). */
function longestTask(from: number, to: number): number {
  let max = 0
  for (const t of longTasks)
    if (t.start <= to && t.start + t.duration >= from) max = Math.max(max, t.duration)
  return round(max)
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

function nextFrame(): Promise<number> {
  return new Promise((r) => requestAnimationFrame(r))
}

let graph: GraphData | null = null
let cy: Core | null = null
let controller: CyController | null = null
let store: GraphStore | null = null

function need<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`${what} missing: call generate/open first`)
  return v
}

function container(): HTMLElement {
  return document.getElementById('cy') as HTMLElement
}

/** Resolves with performance.now() at the first rAF after Cytoscape's next 'render' event. */
function firstPaint(core: Core, timeoutMs = 300_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no render event')), timeoutMs)
    core.one('render', () => {
      requestAnimationFrame(() => {
        clearTimeout(timer)
        resolve(performance.now())
      })
    })
  })
}

export interface GenerateResult {
  nodes: number
  edges: number
  ms: number
}

function generate(nodes: number, edgesPerNode: number, seed: number): GenerateResult {
  const t0 = performance.now()
  graph = generateGraph({ nodes, edgesPerNode, seed })
  return { nodes: graph.nodes.length, edges: graph.edges.length, ms: round(performance.now() - t0) }
}

function baselineElements(data: GraphData): ElementDefinition[] {
  const out: ElementDefinition[] = []
  for (const n of data.nodes)
    out.push({
      group: 'nodes',
      data: { id: n.id, label: n.title, kind: n.kind },
      ...(n.position ? { position: { x: n.position.x, y: n.position.y } } : {})
    })
  for (const e of data.edges)
    out.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } })
  return out
}

/** The stylesheet of `dataStyle`: the same look as buildStylesheet(), read from element data. */
function dataStylesheet(): StylesheetJson {
  const base = buildStylesheet({})
  const nodeRule = base[0] as { selector: string; style: Record<string, unknown> }
  const edgeRule = base[1] as { selector: string; style: Record<string, unknown> }
  return [
    {
      selector: 'node',
      style: {
        ...nodeRule.style,
        'background-color': 'data(color)',
        shape: 'data(shape)',
        width: 'data(size)',
        height: 'data(size)',
        'border-style': 'data(bs)',
        'border-width': 'data(bw)',
        'background-opacity': 'data(op)'
      }
    },
    {
      selector: 'edge',
      style: {
        ...edgeRule.style,
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'data(arrow)',
        'line-style': 'data(line)',
        width: 'data(width)'
      }
    },
    ...base.slice(base.length - 4)
  ] as StylesheetJson
}

/** The proposal: CyController's construction with the option changes of ProposalOptions. */
function proposalCy(target: HTMLElement, s: GraphStore, p: ProposalOptions): Core {
  let nodes = s.liveNodes()
  let edges = s.liveEdges()
  if (nodes.length > p.overviewAbove) {
    // Overview start: the best-connected nodes (themes and projects first on ties) and the edges
    // between them; the rest is reached through search / "show neighbours".
    const degree = new Map<string, number>()
    for (const e of edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1)
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1)
    }
    nodes = [...nodes]
      .sort(
        (a, b) =>
          (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || kindRank(a.kind) - kindRank(b.kind)
      )
      .slice(0, p.overviewNodes)
    const keep = new Set(nodes.map((n) => n.id))
    edges = edges.filter((e) => keep.has(e.source) && keep.has(e.target))
  }
  const large = nodes.length > p.largeThreshold
  const style = buildStylesheet({})
  if (large) {
    const nodeStyle: Record<string, string | number> = {
      'min-zoomed-font-size': p.minZoomedFontSize
    }
    if (p.noTextOutline) nodeStyle['text-outline-width'] = 0
    style.push({ selector: 'node', style: nodeStyle })
    if (p.haystack) style.push({ selector: 'edge', style: { 'curve-style': 'haystack' } })
  }
  const elements = toElements(nodes, edges)
  if (p.dataStyle) {
    style.splice(0, style.length, ...dataStylesheet())
    for (const el of elements) {
      const d = el.data
      if (el.group === 'nodes') {
        const k = NODE_STYLES[d.kind as NodeKind]
        const st = STATUS_STYLES[(d.status as Status) ?? 'confirmed'] ?? STATUS_STYLES.confirmed
        Object.assign(d, {
          color: k.color,
          shape: k.shape,
          size: k.size,
          bs: st.borderStyle,
          bw: st.borderWidth,
          op: st.opacity
        })
      } else {
        const e = EDGE_STYLES[d.kind as EdgeKind]
        Object.assign(d, { color: e.color, arrow: e.arrow, line: e.line, width: e.width })
      }
    }
  }
  if (large && p.truncateLabels > 0) {
    style.push({ selector: 'node', style: { 'text-wrap': 'none' } })
    for (const el of elements) {
      const text = el.data.label as string | undefined
      if (el.group === 'nodes' && text && text.length > p.truncateLabels)
        el.data.label = `${text.slice(0, p.truncateLabels - 1).trimEnd()}…`
    }
  }
  let viewport: Partial<CytoscapeOptions> = {}
  if (p.presetViewport && nodes.length) {
    let x1 = Infinity
    let y1 = Infinity
    let x2 = -Infinity
    let y2 = -Infinity
    for (const n of nodes) {
      const q = n.position ?? { x: 0, y: 0 }
      x1 = Math.min(x1, q.x)
      y1 = Math.min(y1, q.y)
      x2 = Math.max(x2, q.x)
      y2 = Math.max(y2, q.y)
    }
    const w = target.clientWidth
    const h = target.clientHeight
    const zoom = Math.min(
      4,
      Math.max(0.02, Math.min((w - 120) / Math.max(1, x2 - x1), (h - 120) / Math.max(1, y2 - y1)))
    )
    viewport = {
      zoom,
      pan: { x: w / 2 - (zoom * (x1 + x2)) / 2, y: h / 2 - (zoom * (y1 + y2)) / 2 }
    }
  }
  const labelsFromZoom = large ? p.labelsFromZoom : 0
  if (labelsFromZoom > 0)
    style.push(
      { selector: 'node', style: { label: '' } },
      { selector: 'node.kg-labels', style: { label: 'data(label)' } }
    )
  const options: CytoscapeOptions = {
    container: target,
    elements,
    style,
    layout: { name: 'preset', fit: !p.presetViewport, padding: 40 },
    ...viewport,
    minZoom: 0.02,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    motionBlur: false,
    pixelRatio: large ? 1 : 'auto'
  }
  const core = cytoscape(options)
  if (labelsFromZoom > 0) {
    let shown = false
    let queued = false
    const sync = (): void => {
      queued = false
      const want = core.zoom() >= labelsFromZoom
      if (want === shown) return
      shown = want
      core.batch(() => {
        if (want) core.nodes().addClass('kg-labels')
        else core.nodes().removeClass('kg-labels')
      })
    }
    core.on('zoom', () => {
      if (queued) return
      queued = true
      requestAnimationFrame(sync)
    })
    sync()
  }
  return core
}

export interface OpenResult {
  variant: Variant
  nodes: number
  edges: number
  /** Start of construction to the first painted frame. */
  ms: number
  /** The synchronous part (construction returns). */
  syncMs: number
  /** Longest main-thread task from the start to the first painted frame. */
  longestTaskMs: number
  /** Nodes on the canvas (fewer than `nodes` with an overview start). */
  shown: number
  zoom: number
  wheelSensitivity: number
  /** The effective ProposalOptions (proposal variant only). */
  proposal?: ProposalOptions
}

async function open(
  variant: Variant,
  proposal: Partial<ProposalOptions> = {}
): Promise<OpenResult> {
  const data = need(graph, 'graph')
  close()
  await nextFrame()
  const target = container()
  const t0 = performance.now()
  let core: Core
  if (variant === 'app') {
    store = new GraphStore()
    store.reset(data)
    controller = new CyController(target, store)
    core = cytoscapeCoreForTests(controller)
  } else if (variant === 'proposal') {
    store = new GraphStore()
    store.reset(data)
    core = proposalCy(target, store, { ...DEFAULT_PROPOSAL, ...proposal })
  } else {
    core = cytoscape({
      container: target,
      elements: baselineElements(data),
      style: BASELINE_STYLE,
      layout: { name: 'preset' }
    })
  }
  const t1 = performance.now()
  cy = core
  const painted = await firstPaint(core)
  await settleLongTasks()
  return {
    variant,
    nodes: data.nodes.length,
    edges: data.edges.length,
    ms: round(painted - t0),
    syncMs: round(t1 - t0),
    longestTaskMs: longestTask(t0, painted),
    shown: core.nodes().length,
    zoom: core.zoom(),
    wheelSensitivity: variant === 'baseline' ? 1 : 0.3,
    ...(variant === 'proposal' ? { proposal: { ...DEFAULT_PROPOSAL, ...proposal } } : {})
  }
}

function close(): void {
  controller?.destroy()
  if (!controller) cy?.destroy()
  controller = null
  cy = null
}

let frames: number[] | null = null
let framesFrom = 0

function recordFrame(t: number): void {
  if (!frames) return
  frames.push(t)
  requestAnimationFrame(recordFrame)
}

function startFrames(): void {
  frames = []
  framesFrom = performance.now()
  requestAnimationFrame(recordFrame)
}

export interface FramesResult {
  deltas: number[]
  longestTaskMs: number
  durationMs: number
}

async function stopFrames(): Promise<FramesResult> {
  const f = frames ?? []
  frames = null
  const to = performance.now()
  await settleLongTasks()
  const deltas: number[] = []
  for (let i = 1; i < f.length; i++) deltas.push(round((f[i] as number) - (f[i - 1] as number)))
  return { deltas, longestTaskMs: longestTask(framesFrom, to), durationMs: round(to - framesFrom) }
}

/**
 * A rendered point in the canvas with no node within `clear` px, near the centre if possible, so a
 * mouse drag there pans instead of dragging a node.
 */
function emptySpot(clear = 30): { x: number; y: number } {
  const core = need(cy, 'cy')
  const w = core.width()
  const h = core.height()
  const boxes = core
    .nodes()
    .map((n) => n.renderedBoundingBox({ includeLabels: false }))
    .filter((b) => b.x2 > 0 && b.x1 < w && b.y2 > 0 && b.y1 < h)
  let best = { x: w / 2, y: h / 2 }
  let bestD = Infinity
  for (let y = 60; y < h - 60; y += 20) {
    for (let x = 60; x < w - 60; x += 20) {
      const hit = boxes.some(
        (b) => x > b.x1 - clear && x < b.x2 + clear && y > b.y1 - clear && y < b.y2 + clear
      )
      if (hit) continue
      const d = Math.hypot(x - w / 2, y - h / 2)
      if (d < bestD) {
        bestD = d
        best = { x, y }
      }
    }
  }
  return best
}

export interface LayoutResult {
  /** Request to positions applied and painted. */
  ms: number
  /** Request to positions back (the worker's part and the messages). */
  computeMs: number
  /** Applying the positions on the canvas and painting. */
  applyMs: number
  /** Longest main-thread task while the layout computed (the number the target is about). */
  longestTaskMs: number
  /** Longest main-thread task while applying the positions. */
  longestApplyTaskMs: number
  phases: string[]
}

/** The app: runLayout('fcose') in the worker, then the positions applied on the canvas. */
async function layoutApp(): Promise<LayoutResult> {
  const core = need(cy, 'cy')
  const s = need(store, 'store')
  const phases: string[] = []
  // Start in a task of the page's own (work inside a DevTools evaluate is not reported as a longtask).
  await nextFrame()
  const t0 = performance.now()
  const positions = await runLayout(
    'fcose',
    {
      nodes: s
        .liveNodes()
        .map((n) => ({ id: n.id, kind: n.kind, x: n.position?.x, y: n.position?.y })),
      edges: s.liveEdges().map((e) => ({ id: e.id, source: e.source, target: e.target }))
    },
    { onProgress: (p) => phases.push(`${p.phase}@${Math.round(performance.now() - t0)}`) }
  )
  const t1 = performance.now()
  // A new task for the apply, so the longest task "while computing" is not the apply's.
  await new Promise((r) => setTimeout(r, 0))
  const t1b = performance.now()
  const painted = firstPaint(core)
  await applyLayoutPositions(core, positions, { animate: false })
  const t2 = await painted
  await settleLongTasks()
  return {
    ms: round(t2 - t0),
    computeMs: round(t1 - t0),
    applyMs: round(t2 - t1),
    longestTaskMs: longestTask(t0, t1),
    longestApplyTaskMs: longestTask(t1b, t2),
    phases
  }
}

/** The baseline: fCoSE with its default options on the main thread of the painted plain canvas. */
async function layoutBaseline(): Promise<LayoutResult> {
  const core = need(cy, 'cy')
  registerFcose()
  await nextFrame() // see layoutApp
  const t0 = performance.now()
  await new Promise<void>((resolve) => {
    const layout = core.layout({ name: 'fcose' })
    layout.one('layoutstop', () => resolve())
    layout.run()
  })
  const t1 = performance.now()
  await nextFrame()
  const t2 = performance.now()
  await settleLongTasks()
  return {
    ms: round(t2 - t0),
    computeMs: round(t1 - t0),
    applyMs: round(t2 - t1),
    longestTaskMs: longestTask(t0, t2),
    longestApplyTaskMs: 0,
    phases: []
  }
}

/**
 * Cap of the exported image's sides. The generated graphs span ~7000 (1k) to ~14000 (5k) model px,
 * so scale 2 alone asks for a 14000–28000 px canvas: 70 MB at 1k and beyond Chromium's canvas limit
 * (toBlob gives null) at 5k. The scale is lowered to fit the cap (min(2, cap / side)).
 */
const PNG_MAX_PX = 4096

export interface PngResult {
  ms: number
  bytes: number
}

async function png(): Promise<PngResult> {
  const core = need(cy, 'cy')
  await nextFrame()
  const t0 = performance.now()
  // Cytoscape ignores maxWidth / maxHeight when a scale is given, so the cap is applied here.
  const bb = core.elements().boundingBox()
  const scale = Math.min(2, PNG_MAX_PX / Math.max(1, bb.w), PNG_MAX_PX / Math.max(1, bb.h))
  const blob = await core.png({ full: true, scale, output: 'blob-promise' })
  return { ms: round(performance.now() - t0), bytes: blob.size }
}

/** Long tasks since `from` (performance.now() time), for diagnosis. */
function longTasksSince(from: number): LongTask[] {
  return longTasks
    .filter((t) => t.start >= from)
    .map((t) => ({ start: round(t.start - from), duration: round(t.duration) }))
}

function info(): Record<string, unknown> {
  return {
    largeGraphNodes: LARGE_GRAPH_NODES,
    devicePixelRatio: window.devicePixelRatio,
    zoom: cy?.zoom() ?? null,
    userAgent: navigator.userAgent
  }
}

const api = {
  generate,
  open,
  close,
  startFrames,
  stopFrames,
  emptySpot,
  layoutApp,
  layoutBaseline,
  png,
  info,
  longTasksSince,
  now: (): number => performance.now()
}

declare global {
  interface Window {
    kgCanvasBench: typeof api
  }
}

window.kgCanvasBench = api
