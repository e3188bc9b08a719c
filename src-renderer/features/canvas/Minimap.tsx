import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useUiStore } from '../../state/ui-store'
import { useApp } from '../services/AppContext'

const W = 200
const H = 140

/**
 * An overview of the whole map with the current viewport as a rectangle. Clicking or dragging in
 * it moves the view there (drawing and input live in graph-view/minimap, behind the controller).
 */
export function Minimap(): React.JSX.Element {
  const { t } = useTranslation()
  const { canvas } = useApp()
  const ref = useRef<HTMLCanvasElement>(null)
  const canvasReady = useUiStore((s) => s.canvasReady)

  useEffect(() => {
    const el = ref.current
    if (!canvas.current || !el) return
    return canvas.current.attachMinimap(el, { width: W, height: H })
  }, [canvas, canvasReady])

  return (
    <canvas
      ref={ref}
      width={W}
      height={H}
      className="kg-minimap"
      aria-label={t('minimap.label')}
      role="img"
      data-testid="minimap"
    />
  )
}
