import type { Core } from 'cytoscape'
import type { NodeKind } from '../domain/node-kinds'
import { KIND_LABEL_WEIGHT, overlaps } from './label-layout'
import { CLUSTER_COLORS } from './stylesheet'

/**
 * Clusters of the lesson map drawn as named regions: a light, rounded hull behind each cluster's
 * nodes with its number and name on top, on a canvas layer under Cytoscape's own. The lesson map
 * places each cluster on its own circle in its own cell (canvas-view clusterPositions), so convex
 * hulls do not overlap; a bubble-set library (cytoscape-bubblesets needs cytoscape-layers) would add
 * two dependencies for shapes these layouts do not need.
 */

export interface ClusterEntry {
  /** Cluster number as computed (Louvain), and its place in the legend (1-based). */
  cluster: number
  ordinal: number
  color: string
  /** The member that names the cluster: the most central, then the weightiest kind, then id. */
  leadId: string
  size: number
}

/** The colour of a cluster number. */
export function clusterColor(cluster: number): string {
  return CLUSTER_COLORS[cluster % CLUSTER_COLORS.length]!
}

/**
 * The legend of the lesson map's clusters, largest first (ties by number). Pure: `kindOf` says a
 * member's kind, `sizes` its centrality size (both from the canvas view).
 */
export function clusterLegend(
  clusterOf: ReadonlyMap<string, number> | null,
  sizes: ReadonlyMap<string, number> | null,
  kindOf: (id: string) => NodeKind | undefined
): ClusterEntry[] {
  if (!clusterOf) return []
  const groups = new Map<number, string[]>()
  for (const [id, c] of clusterOf) {
    let g = groups.get(c)
    if (!g) groups.set(c, (g = []))
    g.push(id)
  }
  const score = (id: string): [number, number] => [
    sizes?.get(id) ?? 0,
    KIND_LABEL_WEIGHT[kindOf(id) ?? 'quote'] ?? 0
  ]
  const out: Omit<ClusterEntry, 'ordinal'>[] = []
  for (const [cluster, ids] of groups) {
    let lead = ids[0]!
    for (const id of ids) {
      const [a, b] = score(id)
      const [la, lb] = score(lead)
      if (a > la || (a === la && (b > lb || (b === lb && id < lead)))) lead = id
    }
    out.push({ cluster, color: clusterColor(cluster), leadId: lead, size: ids.length })
  }
  out.sort((a, b) => b.size - a.size || a.cluster - b.cluster)
  return out.map((e, i) => ({ ...e, ordinal: i + 1 }))
}

export interface Point {
  x: number
  y: number
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, without repeated end point. */
export function convexHull(points: readonly Point[]): Point[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y)
  if (pts.length < 3) return pts
  const cross = (o: Point, a: Point, b: Point): number =>
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
  const lower: Point[] = []
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop()
    lower.push(p)
  }
  const upper: Point[] = []
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop()
    upper.push(p)
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)]
}

/** The hull around circles (node centre, radius): each circle sampled at 12 points. */
export function hullAround(circles: readonly (Point & { r: number })[]): Point[] {
  const pts: Point[] = []
  for (const c of circles)
    for (let i = 0; i < 12; i++) {
      const a = (Math.PI * 2 * i) / 12
      pts.push({ x: c.x + c.r * Math.cos(a), y: c.y + c.r * Math.sin(a) })
    }
  return convexHull(pts)
}

export interface RegionStyle {
  dark: boolean
  /** Name per cluster number, as shown (projected names). */
  names: ReadonlyMap<number, { ordinal: number; name: string }>
}

/** A region as drawn last: cluster number, colour, hull and name position, in rendered px. */
export interface DrawnRegion {
  cluster: number
  color: string
  name: string
  hull: Point[]
  nameAt: Point
}

/**
 * Keeps a canvas layer under the Cytoscape canvases of `container` and draws the regions of the
 * nodes with a `clusterOf` entry that are not hidden, on every render. Returns the layer's handle.
 */
export interface RegionLayer {
  set(next: ReadonlyMap<string, number> | null, nextStyle: RegionStyle): void
  /** What was drawn last (for tests and the e2e hook). */
  drawn(): readonly DrawnRegion[]
  /** The boxes of the names drawn last, in rendered px (node labels keep clear of them). */
  nameBoxes(): readonly NameBox[]
  destroy(): void
}

/** A region name's box on screen, rendered px. */
export interface NameBox {
  id: string
  x1: number
  y1: number
  x2: number
  y2: number
}

/**
 * `onNames` is called when the names' boxes change (a new lens, zoom or pan), so the label pass can
 * run again with them as obstacles.
 */
export function attachRegionLayer(cy: Core, container: HTMLElement, onNames?: () => void): RegionLayer {
  const layer = document.createElement('canvas')
  layer.className = 'kg-cluster-layer'
  layer.setAttribute('aria-hidden', 'true')
  layer.dataset.testid = 'cluster-layer'
  Object.assign(layer.style, {
    position: 'absolute',
    inset: '0',
    pointerEvents: 'none'
  })
  container.insertBefore(layer, container.firstChild)
  let clusterOf: ReadonlyMap<string, number> | null = null
  let style: RegionStyle = { dark: false, names: new Map() }
  let drawn: DrawnRegion[] = []
  let nameBoxes: NameBox[] = []
  let nameKey = ''
  const draw = (): void => {
    const w = container.clientWidth
    const h = container.clientHeight
    const ratio = window.devicePixelRatio || 1
    if (layer.width !== Math.round(w * ratio) || layer.height !== Math.round(h * ratio)) {
      layer.width = Math.round(w * ratio)
      layer.height = Math.round(h * ratio)
      layer.style.width = `${w}px`
      layer.style.height = `${h}px`
    }
    const ctx = layer.getContext('2d')
    if (!ctx) return
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
    ctx.clearRect(0, 0, w, h)
    drawn = []
    const before = nameKey
    nameBoxes = []
    nameKey = ''
    if (!clusterOf) {
      if (before) onNames?.()
      return
    }
    const groups = new Map<number, (Point & { r: number })[]>()
    const zoom = cy.zoom()
    for (const [id, c] of clusterOf) {
      const n = cy.getElementById(id)
      if (n.empty() || n.hasClass('hidden')) continue
      const p = n.renderedPosition()
      const r = (Math.max(n.width(), n.height()) / 2) * zoom + 14
      let g = groups.get(c)
      if (!g) groups.set(c, (g = []))
      g.push({ x: p.x, y: p.y, r })
    }
    const names: { cluster: number; name: string; color: string; at: Point; room: number; size: number }[] = []
    for (const [c, circles] of groups) {
      const hull = hullAround(circles)
      if (hull.length < 3) continue
      const color = clusterColor(c)
      ctx.beginPath()
      hull.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)))
      ctx.closePath()
      ctx.globalAlpha = style.dark ? 0.22 : 0.12
      ctx.fillStyle = color
      ctx.fill()
      ctx.globalAlpha = 0.75
      ctx.lineJoin = 'round'
      ctx.lineWidth = 1.5
      ctx.strokeStyle = color
      ctx.setLineDash([6, 4])
      ctx.stroke()
      ctx.setLineDash([])
      ctx.globalAlpha = 1
      const top = hull.reduce((a, b) => (b.y < a.y ? b : a))
      const minX = Math.min(...hull.map((p) => p.x))
      const maxX = Math.max(...hull.map((p) => p.x))
      const label = style.names.get(c)
      const name = label ? `${label.ordinal} · ${label.name}` : ''
      const nameAt = { x: (minX + maxX) / 2, y: top.y - 4 }
      if (name && maxX - minX + 40 >= 72)
        names.push({ cluster: c, name, color, at: nameAt, room: maxX - minX + 40, size: circles.length })
      drawn.push({ cluster: c, color, name, hull, nameAt })
    }
    // Names last, larger groups first. A name is written whole where its box meets no name written
    // before (a one-node group's name is wider than its region); otherwise it stays within its
    // region's width (so names of neighbouring regions never overlap), and zoomed far out, where not
    // even the number and a word fit, it is left out.
    ctx.font = '600 13px Inter, "Segoe UI", system-ui, sans-serif'
    ctx.textAlign = 'center'
    ctx.textBaseline = 'bottom'
    type Box = { x1: number; x2: number; y1: number; y2: number }
    const boxOf = (at: Point, tw: number): Box => ({ x1: at.x - tw / 2 - 6, x2: at.x + tw / 2 + 6, y1: at.y - 18, y2: at.y + 2 })
    // Every name may take its region's width: a name written whole keeps clear of those too.
    const own = names.map((n) => boxOf(n.at, Math.min(ctx.measureText(n.name).width, n.room)))
    const clear = (b: Box, self: number): boolean =>
      b.x1 >= 0 &&
      b.x2 <= w &&
      nameBoxes.every((t) => !overlaps(b, t)) &&
      own.every((o, i) => i === self || !overlaps(b, o))
    const order = names.map((n, i) => ({ n, i })).sort((a, b) => b.n.size - a.n.size)
    for (const { n, i } of order) {
      let text = n.name
      if (!clear(boxOf(n.at, ctx.measureText(text).width), i))
        while (text.length > 4 && ctx.measureText(text).width > n.room) text = `${text.slice(0, -2)}…`
      const box = boxOf(n.at, ctx.measureText(text).width)
      nameBoxes.push({ id: `region-name-${n.cluster}`, ...box })
      ctx.fillStyle = style.dark ? 'rgba(26,27,30,0.85)' : 'rgba(255,255,255,0.85)'
      ctx.beginPath()
      ctx.roundRect(box.x1, box.y1, box.x2 - box.x1, box.y2 - box.y1, 6)
      ctx.fill()
      ctx.fillStyle = style.dark ? lighten(n.color) : n.color
      ctx.fillText(text, n.at.x, n.at.y)
    }
    nameKey = nameBoxes.map((b) => `${b.id}:${Math.round(b.x1)},${Math.round(b.y1)},${Math.round(b.x2)}`).join('|')
    if (nameKey !== before) onNames?.()
  }
  let frame = 0
  const schedule = (): void => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0
        draw()
      })
  }
  cy.on('render', schedule)
  return {
    set(next: ReadonlyMap<string, number> | null, nextStyle: RegionStyle): void {
      clusterOf = next && next.size ? next : null
      style = nextStyle
      schedule()
    },
    drawn: (): readonly DrawnRegion[] => drawn,
    nameBoxes: (): readonly NameBox[] => nameBoxes,
    destroy(): void {
      cy.off('render', schedule)
      if (frame) cancelAnimationFrame(frame)
      layer.remove()
    }
  }
}

/** A lighter tone of a #RRGGBB colour, for names on a dark background. */
function lighten(hex: string): string {
  const n = parseInt(hex.slice(1), 16)
  const mix = (v: number): number => Math.round(v + (255 - v) * 0.45)
  return `rgb(${mix((n >> 16) & 255)}, ${mix((n >> 8) & 255)}, ${mix(n & 255)})`
}
