/**
 * The one command registry: every user action has one id, and the toolbar, the native and in-app
 * menus, context menus, shortcuts and the command palette all render from and run through it.
 * Commands are plain objects (one file per area) that receive a typed {@link CommandContext}.
 * `isEnabled` decides the disabled state everywhere; the registry tells subscribers when the inputs
 * of that decision may have changed (a commit, undo history, UI state), so buttons follow at once.
 */
import { errorMessage } from '../../i18n/error-message'
import type { CommandContext } from './context'
import type { CommandId } from './ids'

export type CommandGroup = 'map' | 'edit' | 'view' | 'layout' | 'export' | 'history' | 'app'

export interface Command {
  id: CommandId
  /** i18n key of the label. */
  labelKey: string
  /** Values for the label (e.g. a kind). */
  labelValues?: Record<string, string>
  /** Where the palette lists it. */
  group: CommandGroup
  /** Mantine hotkey notation, e.g. 'mod+0'. */
  shortcut?: string
  /** Shown in the palette? (default true; e.g. per-kind "new" commands are listed once each). */
  inPalette?: boolean
  isEnabled?: (ctx: CommandContext) => boolean
  run: (ctx: CommandContext) => void | Promise<void>
}

export class CommandRegistry {
  private readonly commands = new Map<CommandId, Command>()
  private readonly listeners = new Set<() => void>()
  /** Increases whenever an enabled state may have changed; read by useSyncExternalStore. */
  version = 0

  constructor(private readonly ctx: CommandContext) {}

  register(...commands: readonly Command[]): this {
    for (const c of commands) {
      if (this.commands.has(c.id)) throw new Error(`command registered twice: ${c.id}`)
      this.commands.set(c.id, c)
    }
    return this
  }

  get(id: CommandId): Command | undefined {
    return this.commands.get(id)
  }

  list(): Command[] {
    return [...this.commands.values()]
  }

  isEnabled(id: CommandId): boolean {
    const c = this.commands.get(id)
    if (!c) return false
    return c.isEnabled ? c.isEnabled(this.ctx) : true
  }

  /**
   * Runs a command if it exists and is enabled; returns whether it ran. A command that throws (a
   * write that failed in storage: disk full, database closed, …) never becomes an unhandled
   * rejection: the user is told why, in their language, and nothing was half written.
   */
  async run(id: CommandId): Promise<boolean> {
    const c = this.commands.get(id)
    if (!c || !this.isEnabled(id)) return false
    try {
      await c.run(this.ctx)
    } catch (error) {
      this.ctx.notify.error(this.ctx.t('errors.failed'), errorMessage(this.ctx.t, error))
    }
    return true
  }

  /** Tells every subscriber that enabled states may have changed. */
  changed(): void {
    this.version++
    for (const l of this.listeners) l()
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
