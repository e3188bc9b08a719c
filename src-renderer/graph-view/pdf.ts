import { jsPDF } from 'jspdf'
import type { SnapshotFrame } from './snapshot'

/** One PDF page per snapshot (A4 landscape), each with its title, date, caption and legend. */
export async function renderPdf(
  pages: { png: Uint8Array; frame: SnapshotFrame }[]
): Promise<Uint8Array> {
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4' })
  const pageW = 297
  const pageH = 210
  for (const [i, page] of pages.entries()) {
    if (i > 0) doc.addPage()
    const bitmap = await createImageBitmap(
      new Blob([page.png.slice().buffer], { type: 'image/png' })
    )
    const ratio = Math.min((pageW - 20) / bitmap.width, (pageH - 20) / bitmap.height)
    const w = bitmap.width * ratio
    const h = bitmap.height * ratio
    doc.addImage(page.png, 'PNG', (pageW - w) / 2, (pageH - h) / 2, w, h)
    doc.setProperties({ title: page.frame.title })
  }
  return new Uint8Array(doc.output('arraybuffer'))
}
