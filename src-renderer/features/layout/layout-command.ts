import type { CyController } from '../../graph-view/cy-controller'
import type { LayoutName } from '../../graph-view/layouts'
import { isAbortError, runLayout } from '../../graph-view/run-layout'
import i18next from 'i18next'
import type { GraphRepository } from '../../storage/repositories/graph-repository'
import { useUiStore } from '../../state/ui-store'
import { notifyFailure, reportWrite } from '../services/report-write'

let current: AbortController | null = null

/** Cancels the running layout, if any. Nothing is saved for a cancelled layout. */
export function cancelLayout(): void {
  current?.abort()
}

/** How a layout run ended; `failed`: its positions were not saved (the user was told why). */
export type LayoutOutcome =
  | 'done'
  | 'cancelled'
  | 'needs-selection'
  | 'lens-active'
  | 'busy'
  | 'failed'

/**
 * Runs a named layout off the main thread over the nodes that are not hidden, then saves their
 * positions as one change (so the map the team knows stays put). Shows progress in the UI store.
 */
export async function runNamedLayout(
  name: LayoutName,
  repo: GraphRepository,
  canvas: CyController | null
): Promise<LayoutOutcome> {
  const ui = useUiStore.getState()
  if (current) return 'busy'
  if (ui.lens !== 'all') return 'lens-active'
  const rootId = ui.selection?.group === 'nodes' ? ui.selection.id : undefined
  if (name === 'breadthfirst' && !rootId) return 'needs-selection'
  const visible = canvas ? canvas.visibleNodeIds() : null
  const nodes = repo.store
    .liveNodes()
    .filter((n) => !visible || visible.has(n.id))
    .map((n) => ({ id: n.id, kind: n.kind, ...(n.position ? { x: n.position.x, y: n.position.y } : {}) }))
  const ids = new Set(nodes.map((n) => n.id))
  const edges = repo.store
    .liveEdges()
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ id: e.id, source: e.source, target: e.target }))
  const controller = new AbortController()
  current = controller
  ui.setLayoutRunning({ name, done: 0, total: 100 })
  try {
    const positions = await runLayout(name, { nodes, edges }, {
      ...(rootId ? { rootId } : {}),
      signal: controller.signal,
      onProgress: (p) => useUiStore.getState().setLayoutRunning({ name, done: Math.round(p.fraction * 100), total: 100 })
    })
    const saved = await reportWrite(i18next.t, repo.setPositions(positions, `layout.${name}`))
    if (!saved?.ok) return 'failed'
    canvas?.fitVisible()
    return 'done'
  } catch (err) {
    // Only the user's own cancel is a cancel; any other failure is said (nothing was saved).
    if (controller.signal.aborted && isAbortError(err)) return 'cancelled'
    notifyFailure(i18next.t, err)
    return 'failed'
  } finally {
    current = null
    useUiStore.getState().setLayoutRunning(null)
  }
}
