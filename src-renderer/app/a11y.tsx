import { useTranslation } from 'react-i18next'
import { useDisplay, useDisplayVersion } from '../features/hooks/useDisplay'
import { useUiStore } from '../state/ui-store'

/** Moves focus to the first element matching `selector` (skip links; no scroll jump). */
function focusFirst(selector: string): void {
  const el = document.querySelector<HTMLElement>(selector)
  el?.focus({ preventScroll: true })
}

/**
 * "Naar de kaart" / "Naar de details": the first two Tab stops of the window, hidden until focused.
 * They jump over the toolbar and the sidebar to the canvas or the inspector.
 */
export function SkipLinks(): React.JSX.Element {
  const { t } = useTranslation()
  const link = (selector: string, label: string, testId: string): React.JSX.Element => (
    <a
      href={selector.startsWith('#') ? selector : '#'}
      className="kg-skip"
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault()
        focusFirst(selector)
      }}
    >
      {label}
    </a>
  )
  return (
    <nav aria-label={t('a11y.skipNav')}>
      {link('.kg-canvas', t('a11y.skipCanvas'), 'skip-canvas')}
      {link('#inspector', t('a11y.skipInspector'), 'skip-inspector')}
    </nav>
  )
}

/**
 * A polite live region that says what is selected ("Geselecteerd: Les “…”"), however the
 * selection moved: arrow keys on the canvas, a click, the list, the palette. Names go through the
 * display projection, so Presentatieveilig holds here too.
 */
export function SelectionAnnouncer(): React.JSX.Element {
  const { t } = useTranslation()
  const selection = useUiStore((s) => s.selection)
  useDisplayVersion()
  const display = useDisplay()
  let text = ''
  if (selection?.group === 'nodes') {
    const node = display.node(selection.id)
    if (node) text = t('a11y.selectedNode', { kind: t(`kind.${node.kind}`), title: node.title })
  } else if (selection?.group === 'edges') {
    const edge = display.edge(selection.id)
    const from = edge && display.node(edge.source)
    const to = edge && display.node(edge.target)
    if (edge && from && to)
      text = t('a11y.selectedEdge', { from: from.title, label: edge.label || t(`edge.${edge.kind}`), to: to.title })
  }
  return (
    <div className="kg-visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="selection-live">
      {text}
    </div>
  )
}
