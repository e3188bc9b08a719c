/**
 * K-shortest simple paths between two nodes (at most `max × maxLength` breadth-first searches), for
 * the path panel; path-sentences.ts tells them as sentences.
 */
import { EDGE_RULES } from '../edge-kinds'
import type { EdgeId, NodeId } from '../ids'
import { cmpId, incidentOf, type GraphIndex, type Incidence } from './graph-index'

/** One step of a path: the edge walked, from which node to which. */
export interface PathStep {
  edge: EdgeId
  from: NodeId
  to: NodeId
  /**
   * True when the step walks the edge in its reading direction (source → target). Undirected
   * kinds (`related`, `in_tension_with`) read both ways, so their steps are always forward.
   */
  forward: boolean
}

/** A simple path: `nodes.length === edges.length + 1 === steps.length + 1`. */
export interface GraphPath {
  nodes: NodeId[]
  edges: EdgeId[]
  steps: PathStep[]
}

/** Options of {@link shortestPaths}. */
export interface ShortestPathOptions {
  /** How many paths at most (default 3). */
  max?: number
  /** Longest path, in edges, worth returning (default 8). */
  maxLength?: number
}

/**
 * The index's adjacency as flat integer arrays (compressed sparse rows), so the many BFS runs of
 * Yen's algorithm touch typed arrays instead of maps. Built lazily once per index.
 */
interface Csr {
  /** Node number → id. */
  readonly ids: readonly NodeId[]
  readonly pos: ReadonlyMap<NodeId, number>
  /** Incidences of node u are `start[u] .. start[u + 1] - 1`, in the index's sorted order. */
  readonly start: Int32Array
  /** Per incidence: the node number at the other end. */
  readonly other: Int32Array
  /** Per incidence: the edge number (shared by both incidences of one edge). */
  readonly edgeNo: Int32Array
  /** Per incidence: the incidence itself. */
  readonly incs: readonly Incidence[]
  readonly edgeCount: number
}

const csrCache = new WeakMap<GraphIndex, Csr>()

function csrOf(index: GraphIndex): Csr {
  const cached = csrCache.get(index)
  if (cached) return cached
  const ids = [...index.nodes.keys()]
  const pos = new Map<NodeId, number>(ids.map((id, i) => [id, i]))
  const edgePos = new Map<EdgeId, number>()
  for (const id of index.edges.keys()) edgePos.set(id, edgePos.size)
  const start = new Int32Array(ids.length + 1)
  let total = 0
  ids.forEach((id, u) => {
    start[u] = total
    total += incidentOf(index, id).length
  })
  start[ids.length] = total
  const other = new Int32Array(total)
  const edgeNo = new Int32Array(total)
  const incs: Incidence[] = []
  for (const id of ids) {
    for (const inc of incidentOf(index, id)) {
      other[incs.length] = pos.get(inc.other) ?? 0
      edgeNo[incs.length] = edgePos.get(inc.edge.id) ?? 0
      incs.push(inc)
    }
  }
  const csr: Csr = { ids, pos, start, other, edgeNo, incs, edgeCount: edgePos.size }
  csrCache.set(index, csr)
  return csr
}

/** A walk as node numbers and incidence numbers (`incs[i]` joins `nodes[i]` to `nodes[i + 1]`). */
interface Walk {
  nodes: number[]
  incs: number[]
}

/** Reusable BFS scratch for one {@link shortestPaths} call; generation stamps avoid clearing. */
class PathSearch {
  private readonly seen: Int32Array
  private readonly parentInc: Int32Array
  private readonly parentNode: Int32Array
  private readonly queue: Int32Array
  private readonly blockedNode: Int32Array
  private readonly blockedEdge: Int32Array
  private gen = 0
  private blockGen = 0

  constructor(private readonly csr: Csr) {
    const n = csr.ids.length
    this.seen = new Int32Array(n)
    this.parentInc = new Int32Array(n)
    this.parentNode = new Int32Array(n)
    this.queue = new Int32Array(n)
    this.blockedNode = new Int32Array(n)
    this.blockedEdge = new Int32Array(csr.edgeCount)
  }

  /** Starts a new set of blocked nodes and edges (empty). */
  newBlock(): void {
    this.blockGen++
  }

  blockNode(u: number): void {
    this.blockedNode[u] = this.blockGen
  }

  blockEdge(e: number): void {
    this.blockedEdge[e] = this.blockGen
  }

  /**
   * Breadth-first search from `from` to `to` of at most `maxSteps` edges, avoiding what is
   * blocked. With adjacency sorted by (neighbour id, edge id) and first-discovery parents, the
   * result is the lexicographically smallest shortest walk by node ids, then edge ids.
   */
  bfs(from: number, to: number, maxSteps: number): Walk | null {
    if (from === to) return { nodes: [from], incs: [] }
    if (maxSteps < 1) return null
    const { start, other, edgeNo } = this.csr
    const { seen, parentInc, parentNode, queue, blockedNode, blockedEdge } = this
    const gen = ++this.gen
    const bg = this.blockGen
    seen[from] = gen
    let head = 0
    let tail = 0
    queue[tail++] = from
    for (let depth = 0; depth < maxSteps && head < tail; depth++) {
      const levelEnd = tail
      while (head < levelEnd) {
        const u = queue[head++] as number
        const end = start[u + 1] as number
        for (let k = start[u] as number; k < end; k++) {
          const v = other[k] as number
          if (seen[v] === gen || blockedNode[v] === bg || blockedEdge[edgeNo[k] as number] === bg) {
            continue
          }
          seen[v] = gen
          parentInc[v] = k
          parentNode[v] = u
          if (v === to) return this.unwind(from, to)
          queue[tail++] = v
        }
      }
    }
    return null
  }

  private unwind(from: number, to: number): Walk {
    const nodes = [to]
    const incs: number[] = []
    for (let v = to; v !== from; v = this.parentNode[v] as number) {
      incs.push(this.parentInc[v] as number)
      nodes.push(this.parentNode[v] as number)
    }
    return { nodes: nodes.reverse(), incs: incs.reverse() }
  }
}

function compareWalks(csr: Csr, a: Walk, b: Walk): number {
  if (a.incs.length !== b.incs.length) return a.incs.length - b.incs.length
  for (let i = 0; i < a.nodes.length; i++) {
    const c = cmpId(
      csr.ids[a.nodes[i] as number] as string,
      csr.ids[b.nodes[i] as number] as string
    )
    if (c !== 0) return c
  }
  for (let i = 0; i < a.incs.length; i++) {
    const c = cmpId(
      (csr.incs[a.incs[i] as number] as Incidence).edge.id,
      (csr.incs[b.incs[i] as number] as Incidence).edge.id
    )
    if (c !== 0) return c
  }
  return 0
}

function toPath(csr: Csr, w: Walk): GraphPath {
  const nodes = w.nodes.map((u) => csr.ids[u] as NodeId)
  const edges: EdgeId[] = []
  const steps: PathStep[] = w.incs.map((k, i) => {
    const { edge } = csr.incs[k] as Incidence
    const from = nodes[i] as NodeId
    edges.push(edge.id)
    return {
      edge: edge.id,
      from,
      to: nodes[i + 1] as NodeId,
      forward: !EDGE_RULES[edge.kind].directed || edge.source === from
    }
  })
  return { nodes, edges, steps }
}

/**
 * Up to `max` shortest simple paths from `fromId` to `toId` (Yen's k-shortest simple paths on the
 * unweighted graph, edges walkable both ways), each at most `maxLength` edges. Paths come in
 * non-decreasing length; ties are ordered by node ids, then edge ids. Paths are distinct as edge
 * sequences, so two parallel edges give two paths over the same nodes. Empty when either node is
 * not live, they are not connected within `maxLength`, or `max < 1`. `fromId === toId` gives one
 * path of length 0. Cost: at most `max × maxLength` BFS runs over typed arrays (a few ms each at
 * 10k nodes / 30k edges), plus building those arrays once per index.
 */
export function shortestPaths(
  index: GraphIndex,
  fromId: NodeId,
  toId: NodeId,
  options: ShortestPathOptions = {}
): GraphPath[] {
  const max = Math.floor(options.max ?? 3)
  const maxLength = Math.floor(options.maxLength ?? 8)
  if (max < 1 || !index.nodes.has(fromId) || !index.nodes.has(toId)) return []
  const csr = csrOf(index)
  const from = csr.pos.get(fromId) as number
  const to = csr.pos.get(toId) as number
  const search = new PathSearch(csr)
  search.newBlock()
  const first = search.bfs(from, to, maxLength)
  if (!first) return []
  const edgeKey = (w: Walk): string => w.incs.map((k) => csr.edgeNo[k]).join(',')
  const accepted: Walk[] = [first]
  const seen = new Set<string>([edgeKey(first)])
  const candidates: Walk[] = []
  while (accepted.length < max) {
    const last = accepted[accepted.length - 1] as Walk
    for (let i = 0; i < last.incs.length; i++) {
      search.newBlock()
      // Paths already taken that share this root may not leave the spur node the same way.
      for (const p of accepted) {
        if (p.incs.length <= i) continue
        let sameRoot = true
        for (let j = 0; j < i && sameRoot; j++) {
          sameRoot = csr.edgeNo[p.incs[j] as number] === csr.edgeNo[last.incs[j] as number]
        }
        if (sameRoot) search.blockEdge(csr.edgeNo[p.incs[i] as number] as number)
      }
      // The root's nodes before the spur node are off limits, so the whole path stays simple.
      for (let j = 0; j < i; j++) search.blockNode(last.nodes[j] as number)
      const tail = search.bfs(last.nodes[i] as number, to, maxLength - i)
      if (!tail) continue
      const walk: Walk = {
        nodes: [...last.nodes.slice(0, i), ...tail.nodes],
        incs: [...last.incs.slice(0, i), ...tail.incs]
      }
      const key = edgeKey(walk)
      if (seen.has(key)) continue
      seen.add(key)
      candidates.push(walk)
    }
    if (candidates.length === 0) break
    let best = 0
    for (let c = 1; c < candidates.length; c++) {
      if (compareWalks(csr, candidates[c] as Walk, candidates[best] as Walk) < 0) best = c
    }
    accepted.push(candidates.splice(best, 1)[0] as Walk)
  }
  return accepted.map((w) => toPath(csr, w))
}
