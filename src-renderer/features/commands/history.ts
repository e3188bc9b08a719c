/** Undo and redo, from the change log. */
import { actionKey } from '../inspector/HistoryPanel'
import { writable, type CommandContext } from './context'
import { reportResult } from './map'
import type { Command } from './registry'

const done = (
  ctx: CommandContext,
  key: 'history.undone' | 'history.redone',
  action: string
): void =>
  ctx.notify.info(ctx.t(key, { action: ctx.t(actionKey(action), { defaultValue: action }) }))

const step = (which: 'undo' | 'redo', shortcut: string): Command => ({
  id: `history.${which}`,
  labelKey: `history.${which}`,
  group: 'history',
  shortcut,
  isEnabled: (ctx) => writable(ctx) && (which === 'undo' ? ctx.repo.canUndo() : ctx.repo.canRedo()),
  run: async (ctx) => {
    const r = await (which === 'undo' ? ctx.repo.undo() : ctx.repo.redo())
    if (!r.ok) reportResult(ctx, r, '')
    else if (r.value)
      done(ctx, which === 'undo' ? 'history.undone' : 'history.redone', r.value.action)
  }
})

export const historyCommands: Command[] = [step('undo', 'mod+Z'), step('redo', 'mod+shift+Z')]
