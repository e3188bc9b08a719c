import { expect, test } from '@playwright/test'
import { AppPage } from './pages/app-page'

test.describe('annotating', () => {
  test('two experts who disagree on an edge: both threads kept, the edge is marked, a filter finds it', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await app.setAuthor('Anna Jansen')
    await app.selectEdge('e-q1-supports-L1')
    await page.getByTestId('annotation-stance').getByText('Eens', { exact: true }).click()
    await page.getByTestId('annotation-text').fill('Klopt met wat we in Noord hoorden.')
    await page.getByTestId('annotation-save').click()
    await expect(page.getByTestId('annotation')).toHaveCount(1)
    await expect(page.getByTestId('contested-badge')).toHaveCount(0)

    await app.setAuthor('Bram de Wit')
    await app.selectEdge('e-q1-supports-L1')
    await page.getByTestId('annotation-stance').getByText('Oneens', { exact: true }).click()
    await page.getByTestId('annotation-text').fill('Eén citaat is te weinig om dit te onderbouwen.')
    await page.getByTestId('annotation-save').click()
    await expect(page.getByTestId('annotation')).toHaveCount(2)
    await expect(page.getByTestId('annotation-author')).toContainText(['Anna Jansen', 'Bram de Wit'])
    await expect(page.getByTestId('contested-badge')).toBeVisible()
    // Bram cannot change Anna's annotation: only his own has edit buttons.
    await expect(page.getByTestId('annotation').nth(0).getByRole('button', { name: 'Wijzigen' })).toHaveCount(0)
    await expect(page.getByTestId('annotation').nth(1).getByRole('button', { name: 'Wijzigen' })).toHaveCount(1)

    const marked = await page.evaluate(() =>
      (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.edges('.contested').map((e) => e.id())
    )
    expect(marked).toEqual(['e-q1-supports-L1'])
    await page.screenshot({ path: info.outputPath('contested.png') })

    await page.getByTestId('filter-button').click()
    await page.getByTestId('filter-contested').click()
    await page.keyboard.press('Escape')
    await expect.poll(() => app.shownNodeIds()).toEqual(['L1', 'q1'])

    await page.reload()
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
    const afterReload = await page.evaluate(() =>
      (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.edges('.contested').length
    )
    expect(afterReload).toBe(1)
  })

  test('a lesson moves through review, recording who and when', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.setAuthor('Carla')
    await app.clickNode('L2')
    await expect(page.getByTestId('review-status')).toHaveText('Concept')
    await page.getByTestId('review-next').click()
    await expect(page.getByTestId('review-status')).toHaveText('Getoetst')
    await expect(page.getByTestId('review-by')).toContainText('Getoetst door Carla')
    await page.getByTestId('review-next').click()
    await expect(page.getByTestId('review-status')).toHaveText('Vastgesteld')
  })
})
