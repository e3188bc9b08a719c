/** The lesson map and tension lenses: the subgraphs they show. */
import type { EdgeKind } from '../edge-kinds'
import type { EdgeId, NodeId } from '../ids'
import type { GraphNode } from '../node-kinds'
import { sortedIds, type GraphIndex, type Subgraph } from './graph-index'

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
