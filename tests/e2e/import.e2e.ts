import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { AppPage } from './pages/app-page'

const FIXTURES = resolve('../shared/fixtures/graphs')

async function pick(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('menu-graph').click()
  await page.getByTestId('cmd-import').click()
  await (await chooser).setFiles(path)
}

test.describe('import', () => {
  test('a GEXF from Gephi imports through the preview and the counts grow', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    await pick(page, resolve(FIXTURES, 'data.gexf'))
    await expect(page.getByTestId('import-counts')).toContainText('4 knopen, 5 verbindingen')
    await page.screenshot({ path: info.outputPath('import-preview.png') })
    await page.getByTestId('import-apply').click()
    await expect(app.status).toHaveText('65 knopen · 101 verbindingen')
    await page.reload()
    await expect(app.status).toHaveText('65 knopen · 101 verbindingen')
  })

  test('a truncated file gets a Dutch message and the map does not change', async ({ page }, info) => {
    const app = new AppPage(page)
    await app.open()
    const text = readFileSync(resolve(FIXTURES, 'celegans.gexf'), 'utf8')
    const bad = info.outputPath('celegans-truncated.gexf')
    writeFileSync(bad, text.slice(0, Math.floor(text.length / 2)))
    await pick(page, bad)
    await expect(page.getByText(/Niet geïmporteerd/)).toBeVisible()
    await expect(page.getByTestId('import-preview')).toHaveCount(0)
    await expect(app.status).toHaveText('61 knopen · 96 verbindingen')
  })
})

test('a large file is read off the main thread and previews its counts', async ({ page }, info) => {
  const n = 6000
  const pad = 'Participatie in gebiedsontwikkeling: bewoners, ondernemers en de gemeente aan één tafel. '.repeat(4)
  const nodes = Array.from({ length: n }, (_, i) => `<node id="n${i}" label="Knoop ${i} ${pad}"/>`).join('\n')
  const edges = Array.from({ length: n - 1 }, (_, i) => `<edge id="e${i}" source="n${i}" target="n${i + 1}"/>`).join('\n')
  const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed"><nodes>
${nodes}
</nodes><edges>
${edges}
</edges></graph></gexf>`
  expect(gexf.length).toBeGreaterThan(2 * 1024 * 1024)
  const path = info.outputPath('large.gexf')
  writeFileSync(path, gexf)
  const app = new AppPage(page)
  await app.open()
  await pick(page, path)
  await expect(page.getByTestId('import-counts')).toContainText(`${n} knopen, ${n - 1} verbindingen`, { timeout: 30_000 })
  await page.getByTestId('import-replace').click()
  await page.getByTestId('import-apply').click()
  await expect(app.status).toHaveText(`${n} knopen · ${n - 1} verbindingen`, { timeout: 30_000 })
})
