/**
 * Files the user chose (in main's open dialog, or by opening them with the app), held open for the
 * renderer that may read them, so a file of any size is read in pieces and never loaded into one
 * Buffer. The renderer gets an opaque, random handle with the base name and size, never a path; it
 * pulls pieces of at most {@link MAX_CHUNK_BYTES} with `files:read-chunk` and lets go with
 * `files:close`. A handle belongs to the webContents it was given to: another window's read is
 * refused, and every handle of a window is closed when the window goes away. Handles also expire
 * after {@link HANDLE_IDLE_MS} without a read. fs and the id source are injected (tests run without
 * Electron).
 */
import { MAX_CHUNK_BYTES } from '../../shared/ipc-contract'

/** The parts of `fs/promises`' FileHandle used here. */
export interface ReadableFile {
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number
  ): Promise<{ bytesRead: number }>
  close(): Promise<void>
}

export interface FileHandleDeps {
  open(path: string): Promise<ReadableFile>
  /** A fresh unguessable id (crypto.randomUUID in the app). */
  randomId(): string
  /** Milliseconds now (Date.now in the app). */
  now(): number
}

/** A handle not read for this long is closed (a renderer that crashed mid-import, say). */
export const HANDLE_IDLE_MS = 10 * 60 * 1000

/** Message of every refused use of a handle: unknown, expired, closed or another window's. */
export const UNKNOWN_HANDLE_MESSAGE =
  'Dit bestand is niet (meer) open. Kies het opnieuw om het te importeren.'

interface Entry {
  owner: number
  file: ReadableFile
  size: number
  usedAt: number
}

export class FileHandles {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly deps: FileHandleDeps) {}

  /** Opens `path` (already checked: chosen by the user, right kind) for `owner`; its handle. */
  async add(path: string, size: number, owner: number): Promise<string> {
    this.expire()
    const file = await this.deps.open(path)
    let id = this.deps.randomId()
    while (this.entries.has(id)) id = this.deps.randomId()
    this.entries.set(id, { owner, file, size, usedAt: this.deps.now() })
    return id
  }

  get size(): number {
    return this.entries.size
  }

  /**
   * Up to `length` bytes (at most {@link MAX_CHUNK_BYTES}) from `offset`; fewer at the end of
   * the file, none past it. Throws for a handle `owner` does not hold, and for bounds that are not
   * whole numbers ≥ 0.
   */
  async read(owner: number, handle: unknown, offset: unknown, length: unknown): Promise<Uint8Array> {
    const entry = this.entry(owner, handle)
    if (!isCount(offset) || !isCount(length)) {
      throw new RangeError('Ongeldig stuk van een bestand gevraagd.')
    }
    entry.usedAt = this.deps.now()
    const wanted = Math.min(length, MAX_CHUNK_BYTES, Math.max(entry.size - offset, 0))
    if (wanted === 0) return new Uint8Array(0)
    const buffer = new Uint8Array(wanted)
    let filled = 0
    while (filled < wanted) {
      const { bytesRead } = await entry.file.read(buffer, filled, wanted - filled, offset + filled)
      if (bytesRead === 0) break // the file shrank since it was chosen
      filled += bytesRead
    }
    return filled === wanted ? buffer : buffer.subarray(0, filled)
  }

  /** Closes `handle` if `owner` holds it; unknown handles are ignored (closing twice is fine). */
  async close(owner: number, handle: unknown): Promise<void> {
    if (typeof handle !== 'string') return
    const entry = this.entries.get(handle)
    if (!entry || entry.owner !== owner) return
    this.entries.delete(handle)
    await entry.file.close().catch(() => undefined)
  }

  /** Closes every handle of `owner` (its window closed or reloaded). */
  async closeAll(owner: number): Promise<void> {
    const mine = [...this.entries].filter(([, e]) => e.owner === owner)
    for (const [id] of mine) await this.close(owner, id)
  }

  /** Closes handles idle for longer than {@link HANDLE_IDLE_MS}. */
  expire(): void {
    const now = this.deps.now()
    for (const [id, e] of [...this.entries]) {
      if (now - e.usedAt > HANDLE_IDLE_MS) {
        this.entries.delete(id)
        void e.file.close().catch(() => undefined)
      }
    }
  }

  private entry(owner: number, handle: unknown): Entry {
    this.expire()
    const entry = typeof handle === 'string' ? this.entries.get(handle) : undefined
    if (!entry || entry.owner !== owner) throw new Error(UNKNOWN_HANDLE_MESSAGE)
    return entry
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
