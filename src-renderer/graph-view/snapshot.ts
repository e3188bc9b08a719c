/**
 * Snapshots of the canvas (PNG, SVG, PDF) with a title band and a legend. The functions that take a
 * Cytoscape core are graph-view internals, called through CyController (`renderPng`, `renderSvg`),
 * which loads this module on first use; the frame types are for the export features (PDF pages:
 * graph-view/pdf.ts).
 */
import type { Core } from 'cytoscape'
import cytoscape from 'cytoscape'
import cytoscapeSvg from 'cytoscape-svg'
import type { EdgeKind } from '../domain/edge-kinds'
import type { NodeKind } from '../domain/node-kinds'
import { EDGE_STYLES, NODE_STYLES } from './stylesheet'

cytoscape.use(cytoscapeSvg)

/** What a snapshot shows around the map: title, date, caption and a legend of what is visible. */
export interface SnapshotFrame {
  title: string
  caption?: string
  /** Already formatted for the reader (e.g. "28 november 2026"). */
  date: string
  /** Legend entries: the kinds visible in the snapshot, with their labels. */
  legend: { nodes: { kind: NodeKind; label: string }[]; edges: { kind: EdgeKind; label: string }[] }
}

export interface PngOptions {
  /** 1–4: pixels per model unit at zoom 1. */
  scale: number
  background: 'white' | 'transparent'
  /** Longest side of the map image in pixels; larger maps are scaled down (browsers cap canvas size). */
  maxSide?: number
}

const HEADER = 64
const LEGEND_W = 230
const FONT = 'Inter, "Segoe UI", "DejaVu Sans", system-ui, sans-serif'

function mapScale(cy: Core, scale: number, maxSide: number): number {
  const bb = cy.elements().not('.hidden').boundingBox()
  const side = Math.max(bb.w, bb.h, 1) * scale
  return side > maxSide ? (scale * maxSide) / side : scale
}

/**
 * Renders the visible map as a PNG with a title band and a legend column. Hidden elements are left
 * out; labels are drawn as on screen (so presentation-safe names apply).
 */
export async function renderPng(
  cy: Core,
  frame: SnapshotFrame,
  options: PngOptions
): Promise<Uint8Array> {
  const scale = mapScale(cy, options.scale, options.maxSide ?? 6000)
  const blob = (await cy.png({
    output: 'blob-promise',
    full: true,
    scale,
    bg: options.background === 'white' ? '#ffffff' : 'transparent'
  } as never)) as unknown as Blob
  const map = await createImageBitmap(blob)
  const k = Math.max(1, options.scale)
  const width = map.width + LEGEND_W * k
  const height = Math.max(map.height + HEADER * k, legendHeight(frame) * k + HEADER * k)
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width)
  canvas.height = Math.round(height)
  const ctx = canvas.getContext('2d')!
  if (options.background === 'white') {
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
  }
  ctx.scale(k, k)
  ctx.fillStyle = '#1e1e1e'
  ctx.font = `600 20px ${FONT}`
  ctx.fillText(frame.title, 16, 28)
  ctx.font = `12px ${FONT}`
  ctx.fillStyle = '#555555'
  ctx.fillText([frame.date, frame.caption].filter(Boolean).join(' · '), 16, 48)
  drawLegend(ctx, frame, map.width / k + 8, HEADER)
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.drawImage(map, 0, HEADER * k)
  const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!out) throw new Error('De afbeelding is te groot om te maken; kies een kleinere schaal.')
  return new Uint8Array(await out.arrayBuffer())
}

function legendHeight(frame: SnapshotFrame): number {
  return 40 + (frame.legend.nodes.length + frame.legend.edges.length) * 18 + 30
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  frame: SnapshotFrame,
  x: number,
  y: number
): void {
  ctx.font = `600 12px ${FONT}`
  ctx.fillStyle = '#1e1e1e'
  let yy = y + 16
  for (const n of frame.legend.nodes) {
    ctx.fillStyle = NODE_STYLES[n.kind].color
    ctx.beginPath()
    ctx.arc(x + 7, yy - 4, 6, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = '#1e1e1e'
    ctx.font = `12px ${FONT}`
    ctx.fillText(n.label, x + 20, yy)
    yy += 18
  }
  yy += 8
  for (const e of frame.legend.edges) {
    const s = EDGE_STYLES[e.kind]
    ctx.strokeStyle = s.color
    ctx.lineWidth = Math.min(s.width, 3)
    ctx.setLineDash(s.line === 'dashed' ? [5, 3] : s.line === 'dotted' ? [1.5, 2.5] : [])
    ctx.beginPath()
    ctx.moveTo(x, yy - 4)
    ctx.lineTo(x + 16, yy - 4)
    ctx.stroke()
    ctx.setLineDash([])
    ctx.fillStyle = '#1e1e1e'
    ctx.fillText(e.label, x + 22, yy)
    yy += 18
  }
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!
  )
}

/** Renders the visible map as an SVG document with the same title band and legend as the PNG. */
export function renderSvg(
  cy: Core,
  frame: SnapshotFrame,
  options: { scale?: number; background?: 'white' | 'transparent' } = {}
): string {
  const hidden = cy.elements('.hidden')
  const removed = hidden.remove()
  let inner: string
  try {
    inner = (cy as Core & { svg(o: object): string }).svg({
      full: true,
      scale: options.scale ?? 1,
      bg: options.background === 'transparent' ? undefined : '#ffffff'
    })
  } finally {
    removed.restore()
  }
  const w = Number(/width="([\d.]+)/.exec(inner)?.[1] ?? 800)
  const h = Number(/height="([\d.]+)/.exec(inner)?.[1] ?? 600)
  const body = inner.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<!DOCTYPE[^>]*>\s*/, '')
  const legend: string[] = []
  let y = HEADER + 16
  for (const n of frame.legend.nodes) {
    legend.push(
      `<circle cx="${w + 15}" cy="${y - 4}" r="6" fill="${NODE_STYLES[n.kind].color}"/><text x="${w + 28}" y="${y}" font-size="12">${escapeXml(n.label)}</text>`
    )
    y += 18
  }
  y += 8
  for (const e of frame.legend.edges) {
    const s = EDGE_STYLES[e.kind]
    const dash =
      s.line === 'dashed'
        ? ' stroke-dasharray="5 3"'
        : s.line === 'dotted'
          ? ' stroke-dasharray="1.5 2.5"'
          : ''
    legend.push(
      `<line x1="${w + 8}" y1="${y - 4}" x2="${w + 24}" y2="${y - 4}" stroke="${s.color}" stroke-width="${Math.min(s.width, 3)}"${dash}/><text x="${w + 30}" y="${y}" font-size="12">${escapeXml(e.label)}</text>`
    )
    y += 18
  }
  const totalW = w + LEGEND_W
  const totalH = Math.max(h + HEADER, y + 20)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}" font-family="${escapeXml(FONT)}">`,
    options.background === 'transparent' ? '' : `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<title>${escapeXml(frame.title)}</title>`,
    `<text x="16" y="28" font-size="20" font-weight="600" fill="#1e1e1e">${escapeXml(frame.title)}</text>`,
    `<text x="16" y="48" font-size="12" fill="#555555">${escapeXml([frame.date, frame.caption].filter(Boolean).join(' · '))}</text>`,
    `<g transform="translate(0, ${HEADER})">${body}</g>`,
    `<g fill="#1e1e1e">${legend.join('')}</g>`,
    '</svg>'
  ].join('\n')
}
