import { expect, test } from '@playwright/test'
import { AppPage } from './pages/app-page'

/** L1 "Blijf communiceren, ook zonder nieuws" and its direct neighbours in the demo outline. */
const L1_HOOD = ['L1', 'L2', 'L5', 'L7', 'ing_contact', 'int1', 'q1'].sort()

test.describe('exploring the canvas', () => {
  test('inspector groups a node’s neighbours by edge kind, and a neighbour is one click away', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('L1')
    await expect(page.getByTestId('inspector-title')).toHaveText('Blijf communiceren, ook zonder nieuws')
    const groups = page.getByTestId('inspector-neighbours')
    await expect(groups.locator('[data-edge-kind="supports"]')).toContainText('We hoorden maanden niets')
    await expect(groups.locator('[data-edge-kind="contradicts"]')).toContainText('Ambtelijke terughoudendheid')
    await expect(page.getByTestId('voice-counts')).toContainText('1 citaat onderbouwt deze les')
    await expect(page.getByTestId('single-voice')).toHaveText('Steunt op één stem')
    await page.screenshot({ path: info.outputPath('inspector.png') })
    await groups.getByRole('button', { name: /In contact blijven/ }).click()
    await expect(page.getByTestId('inspector-title')).toHaveText('In contact blijven')
  })

  test('focus on one step shows only the neighbourhood; expand adds a node’s neighbours; clear restores', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('L1')
    await page.getByTestId('focus-1').click()
    await expect(page.getByTestId('focus-active')).toBeVisible()
    await expect.poll(() => app.shownNodeIds()).toEqual(L1_HOOD)
    await page.screenshot({ path: info.outputPath('focus.png') })
    await app.clickNode('ing_contact')
    await page.getByTestId('expand').click()
    await expect.poll(async () => (await app.shownNodeIds()).includes('wp_zonne')).toBe(true)
    await page.getByTestId('focus-clear').click()
    await expect.poll(async () => (await app.shownNodeIds()).length).toBe(61)
  })

  test('filter by kind fades, or hides, what does not match; one click clears it', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('filter-button').click()
    await page.getByTestId('filter-kinds').click()
    await page.getByRole('option', { name: 'Lessen' }).click()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('filter-active')).toContainText('Filter actief (1)')
    await expect.poll(async () => (await app.shownNodeIds()).length).toBe(8)
    const hiddenInFade = await page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.nodes('.hidden').length)
    expect(hiddenInFade).toBe(0)
    await expect(page.getByTestId('filter-panel')).toBeHidden()
    await page.getByTestId('filter-button').click()
    await page.getByTestId('filter-mode').getByText('verbergen').click()
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.nodes().not('.hidden').length))
      .toBe(8)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('visible-count')).toHaveText('8 van 61 knopen zichtbaar')
    await page.screenshot({ path: info.outputPath('filter-lessons.png') })
    await page.getByTestId('filter-clear').click()
    await expect.poll(async () => (await app.shownNodeIds()).length).toBe(61)
  })

  test('hiding illustrative content removes every invented node with one switch', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('filter-button').click()
    await page.getByTestId('filter-hide-illustrative').click()
    // Demo: 25 of 61 nodes are illustrative (status F in the outline).
    await expect.poll(async () => (await app.shownNodeIds()).length).toBe(36)
  })

  test('how does a quote lead to a werkplaats: the path is highlighted and written out', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('q1')
    await page.getByTestId('path-to').click()
    await page.getByTestId('path-to').fill('Werkplaats Zonne')
    await page.getByRole('option', { name: /Werkplaats Zonneplein/ }).click()
    await expect(page.getByTestId('path-sentence-0')).toHaveText(
      '1. Het citaat "We hoorden maanden niets, …" onderbouwt de les "Blijf communiceren, ook zonder nieuws", die het ingrediënt "In contact blijven" voedt, dat in het project "Werkplaats Zonneplein" wordt toegepast.'
    )
    const onPath = await page.evaluate(() =>
      (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.nodes('.path').map((n) => n.id()).sort()
    )
    expect(onPath).toEqual(['L1', 'ing_contact', 'q1', 'wp_zonne'])
    await page.screenshot({ path: info.outputPath('path.png') })
  })

  test('keyboard: arrows move to a neighbour, Enter opens the inspector, Escape clears', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('L1')
    await page.getByTestId('graph-canvas').focus()
    const before = await page.getByTestId('inspector-title').textContent()
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown']) {
      await page.keyboard.press(key)
      if ((await page.getByTestId('inspector-title').textContent()) !== before) break
    }
    const after = await page.getByTestId('inspector-title').textContent()
    expect(after).not.toBe(before)
    const neighbourTitles = ['Benoem vooraf', 'Ambtelijke terughoudendheid', 'Quick wins', 'In contact blijven', 'Gesprek 1', 'We hoorden maanden niets']
    expect(neighbourTitles.some((t) => after?.includes(t))).toBe(true)
    await page.keyboard.press('Enter')
    await expect(page.locator('#inspector')).toBeFocused()
    await page.getByTestId('graph-canvas').focus()
    await page.keyboard.press('Escape')
    await expect(page.getByText('Klik op een knoop om de details te zien.')).toBeVisible()
  })

  test('the list view shows the same counts as the canvas and sorts', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('lens').getByText('Lessenkaart').click()
    await expect(page.getByTestId('cluster-count')).toBeVisible()
    const shown = (await app.shownNodeIds()).length
    expect(shown).toBe(15)
    await page.screenshot({ path: info.outputPath('lesson-map.png') })
    await page.getByTestId('display-toggle').getByText('Lijst').click()
    await expect(page.getByTestId('list-count')).toHaveText(`${shown} rijen`)
    await page.getByTestId('list-tab').getByText('Verbindingen').click()
    await expect(page.getByTestId('list-count')).toHaveText(`${await app.shownEdgeCount()} rijen`)
    await page.getByTestId('list-tab').getByText('Knopen').click()
    await page.getByTestId('sort-title').click()
    const first = await page.getByTestId('list-row').first().textContent()
    await page.getByTestId('sort-title').click()
    expect(await page.getByTestId('list-row').first().textContent()).not.toBe(first)
    await page.screenshot({ path: info.outputPath('list-view.png') })
  })

  test('tensions lens shows only contradictions and actor tensions', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('lens').getByText('Spanningen').click()
    await expect.poll(() => app.shownNodeIds()).toEqual(['L1', 'L2', 'L5', 'r_ond_hamer', 'r_ond_haven', 'r_ontw', 'r_pm_gem'])
  })

  test('a layout runs off the main thread, moves nodes and keeps them after a reload', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const before = await app.nodePosition('L1')
    await page.getByTestId('layout-button').click()
    await page.getByTestId('layout-grid').click()
    await expect(page.getByText('Lay-out toegepast en opgeslagen')).toBeVisible({ timeout: 20_000 })
    const after = await app.nodePosition('L1')
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(1)
    await page.reload()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    const reloaded = await app.nodePosition('L1')
    expect(reloaded.x).toBeCloseTo(after.x, 0)
    expect(reloaded.y).toBeCloseTo(after.y, 0)
  })
})
