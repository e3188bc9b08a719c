import type { Annotation } from '../domain/annotations'
import type { GraphEdge } from '../domain/edge-kinds'
import type { GraphData } from '../domain/graph'
import type { GraphNode } from '../domain/node-kinds'
import type { RecordTable } from './db'

/** What changed in one commit: the records written (soft-deleted ones included, with `deletedAt`). */
export interface GraphPatch {
  nodes: GraphNode[]
  edges: GraphEdge[]
  annotations: Annotation[]
}

/** What one commit did to one table, seen from the live graph (soft-deleted records are not live). */
export interface TableDiff<T> {
  /** Records that became live: new ones, and soft-deleted ones brought back (undo). */
  added: T[]
  /** Live records that changed, with the value before and after the commit. */
  updated: { before: T; after: T }[]
  /** Records that stopped being live (soft-deleted), with their value before the commit. */
  removed: T[]
}

/** What one commit did to the live graph, table by table. */
export interface GraphDiff {
  nodes: TableDiff<GraphNode>
  edges: TableDiff<GraphEdge>
  annotations: TableDiff<Annotation>
}

/**
 * A store change: a `reset` replaces everything (load, replace import, new map); a `patch` carries
 * the records one commit wrote and the diff they made, computed against the store before the commit.
 */
export type GraphChangeEvent =
  | { type: 'reset' }
  | { type: 'patch'; patch: GraphPatch; diff: GraphDiff }

type Listener = (event: GraphChangeEvent) => void

interface RecordOf {
  nodes: GraphNode
  edges: GraphEdge
  annotations: Annotation
}

/**
 * The in-memory working graph: loaded once from storage, then patched by the repository after each
 * committed transaction. It is a cache of what is stored, never a second source of truth: only the
 * repository calls `reset` and `apply`. Whole-graph consumers (canvas, search) subscribe to its events.
 */
export class GraphStore {
  readonly nodes = new Map<string, GraphNode>()
  readonly edges = new Map<string, GraphEdge>()
  readonly annotations = new Map<string, Annotation>()
  /** Increases by one on every reset or patch; React reads it through useSyncExternalStore. */
  version = 0
  private listeners = new Set<Listener>()

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  table<T extends RecordTable>(table: T): Map<string, RecordOf[T]> {
    return this[table] as Map<string, RecordOf[T]>
  }

  /** Replaces the whole content (after load or a whole-graph write). */
  reset(data: GraphData): void {
    this.nodes.clear()
    this.edges.clear()
    this.annotations.clear()
    for (const n of data.nodes) this.nodes.set(n.id, n)
    for (const e of data.edges) this.edges.set(e.id, e)
    for (const a of data.annotations) this.annotations.set(a.id, a)
    this.emit({ type: 'reset' })
  }

  /** Applies records written by a committed transaction and tells every listener what changed. */
  apply(patch: GraphPatch): void {
    const diff: GraphDiff = {
      nodes: applyTo(this.nodes, patch.nodes),
      edges: applyTo(this.edges, patch.edges),
      annotations: applyTo(this.annotations, patch.annotations)
    }
    this.emit({ type: 'patch', patch, diff })
  }

  liveNodes(): GraphNode[] {
    return liveValues(this.nodes)
  }

  liveEdges(): GraphEdge[] {
    return liveValues(this.edges)
  }

  liveAnnotations(): Annotation[] {
    return liveValues(this.annotations)
  }

  /** A live node by id, or undefined when missing or deleted. */
  node(id: string): GraphNode | undefined {
    const n = this.nodes.get(id)
    return n && !n.deletedAt ? n : undefined
  }

  edge(id: string): GraphEdge | undefined {
    const e = this.edges.get(id)
    return e && !e.deletedAt ? e : undefined
  }

  /** The live graph as plain arrays. */
  toGraphData(): GraphData {
    return { nodes: this.liveNodes(), edges: this.liveEdges(), annotations: this.liveAnnotations() }
  }

  private emit(event: GraphChangeEvent): void {
    this.version++
    for (const l of this.listeners) l(event)
  }
}

/** Writes `records` into `map` and returns what that did to the live records. */
function applyTo<T extends { id: string; deletedAt?: string | null }>(
  map: Map<string, T>,
  records: readonly T[]
): TableDiff<T> {
  const diff: TableDiff<T> = { added: [], updated: [], removed: [] }
  for (const after of records) {
    const before = map.get(after.id)
    map.set(after.id, after)
    const wasLive = before !== undefined && !before.deletedAt
    const isLive = !after.deletedAt
    if (wasLive && isLive) diff.updated.push({ before, after })
    else if (wasLive) diff.removed.push(before)
    else if (isLive) diff.added.push(after)
  }
  return diff
}

/** True when a diff changes nothing live. */
export function isEmptyDiff(diff: GraphDiff): boolean {
  return [diff.nodes, diff.edges, diff.annotations].every(
    (t) => t.added.length === 0 && t.updated.length === 0 && t.removed.length === 0
  )
}

function liveValues<T extends { deletedAt?: string | null }>(map: Map<string, T>): T[] {
  const out: T[] = []
  for (const v of map.values()) if (!v.deletedAt) out.push(v)
  return out
}
