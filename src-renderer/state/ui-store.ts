import { create } from 'zustand'
import type { Position } from '../domain/node-kinds'
import { EMPTY_FILTER, type GraphFilter } from '../graph-view/view-filter'

export interface Selection {
  id: string
  group: 'nodes' | 'edges'
}

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

/** Ephemeral UI state only: never graph data (that lives in storage and its in-memory store). */
export interface UiState {
  /** The positions of the saved view that was opened, until cleared or another view opens. */
  viewPositions: ViewPositions | null
  setViewPositions: (p: ViewPositions | null) => void
  selection: Selection | null
  hoveredId: string | null
  legendOpen: boolean
  sidebarOpen: boolean
  settingsOpen: boolean
  aboutOpen: boolean
  lastSavedAt: string | null
  filter: GraphFilter
  focus: Focus | null
  lens: Lens
  centrality: 'degree' | 'betweenness'
  path: PathHighlight | null
  /** Canvas or the accessible list view. */
  display: 'canvas' | 'list'
  layoutRunning: { name: string; done: number; total: number } | null
  /** The Ctrl+K palette: searching nodes, or (typed `>`, or Ctrl+Shift+P) running commands. */
  palette: 'search' | 'commands' | null
  openPalette: (mode: 'search' | 'commands') => void
  closePalette: () => void
  /** "Show all" search matches: highlighted on the canvas, the rest faded. */
  searchMatches: { query: string; ids: string[] } | null
  setSearchMatches: (m: UiState['searchMatches']) => void
  drawMode: boolean
  setDrawMode: (on: boolean) => void
  contextMenu: {
    x: number
    y: number
    model: { x: number; y: number }
    nodeId: string | null
  } | null
  setContextMenu: (m: UiState['contextMenu']) => void
  /** Increases when a canvas controller is mounted, so the view is pushed to it. */
  canvasReady: number
  setCanvasReady: () => void
  select: (s: Selection | null) => void
  setHovered: (id: string | null) => void
  toggleLegend: () => void
  toggleSidebar: () => void
  setSettingsOpen: (open: boolean) => void
  setAboutOpen: (open: boolean) => void
  markSaved: (at: string) => void
  setFilter: (patch: Partial<GraphFilter>) => void
  clearFilter: () => void
  setFocus: (focus: Focus | null) => void
  setLens: (lens: Lens) => void
  setCentrality: (c: 'degree' | 'betweenness') => void
  setPath: (path: PathHighlight | null) => void
  setDisplay: (d: 'canvas' | 'list') => void
  setLayoutRunning: (l: UiState['layoutRunning']) => void
}

export const useUiStore = create<UiState>((set) => ({
  viewPositions: null,
  setViewPositions: (viewPositions) => set({ viewPositions }),
  selection: null,
  hoveredId: null,
  legendOpen: true,
  sidebarOpen: true,
  settingsOpen: false,
  aboutOpen: false,
  lastSavedAt: null,
  filter: EMPTY_FILTER,
  focus: null,
  lens: 'all',
  centrality: 'degree',
  path: null,
  display: 'canvas',
  layoutRunning: null,
  canvasReady: 0,
  palette: null,
  openPalette: (palette) => set({ palette }),
  closePalette: () => set({ palette: null }),
  searchMatches: null,
  setSearchMatches: (searchMatches) => set({ searchMatches }),
  drawMode: false,
  setDrawMode: (drawMode) => set({ drawMode }),
  contextMenu: null,
  setContextMenu: (contextMenu) => set({ contextMenu }),
  setCanvasReady: () => set((s) => ({ canvasReady: s.canvasReady + 1 })),
  select: (selection) => set({ selection }),
  setHovered: (hoveredId) => set({ hoveredId }),
  toggleLegend: () => set((s) => ({ legendOpen: !s.legendOpen })),
  toggleSidebar: () => set((s) => ({ sidebarOpen: !s.sidebarOpen })),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  markSaved: (lastSavedAt) => set({ lastSavedAt }),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  clearFilter: () => set((s) => ({ filter: { ...EMPTY_FILTER, mode: s.filter.mode } })),
  setFocus: (focus) => set({ focus }),
  setLens: (lens) => set({ lens }),
  setCentrality: (centrality) => set({ centrality }),
  setPath: (path) => set({ path }),
  setDisplay: (display) => set({ display }),
  setLayoutRunning: (layoutRunning) => set({ layoutRunning })
}))
