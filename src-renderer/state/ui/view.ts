import type { Position } from '../../domain/node-kinds'
import { EMPTY_FILTER, type GraphFilter } from '../../graph-view/view-filter'
import type { UiSlice } from './slice'

/** Show only the neighbourhood of these nodes; `expanded` nodes add their own 1-step neighbours. */
export interface Focus {
  seedIds: string[]
  depth: 1 | 2 | 3
  expanded: string[]
}

/** A special view of the map: everything, the lesson map, or only tensions. */
export type Lens = 'all' | 'lessonMap' | 'tensions'

/** A highlighted connection between two nodes (from "How does A lead to B?"). */
export interface PathHighlight {
  fromId: string
  toId: string
  /** Index of the path shown, among those found. */
  index: number
}

/** Positions an opened saved view shows its nodes at: temporary, like a lens's; never saved. */
export interface ViewPositions {
  viewName: string
  positions: ReadonlyMap<string, Position>
}

/** What the map shows: filter, focus, lens, path, search matches, canvas or list. */
export interface ViewSlice {
  /** The positions of the saved view that was opened, until cleared or another view opens. */
  viewPositions: ViewPositions | null
  setViewPositions: (p: ViewPositions | null) => void
  filter: GraphFilter
  focus: Focus | null
  lens: Lens
  centrality: 'degree' | 'betweenness'
  path: PathHighlight | null
  /** Canvas or the accessible list view. */
  display: 'canvas' | 'list'
  /** "Show all" search matches: highlighted on the canvas, the rest faded. */
  searchMatches: { query: string; ids: string[] } | null
  setSearchMatches: (m: ViewSlice['searchMatches']) => void
  setFilter: (patch: Partial<GraphFilter>) => void
  clearFilter: () => void
  setFocus: (focus: Focus | null) => void
  setLens: (lens: Lens) => void
  setCentrality: (c: 'degree' | 'betweenness') => void
  setPath: (path: PathHighlight | null) => void
  setDisplay: (d: 'canvas' | 'list') => void
}

export const viewSlice: UiSlice<ViewSlice> = (set) => ({
  viewPositions: null,
  setViewPositions: (viewPositions) => set({ viewPositions }),
  filter: EMPTY_FILTER,
  focus: null,
  lens: 'all',
  centrality: 'degree',
  path: null,
  display: 'canvas',
  searchMatches: null,
  setSearchMatches: (searchMatches) => set({ searchMatches }),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  clearFilter: () => set((s) => ({ filter: { ...EMPTY_FILTER, mode: s.filter.mode } })),
  // A new focus asks a new question: the path of the previous one is cleared, or it would be all
  // the focus shows.
  setFocus: (focus) => set(focus ? { focus, path: null } : { focus }),
  setLens: (lens) => set({ lens }),
  setCentrality: (centrality) => set({ centrality }),
  setPath: (path) => set({ path }),
  setDisplay: (display) => set({ display })
})
