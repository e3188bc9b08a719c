import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (event: unknown, ...args: unknown[]) => unknown

const mocks = vi.hoisted(() => {
  const handlers = new Map<string, Listener>()
  return {
    handlers,
    ipcMain: {
      handle: vi.fn((channel: string, listener: Listener) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
        handlers.set(channel, listener)
      })
    },
    dialog: {
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true })),
      showOpenDialog: vi.fn(
        async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({
          canceled: true,
          filePaths: []
        })
      )
    },
    app: {
      getVersion: (): string => '1.2.3',
      getPath: (_name: string): string => '/home/anna/Documenten'
    },
    BrowserWindow: { fromWebContents: vi.fn((_contents: unknown) => null) },
    fs: {
      writeFile: vi.fn(async () => undefined),
      readFile: vi.fn(async () => new Uint8Array()),
      stat: vi.fn(async () => ({ size: 0, isFile: () => true })),
      open: vi.fn(
        async (
          ..._args: unknown[]
        ): Promise<{
          read: (b: Uint8Array, o: number, l: number, p: number) => Promise<{ bytesRead: number }>
          write: () => Promise<undefined>
          close: () => Promise<undefined>
        }> => ({
          read: async () => ({ bytesRead: 0 }),
          write: async () => undefined,
          close: async () => undefined
        })
      ),
      rename: vi.fn(async () => undefined),
      rm: vi.fn(async () => undefined)
    }
  }
})

vi.mock('electron', () => ({
  ipcMain: mocks.ipcMain,
  dialog: mocks.dialog,
  app: mocks.app,
  BrowserWindow: mocks.BrowserWindow
}))
vi.mock('node:fs/promises', () => mocks.fs)

const { registerHandlers } = await import('../../../src-main/main/ipc/register-handlers')
const { INVOKE_CHANNELS } = await import('../../../src-main/shared/ipc-contract')

const rendererDir = '/opt/kennisgraaf/out/renderer'
const appUrl = 'app://kennisgraaf/index.html'
const openedFiles = { take: vi.fn(async () => null) }
const appContents = { id: 1 }
const otherContents = { id: 2 }

function call(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const listener = mocks.handlers.get(channel)
  if (listener === undefined) throw new Error(`no handler for ${channel}`)
  // ipcMain.handle turns both throws and rejections into a rejected invoke.
  return Promise.resolve().then(() => listener(event, ...args))
}

const saveReq = { suggestedName: 'kaart', kind: 'png', data: new Uint8Array([1]) }

function register(devServerUrl?: string): void {
  mocks.handlers.clear()
  registerHandlers({
    location: devServerUrl === undefined ? { rendererDir } : { rendererDir, devServerUrl },
    isAppWebContents: (sender) => sender === appContents,
    openedFiles
  })
}

beforeEach(() => {
  vi.clearAllMocks()
  register()
})

describe('registerHandlers', () => {
  it('registers every contract channel exactly once', () => {
    expect([...mocks.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort())
  })

  it.each(Object.values(INVOKE_CHANNELS))(
    '%s refuses a call from a foreign frame before doing anything',
    async (channel) => {
      const event = { senderFrame: { url: 'https://evil.example' }, sender: appContents }
      await expect(call(channel, event, saveReq)).rejects.toThrow('Geweigerd: onbekende afzender')
      expect(mocks.dialog.showSaveDialog).not.toHaveBeenCalled()
      expect(mocks.dialog.showOpenDialog).not.toHaveBeenCalled()
    }
  )

  it.each(Object.values(INVOKE_CHANNELS))(
    '%s refuses a call from a webContents that is not an app window',
    async (channel) => {
      const event = { senderFrame: { url: appUrl }, sender: otherContents }
      await expect(call(channel, event, saveReq)).rejects.toThrow('Geweigerd: onbekende afzender')
      expect(mocks.dialog.showSaveDialog).not.toHaveBeenCalled()
    }
  )

  it('refuses a call without a sender frame', async () => {
    const event = { senderFrame: null, sender: appContents }
    await expect(call(INVOKE_CHANNELS.appInfo, event)).rejects.toThrow('Geweigerd')
  })

  it('accepts the app page (built app or dev server) in an app window', async () => {
    for (const [url, devServer] of [
      [appUrl, undefined],
      ['http://localhost:5173/#/kaart', 'http://localhost:5173']
    ] as const) {
      register(devServer)
      const event = { senderFrame: { url }, sender: appContents }
      await expect(call(INVOKE_CHANNELS.appInfo, event)).resolves.toEqual({
        version: '1.2.3',
        platform: process.platform,
        shell: 'electron'
      })
    }
  })

  it('routes an accepted save through the dialog, with a base name and the documents dir', async () => {
    mocks.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: '/home/anna/gekozen.png'
    } as { canceled: boolean })
    const event = { senderFrame: { url: appUrl }, sender: appContents }
    const result = await call(INVOKE_CHANNELS.saveFile, event, {
      ...saveReq,
      suggestedName: '../../etc/passwd'
    })
    expect(result).toEqual({ saved: true, name: 'gekozen.png' })
    const options = mocks.dialog.showSaveDialog.mock.calls[0]?.[0] as { defaultPath: string }
    expect(options.defaultPath).toBe(join('/home/anna/Documenten', 'passwd.png'))
    expect(mocks.fs.writeFile).toHaveBeenCalledExactlyOnceWith(
      '/home/anna/gekozen.png',
      saveReq.data
    )
  })

  it('routes an accepted open through the dialog', async () => {
    const event = { senderFrame: { url: appUrl }, sender: appContents }
    await expect(call(INVOKE_CHANNELS.openFile, event, { kinds: ['csv'] })).resolves.toBeNull()
    expect(mocks.dialog.showOpenDialog).toHaveBeenCalledOnce()
  })

  it('hands the renderer the next opened file from the queue as a handle, name and size', async () => {
    const bytes = new TextEncoder().encode('{"type":"kaart"}')
    mocks.fs.open.mockResolvedValueOnce({
      read: async (buffer: Uint8Array, offset: number, length: number, position: number) => {
        const piece = bytes.subarray(position, position + length)
        buffer.set(piece, offset)
        return { bytesRead: piece.length }
      },
      write: async () => undefined,
      close: async () => undefined
    })
    openedFiles.take.mockImplementationOnce((async (
      open: (f: { path: string; name: string; size: number }) => Promise<unknown>
    ) => ({
      ok: true,
      file: await open({ path: '/home/anna/geheim/kaart.kg.json', name: 'kaart.kg.json', size: bytes.length })
    })) as never)
    const event = { senderFrame: { url: appUrl }, sender: appContents }
    const taken = (await call(INVOKE_CHANNELS.takeOpenedFile, event)) as {
      ok: true
      file: { handle: string; name: string; size: number }
    }
    expect(taken).toMatchObject({ ok: true, file: { name: 'kaart.kg.json', size: bytes.length } })
    expect(JSON.stringify(taken)).not.toContain('geheim')
    expect(mocks.fs.open).toHaveBeenCalledWith('/home/anna/geheim/kaart.kg.json', 'r')
    const handle = taken.file.handle
    await expect(call(INVOKE_CHANNELS.readChunk, event, handle, 2, 4)).resolves.toEqual(
      bytes.subarray(2, 6)
    )
    await call(INVOKE_CHANNELS.closeFile, event, handle)
    await expect(call(INVOKE_CHANNELS.readChunk, event, handle, 0, 4)).rejects.toThrow(
      /niet \(meer\) open/
    )
    await expect(call(INVOKE_CHANNELS.takeOpenedFile, event)).resolves.toBeNull()
  })

  it('a handle is refused to another app window, and closed when its own window goes away', async () => {
    const destroyed: (() => void)[] = []
    const first = { id: 11, once: (_e: string, f: () => void) => destroyed.push(f) }
    const second = { id: 12, once: (_e: string, f: () => void) => destroyed.push(f) }
    const close = vi.fn(async () => undefined)
    mocks.fs.open.mockResolvedValueOnce({
      read: async (_b: Uint8Array, _o: number, length: number) => ({ bytesRead: length }),
      write: async () => undefined,
      close
    })
    mocks.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: ['/home/anna/kaart.csv']
    })
    mocks.handlers.clear()
    registerHandlers({
      location: { rendererDir },
      isAppWebContents: (sender) => sender === first || sender === second,
      openedFiles
    })
    const a = { senderFrame: { url: appUrl }, sender: first }
    const b = { senderFrame: { url: appUrl }, sender: second }
    const opened = (await call(INVOKE_CHANNELS.openFile, a, { kinds: ['csv'] })) as { handle: string }
    expect(opened.handle).toMatch(/^[0-9a-f-]{36}$/)
    await expect(call(INVOKE_CHANNELS.readChunk, b, opened.handle, 0, 1)).rejects.toThrow(
      /niet \(meer\) open/
    )
    await call(INVOKE_CHANNELS.closeFile, b, opened.handle) // another window cannot close it either
    expect(close).not.toHaveBeenCalled()
    await expect(call(INVOKE_CHANNELS.readChunk, a, opened.handle, 0, 1)).resolves.toHaveLength(0)
    for (const f of destroyed) f()
    await Promise.resolve()
    expect(close).toHaveBeenCalledOnce()
    await expect(call(INVOKE_CHANNELS.readChunk, a, opened.handle, 0, 1)).rejects.toThrow(
      /niet \(meer\) open/
    )
  })
})
