/** The desktop shell end to end: the built app starts in a fresh profile and shows the demo graph. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page
} from '@playwright/test'
import { findElectronBinary } from '../../scripts/lib/electron-binary.mjs'

/**
 * The Electron binary, found the way `npm start` finds it (never by `require('electron')`, which
 * starts a download when the binary is missing).
 */
const binary = findElectronBinary(process.cwd())

test.skip(
  !binary.found,
  `Electron binary not available on this machine (${binary.found ? '' : binary.reason}); run npm run electron:install`
)

let app: ElectronApplication
let mainWindow: Page
let userDataDir: string

test.beforeEach(async () => {
  userDataDir = mkdtempSync(join(tmpdir(), 'kg-e2e-'))
  // Chromium refuses to start its sandbox as root (e.g. in CI containers); test runs only.
  const runningAsRoot = process.getuid?.() === 0
  app = await electron.launch({
    executablePath: binary.found ? binary.path : undefined,
    args: [...(runningAsRoot ? ['--no-sandbox'] : []), 'out/main/index.js'],
    env: { ...process.env, KG_USER_DATA_DIR: userDataDir }
  })
  mainWindow = await app.firstWindow()
})

test.afterEach(async () => {
  await app?.close()
  rmSync(userDataDir, { recursive: true, force: true })
})

test('opens the window with the demo graph in the status bar', async () => {
  await expect(mainWindow.getByTestId('status-counts')).toContainText('61 knopen')
  const visible = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((win) => win.isVisible())
  )
  expect(visible).toEqual([true])
})

test('uses the fresh profile from KG_USER_DATA_DIR', async () => {
  const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
  expect(userData).toBe(userDataDir)
})

test('exposes only window.api to the page, without Node', async () => {
  const exposed = await mainWindow.evaluate(() => {
    const page = globalThis as unknown as Record<string, unknown>
    const api = page['api'] as Record<string, Record<string, unknown>>
    return {
      api: Object.keys(api).sort(),
      files: Object.keys(api['files'] ?? {}).sort(),
      hasRequire: typeof page['require'],
      hasProcess: typeof page['process']
    }
  })
  expect(exposed).toEqual({
    api: ['app', 'files', 'menu'],
    files: [
      'closeFile',
      'onFileOpened',
      'openFile',
      'readChunk',
      'saveBegin',
      'saveChunk',
      'saveEnd',
      'saveFile',
      'takeOpenedFile'
    ],
    hasRequire: 'undefined',
    hasProcess: 'undefined'
  })
})

test('has the Dutch application menu', async () => {
  const labels = await app.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((item) => item.label)
  )
  expect(labels).toEqual(expect.arrayContaining(['Bestand', 'Beeld', 'Help']))
})
