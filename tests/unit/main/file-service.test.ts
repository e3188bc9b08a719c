import { basename, dirname, join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { OpenDialogOptions, SaveDialogOptions } from 'electron'
import {
  MAX_SAVE_BYTES,
  type FileKind
} from '../../../src-main/shared/ipc-contract'
import {
  openFile,
  saveFile,
  toSafeBaseName,
  type OpenFileDeps,
  type SaveFileDeps
} from '../../../src-main/main/services/file-service'

function saveDeps(
  dialogPath: string | undefined,
  canceled = false
): {
  deps: SaveFileDeps
  dialogOptions: () => SaveDialogOptions
  written: Array<{ path: string; data: string | Uint8Array }>
} {
  const written: Array<{ path: string; data: string | Uint8Array }> = []
  const showSaveDialog = vi.fn(async (_options: SaveDialogOptions) =>
    dialogPath === undefined ? { canceled } : { canceled, filePath: dialogPath }
  )
  const deps: SaveFileDeps = {
    showSaveDialog,
    writeFile: async (path, data) => {
      written.push({ path, data })
    }
  }
  return {
    deps,
    written,
    dialogOptions: () => {
      const options = showSaveDialog.mock.calls[0]?.[0]
      if (options === undefined) throw new Error('dialog was not shown')
      return options
    }
  }
}

describe('toSafeBaseName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['/tmp/x.png', 'x.png'],
    ['C:\\Windows\\system32\\evil.dll', 'evil.dll'],
    ['..', 'kennisgraaf'],
    ['map/..', 'kennisgraaf'],
    ['', 'kennisgraaf'],
    ['kaart<1>?.kg.json', 'kaart1.kg.json'],
    ['a\u0000b', 'ab']
  ])('%j becomes %j', (input, expected) => {
    expect(toSafeBaseName(input)).toBe(expected)
  })
})

describe('saveFile', () => {
  it('turns a path-like suggestedName into a base name in the dialog default', async () => {
    const { deps, dialogOptions, written } = saveDeps('/home/anna/Documenten/gekozen.png')
    await saveFile(
      { suggestedName: '../../etc/passwd', kind: 'png', data: new Uint8Array([1]) },
      deps
    )
    expect(dialogOptions().defaultPath).toBe('passwd.png')
    expect(written.map((w) => w.path)).toEqual(['/home/anna/Documenten/gekozen.png'])
  })

  it('writes only to the path the dialog returned, never to the suggested path', async () => {
    const { deps, dialogOptions, written } = saveDeps('/home/anna/kaart.png')
    const result = await saveFile({ suggestedName: '/tmp/x.png', kind: 'png', data: 'x' }, deps)
    expect(dialogOptions().defaultPath).toBe('x.png')
    expect(written).toEqual([{ path: '/home/anna/kaart.png', data: 'x' }])
    expect(result).toEqual({ saved: true, name: 'kaart.png' })
  })

  it('joins the base name to the default directory only', async () => {
    const { deps, dialogOptions } = saveDeps(undefined, true)
    deps.defaultDirectory = '/home/anna/Documenten'
    await saveFile({ suggestedName: '../../../root/.ssh/id', kind: 'kg-json', data: '{}' }, deps)
    const defaultPath = dialogOptions().defaultPath ?? ''
    expect(dirname(defaultPath)).toBe('/home/anna/Documenten')
    expect(basename(defaultPath)).toBe('id.kg.json')
  })

  it('filters the dialog to the kind and adds a missing extension', async () => {
    const { deps, dialogOptions, written } = saveDeps('/home/anna/kaart')
    const result = await saveFile({ suggestedName: 'stadmaken', kind: 'kg-json', data: '{}' }, deps)
    expect(dialogOptions().filters).toEqual([
      { name: 'Kennisgraaf (.kg.json)', extensions: ['kg.json', 'json'] }
    ])
    expect(dialogOptions().defaultPath).toBe('stadmaken.kg.json')
    expect(written[0]?.path).toBe('/home/anna/kaart.kg.json')
    expect(result).toEqual({ saved: true, name: 'kaart.kg.json' })
  })

  it('keeps an extension that is already there', async () => {
    const { deps, dialogOptions } = saveDeps('/home/anna/a.json')
    await saveFile({ suggestedName: 'kaart.JSON', kind: 'kg-json', data: '{}' }, deps)
    expect(dialogOptions().defaultPath).toBe('kaart.JSON')
  })

  it('reports a cancelled dialog and writes nothing', async () => {
    const { deps, written } = saveDeps(undefined, true)
    const result = await saveFile({ suggestedName: 'a', kind: 'csv', data: 'a;b' }, deps)
    expect(result).toEqual({ saved: false, reason: 'cancelled' })
    expect(written).toEqual([])
  })

  it('reports a failed write in Dutch', async () => {
    const { deps } = saveDeps('/readonly/a.csv')
    deps.writeFile = async () => {
      throw new Error('EACCES')
    }
    const result = await saveFile({ suggestedName: 'a', kind: 'csv', data: 'a;b' }, deps)
    expect(result.saved).toBe(false)
    if (!result.saved) {
      expect(result.reason).toBe('error')
      expect(result.message).toMatch(/kon niet worden opgeslagen/)
    }
  })

  it('refuses a payload over the save limit with a clear message, before any dialog', async () => {
    const { deps, written } = saveDeps('/home/anna/a.png')
    const huge = new Uint8Array(1)
    // Pretend to be one byte over the limit without allocating half a gigabyte.
    Object.defineProperty(huge, 'byteLength', { value: MAX_SAVE_BYTES + 1 })
    const result = await saveFile({ suggestedName: 'kaart', kind: 'png', data: huge }, deps)
    expect(result).toEqual({
      saved: false,
      reason: 'error',
      message: expect.stringMatching(/te groot om op te slaan.*grens is 512 MB/)
    })
    expect(deps.showSaveDialog).not.toHaveBeenCalled()
    expect(written).toEqual([])
  })

  it.each([
    ['no object', 'x'],
    ['unknown kind', { suggestedName: 'a', kind: 'exe', data: 'x' }],
    ['inherited kind', { suggestedName: 'a', kind: 'toString', data: 'x' }],
    ['object data', { suggestedName: 'a', kind: 'png', data: { path: '/etc/passwd' } }],
    ['number data', { suggestedName: 'a', kind: 'png', data: 42 }],
    ['missing name', { kind: 'png', data: 'x' }]
  ])('rejects a malformed request (%s) without showing a dialog', async (_label, req) => {
    const { deps, written } = saveDeps('/home/anna/a.png')
    await expect(saveFile(req, deps)).rejects.toThrow(/Ongeldig|Onbekend/)
    expect(deps.showSaveDialog).not.toHaveBeenCalled()
    expect(written).toEqual([])
  })
})

function openDeps(
  path: string | undefined,
  size: number
): {
  deps: OpenFileDeps
  dialogOptions: () => OpenDialogOptions
} {
  const showOpenDialog = vi.fn(async (_options: OpenDialogOptions) => ({
    canceled: path === undefined,
    filePaths: path === undefined ? [] : [path]
  }))
  return {
    deps: {
      showOpenDialog,
      stat: async () => ({ size, isFile: () => true })
    },
    dialogOptions: () => {
      const options = showOpenDialog.mock.calls[0]?.[0]
      if (options === undefined) throw new Error('dialog was not shown')
      return options
    }
  }
}

describe('openFile', () => {
  it('returns the checked file for main to keep (path, base name, size), reading nothing', async () => {
    const { deps } = openDeps('/home/anna/Documenten/kaart.kg.json', 3)
    const result = await openFile({ kinds: ['kg-json'] }, deps)
    expect(result).toEqual({ path: '/home/anna/Documenten/kaart.kg.json', name: 'kaart.kg.json', size: 3 })
  })

  it('filters the dialog to the requested kinds', async () => {
    const { deps, dialogOptions } = openDeps(undefined, 0)
    const kinds: FileKind[] = ['csv', 'gexf']
    expect(await openFile({ kinds }, deps)).toBeNull()
    expect(dialogOptions().filters).toEqual([
      { name: 'Alle ondersteunde bestanden', extensions: ['csv', 'gexf'] },
      { name: 'CSV', extensions: ['csv'] },
      { name: 'GEXF (Gephi)', extensions: ['gexf'] }
    ])
  })

  it('rejects a wrong extension with a Dutch message', async () => {
    const { deps } = openDeps(join('/home/anna', 'virus.exe'), 3)
    await expect(openFile({ kinds: ['kg-json', 'csv'] }, deps)).rejects.toThrow(
      'Dit bestandstype wordt niet ondersteund: "virus.exe". Kies een bestand met extensie .kg.json, .json, .csv.'
    )
  })

  it('has no size limit: a file past the old 200 MB cap (and past 4 GiB) is accepted', async () => {
    const { deps } = openDeps('/home/anna/groot.kg.json', 5 * 1024 ** 3)
    await expect(openFile({ kinds: ['kg-json'] }, deps)).resolves.toMatchObject({ size: 5 * 1024 ** 3 })
  })

  it.each([[{}], [{ kinds: [] }], [{ kinds: ['exe'] }], [null]])(
    'rejects a malformed request %j',
    async (req) => {
      const { deps } = openDeps('/home/anna/a.csv', 1)
      await expect(openFile(req, deps)).rejects.toThrow(/Ongeldig|Onbekend/)
      expect(deps.showOpenDialog).not.toHaveBeenCalled()
    }
  )
})
