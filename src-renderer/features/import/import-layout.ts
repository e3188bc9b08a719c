/**
 * Places the nodes of an import that come without a position (a GEXF or GraphML from another tool,
 * a CSV), as part of the import: laid out in the layout worker (graph-view/run-layout.ts), set
 * beside the map to the right of its bounding box, moved out of each other's way where the layout
 * left overlaps (domain/queries/placement.ts), and written with the records in the import's one
 * write. The map already there does not move: in a merge an incoming node that is stored with a
 * position keeps it; in a replace the file's own positioned nodes are "the map".
 */
import type { GraphData } from '../../domain/graph'
import type { GraphNode, Position } from '../../domain/node-kinds'
import { BoxIndex, boundsOf, boxAt, placeMany, type Box } from '../../domain/queries/placement'
import { nodeExtent } from '../../graph-view/node-boxes'
import { runLayout, type LayoutProgress } from '../../graph-view/run-layout'
import type { GraphStore } from '../../storage/graph-store'

/** Room between the map and the newly placed nodes (model pixels). */
export const BESIDE_MARGIN = 240
/** Up to this many nodes to place, no layout: they are put round one point beside the map. */
export const FEW_NODES = 8
/**
 * Above this many nodes to place, a grid beside the map instead of the force-directed layout (which
 * would keep the user waiting on the import for minutes); Lay-out can arrange them afterwards.
 */
export const FORCE_LAYOUT_MAX = 2_000
/** Room between the cells of that grid (model pixels). */
const GRID_GAP = 16

/** Far enough to stand for "everything left of the margin". */
const WALL = 1e9

/** Options of {@link layoutUnpositioned}. */
export interface ImportLayoutOptions {
  /** The stored map (a merge keeps it; a replace drops it). */
  store: GraphStore
  /** Where the canvas drew stored nodes that have no stored position. */
  drawn?: ReadonlyMap<string, Position>
  signal?: AbortSignal
  onProgress?: (progress: LayoutProgress) => void
}

/** What {@link layoutUnpositioned} did. */
export interface ImportLayoutResult {
  /** How many nodes got a position. */
  placed: number
  /** Puts the nodes back as they were (after a failed or cancelled write). */
  undo: () => void
}

const hasPosition = (n: GraphNode): boolean =>
  n.position != null && Number.isFinite(n.position.x) && Number.isFinite(n.position.y)

/**
 * Gives every live node of `graph` that lacks a position one, in place (the array keeps its
 * identity, so the validation `applyMapping` attached to it still applies: a position changes
 * nothing a validation checks). Rejects with an AbortError when `signal` aborts (nothing changed).
 */
export async function layoutUnpositioned(
  graph: GraphData,
  mode: 'merge' | 'replace',
  options: ImportLayoutOptions
): Promise<ImportLayoutResult> {
  const { store } = options
  const before = graph.nodes.slice()
  const fixed = new Map<string, Position>()
  const loose: GraphNode[] = []
  const incoming = new Set<string>()
  const keptPositions: [string, Position][] = []
  for (const n of graph.nodes) {
    incoming.add(n.id)
    if (n.deletedAt) continue
    if (hasPosition(n)) fixed.set(n.id, n.position as Position)
    else {
      // A merge keeps a stored node where it is, even when the file has no position for it.
      const kept = mode === 'merge' ? (store.node(n.id)?.position ?? options.drawn?.get(n.id)) : undefined
      if (kept) {
        fixed.set(n.id, kept)
        keptPositions.push([n.id, kept])
      } else loose.push(n)
    }
  }
  if (loose.length === 0 && keptPositions.length === 0) return { placed: 0, undo: () => {} }

  // The map as it will stand: the stored nodes (merge) and the import's positioned ones.
  const taken: Box[] = []
  if (mode === 'merge')
    for (const n of store.liveNodes()) {
      if (incoming.has(n.id)) continue
      const at = n.position ?? options.drawn?.get(n.id)
      if (at) taken.push(boxAt(at, nodeExtent(n.kind, n.title)))
    }
  for (const n of graph.nodes) {
    const at = fixed.get(n.id)
    if (at) taken.push(boxAt(at, nodeExtent(n.kind, n.title)))
  }

  const spots = new Map<string, Position>()
  if (loose.length > FORCE_LAYOUT_MAX) {
    for (const [id, at] of gridBeside(loose, boundsOf(taken))) spots.set(id, at)
  } else if (loose.length > 0) {
    const ids = new Set(loose.map((n) => n.id))
    // A handful of nodes need no force layout: they gather round one point (placeMany below).
    const laid =
      loose.length <= FEW_NODES
        ? new Map(loose.map((n) => [n.id, { x: 0, y: 0 }]))
        : await runLayout(
            'fcose',
            {
              nodes: loose.map((n) => ({ id: n.id, kind: n.kind })),
              edges: graph.edges
                .filter((e) => !e.deletedAt && e.source !== e.target && ids.has(e.source) && ids.has(e.target))
                .map((e) => ({ id: e.id, source: e.source, target: e.target }))
            },
            {
              // The user waits on the import: fCoSE's quick draft plus refinement (~3× faster on celegans).
              fast: true,
              ...(options.signal ? { signal: options.signal } : {}),
              ...(options.onProgress ? { onProgress: options.onProgress } : {})
            }
          )
    if (options.signal?.aborted) throw new DOMException('The layout was cancelled.', 'AbortError')
    // Beside the map: the layout's box moved to the right of the map's box, tops aligned.
    const extents = new Map(loose.map((n) => [n.id, nodeExtent(n.kind, n.title)]))
    const laidBounds = boundsOf(loose.map((n) => boxAt(laid.get(n.id) as Position, extents.get(n.id)!))) as Box
    const map = boundsOf(taken)
    const dx = map ? map.x2 + BESIDE_MARGIN - laidBounds.x1 : -(laidBounds.x1 + laidBounds.x2) / 2
    const dy = map ? map.y1 - laidBounds.y1 : -(laidBounds.y1 + laidBounds.y2) / 2
    // The layout's centre keeps its place first; nodes further out move aside where they overlap.
    const cx = (laidBounds.x1 + laidBounds.x2) / 2
    const cy = (laidBounds.y1 + laidBounds.y2) / 2
    const order = loose
      .map((n) => ({ n, p: laid.get(n.id) as Position }))
      .sort((a, b) => Math.hypot(a.p.x - cx, a.p.y - cy) - Math.hypot(b.p.x - cx, b.p.y - cy))
    const occupied = new BoxIndex(taken)
    // A wall down the middle of the margin: a node moving aside never moves into the map.
    if (map) occupied.add({ x1: -WALL, y1: -WALL, x2: map.x2 + BESIDE_MARGIN / 2, y2: WALL })
    const placed = placeMany(
      order.map(({ n, p }) => ({ anchor: { x: p.x + dx, y: p.y + dy }, extent: extents.get(n.id)! })),
      occupied
    )
    // Moving aside grows the drawing in every direction: line its top up with the map's again (a
    // shift of them all keeps them apart, and the wall is vertical, so none moves into the map).
    const placedTop = order.reduce((top, { n }, i) => Math.min(top, placed[i]!.y + extents.get(n.id)!.y1), Infinity)
    const lift = map ? Math.round(map.y1 - placedTop) : 0
    order.forEach(({ n }, i) => spots.set(n.id, { x: placed[i]!.x, y: placed[i]!.y + lift }))
  }

  for (const [id, at] of keptPositions) spots.set(id, at)
  graph.nodes.forEach((n, i) => {
    const at = spots.get(n.id)
    if (at) graph.nodes[i] = { ...n, position: at } as GraphNode
  })
  return {
    placed: loose.length,
    undo: () => {
      before.forEach((n, i) => (graph.nodes[i] = n))
    }
  }
}

/**
 * Many nodes in a grid of equal cells, each as big as the largest node box plus a gap (so no two
 * overlap), by kind and then id, to the right of `map` with its top at the map's top.
 */
function gridBeside(nodes: readonly GraphNode[], map: Box | null): Map<string, Position> {
  const extents = nodes.map((n) => nodeExtent(n.kind, n.title))
  const cellW = extents.reduce((m, e) => Math.max(m, e.x2 - e.x1), 0) + GRID_GAP
  const cellH = extents.reduce((m, e) => Math.max(m, e.y2 - e.y1), 0) + GRID_GAP
  const cols = Math.max(1, Math.ceil(Math.sqrt((nodes.length * cellH) / cellW)))
  const x0 = map ? map.x2 + BESIDE_MARGIN : 0
  const y0 = map ? map.y1 : 0
  const order = nodes
    .map((n, i) => ({ n, e: extents[i]! }))
    .sort((a, b) => (a.n.kind < b.n.kind ? -1 : a.n.kind > b.n.kind ? 1 : a.n.id < b.n.id ? -1 : a.n.id > b.n.id ? 1 : 0))
  const out = new Map<string, Position>()
  order.forEach(({ n, e }, i) => {
    const col = i % cols
    const row = Math.floor(i / cols)
    // The box's left and top edges at its cell's, centred horizontally in the cell.
    const x = x0 + col * cellW + (cellW - GRID_GAP - (e.x2 - e.x1)) / 2 - e.x1
    const y = y0 + row * cellH - e.y1
    out.set(n.id, { x: Math.ceil(x), y: Math.ceil(y) })
  })
  return out
}
