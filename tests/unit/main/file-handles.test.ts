import { describe, expect, it, vi } from 'vitest'
import {
  FileHandles,
  HANDLE_IDLE_MS,
  type FileHandleDeps,
  type ReadableFile
} from '../../../src-main/main/services/file-handles'
import { MAX_CHUNK_BYTES } from '../../../src-main/shared/ipc-contract'

/** A file in memory that answers at most `perRead` bytes per read (as fs may). */
function memoryFile(bytes: Uint8Array, perRead = Infinity): ReadableFile & { closed: number } {
  const file = {
    closed: 0,
    async read(buffer: Uint8Array, offset: number, length: number, position: number) {
      const piece = bytes.subarray(position, position + Math.min(length, perRead))
      buffer.set(piece, offset)
      return { bytesRead: piece.length }
    },
    async close() {
      file.closed++
    }
  }
  return file
}

function setup(
  bytes: Uint8Array,
  perRead?: number
): { handles: FileHandles; file: ReturnType<typeof memoryFile>; deps: FileHandleDeps; tick: (ms: number) => number } {
  let clock = 0
  let n = 0
  const file = memoryFile(bytes, perRead)
  const deps: FileHandleDeps = {
    open: vi.fn(async () => file),
    randomId: () => `id-${++n}`,
    now: () => clock
  }
  return { handles: new FileHandles(deps), file, deps, tick: (ms: number) => (clock += ms) }
}

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251)

describe('FileHandles', () => {
  it('reads pieces within the file, fewer at its end and none past it, whatever fs returns per call', async () => {
    const { handles } = setup(bytes, 7)
    const h = await handles.add('/p/kaart.csv', bytes.length, 1)
    expect(await handles.read(1, h, 10, 100)).toEqual(bytes.subarray(10, 110))
    expect(await handles.read(1, h, 990, 100)).toEqual(bytes.subarray(990))
    expect(await handles.read(1, h, 1000, 100)).toHaveLength(0)
    expect(await handles.read(1, h, 5000, 100)).toHaveLength(0)
  })

  it('never returns more than 8 MB per piece', async () => {
    const big = new Uint8Array(MAX_CHUNK_BYTES + 10)
    const { handles } = setup(big)
    const h = await handles.add('/p/groot.kg.json', big.length, 1)
    expect((await handles.read(1, h, 0, Number.MAX_SAFE_INTEGER)).byteLength).toBe(MAX_CHUNK_BYTES)
  })

  it.each([[-1, 10], [0, -1], [1.5, 10], [0, Infinity], ['0', 10], [0, null]])(
    'refuses bounds that are not whole numbers ≥ 0 (%j, %j)',
    async (offset, length) => {
      const { handles } = setup(bytes)
      const h = await handles.add('/p/a.csv', bytes.length, 1)
      await expect(handles.read(1, h, offset, length)).rejects.toThrow(/Ongeldig stuk/)
    }
  )

  it("refuses another window's handle, an unknown one and a non-string", async () => {
    const { handles, file } = setup(bytes)
    const h = await handles.add('/p/a.csv', bytes.length, 1)
    await expect(handles.read(2, h, 0, 1)).rejects.toThrow(/niet \(meer\) open/)
    await expect(handles.read(1, 'id-999', 0, 1)).rejects.toThrow(/niet \(meer\) open/)
    await expect(handles.read(1, { toString: () => h }, 0, 1)).rejects.toThrow(/niet \(meer\) open/)
    await handles.close(2, h)
    expect(file.closed).toBe(0)
    await expect(handles.read(1, h, 0, 1)).resolves.toHaveLength(1)
  })

  it('a closed handle is gone (closing twice is fine); closeAll closes only that window', async () => {
    const { handles, file } = setup(bytes)
    const a = await handles.add('/p/a.csv', bytes.length, 1)
    const b = await handles.add('/p/b.csv', bytes.length, 2)
    await handles.close(1, a)
    await handles.close(1, a)
    expect(file.closed).toBe(1)
    await expect(handles.read(1, a, 0, 1)).rejects.toThrow(/niet \(meer\) open/)
    await handles.closeAll(1)
    await expect(handles.read(2, b, 0, 1)).resolves.toHaveLength(1)
    await handles.closeAll(2)
    expect(handles.size).toBe(0)
    expect(file.closed).toBe(2)
  })

  it('expires a handle idle for longer than the limit; reading keeps it alive', async () => {
    const { handles, tick } = setup(bytes)
    const h = await handles.add('/p/a.csv', bytes.length, 1)
    tick(HANDLE_IDLE_MS - 1)
    await handles.read(1, h, 0, 1)
    tick(HANDLE_IDLE_MS - 1)
    await expect(handles.read(1, h, 0, 1)).resolves.toHaveLength(1)
    tick(HANDLE_IDLE_MS + 1)
    await expect(handles.read(1, h, 0, 1)).rejects.toThrow(/niet \(meer\) open/)
    expect(handles.size).toBe(0)
  })
})
