/** Commands on the map as a whole: empty it, restore the demo, import a file. */
import { emptyGraph } from '../../domain/graph'
import type { Result } from '../../domain/result'
import { issueMessage } from '../../i18n/issue-message'
import { useUiStore } from '../../state/ui-store'
import { startImport } from '../import/ImportDialog'
import { writable, type CommandContext } from './context'
import type { Command } from './registry'

const counts = (ctx: CommandContext): { nodes: number; edges: number } => ({
  nodes: ctx.repo.store.liveNodes().length,
  edges: ctx.repo.store.liveEdges().length
})

/** Shows a write's outcome: the ok message, or the first problems. */
export function reportResult(ctx: CommandContext, r: Result<unknown>, okMessage: string): void {
  if (r.ok) ctx.notify.ok(okMessage)
  else
    ctx.notify.error(
      ctx.t('errors.notSaved'),
      r.issues
        .slice(0, 3)
        .map((i) => issueMessage(ctx.t, i))
        .join('\n')
    )
}

/** Replaces the whole map after a confirmation that says how much goes (one undo barrier). */
const replaceMap = (
  id: 'graph.new-empty' | 'graph.restore-demo',
  labelKey: string,
  confirmKey: 'newEmpty' | 'restoreDemo',
  replace: (ctx: CommandContext) => Promise<Result<unknown>>,
  doneKey: string
): Command => ({
  id,
  labelKey,
  group: 'map',
  isEnabled: writable,
  run: async (ctx) => {
    const ok = await ctx.confirm({
      title: ctx.t(`confirm.${confirmKey}Title`),
      body: ctx.t(`confirm.${confirmKey}Body`, counts(ctx)),
      danger: true
    })
    if (!ok) return
    reportResult(ctx, await replace(ctx), ctx.t(doneKey))
    useUiStore.getState().select(null)
  }
})

export const mapCommands: Command[] = [
  replaceMap(
    'graph.new-empty',
    'menu.newEmpty',
    'newEmpty',
    (ctx) => ctx.repo.replaceGraph(emptyGraph(), 'graph.new-empty'),
    'confirm.done'
  ),
  replaceMap(
    'graph.restore-demo',
    'menu.restoreDemo',
    'restoreDemo',
    (ctx) => ctx.loadDemo(),
    'app.demoLoaded'
  ),
  {
    id: 'graph.import',
    labelKey: 'importDialog.menu',
    group: 'map',
    shortcut: 'mod+O',
    isEnabled: writable,
    run: (ctx) =>
      startImport(
        (id) => ctx.repo.store.node(id),
        ctx.author(),
        (message) => ctx.notify.error(ctx.t('importDialog.failed', { message: '' }), message)
      )
  }
]
