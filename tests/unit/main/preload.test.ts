import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { BridgeApi } from '../../../src-main/shared/ipc-contract'

const mocks = await vi.hoisted(async () => {
  // vi.hoisted runs before the file's imports, so it loads what it needs itself.
  const { EventEmitter } = await import('node:events')
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args }))
  })
  const exposed = new Map<string, unknown>()
  return {
    ipcRenderer,
    exposed,
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, value: unknown) => {
        exposed.set(key, value)
      })
    }
  }
})

vi.mock('electron', () => ({ ipcRenderer: mocks.ipcRenderer, contextBridge: mocks.contextBridge }))

let api: BridgeApi

beforeAll(async () => {
  await import('../../../src-main/preload/index')
  api = mocks.exposed.get('api') as BridgeApi
})

/** Every own key, nested, as dotted paths with the value's type. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [`${prefix}:${typeof value}`]
  return Object.keys(value)
    .sort()
    .flatMap((key) =>
      shape((value as Record<string, unknown>)[key], prefix === '' ? key : `${prefix}.${key}`)
    )
}

describe('preload', () => {
  it('exposes exactly one object, as window.api', () => {
    expect(mocks.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    expect([...mocks.exposed.keys()]).toEqual(['api'])
  })

  it('exposes exactly the BridgeApi shape and nothing of ipcRenderer', () => {
    expect(shape(api)).toEqual([
      'app.info:function',
      'files.closeFile:function',
      'files.onFileOpened:function',
      'files.openFile:function',
      'files.readChunk:function',
      'files.saveBegin:function',
      'files.saveChunk:function',
      'files.saveEnd:function',
      'files.saveFile:function',
      'files.takeOpenedFile:function',
      'menu.onCommand:function',
      'menu.setEnabled:function'
    ])
    const values = JSON.stringify(shape(api))
    expect(values).not.toMatch(/ipcRenderer|invoke|send|on:/)
  })

  it('invokes the contract channels with the request as data', async () => {
    const req = { suggestedName: 'kaart', kind: 'png' as const, data: new Uint8Array([1]) }
    await expect(api.files.saveFile(req)).resolves.toEqual({
      channel: 'files:save-file',
      args: [req]
    })
    await expect(api.files.openFile({ kinds: ['csv'] })).resolves.toEqual({
      channel: 'files:open-file',
      args: [{ kinds: ['csv'] }]
    })
    await expect(api.app.info()).resolves.toEqual({ channel: 'app:get-info', args: [] })
    await expect(api.menu.setEnabled({ 'history.undo': false })).resolves.toEqual({
      channel: 'menu:set-enabled',
      args: [{ 'history.undo': false }]
    })
    await expect(api.files.takeOpenedFile()).resolves.toEqual({
      channel: 'files:take-opened-file',
      args: []
    })
    await expect(api.files.readChunk('h1', 8, 16)).resolves.toEqual({
      channel: 'files:read-chunk',
      args: ['h1', 8, 16]
    })
    await expect(api.files.closeFile('h1')).resolves.toEqual({ channel: 'files:close', args: ['h1'] })
    await expect(api.files.saveBegin({ suggestedName: 'k', kind: 'kg-json' })).resolves.toEqual({
      channel: 'files:save-begin',
      args: [{ suggestedName: 'k', kind: 'kg-json' }]
    })
    const piece = new Uint8Array([1, 2])
    await expect(api.files.saveChunk('t1', piece)).resolves.toEqual({
      channel: 'files:save-chunk',
      args: ['t1', piece]
    })
    await expect(api.files.saveEnd('t1', true)).resolves.toEqual({
      channel: 'files:save-end',
      args: ['t1', true]
    })
  })

  it('tells the renderer that a file was opened, without any payload, and unsubscribes', () => {
    const calls: unknown[][] = []
    const unsubscribe = api.files.onFileOpened((...args: unknown[]) => calls.push(args))
    mocks.ipcRenderer.emit('files:opened-file', {}, '/home/anna/geheim/pad.kg.json')
    expect(calls).toEqual([[]])
    unsubscribe()
    mocks.ipcRenderer.emit('files:opened-file', {})
    expect(calls).toEqual([[]])
  })

  it('passes valid menu commands on, drops invalid ones, and unsubscribes', () => {
    const received: string[] = []
    const before = mocks.ipcRenderer.listenerCount('menu:command')
    const unsubscribe = api.menu.onCommand((cmd) => received.push(cmd))
    expect(mocks.ipcRenderer.listenerCount('menu:command')).toBe(before + 1)

    mocks.ipcRenderer.emit('menu:command', {}, 'view.fit')
    mocks.ipcRenderer.emit('menu:command', {}, 'rm -rf /')
    mocks.ipcRenderer.emit('menu:command', {}, { id: 'view.fit' })
    expect(received).toEqual(['view.fit'])

    unsubscribe()
    expect(mocks.ipcRenderer.listenerCount('menu:command')).toBe(before)
    mocks.ipcRenderer.emit('menu:command', {}, 'app.about')
    expect(received).toEqual(['view.fit'])
  })

  it('unsubscribes only its own listener', () => {
    const first: string[] = []
    const second: string[] = []
    const stopFirst = api.menu.onCommand((cmd) => first.push(cmd))
    const stopSecond = api.menu.onCommand((cmd) => second.push(cmd))
    stopFirst()
    mocks.ipcRenderer.emit('menu:command', {}, 'settings.open')
    expect(first).toEqual([])
    expect(second).toEqual(['settings.open'])
    stopSecond()
  })
})
