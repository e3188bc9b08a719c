/**
 * The graph's derived views, kept up to date from the store's diffs instead of being rebuilt on every
 * commit: the graph index (nodes, edges, incident edges per node), the contested set and the lessons
 * that rest on one voice.
 *
 * A commit that changes only what no view depends on (a title, a description, a position) patches
 * the index in place and keeps `view` the same object, so nothing downstream recomputes: the canvas
 * view, the list and the lens all stay as they are, and only the touched labels change (through the
 * display projection). A commit that changes structure or a filterable field gives a new `view`
 * (the same maps, patched), and the canvas view is derived once more.
 */
import { contestedTargets } from '../domain/annotations'
import type { GraphEdge } from '../domain/edge-kinds'
import { buildGraphIndex, type GraphIndex, type Incidence } from '../domain/queries/graph-index'
import type { EdgeId, NodeId } from '../domain/ids'
import type { GraphNode } from '../domain/node-kinds'
import { singleVoiceLessons } from '../graph-view/canvas-view'
import type { GraphChangeEvent, GraphDiff, GraphStore } from '../storage/graph-store'

/** What the canvas view, the lenses and the list depend on, beyond the graph's structure. */
export interface GraphViewState {
  index: GraphIndex
  contested: ReadonlySet<string>
  singleVoice: ReadonlySet<string>
}

/**
 * Node fields that change nothing any view computes from (filters, scopes, lenses, voice counts):
 * editing only these leaves the view as it is. Everything else counts as a view change.
 */
const LABEL_ONLY_NODE_KEYS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'statement',
  'text',
  'summary',
  'transcript',
  'wentWell',
  'wentWrong',
  'attentionPoints',
  'roleDescription',
  'organisation',
  'interviewer',
  'format',
  'locator',
  'speakerRole',
  'area',
  'district',
  'sources',
  'fields',
  'position',
  'updatedAt',
  'updatedBy',
  'reviewedAt',
  'reviewedBy',
  'startDate',
  'endDate',
  'date'
])
const LABEL_ONLY_EDGE_KEYS: ReadonlySet<string> = new Set([
  'label',
  'role',
  'topic',
  'sources',
  'evidence',
  'updatedAt',
  'updatedBy'
])

type MutableIndex = {
  nodes: Map<NodeId, GraphNode>
  edges: Map<EdgeId, GraphEdge>
  incident: Map<NodeId, Incidence[]>
}

export class GraphModel {
  private index: MutableIndex
  private state: GraphViewState
  private readonly listeners = new Set<() => void>()
  private readonly unsubscribe: () => void
  /** Increases on every commit (labels may have changed even when `view` did not). */
  version = 0

  constructor(private readonly store: GraphStore) {
    this.index = this.rebuiltIndex()
    this.state = this.freshState(null)
    this.unsubscribe = store.subscribe((event) => this.onStoreChange(event))
  }

  /** The current derived views; a new object only when something a view depends on changed. */
  get view(): GraphViewState {
    return this.state
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    this.unsubscribe()
    this.listeners.clear()
  }

  // ---------- internals ----------

  private rebuiltIndex(): MutableIndex {
    return buildGraphIndex(this.store.liveNodes(), this.store.liveEdges()) as MutableIndex
  }

  private freshState(previous: GraphViewState | null, contestedChanged = true): GraphViewState {
    const index: GraphIndex = {
      nodes: this.index.nodes,
      edges: this.index.edges,
      incident: this.index.incident
    }
    const contested =
      contestedChanged || !previous
        ? contestedTargets(this.store.liveAnnotations())
        : previous.contested
    return { index, contested, singleVoice: singleVoiceLessons(index) }
  }

  private onStoreChange(event: GraphChangeEvent): void {
    if (event.type === 'reset') {
      this.index = this.rebuiltIndex()
      this.state = this.freshState(null)
    } else {
      const viewChanged = this.applyDiff(event.diff)
      const annotationsChanged =
        event.diff.annotations.added.length +
          event.diff.annotations.removed.length +
          event.diff.annotations.updated.length >
        0
      if (viewChanged || annotationsChanged)
        this.state = this.freshState(this.state, annotationsChanged)
    }
    this.version++
    for (const l of this.listeners) l()
  }

  /** Patches the index with one commit's diff; returns whether any view may look different. */
  private applyDiff(diff: GraphDiff): boolean {
    const { nodes, edges, incident } = this.index
    let viewChanged = false
    for (const n of diff.nodes.added) {
      nodes.set(n.id, n)
      if (!incident.has(n.id)) incident.set(n.id, [])
      viewChanged = true
    }
    for (const { before, after } of diff.nodes.updated) {
      nodes.set(after.id, after)
      if (!viewChanged && changedBeyond(before, after, LABEL_ONLY_NODE_KEYS)) viewChanged = true
    }
    for (const { before, after } of diff.edges.updated) {
      if (before.source !== after.source || before.target !== after.target) {
        this.removeEdge(before.id)
        this.addEdge(after)
        viewChanged = true
        continue
      }
      if (edges.has(after.id)) {
        edges.set(after.id, after)
        for (const end of [after.source, after.target]) {
          const list = incident.get(end)
          if (!list) continue
          for (let i = 0; i < list.length; i++)
            if (list[i]!.edge.id === after.id) list[i] = { ...list[i]!, edge: after }
        }
      } else this.addEdge(after)
      if (!viewChanged && changedBeyond(before, after, LABEL_ONLY_EDGE_KEYS)) viewChanged = true
    }
    for (const e of diff.edges.removed) {
      this.removeEdge(e.id)
      viewChanged = true
    }
    for (const n of diff.nodes.removed) {
      for (const inc of incident.get(n.id) ?? []) this.removeEdge(inc.edge.id)
      incident.delete(n.id)
      nodes.delete(n.id)
      viewChanged = true
    }
    // After the nodes: a commit that adds a node and its edges (an undo of a delete) has both ends.
    for (const e of diff.edges.added) {
      this.addEdge(e)
      viewChanged = true
    }
    return viewChanged
  }

  private addEdge(e: GraphEdge): void {
    const { edges, incident } = this.index
    if (e.deletedAt || edges.has(e.id)) return
    const from = incident.get(e.source)
    const to = incident.get(e.target)
    if (!from || !to) return
    edges.set(e.id, e)
    insertSorted(from, { edge: e, other: e.target, outgoing: true })
    if (e.source !== e.target) insertSorted(to, { edge: e, other: e.source, outgoing: false })
  }

  private removeEdge(id: EdgeId): void {
    const { edges, incident } = this.index
    const e = edges.get(id)
    if (!e) return
    edges.delete(id)
    for (const end of [e.source, e.target]) {
      const list = incident.get(end)
      if (!list) continue
      const i = list.findIndex((inc) => inc.edge.id === id)
      if (i >= 0) list.splice(i, 1)
    }
  }
}

function changedBeyond(before: object, after: object, ignored: ReadonlySet<string>): boolean {
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (ignored.has(key)) continue
    const x = b[key]
    const y = a[key]
    if (x === y) continue
    if (
      Array.isArray(x) &&
      Array.isArray(y) &&
      x.length === y.length &&
      x.every((v, i) => v === y[i])
    )
      continue
    return true
  }
  return false
}

function cmpId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Inserts keeping the index's order: by other end id, then edge id. */
function insertSorted(list: Incidence[], entry: Incidence): void {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const m = list[mid]!
    const c = cmpId(m.other, entry.other) || cmpId(m.edge.id, entry.edge.id)
    if (c < 0) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, entry)
}
