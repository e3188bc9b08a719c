import { useComputedColorScheme } from '@mantine/core'
import { useEffect, useRef } from 'react'
import i18next from 'i18next'
import { useTranslation } from 'react-i18next'
import { CyController } from '../../graph-view/cy-controller'
import { useUiStore } from '../../state/ui-store'
import { useApp } from '../services/AppContext'
import { reportWrite } from '../services/report-write'

const ARROWS = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' } as const

/**
 * Mounts the canvas controller and wires its events to the UI store and the repository. The canvas
 * is focusable: arrow keys move the selection to a neighbour, Enter opens the inspector, Escape clears.
 */
export function GraphCanvas({ dark }: { dark: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const { session, canvas, commands, display } = useApp()
  const select = useUiStore((s) => s.select)
  const setCanvasReady = useUiStore((s) => s.setCanvasReady)

  useEffect(() => {
    if (!ref.current) return
    const repo = session.repo
    const controller = new CyController(
      ref.current,
      repo.store,
      {
        onSelect: select,
        onHover: (id) => controller.hover(id),
        onContextMenu: (at) => useUiStore.getState().setContextMenu(at),
        onConnect: (sourceId, targetId) =>
          useUiStore.getState().openDialog({ type: 'edgeForm', request: { sourceId, targetId } }),
        onNodesMoved: (positions) => {
          if (repo.readOnly) return
          void reportWrite(i18next.t, repo.setPositions(positions, 'node.move'))
        }
      },
      // Labels come from the display projection from the first paint on.
      { labelOf: (n) => display.project(n).title }
    )
    canvas.current = controller
    setCanvasReady()
    // Relabel only what the projection says changed: every node only when who is hidden changed.
    const stop = display.subscribe((change) =>
      change.type === 'all' ? controller.relabel() : controller.relabel(change.nodeIds)
    )
    return () => {
      stop()
      canvas.current = null
      controller.destroy()
    }
  }, [session, canvas, select, setCanvasReady, display])

  // The theme as shown ('auto' follows the system), so the canvas never stays light in dark mode.
  const shownDark = useComputedColorScheme('light') === 'dark' || dark
  useEffect(() => {
    canvas.current?.setDark(shownDark)
  }, [shownDark, canvas])

  const drawMode = useUiStore((s) => s.drawMode)
  useEffect(() => {
    canvas.current?.setDrawMode(drawMode)
  }, [drawMode, canvas])

  const selection = useUiStore((s) => s.selection)
  useEffect(() => {
    canvas.current?.select(selection?.id ?? null)
  }, [selection, canvas])

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const controller = canvas.current
    if (!controller) return
    const current = useUiStore.getState().selection
    if (e.key in ARROWS) {
      e.preventDefault()
      if (!current || current.group !== 'nodes') {
        const first = controller.firstVisibleNodeId()
        if (first) select({ id: first, group: 'nodes' })
        return
      }
      const next = controller.neighbourInDirection(current.id, ARROWS[e.key as keyof typeof ARROWS])
      if (next) {
        select({ id: next, group: 'nodes' })
        controller.centerOn(next)
      }
    } else if (e.key === 'Enter' && current) {
      e.preventDefault()
      document.getElementById('inspector')?.focus()
    } else if (e.key === 'Escape') {
      select(null)
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && current) {
      e.preventDefault()
      void commands.run('selection.delete')
    }
  }

  return (
    <div
      ref={ref}
      className="kg-canvas"
      data-testid="graph-canvas"
      role="application"
      aria-label={t('canvas.aria')}
      aria-describedby="canvas-help"
      tabIndex={0}
      onKeyDown={onKeyDown}
    />
  )
}
