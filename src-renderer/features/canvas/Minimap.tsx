import { useComputedColorScheme } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUiStore } from '../../state/ui-store'
import { useApp } from '../services/AppContext'

const W = 184
const H = 116

/**
 * An overview of the whole map with the current viewport as a framed rectangle, in the theme's
 * colours. Clicking or dragging in it moves the view there (drawing and input live in
 * graph-view/minimap, behind the controller). It can be folded away, hides with the list view, and
 * a fit keeps nodes out from under it (CyController.fitVisible).
 */
export function Minimap(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { canvas } = useApp()
  const ref = useRef<HTMLCanvasElement>(null)
  const canvasReady = useUiStore((s) => s.canvasReady)
  const list = useUiStore((s) => s.display === 'list')
  const dark = useComputedColorScheme('light') === 'dark'
  const [open, setOpen] = useState(true)

  useEffect(() => {
    const el = ref.current
    if (!canvas.current || !el) return
    return canvas.current.attachMinimap(el, { width: W, height: H, dark })
  }, [canvas, canvasReady, dark, open, list])

  if (list) return null
  if (!open)
    return (
      <button
        type="button"
        className="kg-minimap-toggle"
        onClick={() => setOpen(true)}
        data-testid="minimap-show"
      >
        {t('minimap.show')}
      </button>
    )
  return (
    <div className="kg-minimap" data-testid="minimap-box">
      <canvas
        ref={ref}
        width={W}
        height={H}
        aria-label={t('minimap.label')}
        role="img"
        data-testid="minimap"
      />
      <button
        type="button"
        className="kg-minimap-x"
        onClick={() => setOpen(false)}
        aria-label={t('minimap.hide')}
        title={t('minimap.hide')}
        data-testid="minimap-hide"
      >
        ×
      </button>
    </div>
  )
}
