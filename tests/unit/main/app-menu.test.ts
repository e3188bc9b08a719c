import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { MENU_COMMANDS, type MenuCommand } from '../../../src-main/shared/menu-commands'

const mocks = vi.hoisted(() => ({
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn()
  },
  BrowserWindow: { getFocusedWindow: vi.fn((): unknown => null) }
}))
vi.mock('electron', () => ({ Menu: mocks.Menu, BrowserWindow: mocks.BrowserWindow }))

const { buildAppMenuTemplate, installAppMenu } =
  await import('../../../src-main/main/menus/app-menu')

type Item = MenuItemConstructorOptions

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : [])
  ])
}

function click(item: Item | undefined): void {
  if (item?.click === undefined) throw new Error(`no clickable item ${String(item?.label)}`)
  ;(item.click as unknown as () => void)()
}

function build(
  platform: NodeJS.Platform = 'linux',
  isDev = false
): { items: Item[]; top: Item[]; sent: MenuCommand[] } {
  const sent: MenuCommand[] = []
  const top = buildAppMenuTemplate((cmd) => sent.push(cmd), {
    isDev,
    platform,
    appName: 'Stadmaken Kennisgraaf'
  })
  return { top, items: flatten(top), sent }
}

const byLabel = (items: Item[], label: string): Item | undefined =>
  items.find((item) => item.label === label)

describe('buildAppMenuTemplate', () => {
  it('has the Dutch top-level menus', () => {
    expect(build('linux').top.map((item) => item.label)).toEqual([
      'Bestand',
      'Bewerken',
      'Beeld',
      'Help'
    ])
    expect(build('win32').top.map((item) => item.label)).toEqual([
      'Bestand',
      'Bewerken',
      'Beeld',
      'Help'
    ])
    expect(build('darwin').top.map((item) => item.label)).toEqual([
      'Stadmaken Kennisgraaf',
      'Bestand',
      'Bewerken',
      'Beeld',
      'Help'
    ])
  })

  it.each([
    ['Nieuwe lege kaart', 'graph.new-empty'],
    ['Demokaart herstellen', 'graph.restore-demo'],
    ['Instellingen…', 'settings.open'],
    ['Passend maken', 'view.fit'],
    ['Legenda tonen/verbergen', 'view.toggle-legend'],
    ['Zijpaneel tonen/verbergen', 'view.toggle-sidebar'],
    ['Over Stadmaken Kennisgraaf', 'app.about']
  ] as const)('"%s" sends %s and nothing else', (label, cmd) => {
    const { items, sent } = build()
    click(byLabel(items, label))
    expect(sent).toEqual([cmd])
  })

  it('reaches every menu command', () => {
    const { items, sent } = build()
    for (const item of items) if (item.click) click(item)
    expect(new Set(sent)).toEqual(new Set(MENU_COMMANDS))
  })

  it('uses roles, not commands, for quit, full screen and developer tools', () => {
    const { items } = build('linux', true)
    expect(byLabel(items, 'Afsluiten')?.role).toBe('quit')
    expect(byLabel(items, 'Volledig scherm')?.role).toBe('togglefullscreen')
    expect(byLabel(items, 'Ontwikkelhulpmiddelen')?.role).toBe('toggleDevTools')
  })

  it('shows developer tools only in development', () => {
    expect(byLabel(build('linux', false).items, 'Ontwikkelhulpmiddelen')).toBeUndefined()
    expect(byLabel(build('linux', true).items, 'Ontwikkelhulpmiddelen')).toBeDefined()
  })

  it('gives command items no accelerators, so shortcuts are not handled twice', () => {
    for (const item of build().items) if (item.click) expect(item.accelerator).toBeUndefined()
  })
})

describe('installAppMenu', () => {
  function fakeWindow(): {
    webContents: { send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean }
  } {
    return { webContents: { send: vi.fn(), isDestroyed: () => false } }
  }

  function installedTemplate(): Item[] {
    const call = mocks.Menu.buildFromTemplate.mock.calls.at(-1)
    if (call === undefined) throw new Error('menu not built')
    return call[0] as Item[]
  }

  it('installs the menu and sends menu:command to the focused app window', () => {
    const first = fakeWindow()
    const focused = fakeWindow()
    mocks.BrowserWindow.getFocusedWindow.mockReturnValue(focused)
    installAppMenu(
      { isDev: false, platform: 'linux', appName: 'Stadmaken Kennisgraaf' },
      () => [first, focused] as never
    )
    expect(mocks.Menu.setApplicationMenu).toHaveBeenCalled()
    click(byLabel(flatten(installedTemplate()), 'Passend maken'))
    expect(focused.webContents.send).toHaveBeenCalledExactlyOnceWith('menu:command', 'view.fit')
    expect(first.webContents.send).not.toHaveBeenCalled()
  })

  it('falls back to the first app window and never sends to a foreign focused window', () => {
    const first = fakeWindow()
    const foreign = fakeWindow()
    mocks.BrowserWindow.getFocusedWindow.mockReturnValue(foreign)
    installAppMenu(
      { isDev: false, platform: 'linux', appName: 'Stadmaken Kennisgraaf' },
      () => [first] as never
    )
    click(byLabel(flatten(installedTemplate()), 'Demokaart herstellen'))
    expect(first.webContents.send).toHaveBeenCalledExactlyOnceWith(
      'menu:command',
      'graph.restore-demo'
    )
    expect(foreign.webContents.send).not.toHaveBeenCalled()
  })
})

describe('applyMenuEnabled', () => {
  it('greys out exactly the known commands the renderer names, and ignores anything else', async () => {
    const { applyMenuEnabled } = await import('../../../src-main/main/menus/app-menu')
    const items = new Map<string, { enabled: boolean }>([
      ['history.undo', { enabled: true }],
      ['history.redo', { enabled: true }],
      ['view.fit', { enabled: true }]
    ])
    const menu = { getMenuItemById: (id: string) => items.get(id) ?? null }
    applyMenuEnabled(menu, {
      'history.undo': false,
      'view.fit': true,
      'rm -rf': false,
      'history.redo': 'no'
    })
    expect(items.get('history.undo')?.enabled).toBe(false)
    expect(items.get('history.redo')?.enabled).toBe(true)
    expect(items.get('view.fit')?.enabled).toBe(true)
    applyMenuEnabled(menu, null)
    applyMenuEnabled(null, { 'history.undo': true })
    expect(items.get('history.undo')?.enabled).toBe(false)
  })
})
