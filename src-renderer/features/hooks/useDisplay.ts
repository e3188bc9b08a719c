import { useCallback, useSyncExternalStore } from 'react'
import type { GraphNode } from '../../domain/node-kinds'
import type { DisplayProjection } from '../../state/display-projection'
import { useApp } from '../services/AppContext'

/** The display projection: every component reads graph records through it (see state/). */
export function useDisplay(): DisplayProjection {
  return useApp().display
}

/** Re-renders when anything shown may have changed; returns the projection's version. */
export function useDisplayVersion(): number {
  const display = useDisplay()
  return useSyncExternalStore(
    (cb) => display.subscribe(cb),
    () => display.version
  )
}

/** Whether Presentatieveilig is on. */
export function usePresentationSafe(): boolean {
  useDisplayVersion()
  return useDisplay().presentationSafe
}

/** A live node as it may be shown (undefined when missing or deleted); follows every change. */
export function useShownNode(id: string | null | undefined): GraphNode | undefined {
  useDisplayVersion()
  const display = useDisplay()
  return id ? display.node(id) : undefined
}

/**
 * How nodes are named on screen (consent rules, Presentatieveilig): the label of a live node, or the
 * projected title of any other record passed in.
 */
export function useDisplayName(): (node: GraphNode) => string {
  const version = useDisplayVersion()
  const display = useDisplay()
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useCallback((node: GraphNode) => display.project(node).title, [display, version])
}
