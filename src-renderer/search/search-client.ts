/**
 * The app's way to search: keeps a {@link SearchIndex} in step with a {@link NodeFeed} — in the app
 * the display projection, so the index holds only what may be shown: with Presentatieveilig on, a
 * hidden name finds nothing and appears in no result or snippet — and answers queries without
 * blocking the main thread.
 *
 * - **Worker mode** (where `Worker` exists): the index lives in search-worker.ts. On creation and on every
 *   `all` change of the feed, its nodes are posted as plain {@link SearchSource}s in chunks, one
 *   macrotask apart, so even 100k nodes never hold the main thread for long; the worker builds at the
 *   end. `records` changes are forwarded as incremental upserts and removals (queued behind a build in
 *   flight), leaving out nodes whose searchable text the commit did not change (`sameSearchSource` on
 *   the diff's before/after: a layout that saves every position re-indexes nothing).
 * - **In-thread mode** (no `Worker`, e.g. unit tests, or after the worker failed): the same index in
 *   this thread, built at creation and patched synchronously from store events.
 *
 * **Cancellation contract.** Only the latest query's answer resolves. Starting a new `search` rejects
 * every earlier one still waiting with a `DOMException` named `AbortError` (test with
 * {@link isSearchAbort}); so does aborting `options.signal`, and `dispose()`. In both modes the answer
 * arrives asynchronously (at least one macrotask later), so a burst of keystrokes runs one search.
 * A search always sees every feed change emitted before it was called.
 */
import type { GraphNode } from '../domain/node-kinds'
import {
  DEFAULT_SEARCH_LABELS,
  sameSearchSource,
  toSearchSource,
  type SearchLabels
} from './search-docs'
import { SearchIndex, type SearchOptions, type SearchResult } from './search-index'
import type { SearchWorkerRequest, SearchWorkerResponse } from './search-worker'

/** A change of the nodes a search indexes. */
export type NodeFeedChange =
  | { type: 'all' }
  | {
      type: 'records'
      /** Nodes that may look different now (live, or removed). */
      nodeIds: ReadonlySet<string>
      /** The commit's own node updates, before and after (to skip changes no search can see). */
      diff: { nodes: { updated: readonly { before: GraphNode; after: GraphNode }[] } }
    }

/** Where the index gets its nodes: the nodes as they may be shown, and what changed. */
export interface NodeFeed {
  nodes(): GraphNode[]
  /** A live node as it may be shown, or undefined when missing or deleted. */
  node(id: string): GraphNode | undefined
  subscribe(listener: (change: NodeFeedChange) => void): () => void
}

/** Options of {@link SearchClient.search}. */
export interface SearchClientOptions extends SearchOptions {
  /** Aborting rejects the search with an AbortError. */
  signal?: AbortSignal
}

/** A live search over a {@link NodeFeed}. */
export interface SearchClient {
  /**
   * Searches (see {@link SearchIndex.search} for the query language). Resolves with the results, or
   * rejects with an AbortError when superseded, aborted or disposed (see the module comment).
   */
  search(query: string, options?: SearchClientOptions): Promise<SearchResult[]>
  /** Resolves when the index reflects the latest `all` change (rejects if that build failed). */
  ready(): Promise<void>
  /** Where the index lives now. */
  readonly mode: 'worker' | 'in-thread'
  /** Stops listening to the feed, ends the worker, and rejects waiting searches. Idempotent. */
  dispose(): void
}

/** Options of {@link createSearchClient}. */
export interface CreateSearchClientOptions {
  /** Keep the index in this thread even where workers exist (benchmarks, debugging). */
  inThread?: boolean
  /** Nodes per build message to the worker (default 2500). */
  chunkSize?: number
}

/** The error a superseded, aborted or disposed search rejects with. */
export function searchAbortError(): DOMException {
  return new DOMException('The search was superseded or cancelled.', 'AbortError')
}

/** Whether `err` is the rejection of a superseded or cancelled search. */
export function isSearchAbort(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError'
  )
}

interface Waiting {
  seq: number
  query: string
  options: SearchOptions
  resolve: (results: SearchResult[]) => void
  reject: (err: unknown) => void
  cleanup: () => void
}

/** One macrotask, so the main thread can paint and handle input between build chunks. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * Creates a search client over `feed`, indexing its nodes with `labels` (kind and facet labels in
 * every language; default Dutch and English). Call `dispose()` when done.
 */
export function createSearchClient(
  feed: NodeFeed,
  labels: SearchLabels = DEFAULT_SEARCH_LABELS,
  options: CreateSearchClientOptions = {}
): SearchClient {
  const chunkSize = Math.max(1, options.chunkSize ?? 2500)
  let mode: 'worker' | 'in-thread' =
    !options.inThread && typeof Worker !== 'undefined' ? 'worker' : 'in-thread'
  let worker: Worker | null = null
  let index: SearchIndex | null = null
  let disposed = false
  let seq = 0
  let waiting: Waiting | null = null
  let generation = 0
  let building = false
  let backlog: SearchWorkerRequest[] = []
  let readyPromise: Promise<void> = Promise.resolve()
  let readyDone: { resolve: () => void; reject: (err: unknown) => void } | null = null
  let inThreadTimer: ReturnType<typeof setTimeout> | null = null

  const settle = (s: number, fn: (w: Waiting) => void): void => {
    if (waiting && waiting.seq === s) {
      const w = waiting
      waiting = null
      w.cleanup()
      fn(w)
    }
  }

  /** A pending ready promise is kept across resets: it resolves when the latest build is done. */
  const newReady = (): void => {
    if (readyDone) return
    readyPromise = new Promise<void>((resolve, reject) => {
      readyDone = { resolve, reject }
    })
    readyPromise.catch(() => undefined)
  }

  const post = (msg: SearchWorkerRequest): void => {
    worker?.postMessage(msg)
  }

  // In-thread mode

  const buildInThread = (): void => {
    index = SearchIndex.build(feed.nodes(), labels)
    readyDone?.resolve()
    readyDone = null
    readyPromise = Promise.resolve()
  }

  const runInThread = (): void => {
    inThreadTimer = null
    const w = waiting
    if (!w || !index) return
    try {
      const results = index.search(w.query, w.options)
      settle(w.seq, (x) => x.resolve(results))
    } catch (err) {
      settle(w.seq, (x) => x.reject(err))
    }
  }

  const scheduleInThread = (): void => {
    if (inThreadTimer === null) inThreadTimer = setTimeout(runInThread, 0)
  }

  // Worker mode

  const streamBuild = async (gen: number, nodes: readonly GraphNode[]): Promise<void> => {
    building = true
    post({ type: 'build-start', generation: gen })
    for (let i = 0; i < nodes.length; i += chunkSize) {
      if (i > 0) await macrotask()
      if (disposed || gen !== generation || mode !== 'worker') return
      const sources = nodes.slice(i, i + chunkSize).map(toSearchSource)
      post({ type: 'build-chunk', generation: gen, sources })
    }
    if (disposed || gen !== generation || mode !== 'worker') return
    post({ type: 'build-end', generation: gen })
    building = false
    const queued = backlog
    backlog = []
    for (const msg of queued) post(msg)
  }

  const startBuild = (): void => {
    generation++
    backlog = []
    newReady()
    const live = feed.nodes()
    if (mode === 'in-thread') {
      buildInThread()
      return
    }
    streamBuild(generation, live).catch((err: unknown) =>
      fallBackToThread(err instanceof Error ? err.message : String(err))
    )
  }

  const fallBackToThread = (reason: string): void => {
    if (mode === 'in-thread') return
    console.warn(`search: the worker failed (${reason}); searching in this thread instead`)
    worker?.terminate()
    worker = null
    mode = 'in-thread'
    building = false
    backlog = []
    buildInThread()
    if (waiting) scheduleInThread()
  }

  const onMessage = (event: MessageEvent<SearchWorkerResponse>): void => {
    const msg = event.data
    switch (msg.type) {
      case 'built':
        if (msg.generation === generation) {
          readyDone?.resolve()
          readyDone = null
        }
        break
      case 'results':
        settle(msg.seq, (w) => w.resolve(msg.results))
        break
      case 'cancelled':
        settle(msg.seq, (w) => w.reject(searchAbortError()))
        break
      case 'error':
        if (msg.seq === null) {
          readyDone?.reject(new Error(`search index build failed: ${msg.message}`))
          readyDone = null
        } else settle(msg.seq, (w) => w.reject(new Error(msg.message)))
        break
    }
  }

  if (mode === 'worker') {
    try {
      worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = onMessage
      worker.onerror = (event: ErrorEvent): void => {
        event.preventDefault()
        fallBackToThread(event.message || 'worker error')
      }
      post({ type: 'init', labels })
    } catch (err) {
      worker = null
      mode = 'in-thread'
      console.warn('search: no worker, searching in this thread', err)
    }
  }

  const onFeedChange = (change: NodeFeedChange): void => {
    if (disposed) return
    if (change.type === 'all') {
      startBuild()
      return
    }
    // Only nodes whose searchable text may have changed (a layout saves every position and changes
    // none; an interview renumbered by another commit is in nodeIds without an update of its own).
    const unchanged = new Set<string>()
    for (const { before, after } of change.diff.nodes.updated)
      if (sameSearchSource(before, after)) unchanged.add(after.id)
    const upserts: GraphNode[] = []
    const removals: string[] = []
    for (const id of change.nodeIds) {
      if (unchanged.has(id)) continue
      const shown = feed.node(id)
      if (shown) upserts.push(shown)
      else removals.push(id)
    }
    if (upserts.length === 0 && removals.length === 0) return
    if (mode === 'in-thread') {
      for (const id of removals) index?.remove(id)
      for (const n of upserts) index?.add(n)
      return
    }
    const msg: SearchWorkerRequest = {
      type: 'patch',
      upserts: upserts.map(toSearchSource),
      removals
    }
    if (building) backlog.push(msg)
    else post(msg)
  }
  const unsubscribe = feed.subscribe(onFeedChange)
  startBuild()

  return {
    get mode(): 'worker' | 'in-thread' {
      return mode
    },

    ready(): Promise<void> {
      return readyPromise
    },

    search(query: string, opts: SearchClientOptions = {}): Promise<SearchResult[]> {
      if (disposed) return Promise.reject(searchAbortError())
      if (opts.signal?.aborted) return Promise.reject(searchAbortError())
      if (waiting) settle(waiting.seq, (w) => w.reject(searchAbortError()))
      const mySeq = ++seq
      const { signal, ...searchOptions } = opts
      return new Promise<SearchResult[]>((resolve, reject) => {
        const onAbort = (): void => settle(mySeq, (w) => w.reject(searchAbortError()))
        signal?.addEventListener('abort', onAbort, { once: true })
        waiting = {
          seq: mySeq,
          query,
          options: searchOptions,
          resolve,
          reject,
          cleanup: () => signal?.removeEventListener('abort', onAbort)
        }
        if (mode === 'worker') {
          const msg: SearchWorkerRequest = {
            type: 'search',
            seq: mySeq,
            query,
            options: searchOptions
          }
          // Behind a build, a search waits with the patches, so it sees every change before it.
          if (building) backlog = [...backlog.filter((m) => m.type !== 'search'), msg]
          else post(msg)
        } else scheduleInThread()
      })
    },

    dispose(): void {
      if (disposed) return
      disposed = true
      unsubscribe()
      worker?.terminate()
      worker = null
      if (inThreadTimer !== null) clearTimeout(inThreadTimer)
      if (waiting) settle(waiting.seq, (w) => w.reject(searchAbortError()))
      readyDone?.reject(searchAbortError())
      readyDone = null
    }
  }
}
