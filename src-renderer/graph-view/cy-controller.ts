import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape'
import edgehandles from 'cytoscape-edgehandles'
import type { EdgeKind } from '../domain/edge-kinds'
import type { GraphNode, NodeKind, Position } from '../domain/node-kinds'
// Type-only: the controller mirrors the in-memory GraphStore (the one storage import graph-view may
// make, and only for types; see the layer rules in eslint.config.mjs).
import type { GraphChangeEvent, GraphStore } from '../storage/graph-store'
import type { CanvasView } from './canvas-view'
import {
  attachRegionLayer,
  clusterLegend,
  type ClusterEntry,
  type DrawnRegion,
  type RegionLayer
} from './cluster-regions'
import {
  MIN_LABEL_PX,
  labelPriority,
  labelScale,
  LABEL_PLACES,
  placeBoxes,
  placeLabels,
  type LabelPlace,
  type PlaceableLabel,
  type LabelBox
} from './label-layout'
import { attachMinimap, type MinimapOptions } from './minimap'
// Types only: the snapshot code loads on first use.
import type { MapScene } from './export-scene'
import type { PngOptions, SnapshotFrame } from './snapshot'
import { CLUSTER_COLORS, buildStylesheet } from './stylesheet'
import { edgeElement, nodeElement, toElements } from './to-elements'

/**
 * Above this many nodes the canvas runs in large-graph mode: textures while panning, edges hidden
 * while the view moves, straight (haystack) edges, short unwrapped labels (measured in
 * tests/bench/canvas: about −550 ms first paint at 5k nodes).
 */
export const LARGE_GRAPH_NODES = 800

/**
 * Above this many nodes the canvas mounts an overview instead of every element: the OVERVIEW_CAP
 * best-connected nodes of what the filter, focus and lens show. Narrowing the view (filter, focus,
 * lens, search) mounts exactly what is shown once it fits; the list view always lists everything.
 */
export const OVERVIEW_NODES = 10_000
export const OVERVIEW_CAP = 3_000

cytoscape.use(edgehandles)

export interface CyControllerEvents {
  onSelect?: (selection: { id: string; group: 'nodes' | 'edges' } | null) => void
  onHover?: (id: string | null) => void
  /** Right click (or long press) on a node or the background, with screen and model positions. */
  onContextMenu?: (at: { x: number; y: number; model: Position; nodeId: string | null }) => void
  /** The user drew an edge from one node to another (draw mode). Nothing is saved by the canvas. */
  onConnect?: (sourceId: string, targetId: string) => void
  /** Called after the user drags nodes; positions are to be saved. */
  onNodesMoved?: (positions: Map<string, Position>) => void
}

/**
 * Owns the one Cytoscape instance. It mirrors the GraphStore: a reset replaces all elements, a patch
 * updates the touched elements by id in one batch. It never writes data itself; moved positions go out
 * through `onNodesMoved`.
 */
let coreOf: (controller: CyController) => Core = () => {
  throw new Error('CyController not initialised')
}

export class CyController {
  /** The Cytoscape instance: private to graph-view; outside modules use the methods below. */
  readonly #cy: Core
  private unsubscribe: () => void

  static {
    coreOf = (controller) => controller.#cy
  }

  constructor(
    container: HTMLElement | undefined,
    private readonly store: GraphStore,
    private readonly events: CyControllerEvents = {},
    options: {
      dark?: boolean
      /** How nodes are named (in the app: the display projection); used from the first paint. */
      labelOf?: (n: GraphNode) => string
      /** An off-screen canvas (a deck export): it never takes over the e2e test hook. */
      offscreen?: boolean
    } = {}
  ) {
    const large = store.nodes.size > LARGE_GRAPH_NODES
    if (options.labelOf) this.labelOf = options.labelOf
    this.computeDegrees()
    const elements = this.mountableElements(null)
    this.dark = options.dark ?? false
    this.hasContainer = container !== undefined
    this.#cy = cytoscape({
      ...(container ? { container } : { headless: true }),
      elements,
      style: buildStylesheet({ ...options, large, labelScale: () => this.labelK }),
      layout: { name: 'preset', fit: true, padding: 40 },
      minZoom: 0.02,
      maxZoom: 4,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : 'auto'
    })
    this.placeUnpositioned()
    if (container) {
      // The container may get its final size after mount; keep the view fitted until the user moves it.
      this.resizeObserver = new ResizeObserver(() => {
        this.#cy.resize()
        if (!this.userMovedViewport) this.fitVisible({ animate: false })
        this.scheduleLabels()
      })
      this.resizeObserver.observe(container)
      this.#cy.on('viewport', () => {
        if (this.programmaticViewport === 0 && !this.fitting) this.userMovedViewport = true
        // A zoom changes which labels collide; a pan which ones fit inside the canvas.
        this.scheduleLabels(true)
      })
      // The user's own zoom or pan interrupts a fit that is still animating.
      const interrupt = (): void => {
        if (this.fitting) this.stopFit()
      }
      this.#cy.on('tapstart', interrupt)
      container.addEventListener('wheel', interrupt, { passive: true, capture: true })
      this.#cy.on('add remove position data select unselect', () => this.scheduleLabels(true))
      this.regions = attachRegionLayer(this.#cy, container, () => this.scheduleLabels(true))
    }
    this.#cy.on('mouseover', 'node', (evt) => this.events.onHover?.(evt.target.id()))
    this.#cy.on('mouseout', 'node', () => this.events.onHover?.(null))
    this.#cy.on('cxttap', (evt) => {
      const target = evt.target
      const box = container?.getBoundingClientRect()
      const rp = evt.renderedPosition ?? { x: 0, y: 0 }
      this.events.onContextMenu?.({
        x: (box?.left ?? 0) + rp.x,
        y: (box?.top ?? 0) + rp.y,
        model: { ...evt.position },
        nodeId: target !== this.#cy && target.isNode() ? target.id() : null
      })
    })
    this.#cy.on('tap', (evt) => {
      const target = evt.target
      if (target === this.#cy) this.events.onSelect?.(null)
      else this.events.onSelect?.({ id: target.id(), group: target.isNode() ? 'nodes' : 'edges' })
    })
    // 'dragfree' fires once per node moved together; collect them and save once.
    this.#cy.on('dragfree', 'node', (evt) => {
      this.moved.set(evt.target.id(), { ...evt.target.position() })
      if (this.moved.size === 1) queueMicrotask(() => this.flushMoved())
    })
    this.unsubscribe = store.subscribe((e) => this.onStoreChange(e))
    // The e2e build only (`npm run build:web:e2e`): Playwright reads the canvas through
    // window.__kgCy. Production builds define the flag as '0', so this code is dropped from them.
    if (import.meta.env.VITE_KG_TEST_HOOKS === '1' && container && !options.offscreen) {
      ;(window as unknown as { __kgCy?: Core }).__kgCy = this.#cy
      ;(window as unknown as { __kgCanvas?: CyController }).__kgCanvas = this
    }
    this.scheduleLabels()
  }

  private dark: boolean
  private readonly hasContainer: boolean
  private regions: RegionLayer | null = null
  /** Label size factor at the current zoom (label-layout labelScale). */
  private labelK = 1
  private labelFrame = 0
  /** The zoom the label pass ran at, and whether elements changed since. */
  private labelsAtZoom = NaN
  private labelsDirty = true

  /** Sizes labels for the current zoom and runs the collision pass, once per frame at most. */
  private scheduleLabels(dirty = false): void {
    if (dirty) this.labelsDirty = true
    if (this.labelFrame || !this.hasContainer || typeof requestAnimationFrame === 'undefined')
      return
    this.labelFrame = requestAnimationFrame(() => {
      this.labelFrame = 0
      this.updateLabels()
    })
  }

  /**
   * Keeps labels LABEL_SCREEN_PX high on screen (down to MIN_LABEL_ZOOM) and lets lower-priority
   * labels move or give way where two would overlap (label-layout placeLabels). Large graphs keep one
   * size and Cytoscape's min-zoomed-font-size alone.
   */
  updateLabels(force = false): void {
    const cy = this.#cy
    if (this.isLarge()) {
      // One size and Cytoscape's own hiding: no label keeps a place or a hidden mark from before.
      const marked = cy.nodes(`.label-hidden, .${PLACE_CLASSES.split(' ').join(', .')}`)
      if (marked.nonempty()) marked.removeClass(`label-hidden ${PLACE_CLASSES}`)
      return
    }
    if (!force && !this.labelsDirty && cy.zoom() === this.labelsAtZoom) return
    this.labelsDirty = false
    this.labelsAtZoom = cy.zoom()
    const k = labelScale(cy.zoom())
    if (Math.abs(k - this.labelK) / this.labelK > 0.01) {
      this.labelK = k
      cy.style().update()
    }
    const { labels, bodies } = this.labelBoxes()
    const { hidden, placed } = placeLabels(labels, 1, 64, bodies)
    cy.batch(() => {
      cy.nodes('.label-hidden').forEach((n) => {
        if (!hidden.has(n.id())) n.removeClass('label-hidden')
      })
      for (const id of hidden) cy.getElementById(id).addClass('label-hidden')
      for (const [id, place] of placed) {
        const n = cy.getElementById(id)
        if (placeOf(n) === place) continue
        n.removeClass(PLACE_CLASSES)
        if (place !== 'below') n.addClass(`label-${place}`)
      }
    })
  }

  /**
   * The labels that would be drawn (visible, not faded, big enough), each with its box in every
   * place it may stand around its node (where it stands now first, so labels do not hop while
   * the view moves), and the bodies of the visible, unfaded nodes (a label moves or gives way
   * rather than cover another node).
   */
  private labelBoxes(): { labels: PlaceableLabel[]; bodies: Omit<LabelBox, 'priority'>[] } {
    const cy = this.#cy
    const zoom = cy.zoom()
    const pan = cy.pan()
    const gap = 4 * this.labelK * zoom
    const view = { x1: 0, y1: 0, x2: cy.width(), y2: cy.height() }
    const out: PlaceableLabel[] = []
    const bodies: Omit<LabelBox, 'priority'>[] = []
    // The lesson map's region names: node labels keep clear of them too.
    for (const b of this.regions?.nameBoxes() ?? []) bodies.push({ ...b })
    cy.nodes()
      .not('.hidden')
      .not('.faded')
      .forEach((n) => {
        const p = n.position()
        const hw = (n.width() / 2) * zoom
        const hh = (n.height() / 2) * zoom
        const c = { x: p.x * zoom + pan.x, y: p.y * zoom + pan.y }
        bodies.push({ id: n.id(), x1: c.x - hw, y1: c.y - hh, x2: c.x + hw, y2: c.y + hh })
        if (!n.data('wrapped') && !n.data('label')) return
        const fontPx = pstyle(n, 'font-size').pfValue * zoom
        if (fontPx < MIN_LABEL_PX) return
        const bb = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })
        if (![bb.x1, bb.x2, bb.y1, bb.y2].every(Number.isFinite) || bb.w === 0) return
        const pinned = n.selected() || n.hasClass('hover') || n.hasClass('path')
        const boxes = placeBoxes(bodies[bodies.length - 1]!, bb.w * zoom, bb.h * zoom, gap)
        const now = placeOf(n)
        out.push({
          id: n.id(),
          priority: labelPriority(n.data('kind') as NodeKind, this.degree.get(n.id()) ?? 0, pinned),
          places: insideOnly(
            [now, ...LABEL_PLACES.filter((p) => p !== now)].map((place) => ({ ...boxes[place], place })),
            view,
            pinned
          )
        })
      })
    return { labels: out, bodies }
  }

  /**
   * What the labels look like on screen now (after the label pass): per visible, unfaded node its
   * font size on screen in px, whether its label is drawn, and its box in rendered px. Runs the
   * label pass first, so it reflects the current zoom.
   */
  labelMetrics(): {
    id: string
    fontPx: number
    shown: boolean
    lines: number
    box: { x1: number; y1: number; x2: number; y2: number }
  }[] {
    this.updateLabels(true)
    const cy = this.#cy
    const zoom = cy.zoom()
    const pan = cy.pan()
    return cy
      .nodes()
      .not('.hidden')
      .not('.faded')
      .map((n) => {
        const fontPx = pstyle(n, 'font-size').pfValue * zoom
        const bb = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })
        const text = String(pstyle(n, 'label').strValue ?? '')
        return {
          id: n.id(),
          fontPx,
          shown:
            text !== '' &&
            fontPx >= MIN_LABEL_PX &&
            Number(pstyle(n, 'text-opacity').value) > 0 &&
            pstyle(n, 'display').value !== 'none',
          lines: text ? text.split('\n').length : 0,
          box: {
            x1: bb.x1 * zoom + pan.x,
            y1: bb.y1 * zoom + pan.y,
            x2: bb.x2 * zoom + pan.x,
            y2: bb.y2 * zoom + pan.y
          }
        }
      })
  }

  private moved = new Map<string, Position>()
  /** Degree per live node, for choosing the overview of a very large graph. */
  private degree = new Map<string, number>()

  /** Whether the canvas shows an overview (a subset) rather than every element. */
  get isOverview(): boolean {
    return this.store.nodes.size > OVERVIEW_NODES
  }

  private computeDegrees(): void {
    this.degree.clear()
    for (const e of this.store.edges.values()) {
      if (e.deletedAt) continue
      this.degree.set(e.source, (this.degree.get(e.source) ?? 0) + 1)
      this.degree.set(e.target, (this.degree.get(e.target) ?? 0) + 1)
    }
  }

  /**
   * The node ids the canvas should hold: every live node for ordinary graphs; for very large ones
   * the OVERVIEW_CAP best-connected of those not hidden (plus the selection).
   */
  private wantedNodeIds(hidden: ReadonlySet<string> | null): Set<string> | null {
    if (!this.isOverview) return null
    const candidates: string[] = []
    for (const n of this.store.nodes.values())
      if (!n.deletedAt && !hidden?.has(n.id)) candidates.push(n.id)
    if (candidates.length > OVERVIEW_CAP) {
      candidates.sort(
        (a, b) => (this.degree.get(b) ?? 0) - (this.degree.get(a) ?? 0) || (a < b ? -1 : 1)
      )
      candidates.length = OVERVIEW_CAP
    }
    const out = new Set(candidates)
    if (this.selectedId && this.store.node(this.selectedId)) out.add(this.selectedId)
    return out
  }

  private mountableElements(hidden: ReadonlySet<string> | null): ElementDefinition[] {
    const wanted = this.wantedNodeIds(hidden)
    const large = this.store.nodes.size > LARGE_GRAPH_NODES
    const nodes = (
      wanted ? [...wanted].map((id) => this.store.nodes.get(id)!) : this.store.liveNodes()
    ).map((n) => ({ ...n, title: this.labelOf(n) }))
    return toElements(nodes, this.store.liveEdges(), { shortLabels: large })
  }

  /** In overview mode, mounts exactly the wanted elements (adds what is missing, removes the rest). */
  /** Returns whether elements were mounted or removed (then the view is drawn in full again). */
  private syncOverview(hidden: ReadonlySet<string>): boolean {
    const wanted = this.wantedNodeIds(hidden)
    if (!wanted) return false
    const cy = this.#cy
    const before = cy.elements().length
    cy.nodes().forEach((n) => {
      if (!wanted.has(n.id())) n.remove()
    })
    const add: ElementDefinition[] = []
    for (const id of wanted) {
      const n = this.store.nodes.get(id)!
      if (cy.getElementById(id).empty())
        add.push(nodeElement({ ...n, title: this.labelOf(n) }, true))
    }
    for (const e of this.store.edges.values()) {
      if (e.deletedAt || !wanted.has(e.source) || !wanted.has(e.target)) continue
      if (cy.getElementById(e.id).empty()) add.push(edgeElement(e))
    }
    if (add.length) cy.add(add)
    return add.length > 0 || cy.elements().length !== before
  }

  private selectedId: string | null = null
  private labelOf: (n: GraphNode) => string = (n) => n.title

  /** Draws the current label of these nodes again (all nodes when `ids` is left out). */
  relabel(ids?: Iterable<string>): void {
    const short = this.store.nodes.size > LARGE_GRAPH_NODES
    const label = (el: NodeSingular): void => {
      const n = this.store.nodes.get(el.id())
      if (!n) return
      const data = nodeElement({ ...n, title: this.labelOf(n) }, short).data
      el.data({ label: data.label, wrapped: data.wrapped })
    }
    this.#cy.batch(() => {
      if (ids === undefined) this.#cy.nodes().forEach(label)
      else
        for (const id of ids) {
          const el = this.#cy.getElementById(id)
          if (el.nonempty() && el.isNode()) label(el)
        }
    })
  }
  private resizeObserver: ResizeObserver | null = null
  private userMovedViewport = false
  private programmaticViewport = 0

  private flushMoved(): void {
    const moved = this.moved
    this.moved = new Map()
    if (moved.size && !this.showsTempPositions) this.events.onNodesMoved?.(moved)
  }

  /** Nodes without a stored position get one from a quick layout of just those nodes. */
  private placeUnpositioned(): void {
    const loose = this.#cy.nodes().filter((n) => !this.store.nodes.get(n.id())?.position)
    if (loose.empty()) return
    const bb = this.#cy.nodes().difference(loose).boundingBox()
    const hasPlaced = loose.length < this.#cy.nodes().length
    loose
      .layout({
        name: 'grid',
        fit: false,
        avoidOverlap: true,
        boundingBox: hasPlaced
          ? {
              x1: bb.x1,
              y1: bb.y2 + 120,
              w: Math.max(bb.w, 600),
              h: Math.max(200, loose.length * 8)
            }
          : { x1: 0, y1: 0, w: Math.sqrt(loose.length) * 120, h: Math.sqrt(loose.length) * 120 }
      })
      .run()
    if (!hasPlaced) this.fitAll()
  }

  private onStoreChange(event: GraphChangeEvent): void {
    if (event.type === 'reset') {
      this.savedPositions = null
      // Every element is new: the next view is drawn in full.
      this.shown = null
      this.computeDegrees()
      this.#cy.batch(() => {
        this.#cy.elements().remove()
        this.#cy.add(this.mountableElements(null))
      })
      this.placeUnpositioned()
      this.fitAll()
      return
    }
    const { nodes, edges } = event.patch
    const overview = this.isOverview
    this.#cy.batch(() => {
      for (const n of nodes) {
        // An overview does not mount every node a bulk change touches, only new ones.
        if (
          overview &&
          !n.deletedAt &&
          this.#cy.getElementById(n.id).empty() &&
          n.createdAt !== n.updatedAt
        )
          continue
        this.upsert(
          n.deletedAt ? null : nodeElement({ ...n, title: this.labelOf(n) }, overview),
          n.id
        )
      }
      for (const e of edges) {
        const mounted =
          !overview ||
          (this.#cy.getElementById(e.source).nonempty() &&
            this.#cy.getElementById(e.target).nonempty())
        const ok = !e.deletedAt && this.store.node(e.source) && this.store.node(e.target) && mounted
        this.upsert(ok ? edgeElement(e) : null, e.id)
      }
    })
  }

  private upsert(def: ElementDefinition | null, id: string): void {
    const existing = this.#cy.getElementById(id)
    if (!def) {
      existing.remove()
      return
    }
    if (existing.empty()) {
      // A new element takes the classes the current view gives it.
      this.styleNew(this.#cy.add(def))
      return
    }
    existing.data(def.data)
    if (def.position && existing.isNode()) {
      if (this.savedPositions) {
        this.savedPositions.set(id, { ...def.position })
        return
      }
      const p = existing.position()
      if (p.x !== def.position.x || p.y !== def.position.y) existing.position(def.position)
    }
  }

  private edgehandles: { enableDrawMode(): void; disableDrawMode(): void; destroy(): void } | null =
    null

  /**
   * Turns drawing mode on or off: while on, dragging from one node to another proposes an edge
   * (`onConnect`); the temporary edge is removed at once, the form decides what is saved.
   */
  setDrawMode(on: boolean): void {
    if (!this.edgehandles) {
      const cy = this.#cy as Core & {
        edgehandles?: (o: object) => NonNullable<CyController['edgehandles']>
      }
      if (!cy.edgehandles) return
      this.edgehandles = cy.edgehandles({
        snap: true,
        noEdgeEventsInDraw: true,
        disableBrowserGestures: true
      })
      this.#cy.on('ehcomplete', (_evt, source, target, added) => {
        ;(added as { remove(): void }).remove()
        this.events.onConnect?.(
          (source as { id(): string }).id(),
          (target as { id(): string }).id()
        )
      })
    }
    if (on) this.edgehandles.enableDrawMode()
    else this.edgehandles.disableDrawMode()
  }

  /** Fits the whole graph without counting as a user move of the viewport. */
  private fitAll(): void {
    this.fitVisible({ animate: false })
  }

  /** The view drawn last: the next one changes only what differs from it. */
  private shown: CanvasView | null = null

  /**
   * Draws one state of the map: hidden, faded and highlighted elements, centrality sizes, cluster
   * colours and, for a lens, temporary positions (the saved ones come back when the lens is off).
   * Only what differs from the view drawn before is touched, so a view that changes a few elements
   * costs a few element updates, not a restyle of the whole map.
   */
  applyView(view: CanvasView): void {
    if (view === this.shown) return
    const cy = this.#cy
    const before = this.shown
    cy.batch(() => {
      if (this.syncOverview(view.hidden)) this.shown = null
      const prev = this.shown
      for (const [cls, pick] of VIEW_CLASSES)
        syncClass(cy, cls, pick(view), prev ? pick(prev) : null)
      if (!prev || prev.sizes !== view.sizes) {
        cy.elements('.sized').removeClass('sized')
        if (view.sizes)
          for (const [id, size] of view.sizes)
            cy.getElementById(id).data('size', size).addClass('sized')
      }
      if (!prev || prev.clusterOf !== view.clusterOf || prev.sizes !== view.sizes) {
        cy.elements('.clustered').removeClass('clustered')
        if (view.clusterOf)
          for (const [id, c] of view.clusterOf)
            cy.getElementById(id)
              .data('clusterColor', CLUSTER_COLORS[c % CLUSTER_COLORS.length])
              .addClass('clustered')
        this.drawRegions(view)
      }
      if (!before || before.tempPositions !== view.tempPositions)
        this.setTempPositions(view.tempPositions)
    })
    this.shown = view
    this.scheduleLabels(true)
  }

  /** The lesson map's clusters, named by their lead member as shown (see cluster-regions). */
  clusterLegend(
    view: Pick<CanvasView, 'clusterOf' | 'sizes'> | null = this.shown
  ): (ClusterEntry & { name: string })[] {
    if (!view) return []
    return clusterLegend(
      view.clusterOf,
      view.sizes,
      (id) => this.store.nodes.get(id)?.kind
    ).map((e) => {
      const n = this.store.nodes.get(e.leadId)
      return { ...e, name: n ? this.labelOf(n) : e.leadId }
    })
  }

  private drawRegions(view: CanvasView): void {
    if (!this.regions) return
    const names = new Map(
      this.clusterLegend(view).map((e) => [e.cluster, { ordinal: e.ordinal, name: e.name }])
    )
    this.regions.set(view.clusterOf, { dark: this.dark, names })
  }

  /** The boxes of the region names drawn last, in rendered px (node labels keep clear of them). */
  regionNameBoxes(): readonly { x1: number; y1: number; x2: number; y2: number }[] {
    return this.regions?.nameBoxes() ?? []
  }

  /** The cluster regions drawn last, in rendered px (tests read them through the e2e hook). */
  drawnRegions(): readonly DrawnRegion[] {
    return this.regions?.drawn() ?? []
  }

  /** Gives a newly mounted element the classes and data the current view has for it. */
  private styleNew(el: ReturnType<Core['add']>): void {
    const view = this.shown
    if (!view) return
    el.forEach((e) => {
      const id = e.id()
      for (const [cls, pick] of VIEW_CLASSES) if (pick(view).has(id)) e.addClass(cls)
      const size = view.sizes?.get(id)
      if (size !== undefined) e.data('size', size).addClass('sized')
      const c = view.clusterOf?.get(id)
      if (c !== undefined)
        e.data('clusterColor', CLUSTER_COLORS[c % CLUSTER_COLORS.length]).addClass('clustered')
    })
  }

  /** Whether a lens currently shows temporary positions (moves are then not saved). */
  get showsTempPositions(): boolean {
    return this.savedPositions !== null
  }

  private savedPositions: Map<string, Position> | null = null

  private setTempPositions(temp: Map<string, Position> | null): void {
    if (temp) {
      if (!this.savedPositions) {
        this.savedPositions = new Map()
        this.#cy.nodes().forEach((n) => void this.savedPositions!.set(n.id(), { ...n.position() }))
      } else {
        // From one set of temporary positions to another: the nodes the new set leaves out go back.
        for (const [id, p] of this.savedPositions)
          if (!temp.has(id))
            this.#cy.getElementById(id).position(this.store.nodes.get(id)?.position ?? p)
      }
      for (const [id, p] of temp) this.#cy.getElementById(id).position(p)
      return
    }
    if (!this.savedPositions) return
    for (const [id, p] of this.savedPositions) {
      const stored = this.store.nodes.get(id)?.position
      this.#cy.getElementById(id).position(stored ?? p)
    }
    this.savedPositions = null
  }

  /** Whether a fit animation is running (its viewport events are not the user's). */
  private fitting = false
  /** The overlay in the corner of the canvas (the minimap) that a fit keeps nodes out of. */
  private cornerOverlay: HTMLElement | null = null

  private stopFit(): void {
    this.#cy.stop(true, false)
    this.fitting = false
  }

  /**
   * Fits what the view shows: the nodes neither hidden nor faded (a path, search matches, a focus,
   * a lens), or every visible node when none stands out. Animated (unless `animate: false` or a
   * large graph) and interruptible: a new fit, or the user's zoom or pan, stops the one running.
   * Leaves room for labels around the nodes and keeps them out from under the minimap.
   */
  fitVisible(options: { animate?: boolean } = {}): void {
    const cy = this.#cy
    let eles = cy.nodes().not('.hidden').not('.faded')
    if (eles.empty()) eles = cy.nodes().not('.hidden')
    if (eles.empty()) return
    const target = this.fitTarget(eles)
    this.stopFit()
    const animate = (options.animate ?? true) && !this.isLarge() && this.hasContainer
    if (!animate) {
      this.programmaticViewport++
      try {
        cy.viewport(target)
      } finally {
        this.programmaticViewport--
      }
      this.scheduleLabels()
      return
    }
    this.fitting = true
    cy.animate(
      { zoom: target.zoom, pan: target.pan },
      {
        duration: 300,
        easing: 'ease-in-out-cubic',
        complete: () => {
          this.fitting = false
          this.scheduleLabels()
        }
      }
    )
  }

  /** Where a fit of `eles` ends: zoom and pan. */
  private fitTarget(eles: ReturnType<Core['nodes']>): { zoom: number; pan: Position } {
    const cy = this.#cy
    const W = cy.width() || 800
    const H = cy.height() || 600
    const bb = eles.boundingBox({ includeLabels: false, includeOverlays: false })
    // Room for a two-line label under the lowest nodes and half a label beside the outer ones.
    const pad = { left: 90, right: 90, top: 36, bottom: 56 }
    const zoomFor = (p: typeof pad): number => {
      const z = Math.min(
        (W - p.left - p.right) / Math.max(bb.w, 1),
        (H - p.top - p.bottom) / Math.max(bb.h, 1)
      )
      // One node or a tight group: do not blow it up past a comfortable reading zoom.
      return Math.max(cy.minZoom(), Math.min(z, 1.5))
    }
    const place = (p: typeof pad, zoom: number): Position => ({
      x: p.left + (W - p.left - p.right) / 2 - (bb.x1 + bb.w / 2) * zoom,
      y: p.top + (H - p.top - p.bottom) / 2 - (bb.y1 + bb.h / 2) * zoom
    })
    let best = { zoom: zoomFor(pad), pan: place(pad, zoomFor(pad)) }
    const corner = this.cornerRect()
    if (corner && this.coversNodes(eles, best, corner)) {
      // Nodes would sit under the minimap: give up the room beside it or above it, whichever
      // keeps the larger zoom.
      const options = [
        { ...pad, right: Math.max(pad.right, W - corner.x1 + 12) },
        { ...pad, bottom: Math.max(pad.bottom, H - corner.y1 + 12) }
      ].map((p) => ({ zoom: zoomFor(p), pan: place(p, zoomFor(p)) }))
      best = options[0]!.zoom >= options[1]!.zoom ? options[0]! : options[1]!
    }
    return best
  }

  /** The corner overlay's box in canvas px, when it is shown. */
  private cornerRect(): { x1: number; y1: number } | null {
    const el = this.cornerOverlay
    const container = this.#cy.container()
    if (!el || !container || !el.isConnected || el.offsetParent === null) return null
    const a = el.getBoundingClientRect()
    const b = container.getBoundingClientRect()
    if (a.width === 0) return null
    return { x1: a.left - b.left - 8, y1: a.top - b.top - 8 }
  }

  private coversNodes(
    eles: ReturnType<Core['nodes']>,
    at: { zoom: number; pan: Position },
    corner: { x1: number; y1: number }
  ): boolean {
    let hit = false
    eles.forEach((n) => {
      if (hit) return
      const p = n.position()
      const r = (Math.max(n.width(), n.height()) / 2) * at.zoom
      const x = p.x * at.zoom + at.pan.x
      const y = p.y * at.zoom + at.pan.y + 30 // and its label below
      if (x + r > corner.x1 && y + r > corner.y1) hit = true
    })
    return hit
  }

  /** Centres the view on a node and zooms in to a readable level. */
  centerOn(id: string): void {
    const n = this.#cy.getElementById(id)
    if (n.empty()) return
    const zoom = Math.max(this.#cy.zoom(), 1)
    this.stopFit()
    this.#cy.animate({ center: { eles: n }, zoom }, { duration: this.isLarge() ? 0 : 250 })
  }

  /**
   * The visible neighbour of `id` that lies most in the direction of an arrow key, for keyboard
   * navigation; undefined when there is none.
   */
  neighbourInDirection(id: string, dir: 'left' | 'right' | 'up' | 'down'): string | undefined {
    const n = this.#cy.getElementById(id)
    if (n.empty() || !n.isNode()) return undefined
    const p = n.position()
    const want = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[dir]
    let best: string | undefined
    let bestScore = -Infinity
    n.neighborhood('node')
      .not('.hidden')
      .forEach((m) => {
        const q = m.position()
        const dx = q.x - p.x
        const dy = q.y - p.y
        const len = Math.hypot(dx, dy) || 1
        const cos = (dx * want[0]! + dy * want[1]!) / len
        if (cos <= 0.2) return
        const score = cos * 2 - len / 2000
        if (score > bestScore) {
          bestScore = score
          best = m.id()
        }
      })
    return best
  }

  /** Highlights a node's neighbourhood while hovering; `null` clears it. */
  hover(id: string | null): void {
    const cy = this.#cy
    cy.batch(() => {
      cy.elements('.hover, .dimmed').removeClass('hover dimmed')
      if (!id || this.isLarge()) return
      const n = cy.getElementById(id)
      if (n.empty()) return
      const hood = n.closedNeighborhood()
      hood.addClass('hover')
      cy.elements().not(hood).not('.hidden').addClass('dimmed')
    })
    this.scheduleLabels(true)
  }

  private isLarge(): boolean {
    return this.#cy.nodes().length > LARGE_GRAPH_NODES
  }

  /**
   * Shows a saved view's zoom and pan when, in this window, it still shows every shown node and
   * fills at least half the width or height; otherwise fits what is shown (a viewport saved at
   * another window size, or before the view fitted, would open small or cut nodes off).
   * Returns whether the saved viewport was kept.
   */
  restoreViewport(viewport: { zoom: number; pan: Position }): boolean {
    const cy = this.#cy
    let eles = cy.nodes().not('.hidden').not('.faded')
    if (eles.empty()) eles = cy.nodes().not('.hidden')
    const W = cy.width()
    const H = cy.height()
    if (eles.nonempty() && W > 0 && H > 0) {
      const bb = eles.boundingBox({ includeLabels: false, includeOverlays: false })
      const z = viewport.zoom
      const x1 = bb.x1 * z + viewport.pan.x
      const y1 = bb.y1 * z + viewport.pan.y
      const x2 = bb.x2 * z + viewport.pan.x
      const y2 = bb.y2 * z + viewport.pan.y
      const inside = x1 >= 0 && y1 >= 0 && x2 <= W && y2 <= H
      const fills = Math.max((x2 - x1) / W, (y2 - y1) / H) >= 0.5
      if (inside && fills) {
        this.stopFit()
        this.setViewport(viewport)
        return true
      }
    }
    this.fitVisible()
    return false
  }

  /** Restores a saved zoom and pan. */
  setViewport(viewport: { zoom: number; pan: Position }): void {
    this.userMovedViewport = true
    this.#cy.viewport({ zoom: viewport.zoom, pan: viewport.pan })
  }

  /** Fits every visible node (the toolbar's "fit"), animated. */
  fit(): void {
    this.fitVisible()
  }

  zoomBy(factor: number): void {
    const c = { x: this.#cy.width() / 2, y: this.#cy.height() / 2 }
    this.#cy.zoom({ level: this.#cy.zoom() * factor, renderedPosition: c })
  }

  select(id: string | null): void {
    this.selectedId = id
    this.#cy.$(':selected').unselect()
    if (id) this.#cy.getElementById(id).select()
  }

  setDark(dark: boolean): void {
    this.dark = dark
    this.#cy.style(
      buildStylesheet({
        dark,
        large: this.#cy.nodes().length > LARGE_GRAPH_NODES,
        labelScale: () => this.labelK
      })
    )
    if (this.shown) this.drawRegions(this.shown)
  }

  /** The first node the view shows (keyboard navigation with nothing selected). */
  firstVisibleNodeId(): string | undefined {
    const first = this.#cy.nodes().not('.hidden').first()
    return first.nonempty() ? first.id() : undefined
  }

  /** The ids of the mounted nodes the view does not hide. */
  visibleNodeIds(): Set<string> {
    return new Set(
      this.#cy
        .nodes()
        .not('.hidden')
        .map((n) => n.id())
    )
  }

  /** The positions of the visible nodes as drawn (a lens's temporary positions included). */
  visiblePositions(): Map<string, Position> {
    const out = new Map<string, Position>()
    this.#cy
      .nodes()
      .not('.hidden')
      .forEach((n) => void out.set(n.id(), { ...n.position() }))
    return out
  }

  /** The current zoom and pan (see setViewport). */
  viewport(): { zoom: number; pan: Position } {
    return { zoom: this.#cy.zoom(), pan: { ...this.#cy.pan() } }
  }

  /** The centre of the visible area in model coordinates, rounded (where a new node goes). */
  viewportCentre(): Position {
    const ext = this.#cy.extent()
    return { x: Math.round(ext.x1 + ext.w / 2), y: Math.round(ext.y1 + ext.h / 2) }
  }

  /** The kinds of the visible nodes and edges, for a snapshot's legend. */
  visibleKinds(): { nodes: NodeKind[]; edges: EdgeKind[] } {
    const nodes = new Set<NodeKind>()
    const edges = new Set<EdgeKind>()
    this.#cy
      .nodes()
      .not('.hidden')
      .forEach((n) => void nodes.add(n.data('kind') as NodeKind))
    this.#cy
      .edges()
      .not('.hidden')
      .forEach((e) => void edges.add(e.data('kind') as EdgeKind))
    return { nodes: [...nodes], edges: [...edges] }
  }

  /**
   * The visible map as a PNG with a title band and legend (see graph-view/snapshot): the same
   * drawing as the SVG, without selection, hover or keyboard highlight.
   */
  async renderPng(frame: SnapshotFrame, options: PngOptions): Promise<Uint8Array> {
    const { renderPng } = await import('./snapshot')
    return renderPng(this.#cy, frame, { ...options, large: this.isLarge() })
  }

  /** The visible map as an SVG document with a title band and legend (see graph-view/snapshot). */
  async renderSvg(
    frame: SnapshotFrame,
    options: { background?: 'white' | 'transparent'; spread?: boolean } = {}
  ): Promise<string> {
    const { renderSvg } = await import('./snapshot')
    return renderSvg(this.#cy, frame, { ...options, large: this.isLarge() })
  }

  /** What an export of the visible map draws (for PDF pages: graph-view/pdf), as plain data. */
  async exportScene(): Promise<MapScene> {
    const { sceneOf } = await import('./snapshot')
    return sceneOf(this.#cy, this.isLarge())
  }

  /** Draws a live overview of the map into a canvas element; returns the function that detaches it. */
  attachMinimap(el: HTMLCanvasElement, options: MinimapOptions): () => void {
    this.cornerOverlay = el
    const detach = attachMinimap(this.#cy, el, options)
    return () => {
      if (this.cornerOverlay === el) this.cornerOverlay = null
      detach()
    }
  }

  destroy(): void {
    if (import.meta.env.VITE_KG_TEST_HOOKS === '1' && typeof window !== 'undefined') {
      const w = window as unknown as { __kgCy?: Core }
      if (w.__kgCy === this.#cy) delete w.__kgCy
      const c = window as unknown as { __kgCanvas?: CyController }
      if (c.__kgCanvas === this) delete c.__kgCanvas
    }
    if (this.labelFrame) cancelAnimationFrame(this.labelFrame)
    this.regions?.destroy()
    this.edgehandles?.destroy()
    this.resizeObserver?.disconnect()
    this.unsubscribe()
    this.#cy.destroy()
  }
}

/**
 * The Cytoscape core behind a controller, for unit tests and benchmarks only: app code uses the
 * controller's methods, and lint forbids importing this outside graph-view.
 */
export function cytoscapeCoreForTests(controller: CyController): Core {
  return coreOf(controller)
}

/** An element's parsed style property (Cytoscape's `pstyle`, missing from its typings). */
function pstyle(
  el: unknown,
  name: string
): { pfValue: number; value: unknown; strValue?: string } {
  return (el as { pstyle(n: string): { pfValue: number; value: unknown; strValue?: string } }).pstyle(
    name
  )
}

/** The class per view set, drawn by {@link CyController.applyView}. */
const VIEW_CLASSES: readonly [string, (v: CanvasView) => ReadonlySet<string>][] = [
  ['hidden', (v) => v.hidden],
  ['faded', (v) => v.faded],
  ['path', (v) => v.highlighted],
  ['single-voice', (v) => v.singleVoice],
  ['contested', (v) => v.contested]
]

/** Gives `cls` to exactly the elements in `next`, touching only those that differ from `prev`. */
function syncClass(
  cy: Core,
  cls: string,
  next: ReadonlySet<string>,
  prev: ReadonlySet<string> | null
): void {
  if (prev === next) return
  if (prev === null) {
    cy.elements(`.${cls}`).removeClass(cls)
    for (const id of next) cy.getElementById(id).addClass(cls)
    return
  }
  for (const id of prev) if (!next.has(id)) cy.getElementById(id).removeClass(cls)
  for (const id of next) if (!prev.has(id)) cy.getElementById(id).addClass(cls)
}

/** The classes that move a label from below its node (see the stylesheet). */
const PLACE_CLASSES = 'label-above label-right label-left'

/** Where a node's label stands now. */
function placeOf(n: NodeSingular): LabelPlace {
  if (n.hasClass('label-above')) return 'above'
  if (n.hasClass('label-right')) return 'right'
  if (n.hasClass('label-left')) return 'left'
  return 'below'
}

/**
 * The `places` that lie wholly inside `view` (the canvas, rendered px), in order: a label is never
 * cut off by the canvas edge; with no place inside it gives way (it returns when the view moves).
 * A pinned label (selected, hovered, on a path) keeps its first place when none is inside.
 */
function insideOnly<B extends { x1: number; y1: number; x2: number; y2: number }>(
  places: B[],
  view: { x1: number; y1: number; x2: number; y2: number },
  pinned: boolean
): B[] {
  const inside = places.filter((b) => b.x1 >= view.x1 && b.y1 >= view.y1 && b.x2 <= view.x2 && b.y2 <= view.y2)
  return inside.length || !pinned ? inside : places.slice(0, 1)
}
