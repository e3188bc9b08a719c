import type { GraphNode } from '../../domain/node-kinds'
import type { Result } from '../../domain/result'
import { readImport } from './preview'
import type { ImportPreview, ReadOptions } from './types'
import {
  readInWorker,
  type FromImportWorker,
  type ImportReadProgress,
  type StreamableBytes,
  type ToImportWorker
} from './worker-read'

export type { ImportReadProgress } from './worker-read'

/** Files above this size are read in a worker, so the window stays responsive and reading can be cancelled. */
export const WORKER_READ_BYTES = 2 * 1024 * 1024

/** Options of {@link readImportAsync}. */
export interface AsyncReadOptions extends ReadOptions {
  /** Cancels the read: the promise rejects with an AbortError and nothing is changed. */
  signal?: AbortSignal
  /**
   * How far a large file's read is: phase `read` with bytes read of `total` (about every 1%), then
   * phase `check` while the records are mapped and validated. Not called for small files.
   */
  onProgress?: (progress: ImportReadProgress) => void
}

function abortError(): DOMException {
  return new DOMException('Het lezen is afgebroken; er is niets veranderd.', 'AbortError')
}

/** A file's bytes: a buffer, or anything read as a stream (a `File`/`Blob`, a desktop file handle). */
export type ImportBytes = Uint8Array | (StreamableBytes & { arrayBuffer(): Promise<ArrayBuffer> })

/**
 * Reads an import file into a preview. Large files (bytes, or a `File`/`Blob`/desktop file handle,
 * which is then read as a stream and never held whole; no byte limit, the record limit of limits.ts
 * decides) are read as a stream, mapped and validated in a Web Worker, with
 * progress through `onProgress`; cancel with `signal` (the worker is terminated and the promise
 * rejects with an AbortError). For a merge the worker asks this thread for the stored nodes the file
 * points at, so it validates against them like a small file does. Small files are read here
 * directly. Where there is no Worker (tests), large files take the worker's streamed path here.
 */
export async function readImportAsync(
  name: string,
  data: ImportBytes,
  options: AsyncReadOptions = {}
): Promise<Result<ImportPreview>> {
  const { signal, existing, onProgress, ...rest } = options
  const size = data instanceof Uint8Array ? data.byteLength : data.size
  if (size < WORKER_READ_BYTES) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer())
    if (signal?.aborted) throw abortError()
    return readImport(name, bytes, { ...rest, ...(existing ? { existing } : {}) })
  }
  if (typeof Worker === 'undefined') {
    const lookup = async (ids: string[]): Promise<GraphNode[]> =>
      ids.map((id) => existing?.(id)).filter((n): n is GraphNode => !!n)
    const r = await readInWorker(
      { name, bytes: data, options: rest, lookup: !!existing },
      lookup,
      onProgress,
      signal
    )
    return r.ok && existing ? { ok: true, value: { ...r.value, existing } } : r
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' })
    const send = (message: ToImportWorker, transfer: Transferable[] = []): void =>
      worker.postMessage(message, transfer)
    const stop = (): void => {
      worker.terminate()
      reject(abortError())
    }
    if (signal?.aborted) return stop()
    signal?.addEventListener('abort', stop, { once: true })
    worker.onmessage = (e: MessageEvent<FromImportWorker>): void => {
      const message = e.data
      if (message.type === 'progress') {
        onProgress?.(message.progress)
        return
      }
      if (message.type === 'lookup') {
        const nodes: GraphNode[] = []
        for (const id of message.ids) {
          const n = existing?.(id)
          if (n) nodes.push(n)
        }
        send({ type: 'nodes', nodes })
        return
      }
      signal?.removeEventListener('abort', stop)
      worker.terminate()
      const r = message.result
      resolve(r.ok && existing ? { ok: true, value: { ...r.value, existing } } : r)
    }
    worker.onerror = (e): void => {
      signal?.removeEventListener('abort', stop)
      worker.terminate()
      reject(new Error(e.message))
    }
    if (data instanceof Uint8Array) {
      send({ type: 'read', name, bytes: data, options: rest, lookup: !!existing }, [
        data.buffer as ArrayBuffer
      ])
    } else if (typeof Blob !== 'undefined' && data instanceof Blob) {
      // A Blob (a picked File) is posted as a reference; the worker streams it from disk.
      send({ type: 'read', name, bytes: data, options: rest, lookup: !!existing })
    } else {
      // Any other source (a desktop file handle) is handed over as a transferred stream.
      const stream = data.stream()
      send({ type: 'read', name, bytes: stream, size, options: rest, lookup: !!existing }, [
        stream as unknown as Transferable
      ])
    }
  })
}
