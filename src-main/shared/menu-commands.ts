/**
 * Command ids the native menu may send to the renderer. The renderer's command registry owns what they
 * do; main only names them (`menu:command`). Keep in step with `src-renderer/app/commands.ts`.
 */
export const MENU_COMMANDS = [
  'graph.new-empty',
  'graph.restore-demo',
  'history.undo',
  'history.redo',
  'node.new',
  'node.edit',
  'selection.delete',
  'settings.open',
  'view.fit',
  'view.toggle-legend',
  'view.toggle-sidebar',
  'app.about'
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}
