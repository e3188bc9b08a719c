/**
 * Reading a large import file in the import worker (import-worker.ts, started by read-async.ts). The
 * worker parses the file, asks the main thread for the stored nodes the file points at (the worker
 * cannot see the store), then maps and validates once with them, exactly as a small file is read on
 * the main thread: edges to nodes that are already in the map are no problem in a merge.
 *
 * Protocol: main → `read`; worker → `lookup` (only with `lookup: true` and ids to look up); main →
 * `nodes`; worker → `done`.
 */
import type { GraphNode } from '../../domain/node-kinds'
import { ok, type Result } from '../../domain/result'
import { previewOf } from './preview'
import { readFiles } from './read'
import type { ImportPreview, ReadOptions } from './types'
import { lookupOf, referencedIds } from './validate'

/** What the worker is asked to read. `lookup`: ask for the stored nodes the file points at. */
export interface ImportReadRequest {
  name: string
  bytes: Uint8Array
  options: Omit<ReadOptions, 'existing'>
  lookup: boolean
}

/** Messages to the import worker. */
export type ToImportWorker =
  ({ type: 'read' } & ImportReadRequest) | { type: 'nodes'; nodes: GraphNode[] }

/** Messages from the import worker. */
export type FromImportWorker =
  { type: 'lookup'; ids: string[] } | { type: 'done'; result: Result<ImportPreview> }

/**
 * Reads a file into a preview the way the worker does: parse, then (with `lookup`) fetch the stored
 * nodes among {@link referencedIds}, then map and validate once against them. The preview holds no
 * functions (no `existing`), so it can be posted back.
 */
export async function readInWorker(
  request: ImportReadRequest,
  lookup: (ids: string[]) => Promise<GraphNode[]>
): Promise<Result<ImportPreview>> {
  const read = readFiles([{ name: request.name, bytes: request.bytes }], request.options.maxBytes)
  if (!read.ok) return read
  let nodes: GraphNode[] = []
  if (request.lookup) {
    const ids = referencedIds(read.value)
    if (ids.length) nodes = await lookup(ids)
  }
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
  return (message) => {
    if (message.type === 'nodes') {
      answer?.(message.nodes)
      answer = null
      return
    }
    const { type: _type, ...request } = message
    void readInWorker(
      request,
      (ids) =>
        new Promise((resolve) => {
          answer = resolve
          post({ type: 'lookup', ids })
        })
    ).then((result) => post({ type: 'done', result }))
  }
}
