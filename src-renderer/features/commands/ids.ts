import type { MenuCommand } from '../../../src-main/shared/menu-commands'
import { NODE_KINDS, type NodeKind } from '../../domain/node-kinds'

/** Data export formats offered as commands. */
export const DATA_EXPORT_KEYS = ['csv', 'csvComma', 'gexf', 'graphml', 'cyjs'] as const
export type DataExportKey = (typeof DATA_EXPORT_KEYS)[number]

/** Every user action's id. Ids the native menu sends are MenuCommands (src-main/shared). */
export type CommandId =
  | MenuCommand
  | `node.new-${NodeKind}`
  | `export.data-${DataExportKey}`
  | 'export.png'
  | 'export.svg'
  | 'export.pdf'
  | 'export.backup'
  | 'privacy.toggle-safe'
  | 'search.open'
  | 'palette.commands'
  | 'graph.import'
  | 'view.zoom-in'
  | 'view.zoom-out'
  | 'view.whole-map'
  | 'view.lesson-map'
  | 'view.tensions'
  | 'view.toggle-list'
  | 'view.save'
  | 'view.presentations'
  | 'filter.clear'
  | 'layout.fcose'
  | 'layout.concentric'
  | 'layout.breadthfirst'
  | 'layout.grid'
  | 'edge.connect'
  | 'canvas.draw-mode'

export const NEW_NODE_COMMANDS = NODE_KINDS.map((k) => `node.new-${k}` as const)
