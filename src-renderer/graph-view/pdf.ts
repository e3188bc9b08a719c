/**
 * PDF exports as vectors: each page is the map scene written as a page-sized SVG (export-svg.ts)
 * and drawn into jsPDF by svg2pdf.js, so shapes stay sharp and every title, date, label and legend
 * entry is selectable, searchable text. A4 or A3, portrait or landscape; labels never below 7 pt.
 * Text is set in the PDF standard font Helvetica (WinAnsi: covers Dutch and West-European letters,
 * ë é ï ’ “ ” – — €); a character outside it is written as its base letter (ĳ as ij) or '?'.
 */
import { jsPDF } from 'jspdf'
import { svg2pdf } from 'svg2pdf.js'
import type { MapScene } from './export-scene'
import { writeSvg, type SnapshotFrame } from './export-svg'

export type PaperSize = 'a4' | 'a3'
export type Orientation = 'landscape' | 'portrait'

export interface PdfOptions {
  paper: PaperSize
  orientation: Orientation
  /** Move crowded nodes apart so every label reads (default true; see `spreadScene`). */
  spread?: boolean
}

export interface PdfPage {
  scene: MapScene
  frame: SnapshotFrame
}

/** Smallest label on paper, in points. */
export const MIN_LABEL_PT = 7

/** Page sizes in points (portrait). */
export const PAPER_PT: Record<PaperSize, { width: number; height: number }> = {
  a4: { width: 595.28, height: 841.89 },
  a3: { width: 841.89, height: 1190.55 }
}

/** The page size in points for a paper and orientation. */
export function pageSize(options: PdfOptions): { width: number; height: number } {
  const p = PAPER_PT[options.paper]
  return options.orientation === 'landscape' ? { width: p.height, height: p.width } : { ...p }
}

/** WinAnsi (Windows-1252) beyond Latin-1: the characters the standard fonts also draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

function inWinAnsi(c: string): boolean {
  const code = c.codePointAt(0)!
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c)
}

/** Text as Helvetica can write it: letters outside WinAnsi become their base letter, or '?'. */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const c of text.normalize('NFC')) {
    if (inWinAnsi(c)) out += c
    else if (c === 'ĳ') out += 'ij'
    else if (c === 'Ĳ') out += 'IJ'
    else if (/\s/.test(c)) out += ' '
    else {
      const base = c.normalize('NFD').replace(/\p{M}/gu, '')
      out += base && [...base].every(inWinAnsi) ? base : '?'
    }
  }
  return out
}

/** One PDF page per scene, each with its title, date, caption and legend. */
export async function renderPdf(pages: readonly PdfPage[], options: PdfOptions): Promise<Uint8Array> {
  const { width, height } = pageSize(options)
  const doc = new jsPDF({
    orientation: options.orientation,
    unit: 'pt',
    format: options.paper,
    compress: true
  })
  const measure = (text: string, size: number, weight = 'normal'): number => {
    doc.setFont('helvetica', weight === 'bold' || Number(weight) >= 600 ? 'bold' : 'normal')
    return doc.getStringUnitWidth(text) * size
  }
  // svg2pdf reads the SVG from the DOM; a hidden host keeps it out of sight.
  const host = document.createElement('div')
  host.setAttribute('aria-hidden', 'true')
  Object.assign(host.style, { position: 'fixed', left: '-100000px', top: '0', width: '0', height: '0', overflow: 'hidden' })
  document.body.appendChild(host)
  try {
    for (const [i, page] of pages.entries()) {
      if (i > 0) doc.addPage(options.paper, options.orientation)
      const svg = writeSvg(
        page.scene,
        page.frame,
        { kind: 'page', width, height, minFontPt: MIN_LABEL_PT, fontFamily: 'Helvetica, sans-serif' },
        { measure, text: toWinAnsi, spread: options.spread ?? true }
      )
      const el = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement
      host.replaceChildren(el)
      await svg2pdf(el, doc, { x: 0, y: 0, width, height })
    }
    doc.setProperties({ title: toWinAnsi(pages[0]?.frame.title ?? ''), creator: 'Stadmaken Kennisgraaf' })
    return new Uint8Array(doc.output('arraybuffer'))
  } finally {
    host.remove()
  }
}
