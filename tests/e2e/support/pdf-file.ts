import { execFileSync } from 'node:child_process'
import { inflateSync } from 'node:zlib'

/** A PDF read without a PDF library: its page boxes, and the text and font sizes its content streams set. */
export interface PdfFacts {
  pages: number
  /** MediaBox width × height per page, in points. */
  mediaBoxes: { width: number; height: number }[]
  /** Every string shown with Tj/TJ, in order (WinAnsi decoded). */
  strings: string[]
  /** Every font size set with Tf. */
  fontSizes: number[]
  /** Number of embedded raster images. */
  images: number
}

function decodePdfString(raw: string): string {
  return raw
    .replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
      if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8))
      return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e
    })
}

/** Windows-1252 bytes 0x80–0x9F that differ from Latin-1. */
const CP1252: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' }

export function readPdf(bytes: Buffer): PdfFacts {
  const latin = bytes.toString('latin1')
  const mediaBoxes = [...latin.matchAll(/\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/g)].map((m) => ({
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2])
  }))
  const strings: string[] = []
  const fontSizes: number[] = []
  let images = 0
  const streamRe = /<<((?:(?!>>).)*?)>>\s*stream\r?\n/gs
  for (const m of latin.matchAll(streamRe)) {
    const dict = m[1]!
    const start = m.index! + m[0].length
    const end = latin.indexOf('endstream', start)
    if (/\/Subtype\s*\/Image/.test(dict)) {
      images++
      continue
    }
    let body = bytes.subarray(start, end)
    if (/\/FlateDecode/.test(dict)) {
      try {
        body = inflateSync(body)
      } catch {
        continue
      }
    }
    const text = body.toString('latin1')
    for (const t of text.matchAll(/([\d.]+)\s+Tf/g)) fontSizes.push(Number(t[1]))
    for (const t of text.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g))
      strings.push([...decodePdfString(t[1]!)].map((c) => CP1252[c.charCodeAt(0)] ?? c).join(''))
  }
  return { pages: (latin.match(/\/Type\s*\/Page\b/g) ?? []).length, mediaBoxes, strings, fontSizes, images }
}

/** pdftotext's reading of the file, or null where poppler-utils is not installed. */
export function pdftotext(path: string): string | null {
  try {
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
  } catch {
    return null
  }
}

/** Renders the pages as PNGs next to `path` (for a person to look at), where pdftoppm is installed. */
export function pdfToPngs(path: string, resolution = 60): boolean {
  try {
    execFileSync('pdftoppm', ['-png', '-r', String(resolution), path, path.replace(/\.pdf$/, '')])
    return true
  } catch {
    return false
  }
}
