import type { GraphEdge } from '../domain/edge-kinds'
import type { ActorType, ParticipationLevel, Phase, Status } from '../domain/facets'
import type { GraphNode, NodeKind } from '../domain/node-kinds'

/** What the user filters on. Empty arrays mean "no constraint". */
export interface GraphFilter {
  kinds: NodeKind[]
  actorTypes: ActorType[]
  phases: Phase[]
  participationLevels: ParticipationLevel[]
  statuses: Status[]
  tags: string[]
  /** The one switch that hides invented demo content everywhere. */
  hideIllustrative: boolean
  /** Only edges (and nodes) where experts' annotations disagree, with their ends. */
  contestedOnly: boolean
  /** Fade non-matching elements (showcase) or hide them. */
  mode: 'fade' | 'hide'
}

export const EMPTY_FILTER: GraphFilter = {
  kinds: [],
  actorTypes: [],
  phases: [],
  participationLevels: [],
  statuses: [],
  tags: [],
  hideIllustrative: false,
  contestedOnly: false,
  mode: 'fade'
}

/** Whether any constraint is set (the UI shows the active filter and a one-click clear). */
export function isFilterActive(f: GraphFilter): boolean {
  return (
    f.kinds.length > 0 ||
    f.actorTypes.length > 0 ||
    f.phases.length > 0 ||
    f.participationLevels.length > 0 ||
    f.statuses.length > 0 ||
    f.tags.length > 0 ||
    f.hideIllustrative ||
    f.contestedOnly
  )
}

/** How many constraints are set, for the toolbar badge. */
export function activeFilterCount(f: GraphFilter): number {
  return (
    f.kinds.length +
    f.actorTypes.length +
    f.phases.length +
    f.participationLevels.length +
    f.statuses.length +
    f.tags.length +
    (f.hideIllustrative ? 1 : 0) +
    (f.contestedOnly ? 1 : 0)
  )
}

/**
 * Whether a node matches the filter. Facet constraints apply only to the kinds that have the facet
 * (an actor-type filter leaves lessons alone); kind, status and tag constraints apply to every node.
 * `levelsOf` gives the participation levels of a node's participates_in edges.
 */
export function nodeMatches(n: GraphNode, f: GraphFilter, levelsOf: (id: string) => ReadonlySet<string>): boolean {
  if (f.kinds.length && !f.kinds.includes(n.kind)) return false
  if (f.statuses.length && !f.statuses.includes(n.status)) return false
  if (f.tags.length && !n.tags.some((t) => f.tags.includes(t))) return false
  if (f.actorTypes.length && n.kind === 'actor' && !f.actorTypes.includes(n.actorType)) return false
  if (f.phases.length && 'phase' in n && (n.kind === 'lesson' || n.kind === 'ingredient' || n.kind === 'project')) {
    if (!n.phase || !f.phases.includes(n.phase)) return false
  }
  if (f.participationLevels.length && (n.kind === 'actor' || n.kind === 'project')) {
    const levels = levelsOf(n.id)
    if (!f.participationLevels.some((l) => levels.has(l))) return false
  }
  return true
}

/** The result of applying filter, focus and lens: which elements are shown, faded or hidden. */
export interface Visibility {
  /** Elements not shown at all. */
  hidden: Set<string>
  /** Elements shown faded (filter mode "fade"). */
  faded: Set<string>
  /** Visible node count (not hidden). */
  visibleNodes: number
  visibleEdges: number
}

export interface Scope {
  /** When set, only these nodes/edges are in scope (focus, lens); everything else is hidden. */
  nodeIds?: ReadonlySet<string>
  edgeIds?: ReadonlySet<string>
}

/**
 * Decides per element whether it is hidden or faded. Scope (focus or lens) hides what is outside it;
 * the filter then hides or fades what does not match. Illustrative content is always hidden, not faded,
 * when `hideIllustrative` is on. An edge is shown only when both ends are.
 */
export function computeVisibility(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  filter: GraphFilter,
  scope: Scope = {}
): Visibility {
  const levels = new Map<string, Set<string>>()
  if (filter.participationLevels.length) {
    for (const e of edges) {
      if (e.deletedAt || e.kind !== 'participates_in' || !e.participationLevel) continue
      for (const id of [e.source, e.target]) {
        let s = levels.get(id)
        if (!s) levels.set(id, (s = new Set()))
        s.add(e.participationLevel)
      }
    }
  }
  const none = new Set<string>()
  const levelsOf = (id: string): ReadonlySet<string> => levels.get(id) ?? none
  const hidden = new Set<string>()
  const faded = new Set<string>()
  let visibleNodes = 0
  let visibleEdges = 0
  for (const n of nodes) {
    if (n.deletedAt) continue
    if ((scope.nodeIds && !scope.nodeIds.has(n.id)) || (filter.hideIllustrative && n.status === 'illustrative')) {
      hidden.add(n.id)
      continue
    }
    if (!nodeMatches(n, filter, levelsOf)) {
      if (filter.mode === 'hide') {
        hidden.add(n.id)
        continue
      }
      faded.add(n.id)
    }
    visibleNodes++
  }
  for (const e of edges) {
    if (e.deletedAt) continue
    if (
      hidden.has(e.source) ||
      hidden.has(e.target) ||
      (scope.edgeIds && !scope.edgeIds.has(e.id)) ||
      (filter.hideIllustrative && e.status === 'illustrative')
    ) {
      hidden.add(e.id)
      continue
    }
    if (faded.has(e.source) || faded.has(e.target)) faded.add(e.id)
    visibleEdges++
  }
  return { hidden, faded, visibleNodes, visibleEdges }
}
