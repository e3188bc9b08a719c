import type { GraphNode, NodeKind, Position } from '../../domain/node-kinds'
import type { ImportPreview } from '../../exchange/import'
import type { UiSlice } from './slice'

export type ExportFormat = 'png' | 'svg' | 'pdf' | 'kg-json'

/** The node form: a new node of `kind` (at `position`), or editing `node`. */
export interface NodeFormRequest {
  kind: NodeKind
  node?: GraphNode
  position?: Position
  onSaved?: (n: GraphNode) => void
}

/** The edge form: connecting `sourceId` (to `targetId`, when known). */
export interface EdgeFormRequest {
  sourceId: string
  targetId?: string
}

/** The one dialog that is open. Opening another replaces it. */
export type Dialog =
  | { type: 'settings' }
  | { type: 'about' }
  /** The Ctrl+K palette: searching nodes, or (typed `>`, or Ctrl+Shift+P) running commands. */
  | { type: 'palette'; mode: 'search' | 'commands' }
  | { type: 'export'; format: ExportFormat }
  | { type: 'saveView' }
  | { type: 'presentations' }
  | { type: 'nodeForm'; request: NodeFormRequest }
  | { type: 'edgeForm'; request: EdgeFormRequest }
  | { type: 'workbench'; interviewId: string }
  | { type: 'importPreview'; preview: ImportPreview }

export type DialogType = Dialog['type']
/** The dialog of one type, e.g. `DialogOf<'export'>` is `{ type: 'export'; format: ExportFormat }`. */
export type DialogOf<T extends DialogType> = Extract<Dialog, { type: T }>

export interface DialogSlice {
  dialog: Dialog | null
  openDialog: (d: Dialog) => void
  /** Closes the open dialog; with `type`, only if the open dialog is of that type. */
  closeDialog: (type?: DialogType) => void
}

export const dialogSlice: UiSlice<DialogSlice> = (set) => ({
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: (type) =>
    set((s) => (type === undefined || s.dialog?.type === type ? { dialog: null } : {}))
})

/**
 * A selector for the open dialog of one type (null when another or none is open):
 * `useUiStore(dialogOf('export'))?.format`. The result is the stored object, so it is stable.
 */
export function dialogOf<T extends DialogType>(type: T): (s: DialogSlice) => DialogOf<T> | null {
  return (s) => (s.dialog?.type === type ? (s.dialog as DialogOf<T>) : null)
}
