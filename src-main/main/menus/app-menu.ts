/** The Dutch native menu. Items only name a renderer command; the renderer decides what it does. */
import { BrowserWindow, Menu, type MenuItemConstructorOptions, type WebContents } from 'electron'
import { PUSH_CHANNELS, type PushMap } from '../../shared/ipc-contract'
import { isMenuCommand, type MenuCommand } from '../../shared/menu-commands'

/** What the template depends on besides the send callback. */
export interface AppMenuOptions {
  /** Shows the developer-tools item (unpackaged builds only). */
  isDev: boolean
  platform: NodeJS.Platform
  /** Name of the macOS application menu. */
  appName: string
}

/**
 * The native menu template. Pure: every command item calls `send(cmd)` with a `MenuCommand` id and
 * nothing else; window-level items use Electron roles. Command items carry no accelerators, so a
 * shortcut is never handled twice (the renderer's command registry owns the shortcuts).
 */
export function buildAppMenuTemplate(
  send: (cmd: MenuCommand) => void,
  options: AppMenuOptions
): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin'
  const command = (label: string, cmd: MenuCommand): MenuItemConstructorOptions => ({
    label,
    id: cmd,
    click: () => send(cmd)
  })

  const macAppMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      command(`Over ${options.appName}`, 'app.about'),
      { type: 'separator' },
      { role: 'services', label: 'Diensten' },
      { type: 'separator' },
      { role: 'hide', label: `${options.appName} verbergen` },
      { role: 'hideOthers', label: 'Andere verbergen' },
      { role: 'unhide', label: 'Alles tonen' },
      { type: 'separator' },
      { role: 'quit', label: `${options.appName} afsluiten` }
    ]
  }
  // macOS routes Cmd+C/V/X/A in text fields through the Edit menu, so it carries those roles too.
  const fileMenu: MenuItemConstructorOptions = {
    label: 'Bestand',
    submenu: [
      command('Nieuwe lege kaart', 'graph.new-empty'),
      command('Demokaart herstellen', 'graph.restore-demo'),
      { type: 'separator' },
      command('Instellingen…', 'settings.open'),
      ...(isMac
        ? []
        : [{ type: 'separator' } as const, { role: 'quit', label: 'Afsluiten' } as const])
    ]
  }

  const editMenu: MenuItemConstructorOptions = {
    label: 'Bewerken',
    submenu: [
      command('Ongedaan maken (Ctrl+Z)', 'history.undo'),
      command('Opnieuw (Ctrl+Shift+Z)', 'history.redo'),
      { type: 'separator' },
      command('Nieuwe knoop…', 'node.new'),
      command('Bewerken…', 'node.edit'),
      command('Verwijderen…', 'selection.delete'),
      ...(isMac
        ? [
            { type: 'separator' } as const,
            { role: 'cut', label: 'Knippen' } as const,
            { role: 'copy', label: 'Kopiëren' } as const,
            { role: 'paste', label: 'Plakken' } as const,
            { role: 'selectAll', label: 'Alles selecteren' } as const
          ]
        : [])
    ]
  }

  const viewMenu: MenuItemConstructorOptions = {
    label: 'Beeld',
    submenu: [
      command('Passend maken', 'view.fit'),
      command('Legenda tonen/verbergen', 'view.toggle-legend'),
      command('Zijpaneel tonen/verbergen', 'view.toggle-sidebar'),
      { type: 'separator' },
      ...(options.isDev
        ? [{ role: 'toggleDevTools', label: 'Ontwikkelhulpmiddelen' } as const]
        : []),
      { role: 'togglefullscreen', label: 'Volledig scherm' }
    ]
  }

  const helpMenu: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    submenu: [command(`Over ${options.appName}`, 'app.about')]
  }

  return isMac
    ? [macAppMenu, fileMenu, editMenu, viewMenu, helpMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu]
}

/** Sends a typed push message; a no-op for a missing or destroyed target. */
export function sendPush<K extends keyof PushMap>(
  target: Pick<WebContents, 'send' | 'isDestroyed'> | null | undefined,
  channel: K,
  ...args: PushMap[K]
): void {
  if (!target || target.isDestroyed()) return
  target.send(channel, ...args)
}

/** The part of Electron's Menu the enabled states are applied to. */
export interface MenuLike {
  getMenuItemById(id: string): { enabled: boolean } | null
}

/**
 * Applies the renderer's enabled states to the menu items of those commands. Untrusted input: only
 * known menu command ids with boolean values are applied; anything else is ignored.
 */
export function applyMenuEnabled(menu: MenuLike | null, states: unknown): void {
  if (!menu || typeof states !== 'object' || states === null) return
  for (const [id, enabled] of Object.entries(states)) {
    if (!isMenuCommand(id) || typeof enabled !== 'boolean') continue
    const item = menu.getMenuItemById(id)
    if (item) item.enabled = enabled
  }
}

/**
 * Builds and installs the application menu. Commands go to the focused app window, or to the first
 * app window when none is focused (e.g. on macOS with every window in the background); never to a
 * window that is not one of `appWindows()`.
 */
export function installAppMenu(options: AppMenuOptions, appWindows: () => BrowserWindow[]): void {
  const send = (cmd: MenuCommand): void => {
    const windows = appWindows()
    const focused = BrowserWindow.getFocusedWindow()
    const target = windows.find((win) => win === focused) ?? windows[0]
    sendPush(target?.webContents, PUSH_CHANNELS.menuCommand, cmd)
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate(send, options)))
}
