import type { Core } from 'cytoscape'
import { NODE_STYLES } from './stylesheet'

export interface MinimapOptions {
  width: number
  height: number
  /** Above this many nodes the overview draws a sample, so it never costs a frame. */
  maxDots?: number
  /** Dark theme: a dark ground and a lighter frame. */
  dark?: boolean
}

/** The last drawn viewport frame in minimap px (tests read it through the e2e hook). */
export interface MinimapFrame {
  x: number
  y: number
  w: number
  h: number
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
  let lastFrame: MinimapFrame | null = null
  const dark = options.dark ?? false
  const draw = (): void => {
    frame = 0
    const nodes = cy.nodes().not('.hidden')
    ctx.clearRect(0, 0, W, H)
    ctx.fillStyle = dark ? '#25262b' : '#ffffff'
    ctx.fillRect(0, 0, W, H)
    if (nodes.empty()) return
    // The overview spans the map and the viewport together, so the frame is always a whole
    // rectangle (zoomed out past the map, the map shrinks inside the frame).
    const nb = nodes.boundingBox({ includeLabels: false })
    const ext = cy.extent()
    const bb = {
      x1: Math.min(nb.x1, ext.x1),
      y1: Math.min(nb.y1, ext.y1),
      x2: Math.max(nb.x2, ext.x2),
      y2: Math.max(nb.y2, ext.y2)
    }
    const bw = bb.x2 - bb.x1
    const bh = bb.y2 - bb.y1
    const scale = Math.min((W - 8) / Math.max(bw, 1), (H - 8) / Math.max(bh, 1))
    transform = {
      scale,
      ox: 4 - bb.x1 * scale + (W - 8 - bw * scale) / 2,
      oy: 4 - bb.y1 * scale + (H - 8 - bh * scale) / 2
    }
    const step = Math.max(1, Math.ceil(nodes.length / maxDots))
    const dot = nodes.length > 400 ? 2 : 3.5
    for (let i = 0; i < nodes.length; i += step) {
      const n = nodes[i]!
      const p = n.position()
      const kind = n.data('kind') as keyof typeof NODE_STYLES
      ctx.fillStyle = NODE_STYLES[kind]?.color ?? '#888'
      ctx.globalAlpha = n.hasClass('faded') ? 0.25 : 1
      ctx.fillRect(
        p.x * scale + transform.ox - dot / 2,
        p.y * scale + transform.oy - dot / 2,
        dot,
        dot
      )
    }
    ctx.globalAlpha = 1
    const r = {
      x: ext.x1 * scale + transform.ox,
      y: ext.y1 * scale + transform.oy,
      w: ext.w * scale,
      h: ext.h * scale
    }
    // What lies outside the view is shaded; the view itself is a framed rectangle.
    ctx.fillStyle = dark ? 'rgba(0,0,0,0.35)' : 'rgba(30,30,30,0.08)'
    ctx.beginPath()
    ctx.rect(0, 0, W, H)
    ctx.rect(r.x + r.w, r.y, -r.w, r.h)
    ctx.fill('evenodd')
    ctx.strokeStyle = dark ? '#ff6b6b' : '#EC0000'
    ctx.lineWidth = 2
    ctx.strokeRect(r.x + 1, r.y + 1, Math.max(r.w - 2, 2), Math.max(r.h - 2, 2))
    lastFrame = r
  }
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(draw)
  }
  cy.on('viewport position add remove style', schedule)
  schedule()
  // The frame as drawn, for the browser tests.
  ;(el as HTMLCanvasElement & { kgFrame?: () => MinimapFrame | null }).kgFrame = () => lastFrame
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
