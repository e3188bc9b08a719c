import type { GraphNode } from '../../domain/node-kinds'
import type { Result } from '../../domain/result'
import { readImport } from './preview'
import type { ImportPreview, ReadOptions } from './types'
import type { FromImportWorker, ToImportWorker } from './worker-read'

/** Files above this size are read in a worker, so the window stays responsive and reading can be cancelled. */
export const WORKER_READ_BYTES = 2 * 1024 * 1024

/**
 * Reads an import file into a preview. Large files are parsed, mapped and validated in a Web Worker
 * (cancel with `signal`: the worker is terminated and the promise rejects with an AbortError); for a
 * merge the worker asks this thread for the stored nodes the file points at, so it validates against
 * them like a small file does. Small files are read here directly.
 */
export function readImportAsync(
  name: string,
  bytes: Uint8Array,
  options: ReadOptions & { signal?: AbortSignal } = {}
): Promise<Result<ImportPreview>> {
  const { signal, existing, ...rest } = options
  if (bytes.byteLength < WORKER_READ_BYTES || typeof Worker === 'undefined') {
    return Promise.resolve(readImport(name, bytes, { ...rest, ...(existing ? { existing } : {}) }))
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' })
    const send = (message: ToImportWorker, transfer: Transferable[] = []): void =>
      worker.postMessage(message, transfer)
    const stop = (): void => {
      worker.terminate()
      reject(new DOMException('Het lezen is afgebroken; er is niets veranderd.', 'AbortError'))
    }
    signal?.addEventListener('abort', stop, { once: true })
    worker.onmessage = (e: MessageEvent<FromImportWorker>): void => {
      const message = e.data
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
    send({ type: 'read', name, bytes, options: rest, lookup: !!existing }, [bytes.buffer])
  })
}
