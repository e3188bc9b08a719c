/**
 * Pure graph analysis for the canvas, the inspector and the lenses: neighbourhoods, k-shortest
 * paths and their sentences, the lesson map and tension lenses, clusters, centrality and the
 * "how many voices carry this lesson" count.
 *
 * Everything works on plain `GraphNode[]`/`GraphEdge[]` through a {@link GraphIndex} built once
 * with {@link buildGraphIndex}. Soft-deleted records and edges with a missing end never enter the
 * index, so no query below ever sees them. Results are deterministic: ties are broken by id
 * (plain code-unit order, independent of locale), and Louvain runs on a seeded PRNG.
 *
 * Cost at 10k nodes / 30k edges: building the index is O(n + m log m); neighbourhood, expand,
 * lenses, voice counts and adjacency are linear in what they touch; k-shortest paths run at most
 * `max × maxLength` breadth-first searches; Louvain and degree are near-linear. Betweenness is
 * O(n·m) — see {@link centrality}.
 */
import { UndirectedGraph } from 'graphology'
import louvain from 'graphology-communities-louvain'
import betweennessCentrality from 'graphology-metrics/centrality/betweenness'
import { EDGE_KINDS, EDGE_RULES, type EdgeKind, type GraphEdge } from './edge-kinds'
import type { ActorType } from './facets'
import { seededRandom } from './random'
import type { EdgeId, NodeId } from './ids'
import type { GraphNode, NodeKind } from './node-kinds'

// ---------------------------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------------------------

/** One edge as seen from one of its ends. */
export interface Incidence {
  readonly edge: GraphEdge
  /** The node at the other end (the node itself for a self-loop). */
  readonly other: NodeId
  /** True when the node this incidence belongs to is the edge's stored `source`. */
  readonly outgoing: boolean
}

/** Live nodes and edges with their adjacency, built once by {@link buildGraphIndex}. */
export interface GraphIndex {
  /** Live nodes by id. */
  readonly nodes: ReadonlyMap<NodeId, GraphNode>
  /** Live edges whose both ends are live nodes, by id. */
  readonly edges: ReadonlyMap<EdgeId, GraphEdge>
  /**
   * Incident edges per live node, both directions, sorted by (other end id, edge id). A self-loop
   * appears once. Every live node has an entry (possibly empty).
   */
  readonly incident: ReadonlyMap<NodeId, readonly Incidence[]>
}

/** A set of node and edge ids, each sorted by id. */
export interface Subgraph {
  nodeIds: NodeId[]
  edgeIds: EdgeId[]
}

/** Plain code-unit comparison: deterministic, locale-independent. */
function cmpId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function sortedIds<T extends string>(ids: Iterable<T>): T[] {
  return [...ids].sort(cmpId)
}

const EMPTY: readonly Incidence[] = []

function incidentOf(index: GraphIndex, id: NodeId): readonly Incidence[] {
  return index.incident.get(id) ?? EMPTY
}

/**
 * Builds the index every query here works on. Ignores nodes and edges with `deletedAt` set, edges
 * whose source or target is not a live node, and repeated ids (the first record wins). O(n + m log m).
 */
export function buildGraphIndex(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[]
): GraphIndex {
  const nodeMap = new Map<NodeId, GraphNode>()
  for (const n of nodes) {
    if (n.deletedAt || nodeMap.has(n.id)) continue
    nodeMap.set(n.id, n)
  }
  const edgeMap = new Map<EdgeId, GraphEdge>()
  const incident = new Map<NodeId, Incidence[]>()
  for (const id of nodeMap.keys()) incident.set(id, [])
  for (const e of edges) {
    if (e.deletedAt || edgeMap.has(e.id)) continue
    const from = incident.get(e.source)
    const to = incident.get(e.target)
    if (!from || !to) continue
    edgeMap.set(e.id, e)
    from.push({ edge: e, other: e.target, outgoing: true })
    if (e.source !== e.target) to.push({ edge: e, other: e.source, outgoing: false })
  }
  for (const list of incident.values()) {
    list.sort((a, b) => cmpId(a.other, b.other) || cmpId(a.edge.id, b.edge.id))
  }
  return { nodes: nodeMap, edges: edgeMap, incident }
}

// ---------------------------------------------------------------------------------------------
// Neighbourhood
// ---------------------------------------------------------------------------------------------

/** How many steps a focus view reaches. */
export type NeighbourhoodDepth = 1 | 2 | 3

/** Options of {@link neighbourhood}. */
export interface NeighbourhoodOptions {
  /**
   * When true, also include edges between two nodes at exactly `depth` steps (the induced
   * subgraph). Default false: only edges on a walk of at most `depth` steps from a seed.
   */
  induced?: boolean
}

/**
 * The nodes within `depth` steps of the seeds (edges followed in both directions) and the edges
 * walked to reach them: an edge is included when one of its ends is fewer than `depth` steps from
 * a seed (with `induced`, every edge between two included nodes). Seeds that are not live nodes
 * are ignored; live seeds are always included. Linear in the size of the result's incidences.
 */
export function neighbourhood(
  index: GraphIndex,
  seedIds: readonly NodeId[],
  depth: NeighbourhoodDepth,
  options: NeighbourhoodOptions = {}
): Subgraph {
  const dist = new Map<NodeId, number>()
  const edgeIds = new Set<EdgeId>()
  let frontier: NodeId[] = []
  for (const s of seedIds) {
    if (index.nodes.has(s) && !dist.has(s)) {
      dist.set(s, 0)
      frontier.push(s)
    }
  }
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: NodeId[] = []
    for (const id of frontier) {
      for (const inc of incidentOf(index, id)) {
        edgeIds.add(inc.edge.id)
        if (!dist.has(inc.other)) {
          dist.set(inc.other, d + 1)
          next.push(inc.other)
        }
      }
    }
    frontier = next
  }
  if (options.induced) {
    for (const id of frontier) {
      for (const inc of incidentOf(index, id)) {
        if (dist.has(inc.other)) edgeIds.add(inc.edge.id)
      }
    }
  }
  return { nodeIds: sortedIds(dist.keys()), edgeIds: sortedIds(edgeIds) }
}

/**
 * "Expand in place": the 1-step neighbours of `nodeId` (not the node itself, unless it has a
 * self-loop) and the edges joining them to it. Empty when the node is not live.
 */
export function expand(index: GraphIndex, nodeId: NodeId): Subgraph {
  const nodeIds = new Set<NodeId>()
  const edgeIds: EdgeId[] = []
  for (const inc of incidentOf(index, nodeId)) {
    nodeIds.add(inc.other)
    edgeIds.push(inc.edge.id)
  }
  return { nodeIds: sortedIds(nodeIds), edgeIds: sortedIds(edgeIds) }
}

// ---------------------------------------------------------------------------------------------
// Shortest paths
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Path sentences
// ---------------------------------------------------------------------------------------------

/** Label functions the UI passes in (its i18n `kind.*` and `edge.*`), plus the language. */
export interface PathLabels {
  kind: (kind: NodeKind) => string
  edge: (kind: EdgeKind) => string
  lang: 'nl' | 'en'
}

/** Longest title, in characters, that a path sentence quotes in full. */
export const PATH_TITLE_MAX = 60

const CLAUSE_BREAK = /[,;:]\s|\s[–—-]\s/g

/**
 * Shortens `text` to at most `max` characters plus an ellipsis. It cuts after the last clause
 * break (`, ; :` or a dash) that keeps at least a third of `max`, else at the last word break,
 * and appends ` …`; a single over-long word is cut hard with `…`. Whitespace runs fold to one
 * space. Text within `max` comes back unchanged (apart from that folding).
 */
export function truncateTitle(text: string, max: number = PATH_TITLE_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const head = clean.slice(0, max + 1)
  let clauseCut = -1
  for (const m of head.matchAll(CLAUSE_BREAK)) {
    const end = (m.index ?? 0) + (m[0].startsWith(' ') ? 0 : 1)
    if (end <= max) clauseCut = end
  }
  if (clauseCut >= max / 3) return `${clean.slice(0, clauseCut).trimEnd()} …`
  const wordCut = head.lastIndexOf(' ')
  if (wordCut > 0) return `${clean.slice(0, wordCut).trimEnd()} …`
  return `${clean.slice(0, max - 1)}…`
}

/** Dutch relative pronoun after a node of this kind: de-words take `die`, het-words `dat`. */
const NL_RELATIVE: Record<NodeKind, 'die' | 'dat'> = {
  actor: 'die',
  interview: 'dat',
  quote: 'dat',
  lesson: 'die',
  ingredient: 'dat',
  project: 'dat',
  theme: 'dat'
}

/**
 * One readable sentence for a path, e.g. (nl) `Citaat "We hoorden maanden niets, …" onderbouwt
 * Les "Blijf communiceren, ook zonder nieuws", die Ingrediënt "In contact blijven" voedt,
 * toegepast in Project "Werkplaats Zonneplein".` Each node reads `<Kind> "<title>"`, titles cut
 * by {@link truncateTitle}; an edge's own `label` overrides its kind label. Grammar, per step:
 * - the first forward step is a main clause: `A <label> B`;
 * - a later forward step whose label is one word (a finite verb: `voedt`, `supports`) becomes a
 *   relative clause on the node before it: nl `, die|dat B <label>` (verb last, pronoun by the
 *   kind's gender), en `, which|who <label> B`;
 * - a later forward step with a multi-word label (a participle or phrase: `toegepast in`,
 *   `onderdeel van`, `part of`) becomes an apposition: `, <label> B`;
 * - a step walked against the edge's direction is written with arrows, the same in both
 *   languages: `A ← <label> ← B` (first step) or `, ← <label> ← B` — reading "B <label> A".
 *   Rephrasing every verb into the passive is not reliable, so the arrow form is used throughout.
 * Undirected kinds always read forward. Nodes missing from the index read as their id.
 */
export function describePath(path: GraphPath, index: GraphIndex, labels: PathLabels): string {
  const nodeText = (id: NodeId): string => {
    const n = index.nodes.get(id)
    return n ? `${labels.kind(n.kind)} "${truncateTitle(n.title)}"` : `"${truncateTitle(id)}"`
  }
  const first = path.nodes[0]
  if (first === undefined) return ''
  let out = nodeText(first)
  path.steps.forEach((step, i) => {
    const edge = index.edges.get(step.edge)
    const label = edge?.label?.trim() || (edge ? labels.edge(edge.kind) : '—')
    const target = nodeText(step.to)
    if (!step.forward) {
      out += `${i === 0 ? ' ' : ', '}← ${label} ← ${target}`
    } else if (i === 0) {
      out += ` ${label} ${target}`
    } else if (!/\s/.test(label)) {
      const prev = index.nodes.get(step.from)
      if (labels.lang === 'nl') {
        out += `, ${prev ? NL_RELATIVE[prev.kind] : 'die'} ${target} ${label}`
      } else {
        const who = prev?.kind === 'actor' && prev.isPerson ? 'who' : 'which'
        out += `, ${who} ${label} ${target}`
      }
    } else {
      out += `, ${label} ${target}`
    }
  })
  return `${out}.`
}

// ---------------------------------------------------------------------------------------------
// Lenses
// ---------------------------------------------------------------------------------------------

const LESSON_MAP_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>([
  'reinforces',
  'contradicts',
  'qualifies',
  'informs',
  'supports'
])
const isLessonOrIngredient = (n: GraphNode | undefined): boolean =>
  n?.kind === 'lesson' || n?.kind === 'ingredient'

/**
 * The lesson map: every live lesson and ingredient (also those without edges here), and the
 * `reinforces`, `contradicts`, `qualifies`, `informs` and `supports` edges whose both ends are a
 * lesson or an ingredient. Quotes, interviews and `part_of` edges stay out. O(n + m).
 */
export function lessonMapSubgraph(index: GraphIndex): Subgraph {
  const nodeIds: NodeId[] = []
  for (const n of index.nodes.values()) if (isLessonOrIngredient(n)) nodeIds.push(n.id)
  const edgeIds: EdgeId[] = []
  for (const e of index.edges.values()) {
    if (!LESSON_MAP_KINDS.has(e.kind)) continue
    if (isLessonOrIngredient(index.nodes.get(e.source))) {
      if (isLessonOrIngredient(index.nodes.get(e.target))) edgeIds.push(e.id)
    }
  }
  return { nodeIds: sortedIds(nodeIds), edgeIds: sortedIds(edgeIds) }
}

/**
 * The tensions lens: every live `contradicts` edge (whatever its ends), every `in_tension_with`
 * edge between two actors, and the nodes at their ends. O(m).
 */
export function tensionsSubgraph(index: GraphIndex): Subgraph {
  const nodeIds = new Set<NodeId>()
  const edgeIds: EdgeId[] = []
  for (const e of index.edges.values()) {
    const keep =
      e.kind === 'contradicts' ||
      (e.kind === 'in_tension_with' &&
        index.nodes.get(e.source)?.kind === 'actor' &&
        index.nodes.get(e.target)?.kind === 'actor')
    if (!keep) continue
    edgeIds.push(e.id)
    nodeIds.add(e.source)
    nodeIds.add(e.target)
  }
  return { nodeIds: sortedIds(nodeIds), edgeIds: sortedIds(edgeIds) }
}

// ---------------------------------------------------------------------------------------------
// Clusters and centrality
// ---------------------------------------------------------------------------------------------


export { seededRandom }

/** Seed of the Louvain PRNG. Any fixed value works; changing it may renumber clusters. */
export const CLUSTER_SEED = 0x5eed

/**
 * A simple undirected graphology graph over the live nodes in `nodeIds` and the live edges in
 * `edgeIds` whose both ends are among them. Parallel edges fold into one with `weight` = how
 * many; self-loops are dropped. Nodes and edges go in sorted by id, so algorithms see a stable
 * order.
 */
function toGraphology(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): UndirectedGraph<Record<string, never>, { weight: number }> {
  const g = new UndirectedGraph<Record<string, never>, { weight: number }>()
  for (const id of sortedIds(new Set(nodeIds))) if (index.nodes.has(id)) g.addNode(id)
  for (const id of sortedIds(new Set(edgeIds))) {
    const e = index.edges.get(id)
    if (!e || e.source === e.target || !g.hasNode(e.source) || !g.hasNode(e.target)) continue
    const existing = g.edge(e.source, e.target)
    if (existing === undefined) g.addEdge(e.source, e.target, { weight: 1 })
    else g.updateEdgeAttribute(existing, 'weight', (w) => (w ?? 0) + 1)
  }
  return g
}

/**
 * Communities (Louvain, seeded with {@link CLUSTER_SEED}) of the subgraph given by `nodeIds` and
 * `edgeIds` (edges are treated as undirected; parallel edges add weight). Every live node in
 * `nodeIds` gets a cluster index; clusters are numbered 0, 1, … by size descending, ties by their
 * smallest node id. Ids that are not live are left out. Same input, same answer.
 */
export function clusters(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): Map<NodeId, number> {
  const g = toGraphology(index, nodeIds, edgeIds)
  const raw = louvain(g, { rng: seededRandom(CLUSTER_SEED), getEdgeWeight: 'weight' })
  const groups = new Map<number, NodeId[]>()
  g.forEachNode((id) => {
    const c = raw[id] ?? -1
    const list = groups.get(c)
    if (list) list.push(id as NodeId)
    else groups.set(c, [id as NodeId])
  })
  // Nodes went in sorted, so each group's first member is its smallest id.
  const ordered = [...groups.values()].sort(
    (a, b) => b.length - a.length || cmpId(a[0] as string, b[0] as string)
  )
  const result = new Map<NodeId, number>()
  ordered.forEach((members, i) => {
    for (const id of members) result.set(id, i)
  })
  return result
}

/** Which centrality {@link centrality} computes. */
export type CentralityMeasure = 'degree' | 'betweenness'

/**
 * Centrality of every live node in `nodeIds` on the subgraph they span with `edgeIds` (undirected;
 * parallel edges count once, so degree = number of distinct neighbours), scaled so the most central
 * node scores 1 and the rest 0..1 (all 0 when there are no edges).
 *
 * `degree` is O(n + m) (tens of ms at 10k nodes / 30k edges). `betweenness` (Brandes,
 * unweighted, via graphology-metrics) is O(n·m): measured ~20 s on a 10k / 30k graph and ~1.5 s
 * on a lesson map of 3.7k nodes / 7.8k edges. The UI should offer it on the lesson map subgraph
 * (or another selection of a few thousand nodes), and otherwise warn before running it — off the
 * UI thread, in a worker.
 */
export function centrality(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>,
  measure: CentralityMeasure
): Map<NodeId, number> {
  const raw =
    measure === 'degree'
      ? distinctDegree(index, nodeIds, edgeIds)
      : betweenness(index, nodeIds, edgeIds)
  let max = 0
  for (const v of raw.values()) max = Math.max(max, v)
  const result = new Map<NodeId, number>()
  for (const [id, v] of raw) result.set(id, max > 0 ? v / max : 0)
  return result
}

/** Unweighted betweenness (graphology-metrics, Brandes) of the subgraph. O(n·m). */
function betweenness(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): Map<NodeId, number> {
  const g = toGraphology(index, nodeIds, edgeIds)
  const out = new Map<NodeId, number>()
  if (g.order === 0) return out
  // Raw values: the caller scales to the maximum, and graphology's own normalisation divides by
  // zero below three nodes.
  const values = betweennessCentrality(g, { getEdgeWeight: null, normalized: false })
  g.forEachNode((id) => out.set(id as NodeId, values[id] ?? 0))
  return out
}

/**
 * Distinct neighbours per node within the subgraph: what graphology-metrics' `degreeCentrality`
 * gives on the simple graph of {@link toGraphology} (before its division by n − 1, which the
 * scaling to the maximum cancels), counted directly because building a graphology graph costs
 * far more than the count itself.
 */
function distinctDegree(
  index: GraphIndex,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId>
): Map<NodeId, number> {
  const degree = new Map<NodeId, number>()
  for (const id of nodeIds) if (index.nodes.has(id)) degree.set(id, 0)
  const pairs = new Set<string>()
  for (const id of edgeIds) {
    const e = index.edges.get(id)
    if (!e || e.source === e.target || !degree.has(e.source) || !degree.has(e.target)) continue
    const key =
      e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`
    if (pairs.has(key)) continue
    pairs.add(key)
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1)
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1)
  }
  return degree
}

// ---------------------------------------------------------------------------------------------
// Voices behind a lesson
// ---------------------------------------------------------------------------------------------

/** How many voices carry one lesson. Id lists are sorted; counts equal their lengths. */
export interface VoiceCount {
  lessonId: NodeId
  /** Quotes with a `supports` edge to the lesson. */
  supportingQuotes: NodeId[]
  /** Quotes with a `qualifies` edge to the lesson (not counted as support). */
  qualifyingQuotes: NodeId[]
  /** Quotes with a `contradicts` edge to the lesson (not counted as support). */
  contradictingQuotes: NodeId[]
  /** Interviews that `yields` the lesson or `contains` a supporting quote. */
  interviews: NodeId[]
  /** Actors `interviewed` in those interviews. */
  actors: NodeId[]
  /** Distinct `actorType`s of those actors. */
  actorTypes: ActorType[]
  quoteCount: number
  interviewCount: number
  actorCount: number
  actorTypeCount: number
  /** At most one distinct actor behind the lesson (also true when there is none). */
  singleVoice: boolean
  /** No interview behind the lesson at all. */
  unsupported: boolean
}

/**
 * For each live lesson: its supporting quotes, qualifying and contradicting quotes (reported
 * apart), the distinct interviews behind it (interviews that `yields` it plus interviews that
 * `contains` a supporting quote), the distinct actors `interviewed` in those interviews and their
 * distinct actor types; `singleVoice` when at most one actor, `unsupported` when no interview.
 * Edges count only in their rule direction (quote → lesson, interview → lesson/quote/actor).
 * O(n + m).
 */
export function voiceCounts(index: GraphIndex): Map<NodeId, VoiceCount> {
  const result = new Map<NodeId, VoiceCount>()
  const kindOf = (id: NodeId): NodeKind | undefined => index.nodes.get(id)?.kind
  for (const lesson of index.nodes.values()) {
    if (lesson.kind !== 'lesson') continue
    const supporting = new Set<NodeId>()
    const qualifying = new Set<NodeId>()
    const contradicting = new Set<NodeId>()
    const interviews = new Set<NodeId>()
    for (const inc of incidentOf(index, lesson.id)) {
      const e = inc.edge
      if (e.target !== lesson.id) continue
      const fromKind = kindOf(e.source)
      if (fromKind === 'quote') {
        if (e.kind === 'supports') supporting.add(e.source)
        else if (e.kind === 'qualifies') qualifying.add(e.source)
        else if (e.kind === 'contradicts') contradicting.add(e.source)
      } else if (fromKind === 'interview' && e.kind === 'yields') {
        interviews.add(e.source)
      }
    }
    for (const q of supporting) {
      for (const inc of incidentOf(index, q)) {
        const e = inc.edge
        if (e.kind === 'contains' && e.target === q && kindOf(e.source) === 'interview') {
          interviews.add(e.source)
        }
      }
    }
    const actors = new Set<NodeId>()
    const actorTypes = new Set<ActorType>()
    for (const iv of interviews) {
      for (const inc of incidentOf(index, iv)) {
        const e = inc.edge
        if (e.kind !== 'interviewed' || e.source !== iv) continue
        const actor = index.nodes.get(e.target)
        if (actor?.kind !== 'actor') continue
        actors.add(actor.id)
        actorTypes.add(actor.actorType)
      }
    }
    result.set(lesson.id, {
      lessonId: lesson.id,
      supportingQuotes: sortedIds(supporting),
      qualifyingQuotes: sortedIds(qualifying),
      contradictingQuotes: sortedIds(contradicting),
      interviews: sortedIds(interviews),
      actors: sortedIds(actors),
      actorTypes: sortedIds(actorTypes),
      quoteCount: supporting.size,
      interviewCount: interviews.size,
      actorCount: actors.size,
      actorTypeCount: actorTypes.size,
      singleVoice: actors.size <= 1,
      unsupported: interviews.size === 0
    })
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// Inspector adjacency
// ---------------------------------------------------------------------------------------------

/** One neighbour of a node, for the inspector. */
export interface AdjacencyEntry {
  kind: EdgeKind
  /** `out` when the inspected node is the edge's stored source, `in` when it is the target. */
  direction: 'out' | 'in'
  /** False for undirected kinds, whose direction is only the stored order. */
  directed: boolean
  edge: GraphEdge
  node: GraphNode
}

const EDGE_KIND_ORDER = new Map<EdgeKind, number>(EDGE_KINDS.map((k, i) => [k, i]))

/**
 * The neighbours of `nodeId` with the edge that joins them, sorted by edge kind (in
 * `EDGE_RULES` table order), then direction (`out` first), then the neighbour's title (Dutch
 * collation), then ids. A self-loop appears once, as `out`. Empty when the node is not live.
 */
export function nodeAdjacency(index: GraphIndex, nodeId: NodeId): AdjacencyEntry[] {
  const entries: AdjacencyEntry[] = []
  for (const inc of incidentOf(index, nodeId)) {
    const node = index.nodes.get(inc.other)
    if (!node) continue
    entries.push({
      kind: inc.edge.kind,
      direction: inc.outgoing ? 'out' : 'in',
      directed: EDGE_RULES[inc.edge.kind].directed,
      edge: inc.edge,
      node
    })
  }
  return entries.sort(
    (a, b) =>
      (EDGE_KIND_ORDER.get(a.kind) ?? 0) - (EDGE_KIND_ORDER.get(b.kind) ?? 0) ||
      (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1) ||
      a.node.title.localeCompare(b.node.title, 'nl') ||
      cmpId(a.node.id, b.node.id) ||
      cmpId(a.edge.id, b.edge.id)
  )
}
