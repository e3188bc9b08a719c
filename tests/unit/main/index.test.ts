import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OpenedFileQueue } from '../../../src-main/main/services/opened-files'
import type { OpenFileResult } from '../../../src-main/shared/ipc-contract'

const mocks = vi.hoisted(() => {
  const order: string[] = []
  const listeners = new Map<string, (...args: unknown[]) => void>()
  let resolveReady: () => void = () => undefined
  const app = {
    isPackaged: false,
    setPath: vi.fn((name: string, _path: string) => order.push(`setPath:${name}`)),
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn((): boolean => {
      order.push('lock')
      return true
    }),
    quit: vi.fn(),
    isReady: vi.fn(() => true),
    setAppUserModelId: vi.fn(),
    getPath: vi.fn((name: string) => `/tmp/kg-${name}`),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, listener)
    }),
    whenReady: vi.fn(() => {
      order.push('whenReady')
      return new Promise<void>((done) => (resolveReady = done))
    })
  }
  return {
    order,
    listeners,
    app,
    ready: (): void => resolveReady(),
    BrowserWindow: { getAllWindows: vi.fn((): unknown[] => []) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('registerScheme')),
      handle: vi.fn()
    },
    dialog: { showErrorBox: vi.fn() },
    installMainCrashHandlers: vi.fn(() => order.push('crashHandlers')),
    registerHandlers: vi.fn(),
    installAppMenu: vi.fn(),
    createMainWindow: vi.fn(),
    getAppWindows: vi.fn((): unknown[] => [])
  }
})

vi.mock('electron', () => ({
  app: mocks.app,
  BrowserWindow: mocks.BrowserWindow,
  protocol: mocks.protocol,
  dialog: mocks.dialog
}))
vi.mock('../../../src-main/main/ipc/register-handlers', () => ({
  registerHandlers: mocks.registerHandlers
}))
vi.mock('../../../src-main/main/services/crash-report', () => ({
  installMainCrashHandlers: mocks.installMainCrashHandlers
}))
vi.mock('../../../src-main/main/menus/app-menu', () => ({
  installAppMenu: mocks.installAppMenu,
  sendPush: (target: { send: (channel: string) => void } | undefined, channel: string) =>
    target?.send(channel)
}))
vi.mock('../../../src-main/main/windows/main-window', () => ({
  APP_TITLE: 'Stadmaken Kennisgraaf',
  appLocation: () => ({ rendererDir: '/r' }),
  createMainWindow: mocks.createMainWindow,
  getAppWindows: mocks.getAppWindows,
  isAppWebContents: () => false
}))

async function startMain(): Promise<void> {
  vi.resetModules()
  await import('../../../src-main/main/index')
}

const flush = (): Promise<void> => new Promise((done) => setTimeout(done, 0))

/** The opened-file queue main handed to the IPC wiring. */
/** What the handlers do with a checked file: give it a handle (the path stays in main). */
const give = async (f: { name: string; size: number }): Promise<OpenFileResult> => ({ handle: 'h', name: f.name, size: f.size })

function queueGivenToHandlers(): Pick<OpenedFileQueue, 'take'> {
  const context = mocks.registerHandlers.mock.calls[0]?.[0] as
    { openedFiles: Pick<OpenedFileQueue, 'take'> } | undefined
  if (context === undefined) throw new Error('registerHandlers was not called')
  return context.openedFiles
}

let fileDir: string

beforeEach(() => {
  fileDir = mkdtempSync(join(tmpdir(), 'kg-open-'))
  vi.clearAllMocks()
  mocks.order.length = 0
  mocks.listeners.clear()
  mocks.getAppWindows.mockReturnValue([])
  vi.stubEnv('KG_USER_DATA_DIR', undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  rmSync(fileDir, { recursive: true, force: true })
})

describe('main lifecycle', () => {
  it('applies KG_USER_DATA_DIR before the lock and before ready', async () => {
    vi.stubEnv('KG_USER_DATA_DIR', 'tmp/kg-test-profile')
    await startMain()
    expect(mocks.app.setPath).toHaveBeenCalledExactlyOnceWith(
      'userData',
      resolve('tmp/kg-test-profile')
    )
    expect(mocks.order.indexOf('setPath:userData')).toBeLessThan(mocks.order.indexOf('lock'))
    expect(mocks.order.indexOf('setPath:userData')).toBeLessThan(mocks.order.indexOf('whenReady'))
  })

  it('leaves userData alone without KG_USER_DATA_DIR', async () => {
    await startMain()
    expect(mocks.app.setPath).not.toHaveBeenCalled()
  })

  it('wires handlers, menu and window once ready', async () => {
    await startMain()
    expect(mocks.createMainWindow).not.toHaveBeenCalled()
    mocks.ready()
    await flush()
    expect(mocks.registerHandlers).toHaveBeenCalledOnce()
    expect(mocks.installAppMenu).toHaveBeenCalledOnce()
    expect(mocks.createMainWindow).toHaveBeenCalledOnce()
    expect(mocks.app.enableSandbox).toHaveBeenCalled()
  })

  it('quits when another instance holds the lock', async () => {
    mocks.app.requestSingleInstanceLock.mockReturnValueOnce(false)
    await startMain()
    expect(mocks.app.quit).toHaveBeenCalled()
    expect(mocks.app.whenReady).not.toHaveBeenCalled()
  })

  it('quits on all windows closed except on macOS', async () => {
    await startMain()
    const onAllClosed = mocks.listeners.get('window-all-closed')
    expect(onAllClosed).toBeDefined()
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')
    try {
      Object.defineProperty(process, 'platform', { value: 'linux' })
      onAllClosed?.()
      expect(mocks.app.quit).toHaveBeenCalledOnce()
      Object.defineProperty(process, 'platform', { value: 'darwin' })
      onAllClosed?.()
      expect(mocks.app.quit).toHaveBeenCalledOnce()
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform)
    }
  })

  it('focuses the existing window when a second instance starts', async () => {
    const win = { isMinimized: vi.fn(() => true), restore: vi.fn(), show: vi.fn(), focus: vi.fn() }
    mocks.getAppWindows.mockReturnValue([win])
    await startMain()
    mocks.listeners.get('second-instance')?.({}, ['/opt/app/kennisgraaf'], '/')
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
    expect(mocks.createMainWindow).not.toHaveBeenCalled()
  })

  it('installs the crash handlers and the app:// scheme before ready', async () => {
    await startMain()
    expect(mocks.installMainCrashHandlers).toHaveBeenCalledOnce()
    expect(mocks.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true })
      })
    ])
    expect(mocks.order.indexOf('crashHandlers')).toBeLessThan(mocks.order.indexOf('whenReady'))
    expect(mocks.order.indexOf('registerScheme')).toBeLessThan(mocks.order.indexOf('whenReady'))
    mocks.ready()
    await flush()
    expect(mocks.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
  })

  it('passes the bytes of a .kg.json named on the first start to the renderer, never its path', async () => {
    const path = join(fileDir, 'Mijn kaart.kg.json')
    writeFileSync(path, '{"format":"kg"}')
    const argv = process.argv
    process.argv = ['/opt/app/kennisgraaf', '--no-sandbox', path]
    try {
      await startMain()
    } finally {
      process.argv = argv
    }
    mocks.ready()
    await flush()
    const taken = await queueGivenToHandlers().take(give)
    expect(taken).toEqual({
      ok: true,
      file: { handle: 'h', name: 'Mijn kaart.kg.json', size: '{"format":"kg"}'.length }
    })
    expect(JSON.stringify(taken)).not.toContain(fileDir)
    expect(await queueGivenToHandlers().take(give)).toBeNull()
  })

  it('a second start with a file queues it, tells the window and focuses it', async () => {
    writeFileSync(join(fileDir, 'tweede.kg.json'), '{}')
    const send = vi.fn()
    const win = {
      isMinimized: vi.fn(() => false),
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
      webContents: { send, isDestroyed: () => false }
    }
    mocks.getAppWindows.mockReturnValue([win])
    await startMain()
    mocks.ready()
    await flush()
    mocks.listeners.get('second-instance')?.(
      {},
      ['/opt/app/kennisgraaf', 'tweede.kg.json'],
      fileDir
    )
    expect(send).toHaveBeenCalledWith('files:opened-file')
    expect(win.focus).toHaveBeenCalled()
    const taken = await queueGivenToHandlers().take(give)
    expect(taken).toMatchObject({ ok: true, file: { name: 'tweede.kg.json' } })
  })

  it('macOS open-file events are queued too; a missing file comes back as a Dutch message', async () => {
    await startMain()
    const preventDefault = vi.fn()
    mocks.listeners.get('open-file')?.({ preventDefault }, join(fileDir, 'weg.kg.json'))
    expect(preventDefault).toHaveBeenCalled()
    mocks.ready()
    await flush()
    const taken = await queueGivenToHandlers().take(give)
    expect(taken).toEqual({
      ok: false,
      name: 'weg.kg.json',
      message: expect.stringContaining('niet gevonden')
    })
  })
})
