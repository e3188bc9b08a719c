/** The named layouts, run in a worker and saved as one undoable change. */
import type { LayoutName } from '../../graph-view/layouts'
import { useUiStore } from '../../state/ui-store'
import { writable, type CommandContext } from './context'
import type { Command } from './registry'

/** A layout can run when the map is writable, no layout runs, and no lens holds temporary positions. */
const canLayout = (ctx: CommandContext): boolean => {
  const ui = useUiStore.getState()
  return writable(ctx) && ui.layoutRunning === null && ui.lens === 'all'
}

const layout = (name: LayoutName): Command => ({
  id: `layout.${name}`,
  labelKey: `layoutMenu.${name}`,
  group: 'layout',
  isEnabled:
    name === 'breadthfirst'
      ? (ctx) => canLayout(ctx) && useUiStore.getState().selection?.group === 'nodes'
      : canLayout,
  run: (ctx) => ctx.runLayout(name)
})

export const layoutCommands: Command[] = (
  ['fcose', 'concentric', 'breadthfirst', 'grid'] as const
).map(layout)
