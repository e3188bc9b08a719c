/**
 * The search worker: holds the {@link SearchIndex} off the main thread, so building it and typing never
 * stall the canvas. Started by search-client.ts as
 * `new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' })`.
 *
 * Protocol (messages are handled in order, so a search sees every patch posted before it):
 * - `init` once, with the labels;
 * - a build is `build-start`, any number of `build-chunk`s, `build-end` (answered with `built`); it
 *   replaces the index only at `build-end`, so searches during a build use the previous index;
 * - `patch` upserts and removes documents at once;
 * - `search` is answered with `results` (or `cancelled` when a newer search arrived before it ran: the
 *   worker coalesces a burst of keystrokes and only runs the latest), or `error`.
 */
import { DEFAULT_SEARCH_LABELS, type SearchLabels, type SearchSource } from './search-docs'
import { SearchIndex, type SearchOptions, type SearchResult } from './search-index'

/** Messages to the worker. */
export type SearchWorkerRequest =
  | { type: 'init'; labels: SearchLabels }
  | { type: 'build-start'; generation: number }
  | { type: 'build-chunk'; generation: number; sources: SearchSource[] }
  | { type: 'build-end'; generation: number }
  | { type: 'patch'; upserts: SearchSource[]; removals: string[] }
  | { type: 'search'; seq: number; query: string; options: SearchOptions }

/** Messages from the worker. `ms` is time spent in the worker. */
export type SearchWorkerResponse =
  | { type: 'built'; generation: number; docs: number; ms: number }
  | { type: 'results'; seq: number; results: SearchResult[]; ms: number }
  | { type: 'cancelled'; seq: number }
  | { type: 'error'; seq: number | null; message: string }

/** The part of DedicatedWorkerGlobalScope this worker uses (the web tsconfig has DOM types only). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<SearchWorkerRequest>) => void) | null
  postMessage(message: SearchWorkerResponse): void
}

const scope = globalThis as unknown as WorkerScope

let labels: SearchLabels = DEFAULT_SEARCH_LABELS
let index = new SearchIndex(labels)
let pending: { generation: number; sources: SearchSource[] } | null = null
let queued: Extract<SearchWorkerRequest, { type: 'search' }> | null = null

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Runs the latest queued search (earlier ones were answered `cancelled` when they were replaced). */
function runQueued(): void {
  const request = queued
  queued = null
  if (!request) return
  const started = performance.now()
  try {
    const results = index.search(request.query, request.options)
    scope.postMessage({
      type: 'results',
      seq: request.seq,
      results,
      ms: performance.now() - started
    })
  } catch (err) {
    scope.postMessage({ type: 'error', seq: request.seq, message: message(err) })
  }
}

scope.onmessage = (event: MessageEvent<SearchWorkerRequest>): void => {
  const request = event.data
  try {
    switch (request.type) {
      case 'init':
        labels = request.labels
        index = new SearchIndex(labels)
        break
      case 'build-start':
        pending = { generation: request.generation, sources: [] }
        break
      case 'build-chunk':
        if (pending?.generation === request.generation) {
          for (const s of request.sources) pending.sources.push(s)
        }
        break
      case 'build-end': {
        if (pending?.generation !== request.generation) break
        const started = performance.now()
        index = SearchIndex.build(pending.sources, labels)
        pending = null
        scope.postMessage({
          type: 'built',
          generation: request.generation,
          docs: index.size,
          ms: performance.now() - started
        })
        break
      }
      case 'patch':
        for (const id of request.removals) index.remove(id)
        for (const s of request.upserts) index.add(s)
        break
      case 'search':
        if (queued) scope.postMessage({ type: 'cancelled', seq: queued.seq })
        queued = request
        setTimeout(runQueued, 0)
        break
    }
  } catch (err) {
    scope.postMessage({
      type: 'error',
      seq: request.type === 'search' ? request.seq : null,
      message: message(err)
    })
  }
}
