/**
 * Where a new node goes: the free spot nearest to where it belongs (the node it connects to, the
 * point the user clicked), so that it never lands on top of another node. Pure geometry over boxes
 * in model coordinates; the caller says how big a node is (graph-view/node-boxes.ts: the shape plus
 * room for its label) and which boxes are taken.
 *
 * The search walks rings around the anchor, nearest first (the anchor itself, then rings `step`
 * apart, each starting to the right and going round), and takes the first spot whose box, grown by
 * `gap` on every side, overlaps no taken box. A spot beyond every taken box is always free, so after
 * `maxRings` rings the search stops there: the answer never overlaps, whatever the input.
 */
import type { Position } from '../node-kinds'

/** An axis-aligned box in model coordinates (x1 ≤ x2, y1 ≤ y2). */
export interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

/**
 * A node's box relative to its position (its centre): e.g. `{ x1: -20, y1: -20, x2: 20, y2: 52 }`
 * for a 40 px shape with a label below it.
 */
export type Extent = Box

/** Options of {@link freeSpotNear} and {@link placeMany}. */
export interface PlacementOptions {
  /** Free room kept between boxes (model pixels); default 12. */
  gap?: number
  /** Distance between the rings searched (model pixels); default 24. */
  step?: number
  /** Rings searched before falling back to a spot beyond every box; default 60. */
  maxRings?: number
}

const DEFAULTS = { gap: 12, step: 24, maxRings: 60 } as const

/** The box of a node with `extent` at `at`. */
export function boxAt(at: Position, extent: Extent): Box {
  return { x1: at.x + extent.x1, y1: at.y + extent.y1, x2: at.x + extent.x2, y2: at.y + extent.y2 }
}

/** Whether two boxes overlap (boxes that only touch do not). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2
}

/** The smallest box around all of `boxes`, or null for none. */
export function boundsOf(boxes: Iterable<Box>): Box | null {
  let out: Box | null = null
  for (const b of boxes) {
    if (!out) out = { ...b }
    else {
      out.x1 = Math.min(out.x1, b.x1)
      out.y1 = Math.min(out.y1, b.y1)
      out.x2 = Math.max(out.x2, b.x2)
      out.y2 = Math.max(out.y2, b.y2)
    }
  }
  return out
}

const CELL = 256
/** A box covering more cells than this is kept in a list checked for every query. */
const MAX_CELLS = 64

/** Taken boxes, bucketed in a uniform grid so a query looks only at boxes near it. */
export class BoxIndex {
  readonly #cells = new Map<string, Box[]>()
  readonly #large: Box[] = []
  #bounds: Box | null = null

  constructor(boxes: Iterable<Box> = []) {
    for (const b of boxes) this.add(b)
  }

  /** The smallest box around every box added, or null while empty. */
  get bounds(): Box | null {
    return this.#bounds
  }

  add(box: Box): void {
    if (![box.x1, box.y1, box.x2, box.y2].every(Number.isFinite)) return
    this.#bounds = this.#bounds ? (boundsOf([this.#bounds, box]) as Box) : { ...box }
    const [i1, j1, i2, j2] = cellsOf(box)
    if ((i2 - i1 + 1) * (j2 - j1 + 1) > MAX_CELLS) {
      this.#large.push(box)
      return
    }
    for (let i = i1; i <= i2; i++)
      for (let j = j1; j <= j2; j++) {
        const key = `${i},${j}`
        const list = this.#cells.get(key)
        if (list) list.push(box)
        else this.#cells.set(key, [box])
      }
  }

  /** Whether `box` overlaps any box added. */
  hits(box: Box): boolean {
    if (!this.#bounds || !overlaps(box, this.#bounds)) return false
    for (const b of this.#large) if (overlaps(box, b)) return true
    const [i1, j1, i2, j2] = cellsOf(box)
    if ((i2 - i1 + 1) * (j2 - j1 + 1) > MAX_CELLS * 16) {
      // A huge query box: scanning the buckets would cost more than it saves.
      for (const list of this.#cells.values()) for (const b of list) if (overlaps(box, b)) return true
      return false
    }
    for (let i = i1; i <= i2; i++)
      for (let j = j1; j <= j2; j++) {
        const list = this.#cells.get(`${i},${j}`)
        if (list) for (const b of list) if (overlaps(box, b)) return true
      }
    return false
  }
}

function cellsOf(b: Box): [number, number, number, number] {
  return [
    Math.floor(b.x1 / CELL),
    Math.floor(b.y1 / CELL),
    Math.floor(b.x2 / CELL),
    Math.floor(b.y2 / CELL)
  ]
}

function grow(b: Box, by: number): Box {
  return { x1: b.x1 - by, y1: b.y1 - by, x2: b.x2 + by, y2: b.y2 + by }
}

/**
 * The free spot nearest to `anchor` (rounded to whole pixels) for a node with `extent`: its box,
 * grown by `gap`, overlaps none of `occupied`. `anchor` itself when it is free.
 */
export function freeSpotNear(
  anchor: Position,
  extent: Extent,
  occupied: BoxIndex | Iterable<Box>,
  options: PlacementOptions = {}
): Position {
  const index = occupied instanceof BoxIndex ? occupied : new BoxIndex(occupied)
  const gap = Math.max(0, options.gap ?? DEFAULTS.gap)
  const step = Math.max(1, options.step ?? DEFAULTS.step)
  const maxRings = Math.max(0, Math.floor(options.maxRings ?? DEFAULTS.maxRings))
  const origin = {
    x: Number.isFinite(anchor.x) ? Math.round(anchor.x) : 0,
    y: Number.isFinite(anchor.y) ? Math.round(anchor.y) : 0
  }
  const free = (p: Position): boolean => !index.hits(grow(boxAt(p, extent), gap))
  if (free(origin)) return origin
  const bounds = index.bounds as Box
  for (let ring = 1; ring <= maxRings; ring++) {
    const r = ring * step
    const count = Math.max(8, Math.ceil((2 * Math.PI * r) / step))
    for (let k = 0; k < count; k++) {
      // 0, then alternately below and above the right-hand side, so the nearest sides come first.
      const turn = k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2)
      const a = (2 * Math.PI * turn) / count
      const p = { x: Math.round(origin.x + r * Math.cos(a)), y: Math.round(origin.y + r * Math.sin(a)) }
      if (free(p)) return p
    }
    // Past every taken box in all directions: the next ring cannot be nearer than the fallback.
    if (r > Math.hypot(bounds.x2 - bounds.x1, bounds.y2 - bounds.y1) + Math.hypot(origin.x - bounds.x1, origin.y - bounds.y1)) break
  }
  // Right of everything taken, at the anchor's height (clamped into the taken area's height range).
  const y = Math.min(Math.max(origin.y, bounds.y1), bounds.y2)
  return { x: Math.ceil(bounds.x2 + gap - extent.x1) + 1, y: Math.round(y) }
}

/** One node to place: where it wants to be and how big it is. */
export interface PlacementRequest {
  anchor: Position
  extent: Extent
}

/**
 * Places several nodes in order, each at the free spot nearest its own anchor, avoiding `occupied`
 * and the nodes placed before it: no two results overlap, and none overlaps `occupied`. Several new
 * nodes around one node share that node's position as anchor; nodes from a layout keep their laid
 * out position where it is free and move out of each other's way where it is not.
 */
export function placeMany(
  requests: readonly PlacementRequest[],
  occupied: BoxIndex | Iterable<Box>,
  options: PlacementOptions = {}
): Position[] {
  const index = occupied instanceof BoxIndex ? occupied : new BoxIndex(occupied)
  return requests.map((req) => {
    const at = freeSpotNear(req.anchor, req.extent, index, options)
    index.add(boxAt(at, req.extent))
    return at
  })
}
