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
  select: (selection) => set({ selection }),
  setHovered: (hoveredId) => set({ hoveredId })
})
