/** Main-process entry: app lifecycle only. Windows, menus, IPC and services live in their modules. */
import { resolve } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { registerHandlers } from './ipc/register-handlers'
import { installAppMenu } from './menus/app-menu'
import {
  appLocation,
  APP_TITLE,
  createMainWindow,
  getAppWindows,
  isAppWebContents
} from './windows/main-window'

const APP_USER_MODEL_ID = 'nl.amsterdam.stadmaken.kennisgraaf'

// Tests (and power users) get a fresh profile per run: this must happen before `ready` and before
// the single-instance lock, which is keyed on the userData directory.
const userDataDir = process.env['KG_USER_DATA_DIR']
if (userDataDir !== undefined && userDataDir !== '') {
  app.setPath('userData', resolve(userDataDir))
}

// Every renderer runs in the Chromium sandbox, whatever its webPreferences say.
app.enableSandbox()

function focusMainWindow(): void {
  const win = getAppWindows()[0]
  if (win === undefined) {
    createMainWindow()
    return
  }
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (app.isReady()) focusMainWindow()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
    registerHandlers({ location: appLocation(), isAppWebContents })
    installAppMenu(
      { isDev: !app.isPackaged, platform: process.platform, appName: APP_TITLE },
      getAppWindows
    )
    createMainWindow()

    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open creates one again.
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
    })
  })
}
