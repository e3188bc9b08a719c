import type { Core } from 'cytoscape'
import { NODE_STYLES } from './stylesheet'

export interface MinimapOptions {
  width: number
  height: number
  /** Above this many nodes the overview draws a sample, so it never costs a frame. */
  maxDots?: number
}

/**
 * Draws an overview of the visible map into `el` with the current viewport as a rectangle, redrawn
 * (once per frame at most) when the view or the elements change. Clicking or dragging in it moves
 * the view there. Returns a function that detaches it. Called through CyController.attachMinimap.
 */
export function attachMinimap(
  cy: Core,
  el: HTMLCanvasElement,
  options: MinimapOptions
): () => void {
  const { width: W, height: H } = options
  const maxDots = options.maxDots ?? 8000
  const ctx = el.getContext('2d')
  if (!ctx) return () => {}
  let frame = 0
  let transform = { scale: 1, ox: 0, oy: 0 }
  const draw = (): void => {
    frame = 0
    const nodes = cy.nodes().not('.hidden')
    ctx.clearRect(0, 0, W, H)
    if (nodes.empty()) return
    const bb = nodes.boundingBox()
    const scale = Math.min((W - 10) / Math.max(bb.w, 1), (H - 10) / Math.max(bb.h, 1))
    transform = {
      scale,
      ox: 5 - bb.x1 * scale + (W - 10 - bb.w * scale) / 2,
      oy: 5 - bb.y1 * scale + (H - 10 - bb.h * scale) / 2
    }
    const step = Math.max(1, Math.ceil(nodes.length / maxDots))
    for (let i = 0; i < nodes.length; i += step) {
      const n = nodes[i]!
      const p = n.position()
      const kind = n.data('kind') as keyof typeof NODE_STYLES
      ctx.fillStyle = NODE_STYLES[kind]?.color ?? '#888'
      ctx.globalAlpha = n.hasClass('faded') ? 0.25 : 1
      ctx.fillRect(p.x * scale + transform.ox - 1.5, p.y * scale + transform.oy - 1.5, 3, 3)
    }
    ctx.globalAlpha = 1
    const ext = cy.extent()
    ctx.strokeStyle = '#EC0000'
    ctx.lineWidth = 1.5
    ctx.strokeRect(
      ext.x1 * scale + transform.ox,
      ext.y1 * scale + transform.oy,
      ext.w * scale,
      ext.h * scale
    )
  }
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(draw)
  }
  cy.on('viewport position add remove style', schedule)
  schedule()
  const moveTo = (e: PointerEvent): void => {
    const r = el.getBoundingClientRect()
    const mx = (e.clientX - r.left - transform.ox) / transform.scale
    const my = (e.clientY - r.top - transform.oy) / transform.scale
    const z = cy.zoom()
    cy.pan({ x: cy.width() / 2 - mx * z, y: cy.height() / 2 - my * z })
  }
  let dragging = false
  const down = (e: PointerEvent): void => {
    dragging = true
    el.setPointerCapture(e.pointerId)
    moveTo(e)
  }
  const move = (e: PointerEvent): void => {
    if (dragging) moveTo(e)
  }
  const up = (): void => {
    dragging = false
  }
  el.addEventListener('pointerdown', down)
  el.addEventListener('pointermove', move)
  el.addEventListener('pointerup', up)
  return () => {
    cy.off('viewport position add remove style', schedule)
    if (frame) cancelAnimationFrame(frame)
    el.removeEventListener('pointerdown', down)
    el.removeEventListener('pointermove', move)
    el.removeEventListener('pointerup', up)
  }
}
