/**
 * Writes a map scene (export-scene.ts) as an SVG document: every node as a path in its own shape,
 * every edge with its curve, dash and arrow head, every label in full as `<text>` with one `<tspan>`
 * per wrapped line, a title band and a legend that draws the real shapes, colours, line styles and
 * arrows. Two layouts: `natural` (one model unit = one pixel, for the SVG file) and `page` (a paper
 * page in points, for the PDF through svg2pdf: labels never below `minFontPt`). Pure.
 */
import type { EdgeKind } from '../domain/edge-kinds'
import type { NodeKind } from '../domain/node-kinds'
import type { MapScene, SceneEdge, SceneNode } from './export-scene'
import { arrowGap, arrowPath, arrowSize, nodeShapePath, type Point } from './export-shapes'
import { placeBoxes } from './label-layout'
import { CONTESTED_COLOR, EDGE_STYLES, NODE_STYLES, PATH_COLOR, SINGLE_VOICE_COLOR } from './stylesheet'

/** Width of `text` at `size` (px or pt, the same unit back). */
export type MeasureText = (text: string, size: number, weight?: string) => number

/** What a snapshot shows around the map: title, date, caption and a legend of what is visible. */
export interface SnapshotFrame {
  title: string
  caption?: string
  /** Already formatted for the reader (e.g. "28 november 2026"). */
  date: string
  /** Legend entries: the kinds visible in the snapshot, with their labels. */
  legend: {
    nodes: { kind: NodeKind; label: string }[]
    edges: { kind: EdgeKind; label: string }[]
    /** Names of the markers; each is drawn in the legend when the map shows it. */
    markers?: { singleVoice?: string; contested?: string; path?: string; cluster?: string }
  }
}

export type SvgLayout =
  | { kind: 'natural'; background: 'white' | 'transparent'; fontFamily: string }
  | {
      kind: 'page'
      /** Page size in points. */
      width: number
      height: number
      minFontPt: number
      fontFamily: string
    }

export interface WriteOptions {
  measure: MeasureText
  /**
   * Move nodes apart where a node with its label would cover another (see {@link spreadScene});
   * default true. False draws every node where it stands on the canvas.
   */
  spread?: boolean
  /** Text as it may be written (the PDF maps characters its fonts lack). */
  text?: (s: string) => string
}

const TEXT = '#1e1e1e'
const MUTED = '#555555'

function esc(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}

const r2 = (n: number): string => (Math.round(n * 100) / 100).toString()

/** How much wider than a line a single word may be before it is broken. */
const WHOLE_WORD_SLACK = 1.35

/** Greedy word wrap at `width`; words longer than a line are cut between characters. */
export function wrapText(text: string, width: number, size: number, measure: MeasureText): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word
    if (measure(candidate, size) <= width) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    line = ''
    // A word a little wider than a line (a web address, a compound) stays whole on its own line.
    while (measure(word, size) > width * WHOLE_WORD_SLACK && word.length > 1) {
      let cut = word.length - 1
      while (cut > 1 && measure(word.slice(0, cut), size) > width) cut--
      // Prefer a break before a slash or after a hyphen within what fits.
      const soft = Math.max(word.lastIndexOf('/', cut), word.lastIndexOf('-', cut - 1) + 1)
      if (soft > 0 && soft < word.length) cut = Math.min(cut, soft)
      lines.push(word.slice(0, cut))
      word = word.slice(cut)
    }
    line = word
  }
  if (line) lines.push(line)
  return lines
}

export interface PlacedLabel {
  node: SceneNode
  lines: string[]
  size: number
  lineHeight: number
  width: number
}

/** Labels at paper scale `s`: font size never under `minFont`, wrap width growing with it. */
function placeLabels(scene: MapScene, s: number, minFont: number, measure: MeasureText): PlacedLabel[] {
  const out: PlacedLabel[] = []
  for (const node of scene.nodes) {
    if (!node.labelShown || !node.label) continue
    const size = Math.max(minFont, node.font.size * s)
    const wrapWidth = node.labelMaxWidth * s * (size / (node.font.size * s))
    const lines = wrapText(node.label, wrapWidth, size, measure)
    const width = Math.max(0, ...lines.map((l) => measure(l, size)))
    out.push({ node, lines, size, lineHeight: size * 1.2, width })
  }
  return out
}

interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** Model-space bounds of the nodes, edges and (at paper scale `s`) labels. */
function sceneBounds(scene: MapScene, labels: PlacedLabel[], s: number): Box {
  const b: Box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity }
  const add = (x1: number, y1: number, x2: number, y2: number): void => {
    b.x1 = Math.min(b.x1, x1)
    b.y1 = Math.min(b.y1, y1)
    b.x2 = Math.max(b.x2, x2)
    b.y2 = Math.max(b.y2, y2)
  }
  for (const n of scene.nodes) {
    const pad = Math.max(n.underlay?.padding ?? 0, n.cluster ? 34 : 0) + n.border.width
    add(n.x - n.w / 2 - pad, n.y - n.h / 2 - pad, n.x + n.w / 2 + pad, n.y + n.h / 2 + pad)
  }
  for (const e of scene.edges) for (const p of [e.start, e.end, ...e.controls]) add(p.x, p.y, p.x, p.y)
  for (const l of labels) {
    const top = l.node.y + l.node.labelOffset
    add(l.node.x - l.width / 2 / s, top, l.node.x + l.width / 2 / s, top + (l.lines.length * l.lineHeight) / s)
  }
  if (!Number.isFinite(b.x1)) return { x1: 0, y1: 0, x2: 1, y2: 1 }
  return b
}

/** A label's place on paper and how its lines align there; `leader` when it stands off its node. */
interface LabelBox extends Box {
  align: 'middle' | 'start' | 'end'
  leader?: { from: Point; to: Point }
}

/** Which labels get the best places first: lessons and ingredients, then context, quotes last. */
const LABEL_PRIORITY: Record<string, number> = {
  lesson: 0,
  ingredient: 1,
  project: 2,
  theme: 3,
  interview: 4,
  actor: 5,
  quote: 6
}

/** Above this many labels, every label stays below its node (placement is quadratic). */
const ARRANGE_LIMIT = 1500

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1)
  return w > 0 && h > 0 ? w * h : 0
}

/** How much a place further from its node costs, per step out, in overlap area (squared points). */
const STEP_COST = 4

/**
 * Places each label beside its node where it overlaps the labels placed before it and the other
 * nodes least: below when free, else above, right, left, the four corners, and then one or two
 * label heights further out below or above with a thin leader line to its node (cartographers'
 * call-outs, for the dense centre of a map). Each step out costs a little, so a label stays as
 * close as it can. Keeps inside `bounds`. Greedy, by priority. Paper coordinates.
 */
function arrangeLabels(labels: PlacedLabel[], nodes: SceneNode[], map: (p: Point) => Point, s: number, bounds: Box): Map<PlacedLabel, LabelBox> {
  const out = new Map<PlacedLabel, LabelBox>()
  const nodeBoxes = nodes.map((n) => {
    const p = map(n)
    return { id: n.id, x1: p.x - (n.w * s) / 2, y1: p.y - (n.h * s) / 2, x2: p.x + (n.w * s) / 2, y2: p.y + (n.h * s) / 2 }
  })
  const order = [...labels].sort(
    (a, b) => (LABEL_PRIORITY[a.node.kind] ?? 9) - (LABEL_PRIORITY[b.node.kind] ?? 9) || a.lines.length - b.lines.length
  )
  const placed: Box[] = []
  const arrange = labels.length <= ARRANGE_LIMIT
  for (const l of order) {
    const candidates = labelCandidates(l, map(l.node), s)
    let best = candidates[0]!
    if (arrange) {
      let bestCost = Infinity
      candidates.forEach((c, step) => {
        if (bestCost === 0) return
        const outside = c.x1 < bounds.x1 || c.y1 < bounds.y1 || c.x2 > bounds.x2 || c.y2 > bounds.y2
        let cost = outside ? 1e12 : 0
        for (const b of placed) cost += overlap(c, b)
        for (const b of nodeBoxes) if (b.id !== l.node.id) cost += overlap(c, b)
        // A free place is taken as it comes (nearest first); among crowded ones, nearer wins ties.
        if (cost > 0) cost += step * STEP_COST
        if (cost < bestCost) {
          bestCost = cost
          best = c
        }
      })
    }
    placed.push(best)
    out.set(l, best)
  }
  return out
}

/** The places a label may take around its node at paper point `p`, nearest and most usual first. */
function labelCandidates(l: PlacedLabel, p: Point, s: number): LabelBox[] {
  const hw = (l.node.w * s) / 2
  const hh = (l.node.h * s) / 2
  const W = l.width
  const H = l.lines.length * l.lineHeight
  const top = p.y + l.node.labelOffset * s
  const gap = Math.max(1, top - p.y - hh)
  // The canvas's four places (label-layout placeBoxes), `dy` further out for the leader places.
  const node = { x1: p.x - hw, y1: p.y - hh, x2: p.x + hw, y2: p.y + hh }
  const around = (dy: number): ReturnType<typeof placeBoxes> => placeBoxes(node, W, H, gap + dy)
  const below = (dy: number): LabelBox => ({ ...around(dy).below, align: 'middle' })
  const above = (dy: number): LabelBox => ({ ...around(dy).above, align: 'middle' })
  const corner = (right: boolean, down: boolean): LabelBox => {
    const y1 = down ? p.y + hh : p.y - hh - H
    return right
      ? { x1: p.x + hw, y1, x2: p.x + hw + W, y2: y1 + H, align: 'start' }
      : { x1: p.x - hw - W, y1, x2: p.x - hw, y2: y1 + H, align: 'end' }
  }
  const leader = (box: LabelBox, down: boolean): LabelBox => ({
    ...box,
    leader: { from: { x: p.x, y: down ? p.y + hh : p.y - hh }, to: { x: p.x, y: down ? box.y1 : box.y2 } }
  })
  const out: LabelBox[] = [
    below(0),
    above(0),
    { ...around(0).right, align: 'start' },
    { ...around(0).left, align: 'end' },
    corner(true, true),
    corner(false, true),
    corner(true, false),
    corner(false, false)
  ]
  for (const k of [1, 2]) {
    const dy = k * (l.lineHeight + gap)
    out.push(leader(below(dy), true), leader(above(dy), false))
  }
  return out
}

/** Above this many nodes an export draws the map where it stands (spreading is quadratic). */
const SPREAD_LIMIT = 600
/** Rounds of pushing apart before the spread stops, done or not. */
const SPREAD_ROUNDS = 300

/**
 * The scene with nodes moved apart where a node with its label below would cover another node or
 * label: an export's "label adjust" (as Gephi's layout of that name), so a dense centre reads on
 * paper. Each round pushes every overlapping pair apart along the axis they overlap least, half
 * each, until nothing overlaps or SPREAD_ROUNDS have passed; the map keeps its arrangement. Edges
 * move with their ends: the start with the source, the end with the target, bends with both.
 * `labels` are measured at paper scale `s` (so their size in model units is known). With `bounds`
 * (model units: a page's map area at that scale) every node and its label stay inside it, so the
 * centre spreads into the page's free room instead of making the map larger. Pure.
 */
export function spreadScene(scene: MapScene, labels: readonly PlacedLabel[], s: number, bounds?: Box): MapScene {
  const n = scene.nodes.length
  if (n < 2 || n > SPREAD_LIMIT) return scene
  const labelOf = new Map(labels.map((l) => [l.node.id, l]))
  const margin = 2 / s
  // Each node's box relative to its centre: the node, and its label below it.
  const rel = scene.nodes.map((node) => {
    const l = labelOf.get(node.id)
    const halfW = Math.max(node.w / 2, l ? l.width / s / 2 : 0) + margin
    const bottom = l ? node.labelOffset + (l.lines.length * l.lineHeight) / s : node.h / 2
    return { x1: -halfW, x2: halfW, y1: -node.h / 2 - margin, y2: bottom + margin }
  })
  const x = scene.nodes.map((node) => node.x)
  const y = scene.nodes.map((node) => node.y)
  // A page wider than the map leaves room at the sides: moving sideways is cheaper there.
  const xCost = bounds ? Math.min(1, (bounds.y2 - bounds.y1) / Math.max(1, bounds.x2 - bounds.x1)) : 1
  // Which way a pair moves apart is decided once, from where the nodes stand on the canvas (ties by
  // their order), so the map keeps its arrangement: no node jumps over another.
  const x0 = [...x]
  const y0 = [...y]
  const away = (a: number[], i: number, j: number): number => (a[i]! < a[j]! || (a[i] === a[j] && i < j) ? -1 : 1)
  const dx = new Array<number>(n)
  const dy = new Array<number>(n)
  for (let round = 0; round < SPREAD_ROUNDS; round++) {
    let moved = false
    dx.fill(0)
    dy.fill(0)
    for (let i = 0; i < n; i++) {
      const a = rel[i]!
      for (let j = i + 1; j < n; j++) {
        const b = rel[j]!
        const ox = Math.min(x[i]! + a.x2, x[j]! + b.x2) - Math.max(x[i]! + a.x1, x[j]! + b.x1)
        if (ox <= 0) continue
        const oy = Math.min(y[i]! + a.y2, y[j]! + b.y2) - Math.max(y[i]! + a.y1, y[j]! + b.y1)
        if (oy <= 0) continue
        moved = true
        // Apart along the axis of least overlap (weighed by the room there is), half each.
        if (ox * xCost < oy) {
          const d = (away(x0, i, j) * ox) / 2
          dx[i]! += d
          dx[j]! -= d
        } else {
          const d = (away(y0, i, j) * oy) / 2
          dy[i]! += d
          dy[j]! -= d
        }
      }
    }
    if (!moved) break
    // All pushes of a round at once, damped (a node pushed from several sides would overshoot).
    for (let i = 0; i < n; i++) {
      x[i]! += dx[i]! * 0.6
      y[i]! += dy[i]! * 0.6
    }
    if (bounds)
      for (let i = 0; i < n; i++) {
        const r = rel[i]!
        x[i] = clampBox(x[i]!, bounds.x1 - r.x1, bounds.x2 - r.x2)
        y[i] = clampBox(y[i]!, bounds.y1 - r.y1, bounds.y2 - r.y2)
      }
  }
  const shift = new Map<string, Point>(scene.nodes.map((node, i) => [node.id, { x: x[i]! - node.x, y: y[i]! - node.y }]))
  const none = { x: 0, y: 0 }
  const add = (p: Point, d: Point): Point => ({ x: p.x + d.x, y: p.y + d.y })
  return {
    nodes: scene.nodes.map((node, i) => ({ ...node, x: x[i]!, y: y[i]! })),
    edges: scene.edges.map((e) => {
      const ds = (e.source !== undefined ? shift.get(e.source) : undefined) ?? none
      const dt = (e.target !== undefined ? shift.get(e.target) : undefined) ?? none
      const mid = { x: (ds.x + dt.x) / 2, y: (ds.y + dt.y) / 2 }
      return { ...e, start: add(e.start, ds), controls: e.controls.map((c) => add(c, mid)), end: add(e.end, dt) }
    })
  }
}

/** `v` within [lo, hi]; the middle when the range is empty (a box wider than the bounds). */
function clampBox(v: number, lo: number, hi: number): number {
  return lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v))
}

/** Convex hull (Andrew's monotone chain), counter-clockwise. */
function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y)
  if (pts.length < 3) return pts
  const cross = (o: Point, a: Point, b: Point): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
  const lower: Point[] = []
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop()
    lower.push(p)
  }
  const upper: Point[] = []
  for (const p of pts.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop()
    upper.push(p)
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)]
}

interface ClusterRegion {
  color: string
  members: SceneNode[]
  lead: SceneNode
}

/** The lesson map's clusters, largest first, each named by its largest member (lessons first on ties). */
function clusterRegions(scene: MapScene): ClusterRegion[] {
  const groups = new Map<string, SceneNode[]>()
  for (const n of scene.nodes) if (n.cluster) groups.set(n.cluster, [...(groups.get(n.cluster) ?? []), n])
  return [...groups.entries()]
    .map(([color, members]) => ({
      color,
      members,
      lead: [...members].sort(
        (a, b) => b.w - a.w || (LABEL_PRIORITY[a.kind] ?? 9) - (LABEL_PRIORITY[b.kind] ?? 9) || a.id.localeCompare(b.id)
      )[0]!
    }))
    .sort((a, b) => b.members.length - a.members.length || a.color.localeCompare(b.color))
}

/** A light rounded region around a cluster's nodes, at paper positions. */
function regionSvg(region: ClusterRegion, ordinal: number, map: (p: Point) => Point, s: number, size: number): string {
  const pts: Point[] = []
  for (const n of region.members) {
    const p = map(n)
    const r = (Math.max(n.w, n.h) / 2) * s + Math.max(6, 14 * s)
    for (let i = 0; i < 16; i++) {
      const a = (i / 16) * 2 * Math.PI
      pts.push({ x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) })
    }
  }
  const hull = convexHull(pts)
  const d = hull.map((p, i) => `${i === 0 ? 'M' : 'L'}${r2(p.x)} ${r2(p.y)}`).join('') + 'Z'
  const top = hull.reduce((a, b) => (b.y < a.y ? b : a), hull[0]!)
  return (
    `<path class="cluster" d="${d}" fill="${region.color}" fill-opacity="0.1" stroke="${region.color}" stroke-opacity="0.55" stroke-width="${r2(Math.max(0.6, s))}" stroke-linejoin="round"/>` +
    `<text class="cluster-name" x="${r2(top.x)}" y="${r2(top.y - size * 0.25)}" text-anchor="middle" font-size="${r2(size)}" font-weight="bold" fill="${region.color}">${ordinal}</text>`
  )
}

function dashArray(style: string, width: number): string {
  if (style === 'dashed') return ` stroke-dasharray="${r2(Math.max(6, 3 * width))} ${r2(Math.max(3, 2 * width))}"`
  if (style === 'dotted') return ` stroke-dasharray="${r2(width)} ${r2(width * 1.6)}"`
  return ''
}

/** A node at paper position: its glow, fill and (solid, dashed, dotted or double) border. */
function nodeSvg(n: SceneNode, cx: number, cy: number, s: number): string {
  const w = n.w * s
  const h = n.h * s
  const parts: string[] = []
  if (n.underlay) {
    const pad = n.underlay.padding * s
    parts.push(
      `<path d="${nodeShapePath(n.shape, cx, cy, w + 2 * pad, h + 2 * pad)}" fill="${n.underlay.color}" fill-opacity="${r2(n.underlay.opacity)}"/>`
    )
  }
  const bw = n.border.width * s
  const body = nodeShapePath(n.shape, cx, cy, w, h)
  const attrs = `class="node" data-id="${esc(n.id)}" data-kind="${n.kind}" data-shape="${esc(n.shape)}"`
  if (bw > 0 && n.border.style === 'double') {
    parts.push(`<path ${attrs} d="${body}" fill="${n.fill}" fill-opacity="${r2(n.fillOpacity)}"/>`)
    const t = bw / 3
    for (const k of [1, -1])
      parts.push(
        `<path d="${nodeShapePath(n.shape, cx, cy, w + k * 2 * t, h + k * 2 * t)}" fill="none" stroke="${n.border.color}" stroke-opacity="${r2(n.border.opacity)}" stroke-width="${r2(t)}"/>`
      )
  } else {
    const stroke =
      bw > 0
        ? ` stroke="${n.border.color}" stroke-opacity="${r2(n.border.opacity)}" stroke-width="${r2(bw)}"${dashArray(n.border.style, bw)}`
        : ''
    parts.push(`<path ${attrs} d="${body}" fill="${n.fill}" fill-opacity="${r2(n.fillOpacity)}"${stroke}/>`)
  }
  const opacity = n.opacity < 1 ? ` opacity="${r2(n.opacity)}"` : ''
  return `<g${opacity}>${parts.join('')}</g>`
}

/** Cytoscape's bezier as SVG: quadratic segments through the midpoints of consecutive controls. */
function edgePathData(start: Point, controls: Point[], end: Point): string {
  if (controls.length === 0) return `M${r2(start.x)} ${r2(start.y)}L${r2(end.x)} ${r2(end.y)}`
  let d = `M${r2(start.x)} ${r2(start.y)}`
  for (let i = 0; i < controls.length; i++) {
    const c = controls[i]!
    const next = controls[i + 1]
    const to = next ? { x: (c.x + next.x) / 2, y: (c.y + next.y) / 2 } : end
    d += `Q${r2(c.x)} ${r2(c.y)} ${r2(to.x)} ${r2(to.y)}`
  }
  return d
}

/** The point halfway along an edge drawn by {@link edgePathData} (its middle segment's middle). */
export function edgeMidpoint(start: Point, controls: readonly Point[], end: Point): Point {
  if (controls.length === 0) return { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }
  // Segment i runs from the midpoint of controls i-1 and i (or start) to that of i and i+1 (or end),
  // bending at control i: take the middle segment at t = 0.5.
  const i = Math.floor((controls.length - 1) / 2)
  const c = controls[i]!
  const prev = controls[i - 1]
  const next = controls[i + 1]
  const from = prev ? { x: (prev.x + c.x) / 2, y: (prev.y + c.y) / 2 } : start
  const to = next ? { x: (c.x + next.x) / 2, y: (c.y + next.y) / 2 } : end
  if (controls.length % 2 === 0 && next) return to
  return { x: 0.25 * from.x + 0.5 * c.x + 0.25 * to.x, y: 0.25 * from.y + 0.5 * c.y + 0.25 * to.y }
}

/**
 * The contested badge (the canvas's ⚡ on a white round label) as vector paths, centred on `at`
 * with radius `r`: a drawn bolt, not the ⚡ character, which PDF fonts do not hold.
 */
export function contestedBadge(at: Point, r: number): string {
  const bolt: [number, number][] = [
    [0.1, -0.55],
    [-0.32, 0.08],
    [-0.02, 0.08],
    [-0.12, 0.55],
    [0.32, -0.1],
    [0.02, -0.1],
    [0.14, -0.55]
  ]
  const d = bolt.map(([x, y], i) => `${i ? 'L' : 'M'}${r2(at.x + x * 2 * r)} ${r2(at.y + y * 2 * r)}`).join('') + 'Z'
  return (
    `<g class="contested-badge"><circle cx="${r2(at.x)}" cy="${r2(at.y)}" r="${r2(r)}" fill="#ffffff" stroke="${CONTESTED_COLOR}" stroke-width="${r2(Math.max(0.5, r / 6))}"/>` +
    `<path d="${d}" fill="${CONTESTED_COLOR}"/></g>`
  )
}

/** The contested badge of an edge, halfway along it ('' when it is not contested). Drawn over the nodes. */
function edgeBadge(e: SceneEdge, map: (p: Point) => Point, s: number): string {
  if (!e.classes.includes('contested')) return ''
  const at = edgeMidpoint(map(e.start), e.controls.map(map), map(e.end))
  return e.opacity < 1
    ? `<g opacity="${r2(e.opacity)}">${contestedBadge(at, Math.max(4.5, 7 * s))}</g>`
    : contestedBadge(at, Math.max(4.5, 7 * s))
}

/** An edge at paper scale, given a model → paper mapping. */
function edgeSvg(e: SceneEdge, map: (p: Point) => Point, s: number, minStroke: number): string {
  const start = map(e.start)
  const end = map(e.end)
  const controls = e.controls.map(map)
  const width = Math.max(minStroke, e.width * s)
  const last = controls.length ? controls[controls.length - 1]! : start
  const dir = { x: end.x - last.x, y: end.y - last.y }
  const len = Math.hypot(dir.x, dir.y) || 1
  const unit = { x: dir.x / len, y: dir.y / len }
  const gap = Math.min(arrowGap(e.arrow.shape, width, e.arrow.scale), len / 2)
  const lineEnd = { x: end.x - unit.x * gap, y: end.y - unit.y * gap }
  const parts: string[] = []
  const d = edgePathData(start, controls, lineEnd)
  if (e.underlay)
    parts.push(
      `<path d="${d}" fill="none" stroke="${e.underlay.color}" stroke-opacity="${r2(e.underlay.opacity)}" stroke-width="${r2(width + 2 * e.underlay.padding * s)}" stroke-linecap="round"/>`
    )
  parts.push(
    `<path class="edge" data-id="${esc(e.id)}" data-kind="${e.kind}" d="${d}" fill="none" stroke="${e.color}" stroke-width="${r2(width)}"${dashArray(e.line, width)}/>`
  )
  const head = arrowPath(e.arrow.shape, end, unit, arrowSize(width, e.arrow.scale))
  if (head) parts.push(`<path class="arrow" d="${head}" fill="${e.arrow.color}"/>`)
  return `<g${e.opacity < 1 ? ` opacity="${r2(e.opacity)}"` : ''}>${parts.join('')}</g>`
}

interface LegendMetrics {
  size: number
  row: number
  swatch: number
}

interface LegendEntry {
  draw: (x: number, y: number, m: LegendMetrics) => string
  label: string
}

/** The legend's entries: node kinds in their shapes, edge kinds with dash and arrow, then markers. */
function legendEntries(frame: SnapshotFrame, scene: MapScene): LegendEntry[][] {
  const nodes: LegendEntry[] = frame.legend.nodes.map((n) => ({
    label: n.label,
    draw: (x, y, m) => {
      const s = NODE_STYLES[n.kind]
      const w = m.swatch
      return `<path class="legend-node" data-kind="${n.kind}" data-shape="${s.shape}" d="${nodeShapePath(s.shape, x + w / 2, y, w, w)}" fill="${s.color}" stroke="#333333" stroke-width="0.75"/>`
    }
  }))
  const edges: LegendEntry[] = frame.legend.edges.map((e) => ({
    label: e.label,
    draw: (x, y, m) => {
      const s = EDGE_STYLES[e.kind]
      const width = Math.min(s.width, 3) * (m.swatch / 14)
      const len = m.swatch * 2
      const size = arrowSize(width, 0.9) * 0.6
      const gap = arrowGap(s.arrow, width, 0.54)
      const head = arrowPath(s.arrow, { x: x + len, y }, { x: 1, y: 0 }, size)
      return (
        `<path class="legend-edge" data-kind="${e.kind}" d="M${r2(x)} ${r2(y)}L${r2(x + len - gap)} ${r2(y)}" stroke="${s.color}" stroke-width="${r2(width)}"${dashArray(s.line, width)}/>` +
        (head ? `<path class="legend-arrow" data-arrow="${s.arrow}" d="${head}" fill="${s.color}"/>` : '')
      )
    }
  }))
  const markers: LegendEntry[] = []
  const m = frame.legend.markers ?? {}
  const has = (cls: string): boolean =>
    scene.nodes.some((n) => n.classes.includes(cls)) || scene.edges.some((e) => e.classes.includes(cls))
  const ring = (x: number, y: number, w: number): string => nodeShapePath('ellipse', x + w / 2, y, w, w)
  if (m.singleVoice && has('single-voice'))
    markers.push({
      label: m.singleVoice,
      draw: (x, y, mm) => {
        const w = mm.swatch
        return `<path class="legend-marker" d="${ring(x, y, w)}" fill="#ffffff"/><path d="${ring(x, y, w + 2)}" fill="none" stroke="${SINGLE_VOICE_COLOR}" stroke-width="1"/><path d="${ring(x, y, w - 2)}" fill="none" stroke="${SINGLE_VOICE_COLOR}" stroke-width="1"/>`
      }
    })
  if (m.contested && has('contested'))
    markers.push({
      label: m.contested,
      draw: (x, y, mm) => {
        const w = mm.swatch
        return `<path class="legend-marker" d="${ring(x - 2, y, w + 4)}" fill="${CONTESTED_COLOR}" fill-opacity="0.45"/><path d="${ring(x + 2, y, w - 4)}" fill="#bbbbbb"/>${contestedBadge({ x: x + w * 1.5 + 3, y }, w * 0.4)}`
      }
    })
  if (m.cluster)
    for (const [i, region] of clusterRegions(scene).entries())
      markers.push({
        label: `${m.cluster} ${i + 1}: ${region.lead.label}`,
        draw: (x, y, mm) =>
          `<path class="legend-cluster" d="${nodeShapePath('round-rectangle', x + mm.swatch / 2, y, mm.swatch, mm.swatch)}" fill="${region.color}" fill-opacity="0.18" stroke="${region.color}" stroke-width="1"/>`
      })
  if (m.path && has('path'))
    markers.push({
      label: m.path,
      draw: (x, y, mm) =>
        `<path class="legend-marker" d="${ring(x, y, mm.swatch)}" fill="#ffffff" stroke="${PATH_COLOR}" stroke-width="2"/>`
    })
  return [nodes, edges, markers].filter((g) => g.length > 0)
}

/** `label` cut with an ellipsis to `width` (legend entries only; map labels are never cut). */
function fitLine(label: string, width: number, size: number, measure: MeasureText): string {
  if (measure(label, size) <= width) return label
  let cut = label.length - 1
  while (cut > 1 && measure(`${label.slice(0, cut)}…`, size) > width) cut--
  return `${label.slice(0, cut).trimEnd()}…`
}

function legendSvg(groups: LegendEntry[][], x: number, y: number, m: LegendMetrics, columnWidth: number, maxY: number, text: (s: string) => string, measure: MeasureText): string {
  const out: string[] = []
  let cx = x
  let cy = y + m.row / 2
  for (const [gi, group] of groups.entries()) {
    if (gi > 0) cy += m.row * 0.5
    for (const entry of group) {
      if (cy + m.row / 2 > maxY) {
        cx += columnWidth
        cy = y + m.row / 2
      }
      out.push(entry.draw(cx, cy, m))
      out.push(
        `<text x="${r2(cx + m.swatch * 2 + 6)}" y="${r2(cy + m.size * 0.35)}" font-size="${r2(m.size)}" fill="${TEXT}">${esc(text(fitLine(entry.label, columnWidth - m.swatch * 2 - 10, m.size, measure)))}</text>`
      )
      cy += m.row
    }
  }
  return `<g class="legend">${out.join('')}</g>`
}

function legendRows(groups: LegendEntry[][]): number {
  return groups.reduce((sum, g) => sum + g.length, 0) + Math.max(0, groups.length - 1) * 0.5
}

/** Writes the scene with its frame as a standalone SVG document. */
export function writeSvg(input: MapScene, frame: SnapshotFrame, layout: SvgLayout, options: WriteOptions): string {
  let scene = input
  const text = options.text ?? ((s: string) => s)
  const measure: MeasureText = (t, size, weight) => options.measure(text(t), size, weight)
  const groups = legendEntries(frame, scene)
  const subtitle = [frame.date, frame.caption].filter(Boolean).join(' · ')

  let width: number
  let height: number
  let s: number
  let area: Box
  let labels: PlacedLabel[]
  let legend: string
  let header: string
  let minStroke: number
  let halo: 'stroke' | 'box'

  if (layout.kind === 'natural') {
    const HEADER = 64
    // Wide enough for the longest legend entry (cluster names), within reason.
    const widest = Math.max(0, ...groups.flat().map((e) => measure(e.label, 12)))
    const LEGEND_W = Math.min(460, Math.max(230, widest + 48))
    s = 1
    minStroke = 0
    halo = 'stroke'
    labels = placeLabels(scene, 1, 0, measure)
    if (options.spread !== false) {
      scene = spreadScene(scene, labels, 1)
      labels = placeLabels(scene, 1, 0, measure)
    }
    const b = sceneBounds(scene, labels, 1)
    const pad = 16
    area = { x1: pad, y1: HEADER, x2: pad + (b.x2 - b.x1), y2: HEADER + (b.y2 - b.y1) }
    const m: LegendMetrics = { size: 12, row: 20, swatch: 14 }
    const legendH = legendRows(groups) * m.row + 16
    width = Math.ceil(area.x2 + pad + LEGEND_W)
    height = Math.ceil(Math.max(area.y2 + pad, HEADER + legendH + pad))
    legend = legendSvg(groups, area.x2 + pad + 8, HEADER, m, LEGEND_W, Infinity, text, measure)
    header =
      `<text class="title" x="16" y="30" font-size="20" font-weight="bold" fill="${TEXT}">${esc(text(frame.title))}</text>` +
      `<text class="subtitle" x="16" y="50" font-size="12" fill="${MUTED}">${esc(text(subtitle))}</text>`
  } else {
    width = layout.width
    height = layout.height
    minStroke = 0.4
    halo = 'box'
    const margin = 28
    const landscape = width > height
    const m: LegendMetrics = { size: 8, row: 12, swatch: 11 }
    const titleSize = 16
    const headerH = 44
    const top = margin + headerH
    const rows = legendRows(groups)
    let legendBox: Box
    let columnWidth: number
    if (landscape) {
      columnWidth = 150
      const perColumn = Math.max(1, Math.floor((height - top - margin) / m.row))
      const columns = Math.max(1, Math.ceil(rows / perColumn))
      legendBox = { x1: width - margin - columns * columnWidth, y1: top, x2: width - margin, y2: height - margin }
      area = { x1: margin, y1: top, x2: legendBox.x1 - 12, y2: height - margin }
    } else {
      columnWidth = 130
      const columns = Math.max(1, Math.floor((width - 2 * margin) / columnWidth))
      const legendH = Math.ceil(rows / columns) * m.row + m.row
      legendBox = { x1: margin, y1: height - margin - legendH, x2: width - margin, y2: height - margin }
      area = { x1: margin, y1: top, x2: width - margin, y2: legendBox.y1 - 12 }
    }
    const aw = area.x2 - area.x1
    const ah = area.y2 - area.y1
    const minFont = layout.minFontPt
    // Fit the map with its labels; labels grow to minFontPt when the map shrinks, so iterate.
    const fit = (sc: MapScene): { s: number; labels: PlacedLabel[] } => {
      const nodesOnly = sceneBounds(sc, [], 1)
      let k = Math.min(aw / Math.max(1, nodesOnly.x2 - nodesOnly.x1), ah / Math.max(1, nodesOnly.y2 - nodesOnly.y1))
      let ls = placeLabels(sc, k, minFont, measure)
      for (let i = 0; i < 6; i++) {
        const b = sceneBounds(sc, ls, k)
        const next = Math.min(aw / Math.max(1, b.x2 - b.x1), ah / Math.max(1, b.y2 - b.y1))
        if (Math.abs(next - k) / k < 0.01) {
          k = Math.min(k, next)
          break
        }
        k = next
        ls = placeLabels(sc, k, minFont, measure)
      }
      // The final fit may shrink the map a little more without rewrapping: the labels keep their size.
      const fb = sceneBounds(sc, ls, k)
      return { s: Math.min(k, aw / Math.max(1, fb.x2 - fb.x1), ah / Math.max(1, fb.y2 - fb.y1)), labels: ls }
    }
    ;({ s, labels } = fit(scene))
    if (options.spread !== false) {
      // Spread within the page's map area at this scale (a larger map would shrink the scale, and
      // labels at their minimum size would take relatively more room), then fit what came out.
      const b = sceneBounds(scene, labels, s)
      const cx = (b.x1 + b.x2) / 2
      const cy = (b.y1 + b.y2) / 2
      const room = { x1: cx - aw / s / 2, x2: cx + aw / s / 2, y1: cy - ah / s / 2, y2: cy + ah / s / 2 }
      scene = spreadScene(scene, labels, s, room)
      labels = placeLabels(scene, s, minFont, measure)
      const fb = sceneBounds(scene, labels, s)
      s = Math.min(s, aw / Math.max(1, fb.x2 - fb.x1), ah / Math.max(1, fb.y2 - fb.y1))
    }
    legend = legendSvg(groups, legendBox.x1, legendBox.y1, m, columnWidth, legendBox.y2, text, measure)
    header =
      `<text class="title" x="${margin}" y="${margin + titleSize}" font-size="${titleSize}" font-weight="bold" fill="${TEXT}">${esc(text(frame.title))}</text>` +
      `<text class="subtitle" x="${margin}" y="${margin + titleSize + 15}" font-size="9" fill="${MUTED}">${esc(text(subtitle))}</text>`
  }

  const b = sceneBounds(scene, labels, s)
  const ox = area.x1 + Math.max(0, (area.x2 - area.x1 - (b.x2 - b.x1) * s) / 2) - b.x1 * s
  const oy = area.y1 + (layout.kind === 'page' ? Math.max(0, (area.y2 - area.y1 - (b.y2 - b.y1) * s) / 2) : 0) - b.y1 * s
  const map = (p: Point): Point => ({ x: ox + p.x * s, y: oy + p.y * s })

  const regionSize = layout.kind === 'page' ? Math.max(layout.minFontPt + 2, 12 * s) : 14
  const regions = clusterRegions(scene)
    .map((r, i) => regionSvg(r, i + 1, map, s, regionSize))
    .join('')
  const edges = scene.edges.map((e) => edgeSvg(e, map, s, minStroke)).join('')
  const badges = scene.edges.map((e) => edgeBadge(e, map, s)).join('')
  const nodes = scene.nodes
    .map((n) => {
      const p = map(n)
      return nodeSvg(n, p.x, p.y, s)
    })
    .join('')
  const labelBounds =
    layout.kind === 'page' ? area : { x1: area.x1 - 12, y1: area.y1 - 8, x2: area.x2 + 12, y2: area.y2 + 12 }
  const boxes = arrangeLabels(labels, scene.nodes, map, s, labelBounds)
  // Where labels still collide, the more important one is drawn last, on top, on its own backing.
  const drawOrder = [...labels].sort(
    (a, b) => (LABEL_PRIORITY[b.node.kind] ?? 9) - (LABEL_PRIORITY[a.node.kind] ?? 9)
  )
  const labelSvg = drawOrder
    .map((l) => {
      const box = boxes.get(l)!
      const top = box.y1
      const x = box.align === 'middle' ? (box.x1 + box.x2) / 2 : box.align === 'start' ? box.x1 : box.x2
      const spans = l.lines
        .map((line, i) => `<tspan x="${r2(x)}" y="${r2(top + l.size * 0.9 + i * l.lineHeight)}">${esc(text(line))}</tspan>`)
        .join('')
      const haloAttrs =
        halo === 'stroke'
          ? ` stroke="#ffffff" stroke-width="${r2(l.size * 0.28)}" stroke-linejoin="round" paint-order="stroke"`
          : ''
      const rect =
        halo === 'box'
          ? `<rect x="${r2(box.x1 - 1)}" y="${r2(top)}" width="${r2(box.x2 - box.x1 + 2)}" height="${r2(box.y2 - box.y1 + l.size * 0.15)}" rx="1" fill="#ffffff" fill-opacity="0.92"/>`
          : ''
      const opacity = l.node.opacity < 1 ? ` opacity="${r2(l.node.opacity)}"` : ''
      const leader = box.leader
        ? `<path class="leader" d="M${r2(box.leader.from.x)} ${r2(box.leader.from.y)}L${r2(box.leader.to.x)} ${r2(box.leader.to.y)}" stroke="#8a8a8a" stroke-width="${r2(Math.max(0.4, l.size * 0.06))}"${opacity}/>`
        : ''
      return `${leader}${rect}<text class="label" data-id="${esc(l.node.id)}" text-anchor="${box.align}" font-size="${r2(l.size)}" fill="${l.node.font.color}"${opacity}${haloAttrs}>${spans}</text>`
    })
    .join('')

  const background =
    layout.kind === 'natural' && layout.background === 'transparent'
      ? ''
      : `<rect width="${width}" height="${height}" fill="#ffffff"/>`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(layout.fontFamily)}">`,
    `<title>${esc(text(frame.title))}</title>`,
    background,
    header,
    `<g class="map"><g class="regions">${regions}</g><g class="edges">${edges}</g><g class="nodes">${nodes}</g><g class="badges">${badges}</g><g class="labels">${labelSvg}</g></g>`,
    legend,
    '</svg>'
  ].join('\n')
}

