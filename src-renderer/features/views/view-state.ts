/**
 * What a saved view shows, as canvas-view input: its filter, focus, lens, centrality and search
 * highlight, and the node positions it was saved with (shown as temporary positions, never written).
 * One function, so the live canvas (opening a view) and the off-screen deck export agree.
 */
import type { Position } from '../../domain/node-kinds'
import type { CanvasView, CanvasViewInput } from '../../graph-view/canvas-view'
import type { GraphFilter } from '../../graph-view/view-filter'
import type { Focus, Lens } from '../../state/ui-store'
import type { SavedView } from '../../storage/views'

export function savedViewInput(view: SavedView): CanvasViewInput {
  const matches = view.state.searchMatches as { query: string; ids: string[] } | null
  return {
    filter: view.state.filter as GraphFilter,
    focus: view.state.focus as Focus | null,
    lens: view.state.lens as Lens,
    centrality: view.state.centrality as 'degree' | 'betweenness',
    path: null,
    searchMatches: matches ? new Set(matches.ids) : null
  }
}

/** The saved positions of a view, or null when it has none (or a lens places the nodes itself). */
export function savedViewPositions(view: SavedView): Map<string, Position> | null {
  const entries = Object.entries(view.positions ?? {})
  return entries.length && view.state.lens === 'all' ? new Map(entries) : null
}

/** A canvas view with a saved view's positions as its temporary positions (a lens's win). */
export function withPositions(
  view: CanvasView,
  positions: Map<string, Position> | null
): CanvasView {
  return positions && !view.tempPositions ? { ...view, tempPositions: positions } : view
}
