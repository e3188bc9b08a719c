import AxeBuilder from '@axe-core/playwright'
import { resolve } from 'node:path'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { AppPage } from './pages/app-page'

/**
 * Keyboard and accessibility (issue #12 point 5): axe-core finds no critical or serious violation
 * in the main window, the list view and every dialog, in light and dark, Dutch and English; a Tab
 * walk from the top reaches every toolbar control, the canvas and the inspector; the search field
 * traps no focus and Escape gives focus back; shortcuts work from a focused button or switch; a
 * live region says what is selected. Screenshots of each state go to the test's output folder.
 */

type Lang = 'nl' | 'en'
type Scheme = 'light' | 'dark'

/** Sets the UI language and colour scheme through the settings dialog. */
async function setPrefs(page: Page, lang: Lang, scheme: Scheme): Promise<void> {
  await page.getByTestId('open-settings').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByText(scheme === 'dark' ? /^(Donker|Dark)$/ : /^(Licht|Light)$/).click()
  await page.getByTestId('settings-language').click()
  await page.getByRole('option', { name: lang === 'nl' ? 'Nederlands' : 'English' }).click()
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-author')).toBeHidden()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme)
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
}

/**
 * Runs axe (WCAG 2.1 A/AA) on the page or one part and returns its critical and serious
 * violations, one line each, prefixed with `what`.
 */
async function seriousViolations(page: Page, what: string, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  if (include) builder = builder.include(include)
  const result = await builder.analyze()
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${what}: ${v.impact} ${v.id}: ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join(' | ')}`)
}

async function expectNoSeriousViolations(page: Page, what: string, include?: string): Promise<void> {
  expect(await seriousViolations(page, what, include)).toEqual([])
}

/** Opens a command's dialog from the command palette (every dialog has a command). */
async function runCommand(page: Page, id: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P')
  await page.locator(`[data-command="${id}"]`).click()
}

const shot = async (page: Page, info: TestInfo, name: string): Promise<void> => {
  await page.screenshot({ path: info.outputPath(`${name}.png`) })
}

/** The open Mantine dialog's content (role=dialog), waiting for its opening transition. */
async function dialogReady(page: Page): Promise<void> {
  await expect(page.locator('[role="dialog"]').last()).toBeVisible()
  await expect.poll(() => page.locator('[role="dialog"]').last().evaluate((el) => getComputedStyle(el).opacity)).toBe('1')
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await expect(page.locator('[role="dialog"]')).toHaveCount(0)
}

/**
 * Every state of point 5. Dutch light covers every dialog; the other three combinations cover the
 * main window, the list view, the palette and the node form (the same components in the other
 * scheme and language: contrast and names are what changes). All violations are collected and
 * reported together.
 */
for (const [lang, scheme, everyDialog] of [
  ['nl', 'light', true],
  ['en', 'dark', true],
  ['nl', 'dark', false],
  ['en', 'light', false]
] as const) {
  test(`axe: main window, list view and dialogs (${lang}, ${scheme})`, async ({ page }, info) => {
    test.setTimeout(everyDialog ? 300_000 : 120_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    const app = new AppPage(page)
    await app.open()
    await setPrefs(page, lang, scheme)
    const tag = `${lang}-${scheme}`
    const found: string[] = []

    // Main window with a lesson selected: the inspector shows badges, voices and neighbours.
    await app.clickNode('L1')
    found.push(...(await seriousViolations(page, 'main window')))
    await shot(page, info, `main-${tag}`)

    // List view.
    await page.getByTestId('display-toggle').getByText(lang === 'nl' ? 'Lijst' : 'List').click()
    await expect(page.getByTestId('list-view')).toBeVisible()
    found.push(...(await seriousViolations(page, 'list view', '.kg-stage')))
    await shot(page, info, `list-${tag}`)
    await page.getByTestId('display-toggle').getByText(lang === 'nl' ? 'Kaart' : 'Map').click()
    await expect(page.getByTestId('list-view')).toHaveCount(0)

    // The search palette with results.
    await page.keyboard.press('Control+k')
    await page.getByTestId('search-input').fill('vertrouwen')
    await expect(page.getByTestId('search-result').first()).toBeVisible()
    await dialogReady(page)
    found.push(...(await seriousViolations(page, 'search palette', '[role="dialog"]')))
    await shot(page, info, `palette-${tag}`)
    await closeDialog(page)

    const dialogs: [string, string][] = everyDialog
      ? [
          ['palette.commands', 'command palette'],
          ['settings.open', 'settings'],
          ['app.about', 'about'],
          ['export.png', 'export'],
          ['node.new-lesson', 'node-form'],
          ['edge.connect', 'edge-form'],
          ['view.save', 'save-view'],
          ['view.presentations', 'presentations'],
          ['graph.new-empty', 'confirm']
        ]
      : [['node.new-lesson', 'node-form']]
    for (const [id, name] of dialogs) {
      if (id === 'edge.connect') await app.clickNode('L1')
      if (id === 'palette.commands') await page.keyboard.press('Control+Shift+P')
      else await runCommand(page, id)
      await dialogReady(page)
      found.push(...(await seriousViolations(page, name, '[role="dialog"]')))
      if (name === 'node-form') await shot(page, info, `dialog-${tag}`)
      await closeDialog(page)
    }

    if (everyDialog) {
      // The filter popover (a focus-trapping dialog).
      await page.getByTestId('filter-button').click()
      await expect(page.locator('[role="dialog"]')).toBeVisible()
      found.push(...(await seriousViolations(page, 'filter', '[role="dialog"]')))
      await closeDialog(page)

      // The interview workbench, on a demo interview with its illustrative transcript.
      await app.clickNode('int1')
      await page.getByTestId('open-workbench').click()
      await expect(page.getByTestId('transcript')).toContainText(/Illustratief transcript/)
      await dialogReady(page)
      found.push(...(await seriousViolations(page, 'workbench', '[role="dialog"]')))
      await shot(page, info, `workbench-${tag}`)
      await closeDialog(page)

      // The import preview.
      const chooser = page.waitForEvent('filechooser')
      await runCommand(page, 'graph.import')
      await (await chooser).setFiles(resolve('../shared/fixtures/graphs/data.gexf'))
      await expect(page.getByTestId('import-counts')).toBeVisible()
      await dialogReady(page)
      found.push(...(await seriousViolations(page, 'import preview', '[role="dialog"]')))
      await closeDialog(page)
    }
    expect(found).toEqual([])
  })
}

/** A short description of the focused element: its test id, else its accessible label or text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return 'body'
    const inInspector = el.closest('#inspector') ? 'inspector:' : ''
    const id = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid')
    return inInspector + (id ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName)
  })
}

test('a Tab walk from the top reaches every toolbar control, the canvas and the inspector, in order', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await page.locator('body').focus()
  const walk: string[] = []
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    walk.push(f)
    // The search button does not open the palette by being focused.
    expect(await page.getByTestId('search-input').count(), `palette opened at Tab ${i + 1} (${f})`).toBe(0)
    if (f.startsWith('inspector')) break
  }
  expect(walk.slice(0, 2)).toEqual(['skip-canvas', 'skip-inspector'])
  const order = ['toolbar-search', 'menu-graph', 'menu-new', 'filter-button', 'menu-export', 'menu-views', 'presentation-safe', 'open-settings', 'lens', 'graph-canvas']
  const at = order.map((id) => walk.findIndex((w) => w === id || w.startsWith(id)))
  expect(at.filter((i) => i < 0).length, `not reached: ${order.filter((_, k) => at[k]! < 0).join(', ')}\nwalk: ${walk.join(' → ')}`).toBe(0)
  expect([...at].sort((a, b) => a - b)).toEqual(at)
  expect(walk.at(-1)).toMatch(/^inspector/)

  // The skip links jump straight to the canvas and the inspector.
  await page.getByTestId('skip-canvas').focus()
  await expect(page.getByTestId('skip-canvas')).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect.poll(() => focused(page)).toBe('graph-canvas')
  await page.getByTestId('skip-inspector').focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => focused(page)).toMatch(/^inspector/)
})

test('the search button traps no focus; Escape gives focus back; reopened, the query is selected', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await page.getByTestId('menu-graph').focus()
  await page.keyboard.press('Shift+Tab')
  await expect.poll(() => focused(page)).toBe('toolbar-search')
  await page.keyboard.press('Enter')
  const input = page.getByTestId('search-input')
  await expect(input).toBeFocused()
  await input.fill('les')
  await page.keyboard.press('Escape')
  await expect(input).toHaveCount(0)
  // Focus comes back once the dialog has closed (a frame later): wait for it.
  await expect.poll(() => focused(page)).toBe('toolbar-search')
  await page.keyboard.press('Tab')
  await expect.poll(() => focused(page)).toBe('menu-graph')
  // Reopened: the previous query is there and selected, so typing replaces it.
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Enter')
  await expect(input).toHaveValue('les')
  await expect.poll(() => input.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 3])
  await page.keyboard.type('werkplaats')
  await expect(input).toHaveValue('werkplaats')
  await page.keyboard.press('Escape')
  await expect(input).toHaveCount(0)
  await expect.poll(() => focused(page)).toBe('toolbar-search')
})

test('shortcuts work from a focused switch and a focused button, not in a text field', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  const zoom = (): Promise<number> => page.evaluate(() => (window as unknown as { __kgCy: import('cytoscape').Core }).__kgCy.zoom())
  // Ctrl+K from the Presentatieveilig switch (a checkbox input).
  await page.getByTestId('presentation-safe').focus()
  await page.keyboard.press('Control+k')
  await expect(page.getByTestId('search-input')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('presentation-safe')).toBeFocused()
  // Ctrl+= then Ctrl+0 from the Exporteer button: zoom in, then fit again.
  const fitted = await zoom()
  await page.getByTestId('menu-export').focus()
  await page.keyboard.press('Control+Equal')
  await expect.poll(zoom).toBeGreaterThan(fitted * 1.1)
  await page.keyboard.press('Control+0')
  await expect.poll(async () => Math.abs((await zoom()) - fitted) < fitted * 0.02).toBe(true)
  // In a text field the keys stay the field's own: Ctrl+K does not open the palette there.
  await page.keyboard.press('Control+Comma')
  await expect(page.getByTestId('settings-author')).toBeVisible()
  await page.getByTestId('settings-author').focus()
  await page.keyboard.press('Control+k')
  await expect(page.getByTestId('search-input')).toHaveCount(0)
  await expect(page.getByTestId('settings-author')).toBeFocused()
})

test('a live region announces the selected node, also when the arrow keys move the selection', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  const live = page.getByTestId('selection-live')
  await expect(live).toHaveAttribute('aria-live', 'polite')
  await app.clickNode('L1')
  await expect(live).toHaveText('Geselecteerd: Les „Blijf communiceren, ook zonder nieuws”')
  await page.getByTestId('graph-canvas').focus()
  await page.keyboard.press('ArrowRight')
  const title = page.getByTestId('inspector-title')
  await expect(title).not.toHaveText('Blijf communiceren, ook zonder nieuws')
  await expect(live).toContainText(await title.innerText())
  await page.keyboard.press('Escape')
  await expect(live).toHaveText('')
})

for (const [width, height] of [
  [1440, 900],
  [1280, 720]
] as const) {
  test(`toolbar and empty map at ${width}×${height}: nothing cut, every control named`, async ({ page }, info) => {
    await page.setViewportSize({ width, height })
    const app = new AppPage(page)
    await app.open()
    for (const [lang, scheme] of [
      ['nl', 'light'],
      ['en', 'dark']
    ] as const) {
      await setPrefs(page, lang, scheme)
      // The app name is shown whole (not cut to "S…"), and the toolbar does not overflow.
      const brand = page.locator('h1')
      await expect(brand).toHaveCount(1)
      expect(await brand.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)
      const overflow = await page.locator('.kg-toolbar').evaluate((el) => el.scrollWidth - el.clientWidth)
      expect(overflow).toBeLessThanOrEqual(1)
      // Every toolbar button has an accessible name.
      const unnamed = await page.locator('.kg-toolbar button, .kg-toolbar input').evaluateAll((els) =>
        els.filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || el.closest('label')?.textContent?.trim())).length
      )
      expect(unnamed).toBe(0)
      await page.screenshot({ path: info.outputPath(`toolbar-${width}-${lang}-${scheme}.png`), clip: { x: 0, y: 0, width, height: 60 } })
    }
    // The empty map says what to do next, with buttons for it.
    await app.graphMenu('cmd-new-empty')
    await expect(page.getByTestId('empty-map')).toBeVisible()
    await expect(page.getByTestId('empty-map')).toContainText(/New ▾/)
    await expect(page.getByTestId('empty-map')).not.toContainText(/later version|volgende versie/)
    await expectNoSeriousViolations(page, 'empty map')
    await page.screenshot({ path: info.outputPath(`empty-${width}-en-dark.png`) })
    await page.getByTestId('empty-node.new-interview').click()
    await expect(page.getByTestId('field-title')).toBeVisible()
  })
}
