import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const mocks = vi.hoisted(() => {
  const order: string[] = []
  const listeners = new Map<string, () => void>()
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
    on: vi.fn((event: string, listener: () => void) => {
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
    registerHandlers: vi.fn(),
    installAppMenu: vi.fn(),
    createMainWindow: vi.fn(),
    getAppWindows: vi.fn((): unknown[] => [])
  }
})

vi.mock('electron', () => ({ app: mocks.app, BrowserWindow: mocks.BrowserWindow }))
vi.mock('../../../src-main/main/ipc/register-handlers', () => ({
  registerHandlers: mocks.registerHandlers
}))
vi.mock('../../../src-main/main/menus/app-menu', () => ({ installAppMenu: mocks.installAppMenu }))
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

beforeEach(() => {
  vi.clearAllMocks()
  mocks.order.length = 0
  mocks.listeners.clear()
  mocks.getAppWindows.mockReturnValue([])
  vi.stubEnv('KG_USER_DATA_DIR', undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
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
    mocks.listeners.get('second-instance')?.()
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
    expect(mocks.createMainWindow).not.toHaveBeenCalled()
  })
})
