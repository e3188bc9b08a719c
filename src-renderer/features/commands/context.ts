import type { TFunction } from 'i18next'
import type { GraphData } from '../../domain/graph'
import type { Result } from '../../domain/result'
import type { CyController } from '../../graph-view/cy-controller'
import type { LayoutName } from '../../graph-view/layouts'
import type { DisplayProjection } from '../../state/display-projection'
import type { GraphRepository } from '../../storage/repositories/graph-repository'
import type { ConfirmRequest } from '../confirm/ConfirmDialog'
import type { ViewState } from '../canvas/view-context'

/** What every command may use. Built once by the app shell. */
export interface CommandContext {
  repo: GraphRepository
  display: DisplayProjection
  /** The live canvas controller, once the canvas is mounted. */
  canvas: { current: CyController | null }
  /** What the map shows right now (index and canvas view), once the view is derived. */
  view: { current: ViewState | null }
  t: TFunction
  confirm: (req: ConfirmRequest) => Promise<boolean>
  /** Short messages: success (green), failure (red, with a title), or plain information. */
  notify: {
    ok(message: string): void
    error(title: string, message: string): void
    info(message: string): void
  }
  runLayout(name: LayoutName): Promise<void>
  /** Replaces the map with the bundled demo map (the shell owns the demo file). */
  loadDemo(): Promise<Result<GraphData>>
  author(): string
}

/** The map can be changed (not opened read-only because a newer version wrote it). */
export const writable = (ctx: CommandContext): boolean => !ctx.repo.readOnly
