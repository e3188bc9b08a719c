import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { AppPage } from './pages/app-page'
import { readPdf } from './support/pdf-file'

const TRANSCRIPT =
  'Interviewer: Hoe verliep het contact?\nBewoner: We kregen pas bericht toen de plannen al klaar waren. Niemand vroeg ons iets.\nInterviewer: Wat had geholpen?\nBewoner: Een vaste contactpersoon bij de gemeente.'

test.describe('capturing an interview', () => {
  test('actor → interview with transcript → passage → quote → new lesson, chain on the canvas, one undo', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    // An actor.
    await page.getByTestId('menu-new').click()
    await page.getByTestId('new-actor').click()
    await page.getByTestId('field-title').fill('bewoner, Banne Buiksloot')
    await page.getByTestId('form-save').click()
    await expect(app.status).toHaveText('62 knopen · 96 verbindingen')
    // An interview with a transcript.
    await page.getByTestId('menu-new').click()
    await page.getByTestId('new-interview').click()
    await page.getByTestId('field-title').fill('Gesprek 7: bewoner Banne')
    await page.getByTestId('field-transcript').fill(TRANSCRIPT)
    await page.getByTestId('form-save').click()
    await expect(app.status).toHaveText('63 knopen · 96 verbindingen')
    // Work through it: select a passage.
    await page.getByTestId('open-workbench').click()
    await expect(page.getByTestId('transcript')).toBeVisible()
    const passage = 'We kregen pas bericht toen de plannen al klaar waren.'
    await page.evaluate((text) => {
      const el = document.querySelector('[data-testid="transcript"]')!
      const node = el.firstChild!
      const start = node.textContent!.indexOf(text)
      const range = document.createRange()
      range.setStart(node, start)
      range.setEnd(node, start + text.length)
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
    }, passage)
    await expect(page.getByTestId('quote-text')).toHaveValue(passage)
    await page.getByTestId('quote-attach').getByText('Een nieuwe les').click()
    await page.getByTestId('quote-new-lesson').fill('Betrek bewoners voordat de plannen af zijn')
    await page.screenshot({ path: info.outputPath('workbench.png') })
    await page.getByTestId('quote-save').click()
    await expect(page.getByTestId('workbench-quote')).toHaveCount(1)
    await page.keyboard.press('Escape')
    // Quote + lesson, and contains + yields + supports edges.
    await expect(app.status).toHaveText('65 knopen · 99 verbindingen')
    const chain = await page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      const lesson = cy.nodes().filter((n) => n.data('label') === 'Betrek bewoners voordat de plannen af zijn')
      return lesson.connectedEdges().map((e) => e.data('kind')).sort()
    })
    expect(chain).toEqual(['supports', 'yields'])
    await page.screenshot({ path: info.outputPath('chain.png') })
    // One undo takes the quote, the lesson and the three edges back.
    await page.getByTestId('undo').click()
    await expect(app.status).toHaveText('63 knopen · 96 verbindingen')
  })

  test('undo and redo work across a reload', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('L1')
    await page.getByTestId('selection-delete').click()
    await page.getByTestId('confirm-ok').click()
    await expect(app.status).toHaveText('60 knopen · 90 verbindingen')
    await page.reload()
    await expect(app.status).toHaveText('60 knopen · 90 verbindingen')
    await page.getByTestId('graph-canvas').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+z')
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    await page.reload()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    await page.getByTestId('redo').click()
    await expect(app.status).toHaveText('60 knopen · 90 verbindingen')
    await page.getByTestId('undo').click()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    await app.clickNode('L1')
    const rows = page.getByTestId('history-row')
    await expect(rows.first()).toContainText('ongedaan gemaakt')
    await expect(page.getByTestId('history')).toContainText('verwijderd')
    await expect(page.getByTestId('history')).toContainText('opnieuw gedaan')
  })

  test('presentation-safe hides interview titles that may name people, everywhere on screen', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const label = (): Promise<string> =>
      page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.getElementById('int1').data('label'))
    const before = await label()
    expect(before).toMatch(/^Gesprek 1: Bewoner/)
    await page.getByTestId('presentation-safe').click()
    await expect.poll(label).not.toBe(before)
    await app.clickNode('int1')
    await expect(page.getByTestId('inspector-title')).not.toHaveText(before)
    // …and in what leaves the building: the SVG and the PDF carry the safe name, never the title.
    const safeName = await label()
    for (const format of ['svg', 'pdf'] as const) {
      await page.getByTestId('menu-export').click()
      await page.getByTestId(`export-${format}`).click()
      const download = page.waitForEvent('download')
      await page.getByTestId('export-save').click()
      const file = readFileSync((await (await download).path())!)
      const text = format === 'svg' ? file.toString('utf8') : readPdf(file).strings.join('\n')
      expect(text, format).not.toContain(before.slice(0, 20))
      // (The safe name may wrap over lines: its first word is enough here.)
      expect(text, format).toContain(safeName.split(' ')[0])
    }
    await page.getByTestId('presentation-safe').click()
    await expect.poll(label).toBe(before)
  })
})
