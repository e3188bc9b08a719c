/** Commands that change nodes and edges: new (per kind), edit, connect, delete, draw mode. */
import { NODE_KINDS } from '../../domain/node-kinds'
import { useUiStore } from '../../state/ui-store'
import { deleteSelected, editSelected, newNode } from '../editor/editor-actions'
import { writable, type CommandContext } from './context'
import type { Command } from './registry'

const nodeSelected = (ctx: CommandContext): boolean => {
  const sel = useUiStore.getState().selection
  return writable(ctx) && sel?.group === 'nodes' && ctx.repo.store.node(sel.id) !== undefined
}
const anythingSelected = (ctx: CommandContext): boolean => {
  const sel = useUiStore.getState().selection
  if (!writable(ctx) || !sel) return false
  return sel.group === 'nodes' ? !!ctx.repo.store.node(sel.id) : !!ctx.repo.store.edge(sel.id)
}

export const editCommands: Command[] = [
  {
    id: 'node.new',
    labelKey: 'toolbar.newLesson',
    group: 'edit',
    shortcut: 'mod+shift+N',
    isEnabled: writable,
    run: (ctx) => newNode('lesson', ctx.canvas.current)
  },
  ...NODE_KINDS.map((kind): Command => ({
    id: `node.new-${kind}`,
    labelKey: 'toolbar.newKind',
    labelValues: { kind },
    group: 'edit',
    isEnabled: writable,
    run: (ctx) => newNode(kind, ctx.canvas.current)
  })),
  {
    id: 'node.edit',
    labelKey: 'editor.edit',
    group: 'edit',
    shortcut: 'mod+E',
    isEnabled: nodeSelected,
    run: (ctx) => editSelected(ctx.repo)
  },
  {
    id: 'edge.connect',
    labelKey: 'editor.connect',
    group: 'edit',
    isEnabled: nodeSelected,
    run: () => {
      const sel = useUiStore.getState().selection
      if (sel?.group === 'nodes')
        useUiStore.getState().openDialog({ type: 'edgeForm', request: { sourceId: sel.id } })
    }
  },
  {
    id: 'selection.delete',
    labelKey: 'editor.delete',
    group: 'edit',
    isEnabled: anythingSelected,
    run: (ctx) => deleteSelected(ctx.repo, ctx.confirm, ctx.t, (id) => ctx.display.label(id))
  },
  {
    id: 'canvas.draw-mode',
    labelKey: 'toolbar.drawMode',
    group: 'edit',
    isEnabled: writable,
    run: () => useUiStore.getState().setDrawMode(!useUiStore.getState().drawMode)
  }
]
