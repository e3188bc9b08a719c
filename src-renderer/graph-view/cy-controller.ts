import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import type { Position } from '../domain/node-kinds'
import type { GraphChangeEvent, GraphStore } from '../storage/graph-store'
import { buildStylesheet } from './stylesheet'
import { edgeElement, nodeElement, toElements } from './to-elements'

/** Above this many nodes the canvas runs in large-graph mode (textures while panning, no edge drawing on pan). */
export const LARGE_GRAPH_NODES = 2000

export interface CyControllerEvents {
  onSelect?: (selection: { id: string; group: 'nodes' | 'edges' } | null) => void
  /** Called after the user drags nodes; positions are to be saved. */
  onNodesMoved?: (positions: Map<string, Position>) => void
}

/**
 * Owns the one Cytoscape instance. It mirrors the GraphStore: a reset replaces all elements, a patch
 * updates the touched elements by id in one batch. It never writes data itself; moved positions go out
 * through `onNodesMoved`.
 */
export class CyController {
  readonly cy: Core
  private unsubscribe: () => void

  constructor(
    container: HTMLElement | undefined,
    private readonly store: GraphStore,
    private readonly events: CyControllerEvents = {},
    options: { dark?: boolean } = {}
  ) {
    const elements = toElements(store.liveNodes(), store.liveEdges())
    const large = store.nodes.size > LARGE_GRAPH_NODES
    this.cy = cytoscape({
      ...(container ? { container } : { headless: true }),
      elements,
      style: buildStylesheet({ ...options, large }),
      layout: { name: 'preset', fit: true, padding: 40 },
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : 'auto'
    })
    this.placeUnpositioned()
    if (container) {
      // The container may get its final size after mount; keep the view fitted until the user moves it.
      this.resizeObserver = new ResizeObserver(() => {
        this.cy.resize()
        if (!this.userMovedViewport) this.fitAll()
      })
      this.resizeObserver.observe(container)
      this.cy.on('viewport', () => {
        if (this.programmaticViewport === 0) this.userMovedViewport = true
      })
    }
    this.cy.on('tap', (evt) => {
      const target = evt.target
      if (target === this.cy) this.events.onSelect?.(null)
      else this.events.onSelect?.({ id: target.id(), group: target.isNode() ? 'nodes' : 'edges' })
    })
    // 'dragfree' fires once per node moved together; collect them and save once.
    this.cy.on('dragfree', 'node', (evt) => {
      this.moved.set(evt.target.id(), { ...evt.target.position() })
      if (this.moved.size === 1) queueMicrotask(() => this.flushMoved())
    })
    this.unsubscribe = store.subscribe((e) => this.onStoreChange(e))
  }

  private moved = new Map<string, Position>()
  private resizeObserver: ResizeObserver | null = null
  private userMovedViewport = false
  private programmaticViewport = 0

  private flushMoved(): void {
    const moved = this.moved
    this.moved = new Map()
    if (moved.size) this.events.onNodesMoved?.(moved)
  }

  /** Nodes without a stored position get one from a quick layout of just those nodes. */
  private placeUnpositioned(): void {
    const loose = this.cy.nodes().filter((n) => !this.store.nodes.get(n.id())?.position)
    if (loose.empty()) return
    const bb = this.cy.nodes().difference(loose).boundingBox()
    const hasPlaced = loose.length < this.cy.nodes().length
    loose
      .layout({
        name: 'grid',
        fit: false,
        avoidOverlap: true,
        boundingBox: hasPlaced
          ? { x1: bb.x1, y1: bb.y2 + 120, w: Math.max(bb.w, 600), h: Math.max(200, loose.length * 8) }
          : { x1: 0, y1: 0, w: Math.sqrt(loose.length) * 120, h: Math.sqrt(loose.length) * 120 }
      })
      .run()
    if (!hasPlaced) this.fitAll()
  }

  private onStoreChange(event: GraphChangeEvent): void {
    if (event.type === 'reset') {
      this.cy.batch(() => {
        this.cy.elements().remove()
        this.cy.add(toElements(this.store.liveNodes(), this.store.liveEdges()))
      })
      this.placeUnpositioned()
      this.fitAll()
      return
    }
    const { nodes, edges } = event.patch
    this.cy.batch(() => {
      for (const n of nodes) this.upsert(n.deletedAt ? null : nodeElement(n), n.id)
      for (const e of edges) {
        const ok = !e.deletedAt && this.store.node(e.source) && this.store.node(e.target)
        this.upsert(ok ? edgeElement(e) : null, e.id)
      }
    })
  }

  private upsert(def: ElementDefinition | null, id: string): void {
    const existing = this.cy.getElementById(id)
    if (!def) {
      existing.remove()
      return
    }
    if (existing.empty()) {
      this.cy.add(def)
      return
    }
    existing.data(def.data)
    if (def.position && existing.isNode()) {
      const p = existing.position()
      if (p.x !== def.position.x || p.y !== def.position.y) existing.position(def.position)
    }
  }

  /** Fits the whole graph without counting as a user move of the viewport. */
  private fitAll(): void {
    this.programmaticViewport++
    try {
      this.cy.fit(undefined, 40)
    } finally {
      this.programmaticViewport--
    }
  }

  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements(), padding: 40 } }, { duration: 250 })
  }

  zoomBy(factor: number): void {
    const c = { x: this.cy.width() / 2, y: this.cy.height() / 2 }
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: c })
  }

  select(id: string | null): void {
    this.cy.$(':selected').unselect()
    if (id) this.cy.getElementById(id).select()
  }

  setDark(dark: boolean): void {
    this.cy.style(buildStylesheet({ dark, large: this.cy.nodes().length > LARGE_GRAPH_NODES }))
  }

  destroy(): void {
    this.resizeObserver?.disconnect()
    this.unsubscribe()
    this.cy.destroy()
  }
}
