import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { AppPage } from './pages/app-page'
import { pdfToPngs, readPdf } from './support/pdf-file'

async function exportAs(page: Page, format: 'png' | 'svg' | 'pdf' | 'kg-json', setup?: () => Promise<void>): Promise<Buffer> {
  await page.getByTestId('menu-export').click()
  await page.getByTestId(`export-${format}`).click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await setup?.()
  const download = page.waitForEvent('download')
  await page.getByTestId('export-save').click()
  const file = await download
  return readFileSync((await file.path())!)
}

test.describe('export and snapshots', () => {
  test('PNG at scale 2 is a PNG whose size follows the scale', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const png = await exportAs(page, 'png')
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    // The PNG is the SVG snapshot (map, title band, legend column) rasterised at the chosen scale.
    const svg = (await exportAs(page, 'svg')).toString('utf8')
    const w = Number(/ width="(\d+)"/.exec(svg)![1])
    const h = Number(/ height="(\d+)"/.exec(svg)![1])
    const bb = await page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      const b = cy.nodes().boundingBox({ includeLabels: false })
      return { w: b.w, h: b.h }
    })
    expect(w).toBeGreaterThan(bb.w + 230)
    expect(h).toBeGreaterThan(bb.h + 64)
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w * 2, h * 2])
    writeFileSync(test.info().outputPath('snapshot.png'), png)
  })

  test('SVG parses and carries the title and the legend; PDF is a PDF', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const svg = (await exportAs(page, 'svg', async () => {
      await page.getByTestId('export-title').fill('Raadsinformatie: lessen & ingrediënten')
    })).toString('utf8')
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      return { error: doc.getElementsByTagName('parsererror').length, title: doc.querySelector('title')?.textContent }
    }, svg)
    expect(parsed).toEqual({ error: 0, title: 'Raadsinformatie: lessen & ingrediënten' })
    expect(svg).toContain('Lessen')
    const pdf = await exportAs(page, 'pdf')
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(10_000)
  })

  test('a .kg.json backup holds the whole graph', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const json = JSON.parse((await exportAs(page, 'kg-json')).toString('utf8')) as { type: string; nodes: unknown[]; edges: unknown[] }
    expect(json.type).toBe('stadmaken-kennisgraaf')
    expect([json.nodes.length, json.edges.length]).toEqual([61, 96])
  })
})

test('save a view, change the canvas, reopen the view: the same visible nodes and viewport', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await app.clickNode('L1')
  await page.getByTestId('focus-1').click()
  await expect.poll(async () => (await app.shownNodeIds()).length).toBe(7)
  const saved = await app.shownNodeIds()
  const zoom = await page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.zoom())
  await page.getByTestId('menu-views').click()
  await page.getByTestId('view-save').click()
  await page.getByTestId('view-name').fill('Rond “Blijf communiceren”')
  await page.getByTestId('view-save-ok').click()
  // Change the canvas: clear focus, switch to the lesson map, zoom out.
  await page.getByTestId('focus-clear').click()
  await page.getByTestId('lens').getByText('Lessenkaart').click()
  await page.evaluate(() => {
    // A block, not an expression: zoom() returns the Cytoscape core, which Playwright would serialise.
    ;(window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.zoom(0.2)
  })
  await expect.poll(async () => (await app.shownNodeIds()).length).not.toBe(7)
  await page.reload()
  await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
  await expect(page.getByTestId('undo')).toBeDisabled()
  await page.getByTestId('menu-views').click()
  await page.getByTestId('view-item').filter({ hasText: 'Blijf communiceren' }).click()
  await expect.poll(() => app.shownNodeIds()).toEqual(saved)
  // Its positions are shown, not written: nothing to undo, and a chip offers the map's own ones.
  await expect(page.getByTestId('view-positions')).toBeVisible()
  await expect(page.getByTestId('undo')).toBeDisabled()
  const zoomAfter = await page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.zoom())
  expect(zoomAfter).toBeCloseTo(zoom, 3)
})

test('a presentation of two views plays with the arrow keys and exports as a two-page PDF', async ({ page }, info) => {
  // Two views, a deck, an off-screen export and a play-through: slow on a loaded machine.
  test.setTimeout(120_000)
  const app = new AppPage(page)
  await app.open()
  const saveView = async (name: string): Promise<void> => {
    await page.getByTestId('menu-views').click()
    await page.getByTestId('view-save').click()
    await page.getByTestId('view-name').fill(name)
    await page.getByTestId('view-save-ok').click()
    await expect(page.getByTestId('view-name')).toBeHidden()
  }
  await saveView('Hele kaart')
  await page.getByTestId('lens').getByText('Lessenkaart').click()
  await saveView('Lessenkaart')
  await page.getByTestId('lens').getByText('Hele kaart').click()
  await page.getByTestId('menu-views').click()
  await page.getByTestId('deck-open').click()
  await page.getByTestId('deck-name').fill('Raadsvergadering december')
  await page.getByTestId('deck-add').click()
  await page.getByTestId('deck-add').click()
  await page.getByTestId('deck-slide').nth(0).getByLabel('Weergave').click()
  await page.getByRole('option', { name: 'Hele kaart' }).click()
  await page.getByTestId('deck-slide').nth(1).getByLabel('Weergave').click()
  await page.getByRole('option', { name: 'Lessenkaart' }).click()
  // The deck is drawn off-screen: the user's view, viewport and undo history stay as they were.
  const cyState = (): Promise<unknown> =>
    page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      return { zoom: cy.zoom(), pan: cy.pan(), shown: cy.nodes().not('.hidden').length }
    })
  const before = await cyState()
  const shownBefore = await app.shownNodeIds()
  const undoBefore = await page.getByTestId('undo').isDisabled()
  const download = page.waitForEvent('download')
  await page.getByTestId('deck-pdf').click()
  const pdfBytes = readFileSync((await (await download).path())!)
  writeFileSync(info.outputPath('deck.pdf'), pdfBytes)
  const pdf = pdfBytes.toString('latin1')
  expect(pdf.startsWith('%PDF-')).toBe(true)
  expect(pdf.match(/\/Type \/Page\b/g)?.length).toBe(2)
  // Vector pages: the slide titles are text, no page is a picture.
  const facts = readPdf(pdfBytes)
  expect(facts.images).toBe(0)
  expect(facts.strings).toEqual(expect.arrayContaining(['Hele kaart', 'Lessenkaart']))
  pdfToPngs(info.outputPath('deck.pdf'))
  expect(await cyState()).toEqual(before)
  expect(await app.shownNodeIds()).toEqual(shownBefore)
  expect(await page.getByTestId('undo').isDisabled()).toBe(undoBefore)
  await expect(page.getByTestId('lens').getByText('Hele kaart')).toBeVisible()
  await page.getByTestId('deck-play').click()
  await expect(page.getByTestId('slide-title')).toHaveText('Hele kaart')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('slide-title')).toHaveText('Lessenkaart')
  await expect.poll(async () => (await app.shownNodeIds()).length).toBe(15)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('presentation')).toBeHidden()
})
