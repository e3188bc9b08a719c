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

export const historyCommands: Command[] = [
  {
    id: 'history.undo',
    labelKey: 'history.undo',
    group: 'history',
    shortcut: 'mod+Z',
    isEnabled: (ctx) => writable(ctx) && ctx.repo.canUndo(),
    run: async (ctx) => {
      const r = await ctx.repo.undo()
      if (!r.ok) reportResult(ctx, r, '')
      else if (r.value) done(ctx, 'history.undone', r.value.action)
    }
  },
  {
    id: 'history.redo',
    labelKey: 'history.redo',
    group: 'history',
    shortcut: 'mod+shift+Z',
    isEnabled: (ctx) => writable(ctx) && ctx.repo.canRedo(),
    run: async (ctx) => {
      const r = await ctx.repo.redo()
      if (!r.ok) reportResult(ctx, r, '')
      else if (r.value) done(ctx, 'history.redone', r.value.action)
    }
  }
]
