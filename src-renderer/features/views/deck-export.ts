/**
 * Exports a presentation as one PDF, off-screen: each slide's saved view is drawn by a second canvas
 * controller on a hidden stage, so the user's view, selection, positions and undo history stay
 * exactly as they were (nothing is written). Each slide becomes a vector page (A4 landscape by
 * default) through the same scene → SVG → PDF path as the map export: selectable text, real shapes.
 */
import type { TFunction } from 'i18next'
import { computeCanvasView } from '../../graph-view/canvas-view'
import { CyController } from '../../graph-view/cy-controller'
import type { PdfOptions, PdfPage } from '../../graph-view/pdf'
import { snapshotFrame } from '../export/snapshot-frame'
import type { DisplayProjection } from '../../state/display-projection'
import type { GraphModel } from '../../state/graph-model'
import type { GraphStore } from '../../storage/graph-store'
import type { SavedView } from '../../storage/views'
import { savedViewInput, savedViewPositions, withPositions } from './view-state'

export interface DeckSlide {
  view: SavedView
  caption: string
}

/** Size of the off-screen stage: the window size the app is designed for. */
const STAGE = { width: 1400, height: 900 }

export async function exportDeckPdf(
  slides: readonly DeckSlide[],
  deps: {
    store: GraphStore
    display: DisplayProjection
    graph: GraphModel
    t: TFunction
    language: string
  },
  pdf: PdfOptions = { paper: 'a4', orientation: 'landscape' }
): Promise<Uint8Array> {
  const stage = document.createElement('div')
  stage.setAttribute('aria-hidden', 'true')
  Object.assign(stage.style, {
    position: 'fixed',
    left: `-${STAGE.width * 2}px`,
    top: '0',
    width: `${STAGE.width}px`,
    height: `${STAGE.height}px`,
    pointerEvents: 'none'
  })
  document.body.appendChild(stage)
  const controller = new CyController(
    stage,
    deps.store,
    {},
    {
      labelOf: (n) => deps.display.project(n).title,
      offscreen: true
    }
  )
  try {
    const { index, contested, singleVoice } = deps.graph.view
    const pages: PdfPage[] = []
    for (const slide of slides) {
      const view = computeCanvasView(index, {
        ...savedViewInput(slide.view),
        contested,
        singleVoice
      })
      controller.applyView(withPositions(view, savedViewPositions(slide.view)))
      const frame = snapshotFrame(deps.t, deps.language, {
        title: slide.view.name,
        caption: slide.caption,
        kinds: controller.visibleKinds()
      })
      pages.push({ scene: await controller.exportScene(), frame })
    }
    const { renderPdf } = await import('../../graph-view/pdf')
    return await renderPdf(pages, pdf)
  } finally {
    controller.destroy()
    stage.remove()
  }
}
