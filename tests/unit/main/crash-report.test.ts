import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { appendFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import {
  formatLogEntry,
  handleRendererGone,
  installMainCrashHandlers,
  MAIN_LOG_NAME,
  writeLog,
  type RendererCrashDeps
} from '../../../src-main/main/services/crash-report'

let logDir: string
const fsDeps = (): { logDir: string; mkdir: typeof mkdir; appendFile: typeof appendFile } => ({
  logDir,
  mkdir: ((path: string) => mkdir(path, { recursive: true })) as typeof mkdir,
  appendFile
})

beforeEach(() => {
  logDir = join(mkdtempSync(join(tmpdir(), 'kg-logs-')), 'logs')
})
afterEach(() => {
  rmSync(join(logDir, '..'), { recursive: true, force: true })
})

describe('crash log', () => {
  it('formats an entry with the time, what happened and the stack', () => {
    const entry = formatLogEntry('Boom', new Error('kapot'), new Date('2026-12-01T10:00:00Z'))
    expect(entry).toContain('[2026-12-01T10:00:00.000Z] Boom')
    expect(entry).toContain('Error: kapot')
    expect(entry).toMatch(/at /)
  })

  it('creates the folder and appends entries to main.log', async () => {
    const path = await writeLog(fsDeps(), 'Eerste', new Error('een'))
    await writeLog(fsDeps(), 'Tweede', 'twee')
    expect(path).toBe(join(logDir, MAIN_LOG_NAME))
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('Eerste')
    expect(text).toContain('Tweede')
    expect(text.indexOf('Eerste')).toBeLessThan(text.indexOf('Tweede'))
  })

  it('never throws when the log cannot be written', async () => {
    const failing = {
      logDir,
      mkdir: async () => {
        throw new Error('EACCES')
      },
      appendFile: async () => undefined
    }
    await expect(writeLog(failing, 'x', 'y')).resolves.toBe(join(logDir, MAIN_LOG_NAME))
  })
})

describe('installMainCrashHandlers', () => {
  it('logs an uncaught error and shows it in a dialog that names the log file', async () => {
    const listeners = new Map<string, (error: unknown) => void>()
    const showErrorBox = vi.fn()
    installMainCrashHandlers({
      ...fsDeps(),
      on: (event, listener) => listeners.set(event, listener),
      showErrorBox
    })
    expect([...listeners.keys()].sort()).toEqual(['uncaughtException', 'unhandledRejection'])
    listeners.get('uncaughtException')?.(new Error('main kapot'))
    await vi.waitFor(() => expect(showErrorBox).toHaveBeenCalledOnce())
    const [title, content] = showErrorBox.mock.calls[0] as [string, string]
    expect(title).toContain('Er ging iets mis')
    expect(content).toContain('main kapot')
    expect(content).toContain(join(logDir, MAIN_LOG_NAME))
    expect(readFileSync(join(logDir, MAIN_LOG_NAME), 'utf8')).toContain('main kapot')
  })
})

describe('handleRendererGone', () => {
  const deps = (
    response: number
  ): RendererCrashDeps & {
    showMessageBox: Mock<RendererCrashDeps['showMessageBox']>
    reload: Mock<() => void>
    close: Mock<() => void>
  } => ({
    ...fsDeps(),
    showMessageBox: vi.fn<RendererCrashDeps['showMessageBox']>(async () => ({ response })),
    reload: vi.fn<() => void>(),
    close: vi.fn<() => void>()
  })

  it('logs the crash and reloads when the user picks "Opnieuw laden"', async () => {
    const d = deps(0)
    await expect(handleRendererGone({ reason: 'crashed', exitCode: 133 }, d)).resolves.toBe(
      'reloaded'
    )
    expect(d.reload).toHaveBeenCalledOnce()
    expect(d.close).not.toHaveBeenCalled()
    expect(readFileSync(join(logDir, MAIN_LOG_NAME), 'utf8')).toContain('crashed (exit code 133)')
    const [options] = d.showMessageBox.mock.calls[0] as unknown as [
      { buttons: string[]; detail: string }
    ]
    expect(options.buttons).toEqual(['Opnieuw laden', 'Venster sluiten'])
    expect(options.detail).toContain('opgeslagen is bewaard')
  })

  it('closes the window when the user picks close, and ignores a clean exit', async () => {
    const d = deps(1)
    await expect(handleRendererGone({ reason: 'oom', exitCode: 1 }, d)).resolves.toBe('closed')
    expect(d.close).toHaveBeenCalledOnce()
    const clean = deps(0)
    await expect(handleRendererGone({ reason: 'clean-exit', exitCode: 0 }, clean)).resolves.toBe(
      'ignored'
    )
    expect(clean.showMessageBox).not.toHaveBeenCalled()
  })
})
