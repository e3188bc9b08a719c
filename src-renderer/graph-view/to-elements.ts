import type { ElementDefinition } from 'cytoscape'
import type { GraphEdge } from '../domain/edge-kinds'
import type { GraphNode } from '../domain/node-kinds'
import { wrapLabel } from './label-layout'

/** Longest label on large graphs: Cytoscape measures every character of an ellipsised label. */
export const SHORT_LABEL = 40

/**
 * Canvas data of a node: what the stylesheet selects on. `label` is the whole title (`shortLabel`
 * cuts it on large graphs); `wrapped` is the title broken into at most two lines, as drawn.
 */
export function nodeElement(n: GraphNode, shortLabel = false): ElementDefinition {
  const label = shortLabel && n.title.length > SHORT_LABEL ? `${n.title.slice(0, SHORT_LABEL - 1)}…` : n.title
  return {
    group: 'nodes',
    data: { id: n.id, label, wrapped: shortLabel ? label : wrapLabel(n.title), kind: n.kind, status: n.status },
    ...(n.position ? { position: { x: n.position.x, y: n.position.y } } : {})
  }
}

export function edgeElement(e: GraphEdge): ElementDefinition {
  return {
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, kind: e.kind, status: e.status, label: e.label ?? '' }
  }
}

/** Canvas elements for live nodes and the live edges between them. Pure. */
export function toElements(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  options: { shortLabels?: boolean } = {}
): ElementDefinition[] {
  const out: ElementDefinition[] = []
  const ids = new Set<string>()
  for (const n of nodes) {
    if (n.deletedAt) continue
    ids.add(n.id)
    out.push(nodeElement(n, options.shortLabels))
  }
  for (const e of edges) {
    if (!e.deletedAt && ids.has(e.source) && ids.has(e.target)) out.push(edgeElement(e))
  }
  return out
}
