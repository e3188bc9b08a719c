/**
 * The renderer's side of main's file handles (src-renderer/platform/files.ts): a file main holds
 * open is read in pieces of at most 8 MB, streamed into the import worker's reader, and released;
 * a large save is sent in pieces. The preload's raw API is faked over a buffer.
 */
import { describe, expect, it, vi } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import { serializeKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import { readImport, readImportAsync } from '../../../src-renderer/exchange/import'
import { electronBridge, savePieces } from '../../../src-renderer/platform/files'
import { MAX_CHUNK_BYTES, type BridgeApi } from '../../../src-main/shared/ipc-contract'

const STAMP = '2026-03-01T00:00:00.000Z'

/** A raw preload API whose one open file is `bytes`, counting what is read and closed. */
// eslint-disable-next-line @typescript-eslint/explicit-function-return-type -- the fake's own shape
function fakeApi(name: string, bytes: Uint8Array) {
  const reads: { offset: number; length: number }[] = []
  const closed: string[] = []
  const saved: Uint8Array[] = []
  const files = {
    openFile: vi.fn(async () => ({ handle: 'h-1', name, size: bytes.length })),
    takeOpenedFile: vi.fn(async () => ({ ok: true as const, file: { handle: 'h-2', name, size: bytes.length } })),
    readChunk: vi.fn(async (handle: string, offset: number, length: number) => {
      expect(['h-1', 'h-2']).toContain(handle)
      expect(length).toBeLessThanOrEqual(MAX_CHUNK_BYTES)
      reads.push({ offset, length })
      return bytes.slice(offset, offset + length)
    }),
    closeFile: vi.fn(async (handle: string) => void closed.push(handle)),
    saveFile: vi.fn(async () => ({ saved: true as const, name: 'klein' })),
    saveBegin: vi.fn(async () => ({ saved: 'pending' as const, token: 't-1' })),
    saveChunk: vi.fn(async (_token: string, data: Uint8Array) => {
      expect(data.byteLength).toBeLessThanOrEqual(MAX_CHUNK_BYTES)
      saved.push(data.slice())
    }),
    saveEnd: vi.fn(async () => ({ saved: true as const, name: 'groot.kg.json' })),
    onFileOpened: () => () => undefined
  }
  const api = {
    files,
    app: { info: async () => ({ version: '1', platform: 'linux', shell: 'electron' as const }) },
    menu: { onCommand: () => () => undefined, setEnabled: async () => undefined }
  } satisfies BridgeApi
  return { api, reads, closed, saved }
}

describe('a file main holds open, read through its handle', () => {
  const graph = generateGraph({ nodes: 40, seed: 5 })
  // Padded with trailing white space to 3 MB: the worker path, and many pieces of 256 KiB.
  const PIECE = 256 * 1024
  const text = serializeKgJson(graph, { exportedAt: STAMP }) + ' '.repeat(3 * 1024 * 1024)
  const bytes = new TextEncoder().encode(text)

  it('streams into the import in pieces of at most 8 MB, with the same preview as the whole bytes', async () => {
    const { api, reads, closed } = fakeApi('kaart.kg.json', bytes)
    const file = await electronBridge(api, PIECE).files.openFile({ kinds: ['kg-json'] })
    expect(file?.name).toBe('kaart.kg.json')
    expect(file?.data.size).toBe(bytes.length)
    const progress: number[] = []
    const r = await readImportAsync(file!.name, file!.data, {
      now: STAMP,
      onProgress: (p) => progress.push(p.read)
    })
    file!.close()
    file!.close()
    expect(reads.length).toBeGreaterThan(1)
    expect(reads.map((r) => r.offset)).toEqual(reads.map((_, i) => i * PIECE))
    expect(r.ok).toBe(true)
    expect(closed).toEqual(['h-1'])
    expect(progress.at(-1)).toBe(bytes.length)
    const whole = readImport('kaart.kg.json', bytes, { now: STAMP })
    expect(r.ok && whole.ok && r.value.checked).toEqual(whole.ok && whole.value.checked)
  }, 30_000)

  it('a file refused at its start is not read to its end', async () => {
    // Past the 4 M characters up to which a refused .kg.json is also read whole for its messages.
    const broken = new Uint8Array(24 * PIECE).fill(0x20)
    broken.set(new TextEncoder().encode('{"type":"stadmaken-kennisgraaf","nodes":[{} {'), 0)
    const { api, reads } = fakeApi('kapot.kg.json', broken)
    const opened = await electronBridge(api, PIECE).files.takeOpenedFile()
    expect(opened?.ok).toBe(true)
    const file = opened!.ok ? opened!.file : null
    const r = await readImportAsync(file!.name, file!.data, { now: STAMP })
    expect(r.ok).toBe(false)
    expect(reads.length).toBeLessThan(20)
  })
})

describe('saves through the desktop bridge', () => {
  it('a small payload is one files:save-file call', async () => {
    const { api } = fakeApi('x', new Uint8Array())
    const r = await electronBridge(api).files.saveFile({ suggestedName: 'k', kind: 'csv', data: 'a;b' })
    expect(r).toEqual({ saved: true, name: 'klein' })
    expect(api.files.saveBegin).not.toHaveBeenCalled()
  })

  it('a large payload (or one in pieces) goes in pieces of at most 8 MB, committed at the end', async () => {
    const { api, saved } = fakeApi('x', new Uint8Array())
    const big = new Uint8Array(2 * MAX_CHUNK_BYTES + 5)
    for (let i = 0; i < big.length; i += 4093) big[i] = (i % 251) + 1
    const r = await electronBridge(api).files.saveFile({
      suggestedName: 'groot',
      kind: 'kg-json',
      data: [big.subarray(0, 10), big.subarray(10)]
    })
    expect(r).toEqual({ saved: true, name: 'groot.kg.json' })
    expect(api.files.saveFile).not.toHaveBeenCalled()
    expect(Buffer.concat(saved).equals(Buffer.from(big))).toBe(true)
    expect(api.files.saveEnd).toHaveBeenCalledExactlyOnceWith('t-1', true)
  })

  it('a failing piece aborts the save (the partial file is dropped by main)', async () => {
    const { api } = fakeApi('x', new Uint8Array())
    api.files.saveChunk.mockRejectedValueOnce(new Error('Dit opslaan is niet (meer) bezig.'))
    const r = await electronBridge(api).files.saveFile({
      suggestedName: 'groot',
      kind: 'kg-json',
      data: new Uint8Array(MAX_CHUNK_BYTES + 1)
    })
    expect(r).toMatchObject({ saved: false, reason: 'error' })
    expect(api.files.saveEnd).toHaveBeenCalledExactlyOnceWith('t-1', false)
  })

  it('savePieces cuts text and bytes without joining them', () => {
    expect([...savePieces('abcdef', 4)].map((p) => new TextDecoder().decode(p))).toEqual(['abcd', 'ef'])
    const parts = [new Uint8Array(3), new Uint8Array(5)]
    expect([...savePieces(parts, 4)].map((p) => p.length)).toEqual([3, 4, 1])
  })
})
