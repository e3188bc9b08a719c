import type { MenuCommand } from '../../../src-main/shared/menu-commands'

/** Every user action has one id that menus, shortcuts, buttons and the palette all call. */
export type CommandId =
  | MenuCommand
  | 'privacy.toggle-safe'
  | 'search.open'
  | 'graph.import'
  | 'view.zoom-in'
  | 'view.zoom-out'
  | 'view.whole-map'
  | 'view.lesson-map'
  | 'view.tensions'
  | 'view.toggle-list'
  | 'filter.clear'
  | 'layout.fcose'
  | 'layout.concentric'
  | 'layout.breadthfirst'
  | 'layout.grid'
  | 'node.new'
  | 'node.edit'
  | 'selection.delete'
  | 'edge.connect'
  | 'canvas.draw-mode'

export interface Command {
  id: CommandId
  /** i18n key of the label. */
  labelKey: string
  /** Mantine hotkey notation, e.g. 'mod+0'. */
  shortcut?: string
  isEnabled?: () => boolean
  run: () => void | Promise<void>
}

/** The registry of commands. Built once by the app; looked up by id. */
export class CommandRegistry {
  private commands = new Map<CommandId, Command>()

  register(...commands: Command[]): void {
    for (const c of commands) this.commands.set(c.id, c)
  }

  get(id: CommandId): Command | undefined {
    return this.commands.get(id)
  }

  list(): Command[] {
    return [...this.commands.values()]
  }

  /** Runs a command if it exists and is enabled; returns whether it ran. */
  async run(id: CommandId): Promise<boolean> {
    const c = this.commands.get(id)
    if (!c || (c.isEnabled && !c.isEnabled())) return false
    await c.run()
    return true
  }
}
