/**
 * Computes a named layout on a headless Cytoscape over plain data. Shared by the layout worker
 * (layout-worker.ts) and the in-thread fallback of runLayout (run-layout.ts), so both give the
 * same result. The work is a generator: it yields progress between phases (and every few
 * refinement iterations), which lets the caller post progress or check for cancellation, and it
 * returns the positions as a Float64Array `[x0, y0, x1, y1, …]` in input node order.
 */
import { seededRandom } from '../domain/random'
import cytoscape, {
  type Core,
  type ElementDefinition,
  type LayoutOptions,
  type NodeSingular,
  type StylesheetJson
} from 'cytoscape'
import fcose from 'cytoscape-fcose'
import { NODE_KINDS } from '../domain/node-kinds'
import { LAYOUTS, kindRank, nodeSize, type LayoutName, type RefineOptions } from './layouts'

export type { LayoutName, RefineOptions }

/** A node as the layout sees it; x and y are its current position, if it has one. */
export interface LayoutNodeInput {
  id: string
  kind: string
  x?: number
  y?: number
}

/** An edge as the layout sees it. Edges whose ends are not in the node list are ignored. */
export interface LayoutEdgeInput {
  id: string
  source: string
  target: string
}

/** The graph handed to a layout. */
export interface LayoutGraphInput {
  nodes: readonly LayoutNodeInput[]
  edges: readonly LayoutEdgeInput[]
}

/** Phases of a layout run, in order. */
export type LayoutPhase = 'prepare' | 'layout' | 'refine' | 'done'

/** A progress report: the current phase and the overall fraction done (0…1, coarse). */
export interface LayoutProgress {
  phase: LayoutPhase
  fraction: number
}

let fcoseRegistered = false

/** Registers fCoSE with Cytoscape once per realm (main thread or worker). */
export function registerFcose(): void {
  if (fcoseRegistered) return
  cytoscape.use(fcose)
  fcoseRegistered = true
}

/** Node sizes by kind as a tiny stylesheet, so avoidOverlap and fCoSE see the real discs. */
function sizeStylesheet(): StylesheetJson {
  const sheet: StylesheetJson = [{ selector: 'node', style: { width: 36, height: 36 } }]
  for (const kind of NODE_KINDS) {
    const size = nodeSize(kind)
    sheet.push({ selector: `node[kind = "${kind}"]`, style: { width: size, height: size } })
  }
  return sheet
}

/** Builds the headless instance. Returns it with the node collection in input order. */
function headless(graph: LayoutGraphInput): { cy: Core; nodes: NodeSingular[] } {
  const ids = new Set<string>()
  const elements: ElementDefinition[] = []
  for (const n of graph.nodes) {
    if (ids.has(n.id)) continue
    ids.add(n.id)
    const hasPos = Number.isFinite(n.x) && Number.isFinite(n.y)
    elements.push({
      group: 'nodes',
      data: { id: n.id, kind: n.kind },
      position: hasPos ? { x: n.x as number, y: n.y as number } : { x: 0, y: 0 }
    })
  }
  const edgeIds = new Set<string>()
  for (const e of graph.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || ids.has(e.id) || edgeIds.has(e.id)) continue
    edgeIds.add(e.id)
    elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } })
  }
  const cy = cytoscape({ headless: true, styleEnabled: true, style: sizeStylesheet(), elements })
  return { cy, nodes: graph.nodes.map((n) => cy.getElementById(n.id) as NodeSingular) }
}

function readPositions(nodes: readonly NodeSingular[]): Float64Array {
  const out = new Float64Array(nodes.length * 2)
  for (let i = 0; i < nodes.length; i++) {
    const p = (nodes[i] as NodeSingular).position()
    out[2 * i] = p.x
    out[2 * i + 1] = p.y
  }
  return out
}

/**
 * Breadth-first from the root: the root's connected component as a tree with the root alone on
 * the top level, everything it cannot reach in a grid below the tree (Cytoscape would otherwise
 * put those nodes on a level above the root).
 */
function runBreadthfirst(cy: Core, options: LayoutOptions, rootId: string | undefined): void {
  const given = rootId ? cy.getElementById(rootId) : undefined
  let root: NodeSingular | undefined = given?.nonempty() && given.isNode() ? given : undefined
  if (!root) {
    const maxDegree = cy.nodes().maxDegree(false)
    root = cy.nodes().filter((n) => n.degree(false) === maxDegree)[0]
  }
  if (!root) return
  const component = root.component()
  component.layout({ ...options, roots: [root.id()] } as LayoutOptions).run()
  const rest = cy.nodes().difference(component.nodes())
  if (rest.empty()) return
  const bb = component.nodes().boundingBox()
  const cell = 90
  const cols = Math.max(1, Math.ceil(Math.max(bb.w / cell, Math.sqrt(rest.length * 1.5))))
  const rows = Math.max(1, Math.ceil(rest.length / cols))
  rest
    .layout({
      name: 'grid',
      animate: false,
      fit: false,
      avoidOverlap: true,
      cols,
      rows,
      boundingBox: { x1: bb.x1, y1: bb.y2 + 2 * cell, w: cols * cell, h: rows * cell },
      sort: (a: NodeSingular, b: NodeSingular) =>
        kindRank(a.data('kind') as string) - kindRank(b.data('kind') as string)
    })
    .run()
}

/**
 * Runs layout `name` over `graph`. Yields progress; returns the positions in node order.
 * Synchronous between yields; the caller decides where the yields go (worker message, macrotask).
 */
export function* layoutSteps(
  name: LayoutName,
  graph: LayoutGraphInput,
  options: { rootId?: string; fast?: boolean } = {}
): Generator<LayoutProgress, Float64Array, void> {
  yield { phase: 'prepare', fraction: 0 }
  const n = graph.nodes.length
  if (n === 0) return new Float64Array(0)
  registerFcose()
  const { cy, nodes } = headless(graph)
  try {
    const plan = LAYOUTS[name].plan({
      nodeCount: n,
      edgeCount: cy.edges().length,
      ...(options.rootId ? { rootId: options.rootId } : {}),
      ...(options.fast ? { fast: true } : {})
    })
    const layoutEnd = plan.refine ? 0.5 : 0.95
    yield { phase: 'layout', fraction: 0.05 }
    if (name === 'breadthfirst') runBreadthfirst(cy, plan.layout as LayoutOptions, options.rootId)
    else cy.layout(plan.layout as LayoutOptions).run()
    const positions = readPositions(nodes)
    if (plan.refine) {
      yield { phase: 'refine', fraction: layoutEnd }
      const index = new Map<string, number>()
      nodes.forEach((node, i) => index.set(node.id(), i))
      const edges = cy.edges()
      const pairs = new Int32Array(edges.length * 2)
      edges.forEach((e, i) => {
        pairs[2 * i] = index.get(e.data('source') as string) ?? 0
        pairs[2 * i + 1] = index.get(e.data('target') as string) ?? 0
      })
      const radius = new Float64Array(n)
      for (let i = 0; i < n; i++) radius[i] = nodeSize((graph.nodes[i] as LayoutNodeInput).kind) / 2
      for (const done of refineSteps(positions, radius, pairs, plan.refine))
        yield { phase: 'refine', fraction: layoutEnd + (0.95 - layoutEnd) * done }
    }
    yield { phase: 'done', fraction: 1 }
    return positions
  } finally {
    cy.destroy()
  }
}

/** Runs a layout to the end in the current thread. */
export function computeLayout(
  name: LayoutName,
  graph: LayoutGraphInput,
  options: { rootId?: string } = {}
): Float64Array {
  const steps = layoutSteps(name, graph, options)
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}


/**
 * A Barnes–Hut quadtree over typed arrays, rebuilt every iteration. Cell 0 is the root. A cell is
 * internal (`body` −1, four `child` slots, −1 when empty) or a leaf holding one node (`body` ≥ 0;
 * cells smaller than MIN_HALF keep several coincident nodes as one mass).
 */
class QuadTree {
  child = new Int32Array(0)
  body = new Int32Array(0)
  mass = new Float64Array(0)
  mx = new Float64Array(0)
  my = new Float64Array(0)
  cx = new Float64Array(0)
  cy = new Float64Array(0)
  half = new Float64Array(0)
  size = 0

  private ensure(cells: number): void {
    if (this.body.length >= cells) return
    const cap = Math.max(cells, this.body.length * 2, 64)
    const grow = <T extends Int32Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n)
      b.set(a)
      return b
    }
    this.child = grow(this.child, cap * 4)
    this.body = grow(this.body, cap)
    this.mass = grow(this.mass, cap)
    this.mx = grow(this.mx, cap)
    this.my = grow(this.my, cap)
    this.cx = grow(this.cx, cap)
    this.cy = grow(this.cy, cap)
    this.half = grow(this.half, cap)
  }

  private cell(cx: number, cy: number, half: number, body: number, x: number, y: number): number {
    const c = this.size++
    this.ensure(this.size)
    this.cx[c] = cx
    this.cy[c] = cy
    this.half[c] = half
    this.body[c] = body
    this.mass[c] = body >= 0 ? 1 : 0
    this.mx[c] = x
    this.my[c] = y
    this.child.fill(-1, 4 * c, 4 * c + 4)
    return c
  }

  build(pos: Float64Array, n: number): void {
    let minX = Infinity
    let maxX = -Infinity
    let minY = Infinity
    let maxY = -Infinity
    for (let i = 0; i < n; i++) {
      const x = pos[2 * i] as number
      const y = pos[2 * i + 1] as number
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
    }
    this.size = 0
    this.ensure(2 * n + 16)
    const half = Math.max(maxX - minX, maxY - minY, 1) / 2 + 1
    this.cell((minX + maxX) / 2, (minY + maxY) / 2, half, -1, 0, 0)
    for (let i = 0; i < n; i++) this.insert(i, pos[2 * i] as number, pos[2 * i + 1] as number)
  }

  private insert(i: number, x: number, y: number): void {
    let c = 0
    for (;;) {
      const m = this.mass[c] as number
      if ((this.body[c] as number) < 0) {
        this.mx[c] = ((this.mx[c] as number) * m + x) / (m + 1)
        this.my[c] = ((this.my[c] as number) * m + y) / (m + 1)
        this.mass[c] = m + 1
        const east = x >= (this.cx[c] as number)
        const south = y >= (this.cy[c] as number)
        const q = (south ? 2 : 0) + (east ? 1 : 0)
        const ch = this.child[4 * c + q] as number
        if (ch >= 0) {
          c = ch
          continue
        }
        const h = (this.half[c] as number) / 2
        const nc = this.cell(
          (this.cx[c] as number) + (east ? h : -h),
          (this.cy[c] as number) + (south ? h : -h),
          h,
          i,
          x,
          y
        )
        this.child[4 * c + q] = nc
        return
      }
      // A leaf: coincident nodes in a tiny cell share it; otherwise split and push the old body down.
      if ((this.half[c] as number) < MIN_HALF) {
        this.mx[c] = ((this.mx[c] as number) * m + x) / (m + 1)
        this.my[c] = ((this.my[c] as number) * m + y) / (m + 1)
        this.mass[c] = m + 1
        return
      }
      const j = this.body[c] as number
      const jx = this.mx[c] as number
      const jy = this.my[c] as number
      this.body[c] = -1
      const east = jx >= (this.cx[c] as number)
      const south = jy >= (this.cy[c] as number)
      const h = (this.half[c] as number) / 2
      const nc = this.cell(
        (this.cx[c] as number) + (east ? h : -h),
        (this.cy[c] as number) + (south ? h : -h),
        h,
        j,
        jx,
        jy
      )
      this.mass[nc] = m
      this.child[4 * c + (south ? 2 : 0) + (east ? 1 : 0)] = nc
      // c is internal now, with j's mass and centre; the loop adds i to it.
    }
  }
}

/** Leaves smaller than this (model pixels) hold coincident nodes together instead of splitting. */
const MIN_HALF = 0.01
/** Barnes–Hut opening angle: a cell of size s at distance d counts as one mass when s / d < θ. */
const THETA = 0.9

/**
 * Force-directed refinement in place over typed arrays: Fruchterman–Reingold forces (repulsion
 * k²/d between all pairs through a Barnes–Hut quadtree, attraction d²/k along edges), an extra
 * push while two node discs overlap, and a weak pull to the centre so loose components stay near.
 * The starting layout is first scaled so its mean edge length is the ideal one; the step size
 * cools linearly. About n · log n per iteration. Yields the fraction done every few iterations.
 *
 * @param pos `[x0, y0, x1, y1, …]`, updated in place
 * @param radius node radii
 * @param edges `[s0, t0, s1, t1, …]` node indexes
 */
export function* refineSteps(
  pos: Float64Array,
  radius: Float64Array,
  edges: Int32Array,
  options: RefineOptions
): Generator<number, void, void> {
  const n = radius.length
  const iterations = Math.max(1, Math.floor(options.iterations))
  if (n < 2) return
  const k = options.idealEdgeLength
  const k2 = k * k
  const rand = seededRandom(0x9e3779b9 ^ n)

  // Scale to the ideal edge length, about the centre of mass; then jitter so no two nodes coincide.
  let cx = 0
  let cy = 0
  for (let i = 0; i < n; i++) {
    cx += Number.isFinite(pos[2 * i]) ? (pos[2 * i] as number) : 0
    cy += Number.isFinite(pos[2 * i + 1]) ? (pos[2 * i + 1] as number) : 0
  }
  cx /= n
  cy /= n
  let sum = 0
  let counted = 0
  for (let e = 0; e < edges.length; e += 2) {
    const a = edges[e] as number
    const b = edges[e + 1] as number
    if (a === b) continue
    const d = Math.hypot(
      (pos[2 * a] as number) - (pos[2 * b] as number),
      (pos[2 * a + 1] as number) - (pos[2 * b + 1] as number)
    )
    if (Number.isFinite(d)) {
      sum += d
      counted++
    }
  }
  const scale = counted > 0 && sum > 0 ? k / (sum / counted) : 1
  for (let i = 0; i < n; i++) {
    const x = pos[2 * i] as number
    const y = pos[2 * i + 1] as number
    const jx = (rand() - 0.5) * k * 0.2
    const jy = (rand() - 0.5) * k * 0.2
    pos[2 * i] = Number.isFinite(x) ? cx + (x - cx) * scale + jx : cx + jx * 10
    pos[2 * i + 1] = Number.isFinite(y) ? cy + (y - cy) * scale + jy : cy + jy * 10
  }

  const fx = new Float64Array(n)
  const fy = new Float64Array(n)
  const tree = new QuadTree()
  const stack = new Int32Array(4096)
  const tMax = k * 2
  const tMin = k * 0.02
  const gravity = options.gravity
  const padding = options.padding
  const theta2 = THETA * THETA
  const yieldEvery = Math.max(1, Math.ceil(iterations / 20))

  for (let it = 0; it < iterations; it++) {
    const t = tMin + (tMax - tMin) * (1 - it / iterations)
    tree.build(pos, n)
    const { child, body, mass, mx, my, half } = tree
    cx = mx[0] as number
    cy = my[0] as number

    // Repulsion through the tree, plus the overlap push against single nearby nodes.
    for (let i = 0; i < n; i++) {
      const xi = pos[2 * i] as number
      const yi = pos[2 * i + 1] as number
      const ri = radius[i] as number
      let ax = 0
      let ay = 0
      let top = 0
      stack[top++] = 0
      while (top > 0) {
        const c = stack[--top] as number
        const m = mass[c] as number
        if (m === 0) continue
        const b = body[c] as number
        let dx = xi - (mx[c] as number)
        let dy = yi - (my[c] as number)
        let d2 = dx * dx + dy * dy
        if (b >= 0) {
          const own = b === i ? 1 : 0
          if (m - own <= 0) continue
          if (d2 < 1e-4) {
            dx = (rand() - 0.5) * 0.1
            dy = (rand() - 0.5) * 0.1
            d2 = dx * dx + dy * dy
          }
          let f = (k2 * (m - own)) / d2
          if (own === 0 && m === 1) {
            const d = Math.sqrt(d2)
            const minD = ri + (radius[b] as number) + padding
            if (d < minD) f += ((minD - d) * 4) / d
          }
          ax += dx * f
          ay += dy * f
          continue
        }
        const s = 2 * (half[c] as number)
        if (s * s < theta2 * d2) {
          const f = (k2 * m) / d2
          ax += dx * f
          ay += dy * f
          continue
        }
        for (let q = 0; q < 4; q++) {
          const ch = child[4 * c + q] as number
          if (ch >= 0 && top < stack.length) stack[top++] = ch
        }
      }
      fx[i] = ax
      fy[i] = ay
    }

    // Springs along edges.
    for (let e = 0; e < edges.length; e += 2) {
      const a = edges[e] as number
      const b = edges[e + 1] as number
      if (a === b) continue
      const dx = (pos[2 * b] as number) - (pos[2 * a] as number)
      const dy = (pos[2 * b + 1] as number) - (pos[2 * a + 1] as number)
      const d = Math.sqrt(dx * dx + dy * dy)
      if (d < 1e-6) continue
      const f = d / k // (d² / k) / d
      fx[a] = (fx[a] as number) + dx * f
      fy[a] = (fy[a] as number) + dy * f
      fx[b] = (fx[b] as number) - dx * f
      fy[b] = (fy[b] as number) - dy * f
    }

    // Gravity, then move each node at most t.
    for (let i = 0; i < n; i++) {
      const x = pos[2 * i] as number
      const y = pos[2 * i + 1] as number
      const gxF = (fx[i] as number) - gravity * (x - cx)
      const gyF = (fy[i] as number) - gravity * (y - cy)
      const len = Math.sqrt(gxF * gxF + gyF * gyF)
      if (!(len > 1e-9)) continue
      const step = len > t ? t / len : 1
      pos[2 * i] = x + gxF * step
      pos[2 * i + 1] = y + gyF * step
    }

    if ((it + 1) % yieldEvery === 0 && it + 1 < iterations) yield (it + 1) / iterations
  }
  yield 1
}

/** Main thread → layout worker: run one layout. */
export interface LayoutRequest {
  type: 'run'
  name: LayoutName
  graph: LayoutGraphInput
  rootId?: string
  fast?: boolean
}

/** Layout worker → main thread. `positions` is `[x0, y0, x1, y1, …]` in request node order. */
export type LayoutResponse =
  | { type: 'progress'; phase: LayoutPhase; fraction: number }
  | { type: 'done'; positions: Float64Array; ms: number }
  | { type: 'error'; message: string }
