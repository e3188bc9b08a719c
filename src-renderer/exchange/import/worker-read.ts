/**
 * Reading a large import file in the import worker (import-worker.ts, started by read-async.ts). The
 * worker reads the file as a stream (read-stream.ts: a `Blob`'s `stream()`, or a buffer cut in
 * pieces), reporting how far it is, asks the main thread for the stored nodes the file points at
 * (the worker cannot see the store), then maps and validates once with them, exactly as a small file
 * is read on the main thread: edges to nodes that are already in the map are no problem in a merge.
 *
 * Protocol: main → `read`; worker → `progress` (any number); worker → `lookup` (only with
 * `lookup: true` and ids to look up); main → `nodes`; worker → `done`. Main → `cancel` at any time
 * stops the read between chunks (the worker answers `done` with an AbortError result); the main
 * thread may also simply terminate the worker.
 */
import type { GraphNode } from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import { previewOf } from './preview'
import { chunksOf, readStreams, type StreamSource } from './read-stream'
import type { ImportPreview, ReadOptions } from './types'
import { lookupOf, referencedIds } from './validate'

/**
 * A file's bytes as a stream: what a `Blob` offers (the desktop app's files, read in pieces from
 * main, are one of these).
 */
export interface StreamableBytes {
  readonly size: number
  stream(): ReadableStream<Uint8Array>
}

/**
 * What the worker is asked to read: the file's bytes, the file itself (a Blob, read as a stream),
 * or a stream of its bytes (transferred to the worker) with its `size` for progress.
 */
export interface ImportReadRequest {
  name: string
  bytes: Uint8Array | StreamableBytes | ReadableStream<Uint8Array>
  /** The size of a `ReadableStream` request, for progress (0 or absent when unknown). */
  size?: number
  options: Omit<ReadOptions, 'existing'>
  lookup: boolean
}

/**
 * How far a read is: `read` phase with bytes read of `total`, then `check` (mapping and validation,
 * no measure of its own).
 */
export type ImportReadProgress =
  { phase: 'read'; read: number; total: number } | { phase: 'check'; read: number; total: number }

/** Messages to the import worker. */
export type ToImportWorker =
  | ({ type: 'read' } & ImportReadRequest)
  | { type: 'nodes'; nodes: GraphNode[] }
  | { type: 'cancel' }

/** Messages from the import worker. */
export type FromImportWorker =
  | { type: 'progress'; progress: ImportReadProgress }
  | { type: 'lookup'; ids: string[] }
  | { type: 'done'; result: Result<ImportPreview> }

/** The bytes of a request as a stream source. */
function sourceOf(name: string, data: ImportReadRequest['bytes'], size?: number): StreamSource {
  if (data instanceof Uint8Array) return { name, size: data.byteLength, chunks: chunksOf(data) }
  if (isReadableStream(data)) return { name, size: size ?? 0, chunks: iterate(data) }
  return { name, size: data.size, chunks: iterate(data.stream()) }
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as ReadableStream | null)?.getReader === 'function'
}

async function* iterate(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    // A read that stopped early (refused, cancelled) lets go of the source (an Electron handle).
    await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/**
 * Reads a file into a preview the way the worker does: stream-read (with progress), then (with
 * `lookup`) fetch the stored nodes among {@link referencedIds}, then map and validate once against
 * them. The preview holds no functions (no `existing`), so it can be posted back. Rejects only with
 * an AbortError when `signal` cancels the read.
 */
export async function readInWorker(
  request: ImportReadRequest,
  lookup: (ids: string[]) => Promise<GraphNode[]>,
  onProgress?: (progress: ImportReadProgress) => void,
  signal?: AbortSignal
): Promise<Result<ImportPreview>> {
  const source = sourceOf(request.name, request.bytes, request.size)
  const read = await readStreams([source], {
    ...(onProgress ? { onProgress: (p) => onProgress({ phase: 'read', ...p }) } : {}),
    ...(signal ? { signal } : {})
  })
  if (!read.ok) return read
  let nodes: GraphNode[] = []
  if (request.lookup) {
    const ids = referencedIds(read.value)
    if (ids.length) nodes = await lookup(ids)
  }
  if (signal?.aborted)
    throw new DOMException('Het lezen is afgebroken; er is niets veranderd.', 'AbortError')
  onProgress?.({ phase: 'check', read: source.size ?? 0, total: source.size ?? 0 })
  const preview = previewOf(read.value, request.name, {
    ...request.options,
    ...(request.lookup ? { existing: lookupOf(nodes) } : {})
  })
  if (!preview.ok) return preview
  const { existing: _existing, ...plain } = preview.value
  return ok(plain)
}

/**
 * The worker's message handler: `post` sends to the main thread. One read at a time (the main
 * thread starts a new worker per file).
 */
export function importWorkerHandler(
  post: (message: FromImportWorker) => void
): (message: ToImportWorker) => void {
  let answer: ((nodes: GraphNode[]) => void) | null = null
  const controller = new AbortController()
  return (message) => {
    if (message.type === 'nodes') {
      answer?.(message.nodes)
      answer = null
      return
    }
    if (message.type === 'cancel') {
      controller.abort()
      return
    }
    const { type: _type, ...request } = message
    void readInWorker(
      request,
      (ids) =>
        new Promise((resolve) => {
          answer = resolve
          post({ type: 'lookup', ids })
        }),
      (progress) => post({ type: 'progress', progress }),
      controller.signal
    ).then(
      (result) => post({ type: 'done', result }),
      (error: unknown) => {
        const aborted = error instanceof DOMException && error.name === 'AbortError'
        post({
          type: 'done',
          result: fail([
            {
              code: 'invalid_field',
              path: [],
              message: aborted
                ? 'Het lezen is afgebroken; er is niets veranderd.'
                : `Het bestand kon door een onverwachte fout niet worden gelezen (technisch: ${error instanceof Error ? error.message : String(error)}).`
            }
          ])
        })
      }
    )
  }
}
