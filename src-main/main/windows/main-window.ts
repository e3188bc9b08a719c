/** The one app window: secure options, loading the renderer, and the guards around it. */
import { appendFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  shell,
  type BrowserWindowConstructorOptions,
  type WebContents
} from 'electron'
import { isAppUrl, type AppLocation } from '../ipc/sender-check'
import { APP_ENTRY_URL } from '../services/app-protocol'
import { handleRendererGone } from '../services/crash-report'
import { confirmAndOpenExternal, externalLinkTarget } from '../services/external-links'

/** Window title (also the product name). */
export const APP_TITLE = 'Stadmaken Kennisgraaf'

/** Permissions the app's own page may use; every other permission request is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  // navigator.clipboard.writeText (copy ids, titles)
  'clipboard-sanitized-write',
  // element.requestFullscreen() for presentation mode
  'fullscreen'
])

const appWindows = new Set<BrowserWindow>()
const appContents = new WeakSet<object>()

/**
 * The secure constructor options of the main window: context isolation, the Chromium sandbox, no
 * Node in the renderer, web security on, and hidden until the first paint. Pure: no Electron calls.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: APP_TITLE,
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    autoHideMenuBar: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  }
}

/**
 * Where the renderer comes from. The dev server URL is honoured only in an unpackaged app, so an
 * environment variable can never point a packaged app at another page.
 */
export function appLocation(): AppLocation {
  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
  return {
    rendererDir: join(__dirname, '../renderer'),
    ...(devServerUrl ? { devServerUrl } : {})
  }
}

/**
 * Decision for `setWindowOpenHandler`: the app never opens a second window. An `https:` or `http:`
 * link (a source's URL, say) is handed to `openLink`, which asks the user before the system browser
 * opens it; every other URL is dropped.
 */
export function handleWindowOpen(
  url: string,
  openLink: (url: string) => unknown
): { action: 'deny' } {
  if (externalLinkTarget(url) !== null) {
    void Promise.resolve()
      .then(() => openLink(url))
      .catch(() => undefined)
  }
  return { action: 'deny' }
}

/** True when the window may navigate to `url`: only to the app's own renderer. */
export function isNavigationAllowed(url: string, location: AppLocation): boolean {
  return isAppUrl(url, location)
}

/** True when `permission` may be granted to a page showing `url`: allowed kind and the app's own page. */
export function isPermissionAllowed(
  permission: string,
  url: string,
  location: AppLocation
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(url, location)
}

/** True only for the webContents of a window created by {@link createMainWindow}. */
export function isAppWebContents(contents: unknown): boolean {
  return typeof contents === 'object' && contents !== null && appContents.has(contents)
}

/** The open app windows, oldest first. */
export function getAppWindows(): BrowserWindow[] {
  return [...appWindows].filter((win) => !win.isDestroyed())
}

/** Structural view of the webContents parts the guards attach to (lets tests pass a fake). */
type GuardedContents = Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'session' | 'getURL'>

/** Asks before a link leaves the app for the system browser (the dialog names the host). */
function openLinkAfterConfirm(owner: BrowserWindow | null): (url: string) => Promise<boolean> {
  return (url) =>
    confirmAndOpenExternal(url, {
      showMessageBox: (options) =>
        owner && !owner.isDestroyed()
          ? dialog.showMessageBox(owner, options)
          : dialog.showMessageBox(options),
      openExternal: (target) => shell.openExternal(target)
    })
}

/**
 * Attaches the navigation, new-window, webview and permission guards to a window's webContents.
 * Invariant: after this, the contents cannot open windows, leave the app's own URLs, attach a
 * webview, or gain a permission outside {@link ALLOWED_PERMISSIONS}.
 */
export function guardWebContents(
  contents: GuardedContents,
  location: AppLocation,
  openLink: (url: string) => unknown = openLinkAfterConfirm(null)
): void {
  contents.setWindowOpenHandler((details) => handleWindowOpen(details.url, openLink))
  contents.on('will-navigate', (event) => {
    if (isNavigationAllowed(event.url, location)) return
    event.preventDefault()
    // A plain link without target=_blank: the same question as for a new window.
    handleWindowOpen(event.url, openLink)
  })
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url, location)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, location))
  })
  contents.session.setPermissionCheckHandler((wc, permission) => {
    return (
      wc !== null && isAppWebContents(wc) && isPermissionAllowed(permission, wc.getURL(), location)
    )
  })
}

/**
 * Creates, guards and loads the main window; it shows itself once the first frame is ready. The
 * window's webContents is registered as an app sender until the window closes.
 */
export function createMainWindow(): BrowserWindow {
  const location = appLocation()
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')))
  appWindows.add(win)
  appContents.add(win.webContents)
  win.on('closed', () => {
    appWindows.delete(win)
  })
  win.once('ready-to-show', () => win.show())
  guardWebContents(win.webContents, location, openLinkAfterConfirm(win))
  win.webContents.on('render-process-gone', (_event, details) => {
    void handleRendererGone(details, {
      logDir: app.getPath('logs'),
      mkdir: (path) => mkdir(path, { recursive: true }),
      appendFile: (path, text) => appendFile(path, text),
      showMessageBox: (options) => dialog.showMessageBox(win, options),
      reload: () => win.webContents.reload(),
      close: () => win.close()
    })
  })

  void win.loadURL(location.devServerUrl ?? APP_ENTRY_URL)
  return win
}
