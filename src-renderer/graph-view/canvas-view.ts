import {
  centrality,
  clusters,
  expand,
  lessonMapSubgraph,
  neighbourhood,
  shortestPaths,
  tensionsSubgraph,
  voiceCounts,
  type GraphIndex,
  type GraphPath,
  type Subgraph
} from '../domain/graph-queries'
import type { NodeId } from '../domain/ids'
import type { Position } from '../domain/node-kinds'
import { computeVisibility, type GraphFilter, type Scope } from './view-filter'

/** The parts of UI state that decide what the canvas shows. */
export interface CanvasViewInput {
  /**
   * Lessons resting on one voice, when the caller has them already ({@link singleVoiceLessons}
   * depends only on the graph, not on filter or focus, so it need not be recomputed per view).
   */
  singleVoice?: ReadonlySet<string>
  /** Search "show all": these nodes are highlighted, everything else fades (combines with the filter). */
  searchMatches?: ReadonlySet<string> | null
  /** Ids of nodes and edges whose annotations disagree (from domain/annotations contestedTargets). */
  contested?: ReadonlySet<string>
  filter: GraphFilter
  focus: { seedIds: string[]; depth: 1 | 2 | 3; expanded: string[] } | null
  lens: 'all' | 'lessonMap' | 'tensions'
  centrality: 'degree' | 'betweenness'
  path: { fromId: string; toId: string; index: number } | null
}

/** Everything the controller needs to draw one state of the map. Pure data. */
export interface CanvasView {
  hidden: Set<string>
  faded: Set<string>
  /** Elements of the highlighted path. */
  highlighted: Set<string>
  /** Node sizes in px when a lens sizes nodes by centrality. */
  sizes: Map<string, number> | null
  /** Cluster number per node on the lesson map. */
  clusterOf: Map<string, number> | null
  /** Positions that replace the saved ones while a lens is on (never saved). */
  tempPositions: Map<string, Position> | null
  /** Lessons that rest on one voice (at most one distinct actor). */
  singleVoice: ReadonlySet<string>
  /** Nodes and edges where experts disagree. */
  contested: ReadonlySet<string>
  paths: GraphPath[]
  visibleNodes: number
  visibleEdges: number
  /** Nodes neither hidden nor faded: what the status line and "only what is visible" count. */
  shownNodes: number
}

/** Betweenness is O(n·m); above this many lens nodes the lens falls back to degree. */
export const BETWEENNESS_LIMIT = 3000

/**
 * Computes what the canvas shows: scope (focus or lens) first, then filter, then the path highlight,
 * cluster positions and centrality sizes for the lesson map, and single-voice lessons.
 */
export function computeCanvasView(index: GraphIndex, input: CanvasViewInput): CanvasView {
  const nodes = [...index.nodes.values()]
  const edges = [...index.edges.values()]
  let scope: Scope = {}
  let lensIds: Subgraph | null = null
  if (input.lens === 'lessonMap') lensIds = lessonMapSubgraph(index)
  else if (input.lens === 'tensions') lensIds = tensionsSubgraph(index)
  if (lensIds) scope = { nodeIds: new Set(lensIds.nodeIds), edgeIds: new Set(lensIds.edgeIds) }
  if (input.focus && input.focus.seedIds.length) {
    const seeds = input.focus.seedIds.filter((id) => index.nodes.has(id as NodeId)) as NodeId[]
    const hood = neighbourhood(index, seeds, input.focus.depth, { induced: true })
    const nodeIds = new Set<string>(hood.nodeIds)
    const edgeIds = new Set<string>(hood.edgeIds)
    for (const id of input.focus.expanded) {
      if (!index.nodes.has(id as NodeId)) continue
      const more = expand(index, id as NodeId)
      more.nodeIds.forEach((n) => nodeIds.add(n))
      more.edgeIds.forEach((e) => edgeIds.add(e))
    }
    // Edges between any two focused nodes are shown too.
    for (const e of edges) if (nodeIds.has(e.source) && nodeIds.has(e.target)) edgeIds.add(e.id)
    scope = {
      nodeIds: scope.nodeIds ? intersect(scope.nodeIds, nodeIds) : nodeIds,
      edgeIds: scope.edgeIds ? intersect(scope.edgeIds, edgeIds) : edgeIds
    }
  }
  if (input.filter.contestedOnly) {
    const contested = input.contested ?? new Set<string>()
    const nodeIds = new Set<string>()
    const edgeIds = new Set<string>()
    for (const e of edges) {
      if (!contested.has(e.id)) continue
      edgeIds.add(e.id)
      nodeIds.add(e.source)
      nodeIds.add(e.target)
    }
    for (const id of contested) if (index.nodes.has(id as NodeId)) nodeIds.add(id)
    scope = {
      nodeIds: scope.nodeIds ? intersect(scope.nodeIds, nodeIds) : nodeIds,
      edgeIds: scope.edgeIds ? intersect(scope.edgeIds, edgeIds) : edgeIds
    }
  }
  const vis = computeVisibility(nodes, edges, input.filter, scope)

  const highlighted = new Set<string>()
  if (input.searchMatches) {
    for (const id of index.nodes.keys()) {
      if (vis.hidden.has(id)) continue
      if (input.searchMatches.has(id)) highlighted.add(id)
      else vis.faded.add(id)
    }
    for (const e of index.edges.values()) {
      if (
        !vis.hidden.has(e.id) &&
        !(input.searchMatches.has(e.source) && input.searchMatches.has(e.target))
      )
        vis.faded.add(e.id)
    }
  }
  let paths: GraphPath[] = []
  if (
    input.path &&
    index.nodes.has(input.path.fromId as NodeId) &&
    index.nodes.has(input.path.toId as NodeId)
  ) {
    paths = shortestPaths(index, input.path.fromId as NodeId, input.path.toId as NodeId, { max: 3 })
    const shown = paths[input.path.index] ?? paths[0]
    if (shown) {
      for (const id of [...shown.nodes, ...shown.edges]) {
        highlighted.add(id)
        vis.hidden.delete(id)
        vis.faded.delete(id)
      }
      // Everything off the path steps back, so the chain reads on its own.
      for (const id of index.nodes.keys())
        if (!highlighted.has(id) && !vis.hidden.has(id)) vis.faded.add(id)
      for (const id of index.edges.keys())
        if (!highlighted.has(id) && !vis.hidden.has(id)) vis.faded.add(id)
    }
  }

  let sizes: Map<string, number> | null = null
  let clusterOf: Map<string, number> | null = null
  let tempPositions: Map<string, Position> | null = null
  if (input.lens === 'lessonMap' && lensIds) {
    const shownNodes = lensIds.nodeIds.filter((id) => !vis.hidden.has(id))
    const shownEdges = lensIds.edgeIds.filter((id) => !vis.hidden.has(id))
    const measure =
      input.centrality === 'betweenness' && shownNodes.length > BETWEENNESS_LIMIT
        ? 'degree'
        : input.centrality
    const c = centrality(index, shownNodes, shownEdges, measure)
    sizes = new Map([...c].map(([id, v]) => [id, Math.round(24 + 56 * v)]))
    clusterOf = clusters(index, shownNodes, shownEdges)
    tempPositions = clusterPositions(clusterOf)
  }

  const singleVoice = input.singleVoice ?? singleVoiceLessons(index)

  return {
    hidden: vis.hidden,
    faded: vis.faded,
    highlighted,
    sizes,
    clusterOf,
    tempPositions,
    singleVoice,
    contested: input.contested ?? new Set<string>(),
    paths,
    visibleNodes: countVisible(index.nodes.keys(), vis.hidden),
    visibleEdges: countVisible(index.edges.keys(), vis.hidden),
    shownNodes: countShown(index.nodes.keys(), vis.hidden, vis.faded)
  }
}

function countVisible(ids: Iterable<string>, hidden: Set<string>): number {
  let n = 0
  for (const id of ids) if (!hidden.has(id)) n++
  return n
}

/** Lessons that rest on at most one distinct actor. Depends only on the graph. */
export function singleVoiceLessons(index: GraphIndex): Set<string> {
  const out = new Set<string>()
  for (const [id, v] of voiceCounts(index)) if (v.singleVoice) out.add(id)
  return out
}

function countShown(ids: Iterable<string>, hidden: Set<string>, faded: Set<string>): number {
  let n = 0
  for (const id of ids) if (!hidden.has(id) && !faded.has(id)) n++
  return n
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>()
  for (const x of a) if (b.has(x)) out.add(x)
  return out
}

/**
 * Places each cluster on its own circle and the circles in rows, largest cluster first, so the
 * groups read at a glance. Deterministic: members in id order.
 */
export function clusterPositions(clusterOf: ReadonlyMap<string, number>): Map<string, Position> {
  const groups = new Map<number, string[]>()
  for (const [id, c] of clusterOf) {
    let g = groups.get(c)
    if (!g) groups.set(c, (g = []))
    g.push(id)
  }
  const ordered = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, ids]) => ids.sort())
  const out = new Map<string, Position>()
  const perRow = Math.max(1, Math.ceil(Math.sqrt(ordered.length)))
  // Room on each circle for a two-line label under every node, and between the circles for the
  // cluster's region and its name.
  const radii = ordered.map((ids) =>
    ids.length === 1 ? 0 : Math.max(100, (ids.length * 120) / (2 * Math.PI))
  )
  const cell = Math.max(...radii, 60) * 2 + 200
  ordered.forEach((ids, i) => {
    const cx = (i % perRow) * cell
    const cy = Math.floor(i / perRow) * cell
    const r = radii[i]!
    ids.forEach((id, j) => {
      const a = (2 * Math.PI * j) / ids.length - Math.PI / 2
      out.set(id, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) })
    })
  })
  return out
}
