import { expect, type Locator, type Page } from '@playwright/test'

/** Page object for the main window running in a browser with the web bridge. */
export class AppPage {
  readonly status: Locator
  constructor(readonly page: Page) {
    this.status = page.getByTestId('status-counts')
  }

  async open(): Promise<void> {
    await this.page.goto('/')
    await expect(this.status).toBeVisible({ timeout: 30_000 })
  }

  /** Number of node elements on the Cytoscape canvas (read through the dev hook). */
  async canvasCounts(): Promise<{ nodes: number; edges: number }> {
    return this.page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: { nodes(): { length: number }; edges(): { length: number } } }).__kgCy
      return { nodes: cy.nodes().length, edges: cy.edges().length }
    })
  }

  async graphMenu(item: 'cmd-new-empty' | 'cmd-restore-demo'): Promise<void> {
    await this.page.getByTestId('menu-graph').click()
    await this.page.getByTestId(item).click()
    await this.page.getByTestId('confirm-ok').click()
  }

  async openSettings(): Promise<void> {
    await this.page.getByTestId('open-settings').click()
    await expect(this.page.getByTestId('settings-author')).toBeVisible()
  }
}
