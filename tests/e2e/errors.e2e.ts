import { writeFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { AppPage } from './pages/app-page'

/**
 * A full disk, made in the page: IndexedDB put/add throw QuotaExceededError while `on` (Dexie sees
 * what a browser with no room left reports, and aborts the transaction).
 */
async function diskFull(page: Page, on: boolean): Promise<void> {
  await page.evaluate((full) => {
    const w = window as unknown as { __kgDiskFull?: boolean; __kgDiskPatched?: boolean }
    w.__kgDiskFull = full
    if (w.__kgDiskPatched) return
    w.__kgDiskPatched = true
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>
    for (const method of ['put', 'add']) {
      const original = proto[method]!
      proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (w.__kgDiskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        return original.apply(this, args)
      }
    }
  }, on)
}

async function pick(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('menu-graph').click()
  await page.getByTestId('cmd-import').click()
  await (await chooser).setFiles(path)
}

const LOOPS_GEXF = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="p0" label="YAL001C"/>
      <node id="p1" label="YAL002W"/>
    </nodes>
    <edges>
      <edge id="l0" source="p0" target="p0"/>
      <edge id="l1" source="p0" target="p1"/>
      <edge id="l2" source="p1" target="p1"/>
    </edges>
  </graph>
</gexf>
`

test('a file with self-loops imports whole and the canvas draws the loops', async ({ page }, info) => {
  const app = new AppPage(page)
  await app.open()
  const path = info.outputPath('loops.gexf')
  writeFileSync(path, LOOPS_GEXF)
  await pick(page, path)
  await expect(page.getByTestId('import-counts')).toContainText('2 knopen, 3 verbindingen')
  await expect(page.getByTestId('import-problems')).toHaveCount(0)
  await expect(page.getByTestId('import-loops-kept')).toContainText(/2 verbinding(\(en\)|en) van een knoop naar zichzelf/)
  await page.getByTestId('import-apply').click()
  await expect(app.status).toHaveText('63 knopen · 99 verbindingen')
  const loops = await page.evaluate(() => {
    const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
    return cy.edges(':loop').map((e) => ({ id: e.id(), w: e.renderedBoundingBox().w }))
  })
  expect(loops.map((l) => l.id).sort()).toEqual(['l0', 'l2'])
  for (const l of loops) expect(l.w).toBeGreaterThan(0)
  await page.reload()
  await expect(app.status).toHaveText('63 knopen · 99 verbindingen')
})

test('a full disk: the node form says so, keeps the input, saves nothing; it saves once there is room', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await page.getByTestId('menu-new').click()
  await page.getByTestId('new-theme').click()
  await page.getByTestId('field-title').fill('Groen in de buurt')
  await diskFull(page, true)
  await page.getByTestId('form-save').click()
  await expect(page.getByTestId('form-failure')).toContainText('De schijf is vol: er is niets opgeslagen')
  await expect(page.getByTestId('form-save')).toBeEnabled()
  await expect(page.getByTestId('field-title')).toHaveValue('Groen in de buurt')
  await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
  await diskFull(page, false)
  await page.getByTestId('form-save').click()
  await expect(app.status).toHaveText('62 knopen · 96 verbindingen')
  await page.reload()
  await expect(app.status).toHaveText('62 knopen · 96 verbindingen')
})

test('a full disk: the import says so, stays usable and changes nothing', async ({ page }, info) => {
  const app = new AppPage(page)
  await app.open()
  const path = info.outputPath('loops.gexf')
  writeFileSync(path, LOOPS_GEXF)
  await pick(page, path)
  await expect(page.getByTestId('import-counts')).toContainText('2 knopen')
  await diskFull(page, true)
  await page.getByTestId('import-apply').click()
  await expect(page.getByTestId('import-failure')).toContainText('De schijf is vol')
  await expect(page.getByTestId('import-apply')).toBeEnabled()
  await diskFull(page, false)
  await page.reload()
  await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
})
