/** The desktop shell end to end: the built app starts in a fresh profile and shows the demo graph. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page
} from '@playwright/test'

/**
 * True when the Electron binary is installed. This reads the `electron` package's `path.txt` and
 * checks the file it names, instead of `require('electron')`: that require tries to DOWNLOAD the
 * binary when it is missing, which must never happen on machines without network access.
 */
function electronBinaryAvailable(): boolean {
  try {
    const requireFromRoot = createRequire(join(process.cwd(), 'package.json'))
    const packageDir = dirname(requireFromRoot.resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
    // Same lookup as the package's index.js, minus its download fallback.
    const overrideDir = process.env['ELECTRON_OVERRIDE_DIST_PATH']
    if (overrideDir !== undefined && overrideDir !== '') {
      return existsSync(join(overrideDir, executable === '' ? 'electron' : executable))
    }
    return executable !== '' && existsSync(join(packageDir, 'dist', executable))
  } catch {
    return false
  }
}

test.skip(
  !electronBinaryAvailable(),
  'Electron binary not available on this machine (cannot be downloaded here)'
)

let app: ElectronApplication
let mainWindow: Page
let userDataDir: string

test.beforeEach(async () => {
  userDataDir = mkdtempSync(join(tmpdir(), 'kg-e2e-'))
  // Chromium refuses to start its sandbox as root (e.g. in CI containers); test runs only.
  const runningAsRoot = process.getuid?.() === 0
  app = await electron.launch({
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
    files: ['openFile', 'saveFile'],
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
