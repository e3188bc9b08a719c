/**
 * Node and arrow shapes as SVG path data, with Cytoscape's geometry (cytoscape 3.35,
 * src/extensions/renderer/base/node-shapes.mjs, arrow-shapes.mjs, math.mjs), so an exported map
 * shows the same diamonds, hexagons, octagons and tags as the canvas. The path strings serve the SVG
 * and PDF writer and, through `Path2D`, the PNG legend. Pure.
 */

export interface Point {
  x: number
  y: number
}

/** Regular n-gon in the unit square, as `math.generateUnitNgonPointsFitToSquare(n, 0)`. */
function ngonFitToSquare(sides: number): number[] {
  const increment = (2 * Math.PI) / sides
  const start = sides % 2 === 0 ? Math.PI / 2 + increment / 2 : Math.PI / 2
  const pts: number[] = []
  for (let i = 0; i < sides; i++) {
    const a = i * increment + start
    pts.push(Math.cos(a), Math.sin(-a))
  }
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (let i = 0; i < sides; i++) {
    minX = Math.min(minX, pts[2 * i]!)
    maxX = Math.max(maxX, pts[2 * i]!)
    minY = Math.min(minY, pts[2 * i + 1]!)
    maxY = Math.max(maxY, pts[2 * i + 1]!)
  }
  const sx = 2 / (maxX - minX)
  const sy = 2 / (maxY - minY)
  minY = Infinity
  for (let i = 0; i < sides; i++) {
    pts[2 * i] = pts[2 * i]! * sx
    pts[2 * i + 1] = pts[2 * i + 1]! * sy
    minY = Math.min(minY, pts[2 * i + 1]!)
  }
  if (minY < -1) for (let i = 0; i < sides; i++) pts[2 * i + 1] = pts[2 * i + 1]! + (-1 - minY)
  return pts
}

const DIAMOND = [0, 1, 1, 0, 0, -1, -1, 0]
const TAG = [-1, -1, 0.25, -1, 1, 0, 0.25, 1, -1, 1]

/** Unit polygon points of each polygonal shape (x, y pairs in [-1, 1]). */
const POLYGONS: Record<string, number[]> = {
  triangle: ngonFitToSquare(3),
  rectangle: ngonFitToSquare(4),
  square: ngonFitToSquare(4),
  diamond: DIAMOND,
  pentagon: ngonFitToSquare(5),
  hexagon: ngonFitToSquare(6),
  heptagon: ngonFitToSquare(7),
  octagon: ngonFitToSquare(8),
  tag: TAG,
  vee: [-1, -1, 0, -0.333, 1, -1, 0, 1],
  rhomboid: [-1, -1, 0.333, -1, 1, 1, -0.333, 1],
  'right-rhomboid': [-0.333, -1, 1, -1, 0.333, 1, -1, 1],
  'concave-hexagon': [-1, -0.95, -0.75, 0, -1, 0.95, 1, 0.95, 0.75, 0, 1, -0.95]
}

const f = (n: number): string => (Math.round(n * 100) / 100).toString()

/** The shapes this module draws exactly; any other falls back to an ellipse. */
export function isKnownShape(shape: string): boolean {
  const s = canonical(shape)
  return s === 'ellipse' || s === 'round-rectangle' || s in POLYGONS || s.replace(/^round-/, '') in POLYGONS
}

function canonical(shape: string): string {
  if (shape === 'roundrectangle') return 'round-rectangle'
  if (shape === 'concavehexagon') return 'concave-hexagon'
  return shape
}

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  return `M${f(cx - rx)} ${f(cy)}A${f(rx)} ${f(ry)} 0 1 0 ${f(cx + rx)} ${f(cy)}A${f(rx)} ${f(ry)} 0 1 0 ${f(cx - rx)} ${f(cy)}Z`
}

function polygonPath(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(p.x)} ${f(p.y)}`).join('') + 'Z'
}

/**
 * A polygon with rounded corners, as Cytoscape's `round.getRoundCorner(…, isArcRadius = true)`: at
 * each corner an arc of the given radius tangent to both sides (shortened where a side is short).
 */
function roundPolygonPath(points: Point[], radius: number): string {
  const n = points.length
  let d = ''
  for (let i = 0; i < n; i++) {
    const prev = points[(i - 1 + n) % n]!
    const cur = points[i]!
    const next = points[(i + 1) % n]!
    const v1 = { x: prev.x - cur.x, y: prev.y - cur.y }
    const v2 = { x: next.x - cur.x, y: next.y - cur.y }
    const l1 = Math.hypot(v1.x, v1.y)
    const l2 = Math.hypot(v2.x, v2.y)
    const u1 = { x: v1.x / l1, y: v1.y / l1 }
    const u2 = { x: v2.x / l2, y: v2.y / l2 }
    const cos = Math.max(-1, Math.min(1, u1.x * u2.x + u1.y * u2.y))
    const angle = Math.acos(cos) // interior angle
    if (angle < 1e-6 || Math.PI - angle < 1e-6) {
      d += `${i === 0 ? 'M' : 'L'}${f(cur.x)} ${f(cur.y)}`
      continue
    }
    const half = angle / 2
    let lenOut = Math.abs((Math.cos(half) * radius) / Math.sin(half))
    let r = radius
    const limit = Math.min(l1 / 2, l2 / 2)
    if (lenOut > limit) {
      lenOut = limit
      r = Math.abs((lenOut * Math.sin(half)) / Math.cos(half))
    }
    const start = { x: cur.x + u1.x * lenOut, y: cur.y + u1.y * lenOut }
    const stop = { x: cur.x + u2.x * lenOut, y: cur.y + u2.y * lenOut }
    // Turning direction from the incoming side to the outgoing side decides the sweep.
    const cross = -u1.x * u2.y + u1.y * u2.x
    const sweep = cross > 0 ? 1 : 0
    d += `${i === 0 ? 'M' : 'L'}${f(start.x)} ${f(start.y)}A${f(r)} ${f(r)} 0 0 ${sweep} ${f(stop.x)} ${f(stop.y)}`
  }
  return d + 'Z'
}

function roundRectPath(cx: number, cy: number, w: number, h: number): string {
  const r = Math.min(w / 4, h / 4, 8)
  const x1 = cx - w / 2
  const y1 = cy - h / 2
  const x2 = cx + w / 2
  const y2 = cy + h / 2
  return (
    `M${f(x1 + r)} ${f(y1)}L${f(x2 - r)} ${f(y1)}A${f(r)} ${f(r)} 0 0 1 ${f(x2)} ${f(y1 + r)}` +
    `L${f(x2)} ${f(y2 - r)}A${f(r)} ${f(r)} 0 0 1 ${f(x2 - r)} ${f(y2)}` +
    `L${f(x1 + r)} ${f(y2)}A${f(r)} ${f(r)} 0 0 1 ${f(x1)} ${f(y2 - r)}` +
    `L${f(x1)} ${f(y1 + r)}A${f(r)} ${f(r)} 0 0 1 ${f(x1 + r)} ${f(y1)}Z`
  )
}

/** SVG path data of a node shape centred at (cx, cy), w × h, as Cytoscape draws it. */
export function nodeShapePath(shape: string, cx: number, cy: number, w: number, h: number): string {
  const s = canonical(shape)
  if (s === 'round-rectangle') return roundRectPath(cx, cy, w, h)
  const poly = POLYGONS[s]
  const roundPoly = s.startsWith('round-') ? POLYGONS[s.slice('round-'.length)] : undefined
  const unit = poly ?? roundPoly
  if (!unit) return ellipsePath(cx, cy, w / 2, h / 2)
  const points: Point[] = []
  for (let i = 0; i < unit.length; i += 2)
    points.push({ x: cx + (w / 2) * unit[i]!, y: cy + (h / 2) * unit[i + 1]! })
  return poly ? polygonPath(points) : roundPolygonPath(points, Math.min(w / 10, h / 10, 8))
}

/** Arrow head points, tip at (0, 0), pointing along −y (Cytoscape's arrow-shapes contract). */
const ARROWS: Record<string, number[]> = {
  triangle: [-0.15, -0.3, 0, 0, 0.15, -0.3],
  vee: [-0.15, -0.3, 0, 0, 0.15, -0.3, 0, -0.15],
  tee: [-0.15, 0, -0.15, -0.1, 0.15, -0.1, 0.15, 0],
  square: [-0.15, 0, 0.15, 0, 0.15, -0.3, -0.15, -0.3],
  diamond: [-0.15, -0.15, 0, -0.3, 0.15, -0.15, 0, 0]
}

/** Cytoscape's arrow size for an edge width and `arrow-scale` (renderer getArrowWidth). */
export function arrowSize(edgeWidth: number, scale: number): number {
  return Math.max(Math.pow(edgeWidth * 13.37, 0.9), 29) * scale
}

/**
 * How far the line stops short of the arrow tip (Cytoscape's arrow `gap`), so a thick line does not
 * poke through a pointed head.
 */
export function arrowGap(shape: string, edgeWidth: number, scale: number): number {
  switch (shape) {
    case 'none':
      return 0
    case 'tee':
      return 1
    case 'vee':
      return edgeWidth * scale * 2 * 0.525
    case 'diamond':
      return edgeWidth * scale
    default:
      return edgeWidth * scale * 2
  }
}

/**
 * SVG path data of an arrow head with its tip at `tip`, pointing in direction `dir` (a vector
 * along the edge towards the target), of Cytoscape size `size`. Empty for 'none'.
 */
export function arrowPath(shape: string, tip: Point, dir: Point, size: number): string {
  if (shape === 'none') return ''
  const angle = Math.atan2(dir.y, dir.x) - Math.PI / 2
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  if (shape === 'circle') {
    const r = 0.15 * size
    return ellipsePath(tip.x, tip.y, r, r)
  }
  const unit = ARROWS[shape] ?? ARROWS.triangle!
  const points: Point[] = []
  for (let i = 0; i < unit.length; i += 2) {
    const x = unit[i]!
    const y = unit[i + 1]!
    points.push({ x: (x * cos - y * sin) * size + tip.x, y: (x * sin + y * cos) * size + tip.y })
  }
  return polygonPath(points)
}
