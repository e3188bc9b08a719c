import { describe, expect, it, vi } from 'vitest'
import { FileSaves, type FileSaveDeps } from '../../../src-main/main/services/file-saves'
import { MAX_CHUNK_BYTES } from '../../../src-main/shared/ipc-contract'

function setup(target: string | null = '/home/anna/backup.kg.json'): {
  saves: FileSaves
  deps: FileSaveDeps
  disk: Map<string, Uint8Array[]>
  text: (path: string) => string
} {
  const disk = new Map<string, Uint8Array[]>()
  let n = 0
  const deps: FileSaveDeps = {
    showSaveDialog: vi.fn(async () =>
      target === null ? { canceled: true } : { canceled: false, filePath: target }
    ),
    openForWrite: vi.fn(async (path: string) => {
      disk.set(path, [])
      return {
        write: async (data: Uint8Array) => void disk.get(path)!.push(data.slice()),
        close: async () => undefined
      }
    }),
    rename: vi.fn(async (from: string, to: string) => {
      disk.set(to, disk.get(from)!)
      disk.delete(from)
    }),
    remove: vi.fn(async (path: string) => void disk.delete(path)),
    randomId: () => `t-${++n}`
  }
  const text = (path: string): string =>
    new TextDecoder().decode(Buffer.concat(disk.get(path) ?? []))
  return { saves: new FileSaves(), deps, disk, text }
}

const req = { suggestedName: '../../etc/backup', kind: 'kg-json' }
const enc = (t: string): Uint8Array => new TextEncoder().encode(t)

describe('FileSaves (a save in pieces)', () => {
  it('writes the pieces to <path>.part and renames it into place on commit', async () => {
    const { saves, deps, disk, text } = setup()
    const begun = await saves.begin(req, 1, deps)
    expect(begun).toEqual({ saved: 'pending', token: 't-1' })
    const token = (begun as { token: string }).token
    await saves.chunk(1, token, enc('{"a":'))
    expect(disk.has('/home/anna/backup.kg.json')).toBe(false)
    await saves.chunk(1, token, enc('1}'))
    expect(await saves.end(1, token, true, deps)).toEqual({ saved: true, name: 'backup.kg.json' })
    expect(text('/home/anna/backup.kg.json')).toBe('{"a":1}')
    expect(disk.has('/home/anna/backup.kg.json.part')).toBe(false)
    expect(saves.size).toBe(0)
  })

  it('the path comes from the dialog only (the suggestion is a base name as its default)', async () => {
    const { saves, deps } = setup()
    await saves.begin(req, 1, deps)
    const options = vi.mocked(deps.showSaveDialog).mock.calls[0]![0]
    expect(options.defaultPath).toBe('backup.kg.json')
  })

  it('a cancelled dialog opens nothing; an aborted save removes its partial file', async () => {
    const cancelled = setup(null)
    expect(await cancelled.saves.begin(req, 1, cancelled.deps)).toEqual({
      saved: false,
      reason: 'cancelled'
    })
    expect(cancelled.deps.openForWrite).not.toHaveBeenCalled()
    const { saves, deps, disk } = setup()
    const { token } = (await saves.begin(req, 1, deps)) as { token: string }
    await saves.chunk(1, token, enc('{"half'))
    expect(await saves.end(1, token, false, deps)).toEqual({ saved: false, reason: 'cancelled' })
    expect([...disk.keys()]).toEqual([])
  })

  it("refuses another window's token, a piece over 8 MB, and anything but bytes", async () => {
    const { saves, deps } = setup()
    const { token } = (await saves.begin(req, 1, deps)) as { token: string }
    await expect(saves.chunk(2, token, enc('x'))).rejects.toThrow(/niet \(meer\) bezig/)
    await expect(saves.end(2, token, true, deps)).rejects.toThrow(/niet \(meer\) bezig/)
    await expect(saves.chunk(1, token, new Uint8Array(MAX_CHUNK_BYTES + 1))).rejects.toThrow(
      /hoogstens 8 MB/
    )
    await expect(saves.chunk(1, token, 'tekst')).rejects.toThrow(/verwacht bytes/)
    await expect(saves.chunk(1, 42, enc('x'))).rejects.toThrow(/niet \(meer\) bezig/)
    expect(saves.size).toBe(1)
  })

  it('a failed write is reported at the end, and the partial file removed', async () => {
    const { saves, deps, disk } = setup()
    vi.mocked(deps.openForWrite).mockResolvedValueOnce({
      write: async () => {
        throw new Error('ENOSPC: no space left on device')
      },
      close: async () => undefined
    })
    const { token } = (await saves.begin(req, 1, deps)) as { token: string }
    await saves.chunk(1, token, enc('x'))
    const r = await saves.end(1, token, true, deps)
    expect(r).toMatchObject({ saved: false, reason: 'error', message: expect.stringContaining('ENOSPC') })
    expect(deps.rename).not.toHaveBeenCalled()
    expect(deps.remove).toHaveBeenCalledWith('/home/anna/backup.kg.json.part')
    expect(disk.has('/home/anna/backup.kg.json')).toBe(false)
  })

  it("a window that goes away aborts its saves, not another window's", async () => {
    const { saves, deps, disk } = setup()
    const mine = (await saves.begin(req, 1, deps)) as { token: string }
    await saves.begin(req, 2, deps)
    await saves.chunk(1, mine.token, enc('x'))
    await saves.abortAll(1, deps)
    expect(saves.size).toBe(1)
    await expect(saves.chunk(1, mine.token, enc('y'))).rejects.toThrow(/niet \(meer\) bezig/)
    expect(disk.has('/home/anna/backup.kg.json')).toBe(false)
  })
})
