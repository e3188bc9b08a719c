import { expect, test } from '@playwright/test'
import { AppPage } from './pages/app-page'

test.describe('search', () => {
  test('Ctrl+K, a query with a typo, Enter: the node is selected and the inspector open', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('graph-canvas').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+k')
    await page.getByTestId('search-input').fill('comunniceren zonder nieuws')
    await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-id', 'L1')
    await page.screenshot({ path: info.outputPath('search.png') })
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('inspector-title')).toHaveText('Blijf communiceren, ook zonder nieuws')
    const selected = await page.evaluate(() =>
      (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.$(':selected').map((n) => n.id())
    )
    expect(selected).toEqual(['L1'])
  })

  test('forgives missing diacritics and narrows by a kind prefix', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('toolbar-search').click()
    await page.getByTestId('search-input').fill('ingredient: vertrouwen')
    const kinds = await page.getByTestId('search-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
    expect(kinds[0]).toBe('ing_vertr')
    await page.getByTestId('search-input').fill('les: een stem')
    await expect(page.getByTestId('search-result').first()).toHaveAttribute('data-id', 'L3')
  })

  test('"show all" highlights every match on the canvas and fades the rest', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('toolbar-search').click()
    await page.getByTestId('search-input').fill('werkplaats')
    await expect(page.getByTestId('search-result').first()).toBeVisible()
    const n = await page.getByTestId('search-result').count()
    await page.getByTestId('search-show-all').click()
    await expect(page.getByTestId('search-active')).toBeVisible()
    await expect.poll(async () => (await app.shownNodeIds()).length).toBe(n)
    await page.getByTestId('search-clear').click()
    await expect.poll(async () => (await app.shownNodeIds()).length).toBe(61)
  })

  test('an edit made in the app is found at once', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('menu-new').click()
    await page.getByTestId('new-lesson').click()
    await page.getByTestId('field-title').fill('Zeggenschap over de buurtbegroting')
    await page.getByTestId('form-save').click()
    await expect(app.status).toHaveText('62 knopen · 96 verbindingen')
    await page.getByTestId('toolbar-search').click()
    await page.getByTestId('search-input').fill('zegenschap buurtbegrotng')
    await expect(page.getByTestId('search-result').first()).toContainText('Zeggenschap over de buurtbegroting')
  })
})
