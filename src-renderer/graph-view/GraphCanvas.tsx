import { useEffect, useRef } from 'react'
import { useApp } from '../app/AppContext'
import { useUiStore } from '../state/ui-store'
import { CyController } from './cy-controller'

/** Mounts the canvas controller and wires its events to the UI store and the repository. */
export function GraphCanvas({ dark }: { dark: boolean }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null)
  const { session, canvas } = useApp()
  const select = useUiStore((s) => s.select)
  const markSaved = useUiStore((s) => s.markSaved)

  useEffect(() => {
    if (!ref.current) return
    const repo = session.repo
    const controller = new CyController(ref.current, repo.store, {
      onSelect: select,
      onNodesMoved: (positions) => {
        if (repo.readOnly) return
        void repo.setPositions(positions, 'node.move').then((r) => {
          if (r.ok) markSaved(new Date().toISOString())
        })
      }
    })
    canvas.current = controller
    if (import.meta.env.DEV || import.meta.env.VITE_WEB_BUILD) {
      ;(window as unknown as { __kgCy?: unknown }).__kgCy = controller.cy
    }
    return () => {
      canvas.current = null
      controller.destroy()
    }
  }, [session, canvas, select, markSaved])

  useEffect(() => {
    canvas.current?.setDark(dark)
  }, [dark, canvas])

  const selection = useUiStore((s) => s.selection)
  useEffect(() => {
    canvas.current?.select(selection?.id ?? null)
  }, [selection, canvas])

  return <div ref={ref} className="kg-canvas" data-testid="graph-canvas" role="img" aria-label="Kennisgraaf" />
}
