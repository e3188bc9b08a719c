import { join, resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { ReadFileDeps } from '../../../src-main/main/services/file-service'
import { OpenedFileQueue, openedFilePaths } from '../../../src-main/main/services/opened-files'
import type { OpenFileResult } from '../../../src-main/shared/ipc-contract'

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
    stat: vi.fn(async () => ({ size, isFile: () => true }))
  })
  // What the handlers do with a checked file: hold it open under a handle (file-handles.ts).
  const give = async (f: { path: string; name: string; size: number }): Promise<OpenFileResult> => ({
    handle: `h:${f.name}`,
    name: f.name,
    size: f.size
  })

  it('hands files out oldest first, once, and tells the listener on every add', async () => {
    const onAdded = vi.fn()
    const queue = new OpenedFileQueue(file(10), onAdded)
    queue.add(['/a/een.kg.json', '/a/twee.kg.json', '/a/een.kg.json'])
    queue.add(['/a/twee.kg.json'])
    expect(onAdded).toHaveBeenCalledOnce()
    expect(queue.size).toBe(2)
    expect(await queue.take(give)).toMatchObject({ ok: true, file: { name: 'een.kg.json' } })
    expect(await queue.take(give)).toMatchObject({ ok: true, file: { name: 'twee.kg.json' } })
    expect(await queue.take(give)).toBeNull()
  })

  it('hands out a handle, name and size, never the path, and has no size limit', async () => {
    const queue = new OpenedFileQueue(file(5 * 1024 ** 3))
    queue.add(['/a/geheim/groot.kg.json'])
    const taken = await queue.take(give)
    expect(taken).toEqual({
      ok: true,
      file: { handle: 'h:groot.kg.json', name: 'groot.kg.json', size: 5 * 1024 ** 3 }
    })
    expect(JSON.stringify(taken)).not.toContain('geheim')
  })

  it('returns a Dutch message, not an exception, for a file of the wrong kind', async () => {
    const wrong = new OpenedFileQueue(file(1))
    wrong.add(['/a/plaatje.png'])
    expect(await wrong.take(give)).toMatchObject({
      ok: false,
      message: expect.stringContaining('niet ondersteund')
    })
  })
})
