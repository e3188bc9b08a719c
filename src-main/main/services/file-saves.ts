/**
 * Saves in pieces (`files:save-begin` / `files:save-chunk` / `files:save-end`), for files larger than
 * one IPC message should carry (a backup of a large map). `begin` opens main's save dialog and keeps
 * the chosen path here, under a random token that belongs to the asking webContents; the pieces
 * (each at most {@link MAX_CHUNK_BYTES}) are written to `<path>.part`, and only a committed end
 * renames it over the target, so an interrupted save never leaves a half-written file under the
 * chosen name (nor destroys the file it was to replace). A window that goes away aborts its saves.
 */
import { basename } from 'node:path'
import {
  MAX_CHUNK_BYTES,
  type SaveBeginResult,
  type SaveFileResult
} from '../../shared/ipc-contract'
import { chooseSavePath, type SaveFileDeps } from './file-service'

/** The parts of `fs/promises`' FileHandle used here. */
export interface WritableFile {
  write(data: Uint8Array): Promise<unknown>
  close(): Promise<void>
}

export interface FileSaveDeps extends Pick<SaveFileDeps, 'showSaveDialog' | 'defaultDirectory'> {
  /** Creates (or truncates) `path` for writing. */
  openForWrite(path: string): Promise<WritableFile>
  rename(from: string, to: string): Promise<void>
  remove(path: string): Promise<void>
  randomId(): string
}

export const UNKNOWN_SAVE_MESSAGE = 'Dit opslaan is niet (meer) bezig. Sla het bestand opnieuw op.'

interface Pending {
  owner: number
  target: string
  part: string
  file: WritableFile
  /** The write chain: pieces are written in order, one at a time. */
  writing: Promise<unknown>
  error: unknown
}

function failed(error: unknown): SaveFileResult {
  const detail = error instanceof Error ? ` (${error.message})` : ''
  return {
    saved: false,
    reason: 'error',
    message: `Het bestand kon niet worden opgeslagen${detail}. Kies een andere map of naam.`
  }
}

export class FileSaves {
  private readonly pending = new Map<string, Pending>()

  /** Saves under way (for tests). */
  get size(): number {
    return this.pending.size
  }

  /** Opens the dialog; a token to send the pieces to, or why not. Throws for a malformed request. */
  async begin(req: unknown, owner: number, deps: FileSaveDeps): Promise<SaveBeginResult> {
    const target = await chooseSavePath(req, deps)
    if (target === null) return { saved: false, reason: 'cancelled' }
    const part = `${target}.part`
    let file: WritableFile
    try {
      file = await deps.openForWrite(part)
    } catch (error) {
      return failed(error) as Extract<SaveFileResult, { saved: false }>
    }
    let token = deps.randomId()
    while (this.pending.has(token)) token = deps.randomId()
    this.pending.set(token, { owner, target, part, file, writing: Promise.resolve(), error: null })
    return { saved: 'pending', token }
  }

  /** Appends one piece. Throws for a token `owner` does not hold, or a piece that is not bytes ≤ 8 MB. */
  async chunk(owner: number, token: unknown, data: unknown): Promise<void> {
    const save = this.get(owner, token)
    if (!(data instanceof Uint8Array) || data.byteLength > MAX_CHUNK_BYTES) {
      throw new RangeError('Ongeldig stuk om op te slaan: verwacht bytes, hoogstens 8 MB.')
    }
    save.writing = save.writing.then(async () => {
      if (save.error === null) await save.file.write(data).catch((e: unknown) => (save.error = e))
    })
    await save.writing
  }

  /** Ends a save: with `commit` the file takes its place (renamed from `.part`), else it is removed. */
  async end(owner: number, token: unknown, commit: unknown, deps: FileSaveDeps): Promise<SaveFileResult> {
    const save = this.get(owner, token)
    this.pending.delete(token as string)
    await save.writing
    await save.file.close().catch((e: unknown) => (save.error ??= e))
    if (commit !== true || save.error !== null) {
      await deps.remove(save.part).catch(() => undefined)
      return save.error !== null ? failed(save.error) : { saved: false, reason: 'cancelled' }
    }
    try {
      await deps.rename(save.part, save.target)
    } catch (error) {
      await deps.remove(save.part).catch(() => undefined)
      return failed(error)
    }
    return { saved: true, name: basename(save.target) }
  }

  /** Aborts every save of `owner` (its window went away): the partial files are removed. */
  async abortAll(owner: number, deps: FileSaveDeps): Promise<void> {
    for (const [token, save] of [...this.pending]) {
      if (save.owner === owner) await this.end(owner, token, false, deps)
    }
  }

  private get(owner: number, token: unknown): Pending {
    const save = typeof token === 'string' ? this.pending.get(token) : undefined
    if (!save || save.owner !== owner) throw new Error(UNKNOWN_SAVE_MESSAGE)
    return save
  }
}
