/**
 * Snapshots of the canvas (PNG, SVG; PDF pages: graph-view/pdf.ts) with a title band and a legend.
 * All three draw the same scene (export-scene.ts) through the same writer (export-svg.ts): every
 * node shape, full wrapped labels, the legend's real shapes and arrows, never the selection or
 * hover. The PNG is the SVG rasterised at the chosen scale. Called through CyController
 * (`renderPng`, `renderSvg`, `exportScene`), which loads this module on first use.
 */
import type { Core } from 'cytoscape'
import { readScene, type MapScene } from './export-scene'
import { writeSvg, type MeasureText, type SnapshotFrame } from './export-svg'

export type { SnapshotFrame }

export interface PngOptions {
  /** 1–4: pixels per model unit at zoom 1. */
  scale: number
  background: 'white' | 'transparent'
  /** Longest side of the image in pixels; larger maps are scaled down (browsers cap canvas size). */
  maxSide?: number
  /** Move crowded nodes apart so every label reads (default true; see `spreadScene`). */
  spread?: boolean
}

/** The font of the SVG and PNG exports: the app's, then what every system has. */
export const EXPORT_FONT = 'Inter, "Segoe UI", "DejaVu Sans", Arial, sans-serif'

/** Text widths measured on a 2D canvas in the given font family (cached). */
export function canvasMeasure(family: string): MeasureText {
  const ctx = document.createElement('canvas').getContext('2d')
  const cache = new Map<string, number>()
  return (text, size, weight = 'normal') => {
    const key = `${weight}|${size}|${text}`
    let w = cache.get(key)
    if (w === undefined) {
      if (!ctx) return text.length * size * 0.55
      ctx.font = `${weight} ${size}px ${family}`
      w = ctx.measureText(text).width
      cache.set(key, w)
    }
    return w
  }
}

export function sceneOf(cy: Core, large: boolean): MapScene {
  return readScene(cy, { large })
}

/** The visible map as an SVG document (one model unit = one pixel) with title band and legend. */
export function renderSvg(
  cy: Core,
  frame: SnapshotFrame,
  options: { background?: 'white' | 'transparent'; large?: boolean; spread?: boolean } = {}
): string {
  return writeSvg(
    sceneOf(cy, options.large ?? false),
    frame,
    { kind: 'natural', background: options.background ?? 'white', fontFamily: EXPORT_FONT },
    { measure: canvasMeasure(EXPORT_FONT), spread: options.spread ?? true }
  )
}

/** Thrown when the image would exceed what the browser can draw. */
export class SnapshotTooLargeError extends Error {
  constructor() {
    super('snapshot too large')
    this.name = 'SnapshotTooLargeError'
  }
}

/** The visible map as a PNG: the SVG snapshot rasterised at `scale` pixels per unit. */
export async function renderPng(
  cy: Core,
  frame: SnapshotFrame,
  options: PngOptions & { large?: boolean }
): Promise<Uint8Array> {
  const svg = renderSvg(cy, frame, {
    background: options.background,
    large: options.large ?? false,
    spread: options.spread ?? true
  })
  const w = Number(/ width="([\d.]+)"/.exec(svg)?.[1] ?? 800)
  const h = Number(/ height="([\d.]+)"/.exec(svg)?.[1] ?? 600)
  const maxSide = options.maxSide ?? 8000
  const k = Math.min(Math.max(1, options.scale), maxSide / Math.max(w, h))
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(w * k)
    canvas.height = Math.round(h * k)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new SnapshotTooLargeError()
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
    if (!out) throw new SnapshotTooLargeError()
    return new Uint8Array(await out.arrayBuffer())
  } finally {
    URL.revokeObjectURL(url)
  }
}
