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

export type GraphChangeEvent = { type: 'reset' } | { type: 'patch'; patch: GraphPatch }

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

  /** Applies records written by a committed transaction. */
  apply(patch: GraphPatch): void {
    for (const n of patch.nodes) this.nodes.set(n.id, n)
    for (const e of patch.edges) this.edges.set(e.id, e)
    for (const a of patch.annotations) this.annotations.set(a.id, a)
    this.emit({ type: 'patch', patch })
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

function liveValues<T extends { deletedAt?: string | null }>(map: Map<string, T>): T[] {
  const out: T[] = []
  for (const v of map.values()) if (!v.deletedAt) out.push(v)
  return out
}
