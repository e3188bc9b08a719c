import type { UiSlice } from './slice'

export interface Selection {
  id: string
  group: 'nodes' | 'edges'
}

/** What is selected and hovered. */
export interface SelectionSlice {
  selection: Selection | null
  hoveredId: string | null
  select: (s: Selection | null) => void
  setHovered: (id: string | null) => void
}

export const selectionSlice: UiSlice<SelectionSlice> = (set) => ({
  selection: null,
  hoveredId: null,
  // Selecting another node or edge ends a "how does A lead to B?" question asked from the node
  // selected before: its path, highlight and target would otherwise stay as stale state.
  select: (selection) =>
    set((s) =>
      s.path && selection && selection.id !== s.path.fromId
        ? { selection, path: null }
        : { selection }
    ),
  setHovered: (hoveredId) => set({ hoveredId })
})
