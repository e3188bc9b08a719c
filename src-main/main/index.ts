/** Main-process entry: app lifecycle only. Windows, menus, IPC and services live in their modules. */
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { app, BrowserWindow, dialog, protocol } from 'electron'
import { PUSH_CHANNELS } from '../shared/ipc-contract'
import { registerHandlers } from './ipc/register-handlers'
import { installAppMenu, sendPush } from './menus/app-menu'
import { APP_SCHEME_PRIVILEGES, handleAppProtocol } from './services/app-protocol'
import { installMainCrashHandlers } from './services/crash-report'
import { OpenedFileQueue, openedFilePaths } from './services/opened-files'
import {
  appLocation,
  APP_TITLE,
  createMainWindow,
  getAppWindows,
  isAppWebContents
} from './windows/main-window'

const APP_USER_MODEL_ID = 'nl.amsterdam.stadmaken.kennisgraaf'

// Errors main does not handle go to a log file in the user-data folder and a dialog.
installMainCrashHandlers({
  logDir: app.getPath('logs'),
  mkdir: (path) => mkdir(path, { recursive: true }),
  appendFile: (path, text) => appendFile(path, text),
  on: (event, listener) => process.on(event, listener),
  showErrorBox: (title, content) => dialog.showErrorBox(title, content)
})

// Tests (and power users) get a fresh profile per run: this must happen before `ready` and before
// the single-instance lock, which is keyed on the userData directory.
const userDataDir = process.env['KG_USER_DATA_DIR']
if (userDataDir !== undefined && userDataDir !== '') {
  app.setPath('userData', resolve(userDataDir))
}

// Every renderer runs in the Chromium sandbox, whatever its webPreferences say.
app.enableSandbox()
// The built app is served on app://kennisgraaf/ (registered before ready, as Electron requires).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])

/** Files opened with the app wait here until the renderer takes them (handles only, never paths). */
const openedFiles = new OpenedFileQueue(
  { stat: (path) => stat(path) },
  () => {
    if (app.isReady()) sendPush(getAppWindows()[0]?.webContents, PUSH_CHANNELS.openedFile)
  }
)

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
  // The running instance gets this start's argv through 'second-instance'.
  app.quit()
} else {
  openedFiles.add(openedFilePaths(process.argv, process.cwd()))

  app.on('second-instance', (_event, argv, workingDirectory) => {
    openedFiles.add(openedFilePaths(argv, workingDirectory))
    if (app.isReady()) focusMainWindow()
  })

  // macOS hands opened documents over as events, also before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openedFiles.add([path])
    if (app.isReady()) focusMainWindow()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
    const location = appLocation()
    handleAppProtocol(protocol, location.rendererDir, (path) => readFile(path))
    registerHandlers({ location, isAppWebContents, openedFiles })
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
