import { expect, test } from '@playwright/test'
import { AppPage } from './pages/app-page'

test.describe('first start and persistence', () => {
  test('opens on the demo map with 61 nodes and 96 edges', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    expect(await app.canvasCounts()).toEqual({ nodes: 61, edges: 96 })
    await expect(page.getByTestId('count-lesson')).toHaveText('8')
    await expect(page.getByTestId('count-actor')).toHaveText('15')
    await expect(page.getByTestId('legend')).toBeVisible()
    await page.screenshot({ path: info.outputPath('demo-map.png') })
  })

  test('keeps the data across a reload and does not reload the demo into an emptied map', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.graphMenu('cmd-new-empty')
    await expect(app.status).toHaveText('0 knopen · 0 verbindingen')
    await expect(page.getByTestId('empty-state')).toBeVisible()
    await page.reload()
    await expect(app.status).toHaveText('0 knopen · 0 verbindingen')
    await app.graphMenu('cmd-restore-demo')
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    await page.reload()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    expect(await app.canvasCounts()).toEqual({ nodes: 61, edges: 96 })
  })

  test('a dragged node keeps its position after a reload', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const target = await page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      const n = cy.getElementById('L1')
      const p = n.renderedPosition()
      const box = (cy.container() as HTMLElement).getBoundingClientRect()
      return { x: box.left + p.x, y: box.top + p.y, model: n.position() }
    })
    await page.mouse.move(target.x, target.y)
    await page.mouse.down()
    await page.mouse.move(target.x + 60, target.y + 40, { steps: 8 })
    await page.mouse.up()
    const moved = await page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.getElementById('L1').position())
    expect(Math.abs(moved.x - target.model.x)).toBeGreaterThan(5)
    await expect(page.getByText(/opgeslagen \d\d:\d\d/)).toBeVisible()
    await page.reload()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    const after = await page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.getElementById('L1').position())
    expect(after.x).toBeCloseTo(moved.x, 1)
    expect(after.y).toBeCloseTo(moved.y, 1)
  })

  test('clicking a node shows it with its neighbours in the inspector', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const pos = await page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      const p = cy.getElementById('L1').renderedPosition()
      const box = (cy.container() as HTMLElement).getBoundingClientRect()
      return { x: box.left + p.x, y: box.top + p.y }
    })
    await page.mouse.click(pos.x, pos.y)
    await expect(page.getByTestId('inspector-title')).toHaveText('Blijf communiceren, ook zonder nieuws')
    await expect(page.getByTestId('inspector-neighbours').getByRole('button')).not.toHaveCount(0)
  })
})

test.describe('settings', () => {
  test('switches the UI to English and back, and keeps the choice', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.openSettings()
    await page.getByTestId('settings-language').click()
    await page.getByRole('option', { name: 'English' }).click()
    await page.getByTestId('settings-save').click()
    await expect(app.status).toHaveText('61 nodes · 96 edges')
    await expect(page.getByTestId('count-lesson').locator('..')).toContainText('Lessons')
    await page.reload()
    await expect(app.status).toHaveText('61 nodes · 96 edges')
    await app.openSettings()
    await page.getByTestId('settings-language').click()
    await page.getByRole('option', { name: 'Nederlands' }).click()
    await page.getByTestId('settings-save').click()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
  })

  test('the author name is used on changes', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.openSettings()
    await page.getByTestId('settings-author').fill('Fatima de Vries')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('status-author')).toHaveText('auteur: Fatima de Vries')
    await page.reload()
    await expect(page.getByTestId('status-author')).toHaveText('auteur: Fatima de Vries')
  })

  test('an empty author name is refused with a Dutch message', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.openSettings()
    await page.getByTestId('settings-author').fill('  ')
    await page.getByTestId('settings-save').click()
    await expect(page.getByText('Vul een naam in.')).toBeVisible()
  })
})
