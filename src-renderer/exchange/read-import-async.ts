import type { Result } from '../domain/result'
import { readImport, type ImportPreview, type ReadOptions } from './import-pipeline'
import type { ImportWorkerRequest } from './import-worker'

/** Files above this size are read in a worker, so the window stays responsive and reading can be cancelled. */
export const WORKER_READ_BYTES = 2 * 1024 * 1024

/**
 * Reads an import file into a preview. Large files are parsed in a Web Worker (cancel with `signal`:
 * the worker is terminated and the promise rejects with an AbortError); the stored-node lookup for a
 * merge is attached afterwards on this thread. Small files are read here directly.
 */
export function readImportAsync(
  name: string,
  bytes: Uint8Array,
  options: ReadOptions & { signal?: AbortSignal } = {}
): Promise<Result<ImportPreview>> {
  const { signal, existing, ...rest } = options
  if (bytes.byteLength < WORKER_READ_BYTES || typeof Worker === 'undefined') {
    return Promise.resolve(readImport(name, bytes, options))
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' })
    const stop = (): void => {
      worker.terminate()
      reject(new DOMException('Het lezen is afgebroken; er is niets veranderd.', 'AbortError'))
    }
    signal?.addEventListener('abort', stop, { once: true })
    worker.onmessage = (e: MessageEvent<Result<ImportPreview>>): void => {
      signal?.removeEventListener('abort', stop)
      worker.terminate()
      const r = e.data
      resolve(r.ok && existing ? { ok: true, value: { ...r.value, existing } } : r)
    }
    worker.onerror = (e): void => {
      signal?.removeEventListener('abort', stop)
      worker.terminate()
      reject(new Error(e.message))
    }
    const request: ImportWorkerRequest = { name, bytes, options: rest }
    worker.postMessage(request, [bytes.buffer])
  })
}
