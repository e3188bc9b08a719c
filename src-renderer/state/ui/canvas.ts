import type { UiSlice } from './slice'

/** The canvas's right-click menu: where it opened, in screen and model coordinates. */
export interface ContextMenu {
  x: number
  y: number
  model: { x: number; y: number }
  nodeId: string | null
}

/** Interaction state of the canvas itself. */
export interface CanvasSlice {
  drawMode: boolean
  setDrawMode: (on: boolean) => void
  contextMenu: ContextMenu | null
  setContextMenu: (m: ContextMenu | null) => void
  /** Increases when a canvas controller is mounted, so the view is pushed to it. */
  canvasReady: number
  setCanvasReady: () => void
}

export const canvasSlice: UiSlice<CanvasSlice> = (set) => ({
  drawMode: false,
  setDrawMode: (drawMode) => set({ drawMode }),
  contextMenu: null,
  setContextMenu: (contextMenu) => set({ contextMenu }),
  canvasReady: 0,
  setCanvasReady: () => set((s) => ({ canvasReady: s.canvasReady + 1 }))
})
