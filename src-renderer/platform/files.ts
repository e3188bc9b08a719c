/**
 * Files as the renderer sees them, in the browser and in the desktop app alike. A picked or opened
 * file is a {@link PickedFile}: its name and a {@link FileBytes} — in a browser the `File` itself (a
 * Blob, read by the import worker as a stream), in Electron a reader over the opaque handle main
 * gave (`files:read-chunk`, pieces of at most 8 MB), so no file is ever loaded whole by main or by
 * this thread. Saves of any size: a payload larger than one IPC message should carry is sent in
 * pieces (`files:save-begin/chunk/end`); main keeps the chosen path.
 */
import {
  MAX_CHUNK_BYTES,
  type AppInfo,
  type BridgeApi,
  type MenuEnabledStates,
  type OpenFileRequest,
  type SaveFileRequest,
  type SaveFileResult
} from '../../src-main/shared/ipc-contract'
import type { MenuCommand } from '../../src-main/shared/menu-commands'

/** A file's bytes, read as a stream (what a `Blob` offers; a `File` is one). */
export interface FileBytes {
  readonly size: number
  stream(): ReadableStream<Uint8Array>
  arrayBuffer(): Promise<ArrayBuffer>
}

/** A file the user picked or opened with the app. Call `close` when done with it. */
export interface PickedFile {
  name: string
  data: FileBytes
  /** Releases the file (in Electron: main's handle); calling it twice is fine. */
  close(): void
}

/** A file opened with the app, or why it could not be opened. */
export type OpenedPick = { ok: true; file: PickedFile } | { ok: false; name: string; message: string }

/** What to save: text, bytes, or bytes in pieces (never joined into one buffer here). */
export interface SaveRequest extends Omit<SaveFileRequest, 'data'> {
  data: string | Uint8Array | readonly Uint8Array[]
}

/** The platform as the renderer uses it (platform/bridge.ts `bridge`). */
export interface AppBridge {
  files: {
    saveFile(req: SaveRequest): Promise<SaveFileResult>
    openFile(req: OpenFileRequest): Promise<PickedFile | null>
    takeOpenedFile(): Promise<OpenedPick | null>
    onFileOpened(cb: () => void): () => void
  }
  app: { info(): Promise<AppInfo> }
  menu: {
    onCommand(cb: (cmd: MenuCommand) => void): () => void
    setEnabled(states: MenuEnabledStates): Promise<void>
  }
}

type RawFiles = BridgeApi['files']

/** The bytes behind a handle main gave, pulled piece by piece. */
export function handleBytes(
  files: RawFiles,
  handle: string,
  size: number,
  chunkBytes = MAX_CHUNK_BYTES
): FileBytes {
  return {
    size,
    stream(): ReadableStream<Uint8Array> {
      let at = 0
      return new ReadableStream<Uint8Array>(
        {
          async pull(controller): Promise<void> {
            if (at >= size) return controller.close()
            const piece = await files.readChunk(handle, at, chunkBytes)
            if (piece.byteLength === 0) return controller.close() // the file shrank
            at += piece.byteLength
            controller.enqueue(piece)
          }
        },
        { highWaterMark: 0 }
      )
    },
    async arrayBuffer(): Promise<ArrayBuffer> {
      const out = new Uint8Array(size)
      let at = 0
      while (at < size) {
        const piece = await files.readChunk(handle, at, chunkBytes)
        if (piece.byteLength === 0) break
        out.set(piece.subarray(0, size - at), at)
        at += piece.byteLength
      }
      return out.buffer.slice(0, Math.min(at, size))
    }
  }
}

/** Cuts a payload into pieces of at most `size` bytes. */
export function* savePieces(
  data: string | Uint8Array | readonly Uint8Array[],
  size = MAX_CHUNK_BYTES
): Generator<Uint8Array> {
  const parts = typeof data === 'string' ? [new TextEncoder().encode(data)] : data instanceof Uint8Array ? [data] : data
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += size) yield part.subarray(at, at + size)
  }
}

function payloadBytes(data: string | Uint8Array | readonly Uint8Array[]): number {
  if (typeof data === 'string') return data.length * 3 // UTF-8 at most
  if (data instanceof Uint8Array) return data.byteLength
  return data.reduce((s, p) => s + p.byteLength, 0)
}

/**
 * The desktop bridge: the preload's raw `window.api`, with handles turned into {@link PickedFile}s
 * (read in pieces of `chunkBytes`, at most what main gives).
 */
export function electronBridge(api: BridgeApi, chunkBytes = MAX_CHUNK_BYTES): AppBridge {
  const files = api.files
  const picked = (f: { handle: string; name: string; size: number }): PickedFile => {
    let closed = false
    return {
      name: f.name,
      data: handleBytes(files, f.handle, f.size, chunkBytes),
      close(): void {
        if (closed) return
        closed = true
        void files.closeFile(f.handle).catch(() => undefined)
      }
    }
  }
  return {
    files: {
      async saveFile(req: SaveRequest): Promise<SaveFileResult> {
        const { data, ...rest } = req
        if (!Array.isArray(data) && payloadBytes(data) <= MAX_CHUNK_BYTES) {
          return files.saveFile({ ...rest, data: data as string | Uint8Array })
        }
        const begun = await files.saveBegin(rest)
        if (begun.saved !== 'pending') return begun
        try {
          for (const piece of savePieces(data)) await files.saveChunk(begun.token, piece)
        } catch (error) {
          await files.saveEnd(begun.token, false).catch(() => undefined)
          const detail = error instanceof Error ? ` (${error.message})` : ''
          return { saved: false, reason: 'error', message: `Het bestand kon niet worden opgeslagen${detail}.` }
        }
        return files.saveEnd(begun.token, true)
      },
      async openFile(req) {
        const f = await files.openFile(req)
        return f ? picked(f) : null
      },
      async takeOpenedFile() {
        const o = await files.takeOpenedFile()
        if (!o) return null
        return o.ok ? { ok: true, file: picked(o.file) } : o
      },
      onFileOpened: (cb) => files.onFileOpened(cb)
    },
    app: api.app,
    menu: api.menu
  }
}
