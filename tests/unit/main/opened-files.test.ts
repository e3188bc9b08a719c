import { join, resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { MAX_IMPORT_BYTES } from '../../../src-main/shared/ipc-contract'
import type { ReadFileDeps } from '../../../src-main/main/services/file-service'
import { OpenedFileQueue, openedFilePaths } from '../../../src-main/main/services/opened-files'

describe('openedFilePaths', () => {
  it('takes .kg.json arguments, absolute against the working directory, and nothing else', () => {
    const cwd = resolve('/home/anna')
    expect(
      openedFilePaths(
        [
          '/opt/app/kennisgraaf',
          '--no-sandbox',
          '.',
          'kaart.kg.json',
          '/tmp/B.KG.JSON',
          'x.json',
          '--flag=a.kg.json'
        ],
        cwd
      )
    ).toEqual([join(cwd, 'kaart.kg.json'), '/tmp/B.KG.JSON'])
    // argv[0] is the executable, never a file to open.
    expect(openedFilePaths(['/opt/app/x.kg.json'], cwd)).toEqual([])
  })
})

describe('OpenedFileQueue', () => {
  const file = (size: number): ReadFileDeps => ({
    stat: vi.fn(async () => ({ size, isFile: () => true })),
    readFile: vi.fn(async (path: string) => new Uint8Array(Buffer.from(path)))
  })

  it('hands files out oldest first, once, and tells the listener on every add', async () => {
    const onAdded = vi.fn()
    const queue = new OpenedFileQueue(file(10), onAdded)
    queue.add(['/a/een.kg.json', '/a/twee.kg.json', '/a/een.kg.json'])
    queue.add(['/a/twee.kg.json'])
    expect(onAdded).toHaveBeenCalledOnce()
    expect(queue.size).toBe(2)
    expect(await queue.take()).toMatchObject({ ok: true, file: { name: 'een.kg.json' } })
    expect(await queue.take()).toMatchObject({ ok: true, file: { name: 'twee.kg.json' } })
    expect(await queue.take()).toBeNull()
  })

  it('returns a Dutch message, not an exception, for a file that is too large or of the wrong kind', async () => {
    const queue = new OpenedFileQueue(file(MAX_IMPORT_BYTES + 1))
    queue.add(['/a/groot.kg.json'])
    expect(await queue.take()).toEqual({
      ok: false,
      name: 'groot.kg.json',
      message: expect.stringContaining('te groot')
    })
    const wrong = new OpenedFileQueue(file(1))
    wrong.add(['/a/plaatje.png'])
    expect(await wrong.take()).toMatchObject({
      ok: false,
      message: expect.stringContaining('niet ondersteund')
    })
  })
})
