import { expect, test } from '@playwright/test'
import { AppPage } from './pages/app-page'

/**
 * Two tabs of one profile on one database (`npm run web` in two tabs; two windows of the desktop
 * app): each sees the other's saves at once, neither undoes the other's, and a newer version that
 * upgrades the database turns an open older tab read-only.
 */
test.describe('two tabs on one database', () => {
  test('each tab sees the other’s saves at once, and a reload shows every save', async ({ context }, info) => {
    const a = new AppPage(await context.newPage())
    await a.open()
    const b = new AppPage(await context.newPage())
    await b.open()
    await expect(b.status).toHaveText('61 knopen · 96 verbindingen')

    // A creates an actor; B shows it without a reload.
    await a.page.getByTestId('menu-new').click()
    await a.page.getByTestId('new-actor').click()
    await a.page.getByTestId('field-title').fill('Huurdersvereniging Noord')
    await a.page.getByTestId('field-actorType').click()
    await a.page.getByRole('option', { name: 'Bewonersorganisatie' }).click()
    await a.page.getByTestId('form-save').click()
    await expect(a.status).toHaveText('62 knopen · 96 verbindingen')
    await expect(b.status).toHaveText('62 knopen · 96 verbindingen')

    // B, opened before A's save, edits another node's title in its form; A sees it.
    await b.clickNode('q8')
    await b.page.getByTestId('node-edit').click()
    await b.page.getByTestId('field-title').fill('Citaat door tab B')
    await b.page.getByTestId('form-save').click()
    await expect(b.page.getByTestId('inspector-title')).toHaveText('Citaat door tab B')
    await a.clickNode('q8')
    await expect(a.page.getByTestId('inspector-title')).toHaveText('Citaat door tab B')
    await b.page.screenshot({ path: info.outputPath('tab-b.png') })

    for (const app of [a, b]) {
      await app.page.reload()
      await expect(app.status).toHaveText('62 knopen · 96 verbindingen')
      await app.clickNode('q8')
      await expect(app.page.getByTestId('inspector-title')).toHaveText('Citaat door tab B')
    }
  })

  test('a newer version upgrading the database turns an open tab read-only at once', async ({ context }, info) => {
    const old = new AppPage(await context.newPage())
    await old.open()
    await expect(old.page.getByTestId('menu-new')).toBeEnabled()
    const newer = await context.newPage()
    await newer.goto(old.page.url())
    // What a newer app does at start-up: open the database one schema version up.
    await newer.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const probe = indexedDB.open('stadmaken-kennisgraaf')
          probe.onsuccess = (): void => {
            const current = probe.result.version
            probe.result.close()
            const up = indexedDB.open('stadmaken-kennisgraaf', current + 10)
            up.onupgradeneeded = (): void => {
              up.result.createObjectStore('fromTheFuture')
            }
            up.onsuccess = (): void => {
              up.result.close()
              resolve()
            }
            up.onerror = (): void => reject(up.error)
            up.onblocked = (): void => reject(new Error('upgrade blocked by the old tab'))
          }
          probe.onerror = (): void => reject(probe.error)
        })
    )
    await expect(old.page.getByTestId('read-only-banner')).toBeVisible()
    await expect(old.page.getByTestId('read-only-banner')).toContainText('een nieuwere versie van de app heeft deze database zojuist bijgewerkt')
    await expect(old.page.getByTestId('menu-new')).toBeDisabled()
    await old.page.screenshot({ path: info.outputPath('read-only-after-upgrade.png') })
  })
})
