import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode
} from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../services/AppContext'
import type { GraphIndex } from '../../domain/graph-queries'
import { computeCanvasView, type CanvasView } from '../../graph-view/canvas-view'
import { useUiStore } from '../../state/ui-store'
import { withPositions } from '../views/view-state'

export interface ViewState {
  index: GraphIndex
  view: CanvasView
}

const ViewContext = createContext<ViewState | null>(null)

/**
 * Derives the canvas view from the graph model (which follows the store's diffs) and the UI state,
 * only when one of them changed what is shown, and pushes it to the canvas controller. Everything that shows "what is visible" (canvas,
 * list view, status bar, path panel) reads the same result from here.
 */
export function ViewProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const { graph, canvas, view: viewRef } = useApp()
  // A new object only when something a view depends on changed: a title edit keeps it.
  const { index, contested, singleVoice } = useSyncExternalStore(
    (cb) => graph.subscribe(cb),
    () => graph.view
  )
  const input = useUiStore(
    useShallow((s) => ({
      filter: s.filter,
      focus: s.focus,
      lens: s.lens,
      centrality: s.centrality,
      path: s.path
    }))
  )
  const searchMatches = useUiStore((s) => s.searchMatches)
  const matchSet = useMemo(
    () => (searchMatches ? new Set(searchMatches.ids) : null),
    [searchMatches]
  )
  const viewPositions = useUiStore((s) => s.viewPositions)
  const view = useMemo(
    () =>
      withPositions(
        computeCanvasView(index, { ...input, contested, singleVoice, searchMatches: matchSet }),
        viewPositions ? new Map(viewPositions.positions) : null
      ),
    [index, input, contested, singleVoice, matchSet, viewPositions]
  )
  const canvasReady = useUiStore((s) => s.canvasReady)
  // What the user asked to see (not the graph's own edits): when it changes, the view fits it.
  const asked = useMemo(
    () => ({ input, matchSet, viewPositions, canvasReady }),
    [input, matchSet, viewPositions, canvasReady]
  )
  const fitted = useRef<typeof asked | null>(null)
  useEffect(() => {
    const controller = canvas.current
    if (!controller) return
    controller.applyView(view)
    if (fitted.current !== asked) {
      fitted.current = asked
      controller.fitVisible()
    }
  }, [view, canvas, asked])
  const value = useMemo(() => ({ index, view }), [index, view])
  useLayoutEffect(() => {
    viewRef.current = value
  }, [value, viewRef])
  return <ViewContext.Provider value={value}>{children}</ViewContext.Provider>
}

/** The current index and canvas view. Only inside <ViewProvider>. */
export function useView(): ViewState {
  const v = useContext(ViewContext)
  if (!v) throw new Error('useView outside ViewProvider')
  return v
}
