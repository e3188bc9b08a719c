import { expect, test } from '@playwright/test'
import { AppPage } from './pages/app-page'

test.describe('creating and editing', () => {
  test('creates an actor with the form, and it appears on the canvas and in the counts', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('menu-new').click()
    await page.getByTestId('new-actor').click()
    await page.getByTestId('field-title').fill('Huurdersvereniging Noord')
    await page.getByTestId('field-actorType').click()
    await page.getByRole('option', { name: 'Bewonersorganisatie' }).click()
    await page.screenshot({ path: info.outputPath('node-form.png') })
    await page.getByTestId('form-save').click()
    await expect(app.status).toHaveText('62 knopen · 96 verbindingen')
    await expect(page.getByTestId('inspector-title')).toHaveText('Huurdersvereniging Noord')
    await expect(page.getByTestId('count-actor')).toHaveText('16')
    await page.reload()
    await expect(app.status).toHaveText('62 knopen · 96 verbindingen')
  })

  test('an invalid form shows a Dutch field error and saves nothing', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await page.getByTestId('menu-new').click()
    await page.getByTestId('new-lesson').click()
    await page.getByTestId('field-title').fill('   ')
    await page.getByTestId('form-save').click()
    await expect(page.getByTestId('form-error')).toBeVisible()
    await expect(page.getByText('Titel is verplicht.')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
  })

  test('connects two nodes from the inspector, offering only the kinds the rules allow', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('q8')
    await page.getByTestId('node-connect').click()
    await page.getByTestId('edge-target').fill('Blijf communiceren')
    await page.getByRole('option', { name: /Blijf communiceren/ }).click()
    await page.getByTestId('edge-kind').click()
    const offered = await page.getByRole('option').allTextContents()
    // Quote → lesson: supports, contradicts, qualifies, about, related; reversed only "about" (any → any).
    const forward = offered.filter((o) => !o.includes('omgekeerd'))
    const reversed = offered.filter((o) => o.includes('omgekeerd'))
    expect(forward.sort()).toEqual(['gaat over', 'hangt samen met', 'nuanceert', 'onderbouwt', 'weerspreekt'])
    expect(reversed).toHaveLength(1)
    expect(reversed[0]).toMatch(/^gaat over \(omgekeerd/)
    await page.getByRole('option', { name: 'onderbouwt' }).click()
    await page.getByTestId('edge-save').click()
    await expect(app.status).toHaveText('61 knopen · 97 verbindingen')
  })

  test('deleting asks first, says what goes with it, and removes the node with its edges', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('L1')
    await page.getByTestId('selection-delete').click()
    await expect(page.getByText(/samen met 6 verbindingen en 0 annotaties/)).toBeVisible()
    await page.getByTestId('confirm-ok').click()
    await expect(app.status).toHaveText('60 knopen · 90 verbindingen')
  })

  test('edits a node and the canvas label follows', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.clickNode('L3')
    await page.getByTestId('node-edit').click()
    await page.getByTestId('field-title').fill('De gemeente spreekt met meerdere stemmen')
    await page.getByTestId('form-save').click()
    await expect(page.getByTestId('inspector-title')).toHaveText('De gemeente spreekt met meerdere stemmen')
    const label = await page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.getElementById('L3').data('label'))
    expect(label).toBe('De gemeente spreekt met meerdere stemmen')
  })
})

test('draws an edge on the canvas in draw mode, then picks its kind', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await page.getByTestId('draw-mode').click()
  const pts = await page.evaluate(() => {
    const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
    cy.fit(cy.$('#q8, #L1'), 200)
    const box = (cy.container() as HTMLElement).getBoundingClientRect()
    const at = (id: string): { x: number; y: number } => {
      const p = cy.getElementById(id).renderedPosition()
      return { x: box.left + p.x, y: box.top + p.y }
    }
    return { a: at('q8'), b: at('L1') }
  })
  await page.mouse.move(pts.a.x, pts.a.y)
  await page.mouse.down()
  await page.mouse.move((pts.a.x + pts.b.x) / 2, (pts.a.y + pts.b.y) / 2, { steps: 6 })
  await page.mouse.move(pts.b.x, pts.b.y, { steps: 6 })
  await page.mouse.up()
  await expect(page.getByTestId('edge-form')).toBeVisible()
  await page.getByTestId('edge-kind').click()
  await page.getByRole('option', { name: 'onderbouwt' }).click()
  await page.getByTestId('edge-save').click()
  await expect(app.status).toHaveText('61 knopen · 97 verbindingen')
})
