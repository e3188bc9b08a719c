import { readFileSync, writeFileSync } from 'node:fs'
import { Resvg } from '@resvg/resvg-js'
import { expect, test, type Page } from '@playwright/test'
import { AppPage } from './pages/app-page'
import { pdfToPngs, pdftotext, readPdf } from './support/pdf-file'

/**
 * Exports fit for a council presentation: the SVG draws every node in its own shape with its full
 * label and no console error, the PDF is vectors with selectable text on A4/A3 in both orientations,
 * legends draw the real shapes and arrows, the selection is never baked in, and title and date follow
 * the UI language. Every file is also written to test-results (SVG rendered to PNG, PDF pages to PNG
 * where poppler-utils is installed) for a person to look at.
 */

type Cy = import('cytoscape').Core

async function exportAs(page: Page, format: 'png' | 'svg' | 'pdf', setup?: () => Promise<void>): Promise<Buffer> {
  await page.getByTestId('menu-export').click()
  await page.getByTestId(`export-${format}`).click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await setup?.()
  const download = page.waitForEvent('download')
  await page.getByTestId('export-save').click()
  const file = await download
  await expect(page.getByTestId('export-dialog')).toBeHidden()
  return readFileSync((await file.path())!)
}

/** Collects console errors and page errors from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

interface SvgFacts {
  parseErrors: number
  title: string
  nodes: { id: string; shape: string; stroke: string | null }[]
  labels: Record<string, string>
  labelFills: string[]
  legendShapes: string[]
  legendArrows: string[]
  legendTexts: string[]
  subtitle: string
}

async function readSvg(page: Page, svg: string): Promise<SvgFacts> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    const labels: Record<string, string> = {}
    for (const t of doc.querySelectorAll('text.label'))
      labels[t.getAttribute('data-id')!] = [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')
    return {
      parseErrors: doc.getElementsByTagName('parsererror').length,
      title: doc.querySelector('title')?.textContent ?? '',
      nodes: [...doc.querySelectorAll('path.node')].map((p) => ({
        id: p.getAttribute('data-id')!,
        shape: p.getAttribute('data-shape')!,
        stroke: p.getAttribute('stroke')
      })),
      labels,
      labelFills: [...new Set([...doc.querySelectorAll('text.label')].map((t) => t.getAttribute('fill')!))],
      legendShapes: [...doc.querySelectorAll('.legend-node')].map((p) => p.getAttribute('data-shape')!),
      legendArrows: [...doc.querySelectorAll('.legend-arrow')].map((p) => p.getAttribute('data-arrow')!),
      legendTexts: [...doc.querySelectorAll('.legend text')].map((t) => t.textContent ?? ''),
      subtitle: doc.querySelector('text.subtitle')?.textContent ?? ''
    }
  }, svg)
}

/** Visible nodes on the canvas with their shape and full label. */
async function canvasNodes(page: Page): Promise<{ id: string; shape: string; label: string }[]> {
  return page.evaluate(() => {
    const cy = (window as unknown as { __kgCy: Cy }).__kgCy
    return cy
      .nodes()
      .not('.hidden')
      .map((n) => ({ id: n.id(), shape: String(n.style('shape')), label: String(n.data('label')) }))
  })
}

function saveSvgAsPng(svg: string, path: string): void {
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: true } }).render().asPng()
  writeFileSync(path, png)
}

test.describe('exports for a council presentation', () => {
  test('SVG: every node in its own shape with its full label, real legend, no selection, no console error', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    // A selected lesson and a hovered node must not end up in the file.
    await app.clickNode('L1')
    const errors = consoleErrors(page)
    const svg = (await exportAs(page, 'svg')).toString('utf8')
    writeFileSync(info.outputPath('map.svg'), svg)
    saveSvgAsPng(svg, info.outputPath('map-svg.png'))
    expect(errors).toEqual([])
    const facts = await readSvg(page, svg)
    const shown = await canvasNodes(page)
    expect(facts.parseErrors).toBe(0)
    // One shape per visible node, in the canvas's shape.
    expect(facts.nodes.map((n) => n.id).sort()).toEqual(shown.map((n) => n.id).sort())
    const shapeOf = new Map(facts.nodes.map((n) => [n.id, n.shape]))
    for (const n of shown) expect(shapeOf.get(n.id), n.id).toBe(n.shape)
    expect(new Set(facts.nodes.map((n) => n.shape))).toEqual(
      new Set(['ellipse', 'round-rectangle', 'round-tag', 'round-diamond', 'round-hexagon', 'round-octagon'])
    )
    // Full labels, wrapped into lines (a word longer than a line breaks inside), never cut with an ellipsis.
    const letters = (s: string | undefined): string => (s ?? '').replace(/\s+/g, '')
    for (const n of shown) expect(letters(facts.labels[n.id]), n.id).toBe(letters(n.label))
    expect(Object.values(facts.labels).some((l) => l.includes('…'))).toBe(false)
    // The selection's red is nowhere on a node.
    expect(facts.nodes.filter((n) => /ec0000|236,\s*0,\s*0/i.test(n.stroke ?? ''))).toEqual([])
    // Legend: every kind in its real shape, edge samples with their arrow heads.
    expect(facts.legendShapes.sort()).toEqual(
      ['ellipse', 'round-rectangle', 'round-rectangle', 'round-tag', 'round-diamond', 'round-hexagon', 'round-octagon'].sort()
    )
    expect(facts.legendArrows).toEqual(expect.arrayContaining(['triangle', 'tee', 'diamond', 'vee', 'circle']))
    expect(facts.legendTexts).toEqual(expect.arrayContaining(['Lessen', 'Rust op één stem']))
    expect(facts.subtitle).toBe(new Date().toLocaleDateString('nl', { day: 'numeric', month: 'long', year: 'numeric' }))
    // The lesson map: its clusters are named regions, listed in the legend.
    await page.getByTestId('lens').getByText('Lessenkaart').click()
    await expect.poll(async () => (await app.shownNodeIds()).length).toBe(15)
    const lessons = (await exportAs(page, 'svg')).toString('utf8')
    saveSvgAsPng(lessons, info.outputPath('lessons-svg.png'))
    const clusters = lessons.match(/class="cluster"/g)?.length ?? 0
    expect(clusters).toBeGreaterThanOrEqual(2)
    expect(lessons.match(/class="legend-cluster"/g)?.length).toBe(clusters)
    expect(lessons).toContain('Groep 1: ')
    expect(errors).toEqual([])
  })

  test('SVG: crowded labels are freed by default (nodes move apart); unticked, nodes stay where the canvas has them', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    /** Label boxes as the browser lays the SVG out, and how many pairs of them overlap. */
    const overlapping = (svg: string): Promise<number> =>
      page.evaluate((text) => {
        const host = document.createElement('div')
        host.innerHTML = text.replace(/^<\?xml[^>]*>/, '')
        document.body.appendChild(host)
        const boxes = [...host.querySelectorAll('text.label')].map((t) => (t as SVGGraphicsElement).getBBox())
        host.remove()
        let count = 0
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
            const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
            if (w > 1 && h > 1) count++
          })
        )
        return count
      }, svg)
    let ticked: boolean | null = null
    const freed = (
      await exportAs(page, 'svg', async () => {
        ticked = await page.getByTestId('export-spread').isChecked()
        await page.screenshot({ path: info.outputPath('dialog-svg-spread-nl.png') })
      })
    ).toString('utf8')
    expect(ticked).toBe(true)
    const asOnCanvas = (
      await exportAs(page, 'svg', async () => {
        await page.getByTestId('export-spread').uncheck()
      })
    ).toString('utf8')
    writeFileSync(info.outputPath('map-spread.svg'), freed)
    writeFileSync(info.outputPath('map-as-canvas.svg'), asOnCanvas)
    const before = await overlapping(asOnCanvas)
    const after = await overlapping(freed)
    expect(before, 'the demo map is crowded as the canvas has it').toBeGreaterThan(2)
    expect(after, `${after} overlapping label pairs freed vs ${before} as on the canvas`).toBeLessThanOrEqual(Math.floor(before / 3))
  })

  test('PDF: vectors with selectable text on A4 and A3, portrait and landscape, labels ≥ 7 pt, under 2 MB', async ({ page }, info) => {
    test.setTimeout(150_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    const app = new AppPage(page)
    await app.open()
    const errors = consoleErrors(page)
    const combos = [
      { paper: 'a4', orientation: 'landscape', width: 841.89, height: 595.28 },
      { paper: 'a4', orientation: 'portrait', width: 595.28, height: 841.89 },
      { paper: 'a3', orientation: 'landscape', width: 1190.55, height: 841.89 },
      { paper: 'a3', orientation: 'portrait', width: 841.89, height: 1190.55 }
    ] as const
    for (const c of combos) {
      const pdf = await exportAs(page, 'pdf', async () => {
        await page.getByTestId('export-title').fill('Raadsinformatie: lessen & ingrediënten')
        await page.getByTestId('export-paper').click()
        await page.getByRole('option', { name: c.paper.toUpperCase(), exact: true }).click()
        await page
          .getByTestId('export-orientation')
          .getByText(c.orientation === 'landscape' ? 'Liggend' : 'Staand')
          .click()
        if (c === combos[0]) await page.screenshot({ path: info.outputPath('dialog-pdf-nl-1440.png') })
      })
      const path = info.outputPath(`map-${c.paper}-${c.orientation}.pdf`)
      writeFileSync(path, pdf)
      pdfToPngs(path)
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(pdf.length, `${c.paper} ${c.orientation} bytes`).toBeLessThan(2_000_000)
      const facts = readPdf(pdf)
      expect(facts.pages).toBe(1)
      expect(facts.images).toBe(0)
      expect(facts.mediaBoxes[0]!.width).toBeCloseTo(c.width, 0)
      expect(facts.mediaBoxes[0]!.height).toBeCloseTo(c.height, 0)
      expect(facts.strings).toContain('Raadsinformatie: lessen & ingrediënten')
      expect(facts.strings).toContain('Caroline Combé')
      expect(facts.strings).toContain('Gemeente Amsterdam')
      expect(Math.min(...facts.fontSizes)).toBeGreaterThanOrEqual(7)
      const extracted = pdftotext(path)
      if (extracted !== null) {
        expect(extracted).toContain('Raadsinformatie: lessen & ingrediënten')
        expect(extracted).toContain('Caroline Combé')
      }
    }
    expect(errors).toEqual([])
  })

  test('English and dark: title, date and legend in English, labels dark on white paper; PNG legend and size', async ({ page }, info) => {
    test.setTimeout(120_000)
    await page.setViewportSize({ width: 1280, height: 720 })
    const app = new AppPage(page)
    await app.open()
    await app.openSettings()
    await page.getByTestId('settings-language').click()
    await page.getByRole('option', { name: 'English' }).click()
    // The language applies on save: the scheme's label is still Dutch here.
    await page.getByRole('dialog').getByText('Donker', { exact: true }).click()
    await page.getByTestId('settings-save').click()
    await expect(app.status).toHaveText('61 nodes · 96 edges')
    await page.screenshot({ path: info.outputPath('dark-en.png') })
    const svg = (await exportAs(page, 'svg')).toString('utf8')
    writeFileSync(info.outputPath('map-en.svg'), svg)
    saveSvgAsPng(svg, info.outputPath('map-en-svg.png'))
    const facts = await readSvg(page, svg)
    expect(facts.title).toBe('Amsterdams Stadmaken — knowledge graph')
    expect(facts.subtitle).toBe(new Date().toLocaleDateString('en', { day: 'numeric', month: 'long', year: 'numeric' }))
    expect(facts.legendTexts).toEqual(expect.arrayContaining(['Lessons', 'Rests on one voice']))
    // Light paper whatever the UI: labels are dark.
    expect(facts.labelFills).toHaveLength(1)
    expect(facts.labelFills[0]).toMatch(/rgb\(30,\s*30,\s*30\)|#1e1e1e/i)
    const pdf = await exportAs(page, 'pdf', async () => {
      await page.getByTestId('export-orientation').getByText('Portrait').click()
      await page.screenshot({ path: info.outputPath('dialog-pdf-en-dark-1280.png') })
    })
    writeFileSync(info.outputPath('map-en.pdf'), pdf)
    pdfToPngs(info.outputPath('map-en.pdf'))
    expect(readPdf(pdf).strings).toContain('Amsterdams Stadmaken — knowledge graph')
    // The PNG is the same drawing, at the chosen scale.
    const png = await exportAs(page, 'png')
    writeFileSync(info.outputPath('map-en.png'), png)
    const svgW = Number(/ width="(\d+)"/.exec(svg)![1])
    const svgH = Number(/ height="(\d+)"/.exec(svg)![1])
    expect(png.readUInt32BE(16)).toBe(svgW * 2)
    expect(png.readUInt32BE(20)).toBe(svgH * 2)
  })
})
