import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppLocation } from '../../../src-main/main/ipc/sender-check'
import { APP_ENTRY_URL } from '../../../src-main/main/services/app-protocol'

const electron = await vi.hoisted(async () => {
  // vi.hoisted runs before the file's imports, so it loads what it needs itself.
  const { EventEmitter } = await import('node:events')
  class FakeSession {
    requestHandler: ((...args: unknown[]) => void) | null = null
    checkHandler: ((...args: unknown[]) => boolean) | null = null
    setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
      this.requestHandler = handler
    }
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
      this.checkHandler = handler
    }
  }
  class FakeWebContents extends EventEmitter {
    session = new FakeSession()
    url = ''
    openHandler: ((details: { url: string }) => { action: string }) | null = null
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.openHandler = handler
    }
    getURL(): string {
      return this.url
    }
  }
  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = []
    webContents = new FakeWebContents()
    loadURL = vi.fn(async () => undefined)
    loadFile = vi.fn(async () => undefined)
    show = vi.fn()
    constructor(public options: Record<string, unknown>) {
      super()
      FakeBrowserWindow.created.push(this)
    }
    isDestroyed(): boolean {
      return false
    }
  }
  return {
    FakeWebContents,
    FakeBrowserWindow,
    app: { isPackaged: false, getPath: vi.fn((_name: string) => '/tmp/kg-logs') },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    dialog: {
      // The user's answer to the next dialog: 0 = the first button.
      response: 0,
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: electron.dialog.response }))
    }
  }
})

vi.mock('electron', () => ({
  app: electron.app,
  shell: electron.shell,
  dialog: electron.dialog,
  BrowserWindow: electron.FakeBrowserWindow
}))

const {
  appLocation,
  createMainWindow,
  getAppWindows,
  guardWebContents,
  handleWindowOpen,
  isAppWebContents,
  mainWindowOptions
} = await import('../../../src-main/main/windows/main-window')

type FakeContents = InstanceType<typeof electron.FakeWebContents>
type GuardTarget = Parameters<typeof guardWebContents>[0]

const rendererDir = '/opt/kennisgraaf/out/renderer'
const location: AppLocation = { rendererDir }
const appUrl = APP_ENTRY_URL
const flush = (): Promise<void> => new Promise((done) => setTimeout(done, 0))

/** Emits a navigation-like event and reports whether a listener called preventDefault. */
function navigate(contents: FakeContents, eventName: string, url: string): boolean {
  let prevented = false
  contents.emit(eventName, { url, preventDefault: () => (prevented = true) })
  return prevented
}

function guarded(): FakeContents {
  const contents = new electron.FakeWebContents()
  guardWebContents(contents as unknown as GuardTarget, location)
  return contents
}

beforeEach(() => {
  electron.shell.openExternal.mockClear()
  electron.dialog.showMessageBox.mockClear()
  electron.dialog.response = 0
  electron.app.isPackaged = false
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

describe('mainWindowOptions', () => {
  it('is secure by default', () => {
    const options = mainWindowOptions('/app/out/preload/index.js')
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })

  it('has the title, size and deferred show the app expects', () => {
    const options = mainWindowOptions('/p.js')
    expect(options).toMatchObject({
      title: 'Stadmaken Kennisgraaf',
      width: 1400,
      height: 900,
      show: false
    })
    expect(options.minWidth).toBeGreaterThan(0)
    expect(options.minHeight).toBeGreaterThan(0)
  })
})

describe('handleWindowOpen', () => {
  it('denies every new window and hands only http(s) links on', async () => {
    const open = vi.fn()
    expect(handleWindowOpen('https://www.amsterdam.nl/', open)).toEqual({ action: 'deny' })
    await flush()
    expect(open).toHaveBeenCalledWith('https://www.amsterdam.nl/')
    open.mockClear()
    expect(handleWindowOpen('http://example.com/', open)).toEqual({ action: 'deny' })
    await flush()
    expect(open).toHaveBeenCalledWith('http://example.com/')
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://x/y', '']) {
      open.mockClear()
      expect(handleWindowOpen(url, open)).toEqual({ action: 'deny' })
      await flush()
      expect(open).not.toHaveBeenCalled()
    }
  })
})

describe('guardWebContents', () => {
  it('opens a link in the system browser only after the user confirmed a dialog naming the host', async () => {
    const contents = guarded()
    expect(contents.openHandler?.({ url: 'https://bron.example/pagina' })).toEqual({
      action: 'deny'
    })
    await flush()
    const [options] = electron.dialog.showMessageBox.mock.calls[0] as [{ message: string }]
    expect(options.message).toContain('bron.example')
    await flush()
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://bron.example/pagina')

    electron.shell.openExternal.mockClear()
    electron.dialog.response = 1 // Annuleren
    contents.openHandler?.({ url: 'https://other.example/' })
    await flush()
    await flush()
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(2)
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
    expect(contents.openHandler?.({ url: appUrl })).toEqual({ action: 'deny' })
  })

  it('blocks navigation and redirects away from the app, and allows its own pages', async () => {
    const contents = guarded()
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(
      navigate(contents, 'will-navigate', pathToFileURL(join(rendererDir, 'index.html')).href)
    ).toBe(true)
    expect(navigate(contents, 'will-redirect', 'https://evil.example/')).toBe(true)
    expect(navigate(contents, 'will-navigate', appUrl)).toBe(false)
    // A followed link is asked about like a new window, never navigated to.
    await flush()
    await flush()
    expect(electron.dialog.showMessageBox).toHaveBeenCalledOnce()
  })

  it('blocks webviews', () => {
    expect(navigate(guarded(), 'will-attach-webview', appUrl)).toBe(true)
  })

  it('denies permission requests except the few the app page uses', () => {
    const contents = guarded()
    const ask = (permission: string, requestingUrl: string): boolean => {
      let granted: boolean | undefined
      contents.session.requestHandler?.(contents, permission, (g: boolean) => (granted = g), {
        requestingUrl,
        isMainFrame: true
      })
      if (granted === undefined) throw new Error('callback not called')
      return granted
    }
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'usb',
      'midi'
    ]) {
      expect(ask(permission, appUrl)).toBe(false)
    }
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(ask('clipboard-sanitized-write', appUrl)).toBe(true)
    expect(ask('fullscreen', appUrl)).toBe(true)
  })

  it('denies permission checks for contents that are not app windows', () => {
    const contents = guarded()
    contents.url = appUrl
    expect(contents.session.checkHandler?.(contents, 'fullscreen')).toBe(false)
    expect(contents.session.checkHandler?.(null, 'fullscreen')).toBe(false)
  })
})

describe('createMainWindow', () => {
  it('loads the built renderer over app://, shows on ready-to-show and registers the app contents', () => {
    const win = createMainWindow() as unknown as InstanceType<typeof electron.FakeBrowserWindow>
    const webPreferences = win.options['webPreferences'] as Record<string, unknown>
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    })
    expect(String(webPreferences['preload'])).toMatch(/preload[\\/]index\.js$/)
    expect(win.loadURL).toHaveBeenCalledWith('app://kennisgraaf/index.html')
    expect(win.loadFile).not.toHaveBeenCalled()
    expect(win.show).not.toHaveBeenCalled()
    win.emit('ready-to-show')
    expect(win.show).toHaveBeenCalledOnce()

    expect(isAppWebContents(win.webContents)).toBe(true)
    expect(isAppWebContents(new electron.FakeWebContents())).toBe(false)
    expect(getAppWindows()).toContain(win)
    win.emit('closed')
    expect(getAppWindows()).not.toContain(win)
  })

  it('offers to reload the window when its renderer crashed', async () => {
    const win = createMainWindow() as unknown as InstanceType<typeof electron.FakeBrowserWindow>
    const reload = vi.fn()
    ;(win.webContents as unknown as { reload: () => void }).reload = reload
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 })
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce())
    const [, options] = electron.dialog.showMessageBox.mock.calls[0] as [
      unknown,
      { buttons: string[] }
    ]
    expect(options.buttons[0]).toBe('Opnieuw laden')
  })

  it('guards the window it creates and grants checks only to its own page', () => {
    const win = createMainWindow() as unknown as InstanceType<typeof electron.FakeBrowserWindow>
    const contents = win.webContents
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.openHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' })
    contents.url = APP_ENTRY_URL
    expect(contents.session.checkHandler?.(contents, 'fullscreen')).toBe(true)
    expect(contents.session.checkHandler?.(contents, 'media')).toBe(false)
    contents.url = 'https://evil.example/'
    expect(contents.session.checkHandler?.(contents, 'fullscreen')).toBe(false)
  })

  it('loads the dev server URL only in an unpackaged app', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')
    const devWin = createMainWindow() as unknown as InstanceType<typeof electron.FakeBrowserWindow>
    expect(devWin.loadURL).toHaveBeenCalledWith('http://localhost:5173')

    electron.app.isPackaged = true
    const packagedWin = createMainWindow() as unknown as InstanceType<
      typeof electron.FakeBrowserWindow
    >
    expect(packagedWin.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL)
    expect(appLocation().devServerUrl).toBeUndefined()
  })
})
