import { createContext, useContext } from 'react'
import type { CyController } from '../../graph-view/cy-controller'
import type { DisplayProjection } from '../../state/display-projection'
import type { GraphModel } from '../../state/graph-model'
import type { StorageSession } from '../../storage/bootstrap'
import type { CommandRegistry } from '../commands/registry'
import type { ViewState } from '../canvas/view-context'

/**
 * The services the app shell (app/App.tsx) provides to the features. Defined here, below app/, so
 * features never import app/; the shell fills it in.
 */
export interface AppServices {
  session: StorageSession
  /** How every surface and export sees the graph (consent rules, Presentatieveilig). */
  display: DisplayProjection
  /** The graph index and other derived views, following the store's diffs. */
  graph: GraphModel
  commands: CommandRegistry
  /** The live canvas controller, once the canvas is mounted. */
  canvas: { current: CyController | null }
  /** What the map shows right now, for code outside React (commands); set by ViewProvider. */
  view: { current: ViewState | null }
}

export const AppContext = createContext<AppServices | null>(null)

/** The app's services (storage session, commands, canvas); settings are in the UI store. Only inside <App>. */
export function useApp(): AppServices {
  const ctx = useContext(AppContext)
  if (!ctx) throw new Error('useApp outside AppContext')
  return ctx
}
