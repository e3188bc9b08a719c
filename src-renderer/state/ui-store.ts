import { create } from 'zustand'
import { canvasSlice, type CanvasSlice } from './ui/canvas'
import { dialogSlice, type DialogSlice } from './ui/dialog'
import { panelSlice, type PanelSlice } from './ui/panels'
import { selectionSlice, type SelectionSlice } from './ui/selection'
import { settingsSlice, type SettingsSlice } from './ui/settings'
import { viewSlice, type ViewSlice } from './ui/view'

export type { Selection, SelectionSlice } from './ui/selection'
export type { Focus, Lens, PathHighlight, ViewPositions, ViewSlice } from './ui/view'
export type { DeckPlaying, ImportReading, PanelSlice } from './ui/panels'
export type { ContextMenu, CanvasSlice } from './ui/canvas'
export type {
  Dialog,
  DialogOf,
  DialogSlice,
  DialogType,
  EdgeFormRequest,
  ExportFormat,
  NodeFormRequest
} from './ui/dialog'
export { dialogOf } from './ui/dialog'
export type { SettingsSlice, SettingsStorage } from './ui/settings'

/**
 * Ephemeral UI state and the user's settings: never graph data (that lives in storage and its
 * in-memory store). One store of slices (state/ui/); components read it through selectors only.
 */
export type UiState = SelectionSlice &
  ViewSlice &
  PanelSlice &
  DialogSlice &
  CanvasSlice &
  SettingsSlice

export const useUiStore = create<UiState>()((...a) => ({
  ...selectionSlice(...a),
  ...viewSlice(...a),
  ...panelSlice(...a),
  ...dialogSlice(...a),
  ...canvasSlice(...a),
  ...settingsSlice(...a)
}))
