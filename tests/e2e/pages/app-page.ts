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

  /** Ids of nodes on the canvas that are neither hidden nor faded. */
  async shownNodeIds(): Promise<string[]> {
    return this.page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      return cy.nodes().not('.hidden').not('.faded').map((n) => n.id()).sort()
    })
  }

  async shownEdgeCount(): Promise<number> {
    return this.page.evaluate(() => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      return cy.edges().not('.hidden').not('.faded').length
    })
  }

  /**
   * Clicks a node on the canvas by id, at its rendered position. The view may still be moving (every
   * view change fits, animated): the animation is ended first, and the click is tried again until the
   * node is the one selected, so a fit that starts between measuring and clicking cannot make it miss.
   */
  async clickNode(id: string): Promise<void> {
    await expect(async () => {
      const pos = await this.page.evaluate((nodeId) => {
        const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
        cy.stop(true, true)
        const n = cy.getElementById(nodeId)
        cy.center(n)
        const p = n.renderedPosition()
        const box = (cy.container() as HTMLElement).getBoundingClientRect()
        return { x: box.left + p.x, y: box.top + p.y }
      }, id)
      await this.page.mouse.click(pos.x, pos.y)
      const selected = await this.page.evaluate(() =>
        (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.$('node:selected').map((n) => n.id())
      )
      expect(selected).toEqual([id])
    }).toPass({ timeout: 15_000 })
    await expect(this.page.getByTestId('inspector')).toBeVisible()
  }

  /** Selects an edge as a tap on it would. */
  async selectEdge(id: string): Promise<void> {
    await this.page.evaluate((edgeId) => {
      const cy = (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy
      cy.getElementById(edgeId).emit('tap')
    }, id)
    await expect(this.page.getByTestId('inspector')).toBeVisible()
  }

  async setAuthor(name: string): Promise<void> {
    await this.openSettings()
    await this.page.getByTestId('settings-author').fill(name)
    await this.page.getByTestId('settings-save').click()
    await expect(this.page.getByTestId('status-author')).toHaveText(`auteur: ${name}`)
    await expect(this.page.getByTestId('settings-author')).toBeHidden()
  }

  async nodePosition(id: string): Promise<{ x: number; y: number }> {
    return this.page.evaluate(
      (nodeId) => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.getElementById(nodeId).position(),
      id
    )
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
