import type { Annotation } from './annotations'
import type { GraphEdge } from './edge-kinds'
import type { GraphNode } from './node-kinds'

/** A whole graph as plain arrays: what is stored, imported, exported and generated. */
export interface GraphData {
  nodes: GraphNode[]
  edges: GraphEdge[]
  annotations: Annotation[]
}

export const emptyGraph = (): GraphData => ({ nodes: [], edges: [], annotations: [] })

/** Records the user has not deleted. */
export function live<T extends { deletedAt?: string | null }>(records: readonly T[]): T[] {
  return records.filter((r) => !r.deletedAt)
}
