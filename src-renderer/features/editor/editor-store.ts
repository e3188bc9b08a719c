import { create } from 'zustand'
import type { GraphNode, NodeKind, Position } from '../../domain/node-kinds'

/** Which editor dialog is open. Ephemeral UI state. */
export interface EditorState {
  nodeForm: { kind: NodeKind; node?: GraphNode; position?: Position; onSaved?: (n: GraphNode) => void } | null
  edgeForm: { sourceId: string; targetId?: string } | null
  openNodeForm: (form: NonNullable<EditorState['nodeForm']>) => void
  closeNodeForm: () => void
  openEdgeForm: (form: NonNullable<EditorState['edgeForm']>) => void
  closeEdgeForm: () => void
}

export const useEditorStore = create<EditorState>((set) => ({
  nodeForm: null,
  edgeForm: null,
  openNodeForm: (nodeForm) => set({ nodeForm }),
  closeNodeForm: () => set({ nodeForm: null }),
  openEdgeForm: (edgeForm) => set({ edgeForm }),
  closeEdgeForm: () => set({ edgeForm: null })
}))
