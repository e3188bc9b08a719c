/**
 * Exports a presentation as one PDF, off-screen: each slide's saved view is drawn by a second canvas
 * controller on a hidden stage, so the user's view, selection, positions and undo history stay
 * exactly as they were (nothing is written).
 */
import type { TFunction } from 'i18next'
import { computeCanvasView } from '../../graph-view/canvas-view'
import { CyController } from '../../graph-view/cy-controller'
import { renderPdf } from '../../graph-view/pdf'
import type { SnapshotFrame } from '../../graph-view/snapshot'
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
  }
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
    const date = new Date().toLocaleDateString(deps.language, {
      day: 'numeric',
      month: 'long',
      year: 'numeric'
    })
    const pages: { png: Uint8Array; frame: SnapshotFrame }[] = []
    for (const slide of slides) {
      const view = computeCanvasView(index, {
        ...savedViewInput(slide.view),
        contested,
        singleVoice
      })
      controller.applyView(withPositions(view, savedViewPositions(slide.view)))
      const kinds = controller.visibleKinds()
      const frame: SnapshotFrame = {
        title: slide.view.name,
        caption: slide.caption,
        date,
        legend: {
          nodes: kinds.nodes.map((k) => ({ kind: k, label: deps.t(`kindPlural.${k}`) })),
          edges: kinds.edges.map((k) => ({ kind: k, label: deps.t(`edge.${k}`) }))
        }
      }
      pages.push({
        png: await controller.renderPng(frame, { scale: 2, background: 'white' }),
        frame
      })
    }
    return await renderPdf(pages)
  } finally {
    controller.destroy()
    stage.remove()
  }
}
