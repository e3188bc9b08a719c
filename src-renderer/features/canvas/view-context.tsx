import { createContext, useContext, useEffect, useLayoutEffect, useMemo, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../services/AppContext'
import { contestedTargets } from '../../domain/annotations'
import { buildGraphIndex, type GraphIndex } from '../../domain/graph-queries'
import {
  computeCanvasView,
  singleVoiceLessons,
  type CanvasView
} from '../../graph-view/canvas-view'
import { useUiStore } from '../../state/ui-store'
import { useGraphVersion } from '../hooks/useGraph'

export interface ViewState {
  index: GraphIndex
  view: CanvasView
}

const ViewContext = createContext<ViewState | null>(null)

/**
 * Derives the graph index and the canvas view from the store and the UI state, once per change,
 * and pushes the view to the canvas controller. Everything that shows "what is visible" (canvas,
 * list view, status bar, path panel) reads the same result from here.
 */
export function ViewProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const { session, canvas, view: viewRef } = useApp()
  const store = session.repo.store
  const version = useGraphVersion(store)
  const index = useMemo(
    () => buildGraphIndex(store.liveNodes(), store.liveEdges()),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version]
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
  const contested = useMemo(
    () => contestedTargets(store.liveAnnotations()),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version]
  )
  const singleVoice = useMemo(() => singleVoiceLessons(index), [index])
  const searchMatches = useUiStore((s) => s.searchMatches)
  const matchSet = useMemo(
    () => (searchMatches ? new Set(searchMatches.ids) : null),
    [searchMatches]
  )
  const view = useMemo(
    () => computeCanvasView(index, { ...input, contested, singleVoice, searchMatches: matchSet }),
    [index, input, contested, singleVoice, matchSet]
  )
  const canvasReady = useUiStore((s) => s.canvasReady)
  useEffect(() => {
    canvas.current?.applyView(view)
  }, [view, canvas, canvasReady])
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
