import type { Presentation } from '../../storage/views'
import type { UiSlice } from './slice'

/** A presentation being played full screen, at slide `index`. */
export interface DeckPlaying {
  deck: Presentation
  index: number
}

/** A file being read for the import (large files are read in a worker and can be cancelled). */
export interface ImportReading {
  name: string
  cancel: () => void
  /** How far: `read` with bytes read of `total` (0 when unknown), then `check` (mapping, validation). */
  progress?: { phase: 'read' | 'check'; read: number; total: number }
}

/** The shell's panels and status: what is shown besides the map and its dialogs. */
export interface PanelSlice {
  legendOpen: boolean
  sidebarOpen: boolean
  /** When the last change was saved ("Opgeslagen hh:mm"); every commit sets it. */
  lastSavedAt: string | null
  layoutRunning: { name: string; done: number; total: number } | null
  /** The presentation playing full screen (not a dialog: the shell hides its panels). */
  playing: DeckPlaying | null
  /** The import's "reading the file" progress, before its preview opens. */
  importReading: ImportReading | null
  toggleLegend: () => void
  toggleSidebar: () => void
  markSaved: (at: string) => void
  setLayoutRunning: (l: PanelSlice['layoutRunning']) => void
  setPlaying: (p: DeckPlaying | null) => void
  setImportReading: (r: ImportReading | null) => void
}

export const panelSlice: UiSlice<PanelSlice> = (set) => ({
  legendOpen: true,
  sidebarOpen: true,
  lastSavedAt: null,
  layoutRunning: null,
  playing: null,
  importReading: null,
  toggleLegend: () => set((s) => ({ legendOpen: !s.legendOpen })),
  toggleSidebar: () => set((s) => ({ sidebarOpen: !s.sidebarOpen })),
  markSaved: (lastSavedAt) => set({ lastSavedAt }),
  setLayoutRunning: (layoutRunning) => set({ layoutRunning }),
  setPlaying: (playing) => set({ playing }),
  setImportReading: (importReading) => set({ importReading })
})
