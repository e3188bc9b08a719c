/** All commands, one file per area, in one registry. */
import { appCommands } from './general'
import type { CommandContext } from './context'
import { editCommands } from './edit'
import { exportCommands } from './export'
import { historyCommands } from './history'
import { layoutCommands } from './layout'
import { mapCommands } from './map'
import { CommandRegistry } from './registry'
import { viewCommands } from './view'

export const ALL_COMMANDS = [
  ...mapCommands,
  ...editCommands,
  ...historyCommands,
  ...viewCommands,
  ...layoutCommands,
  ...exportCommands,
  ...appCommands
]

export function createCommands(ctx: CommandContext): CommandRegistry {
  return new CommandRegistry(ctx).register(...ALL_COMMANDS)
}

export type { CommandContext } from './context'
export type { CommandId } from './ids'
export { CommandRegistry, type Command, type CommandGroup } from './registry'
