/**
 * Runs a named layout without freezing the window: in a Web Worker (layout-worker.ts) when the
 * platform has workers, else in this thread with a macrotask between phases (Node unit tests).
 * Results are positions by node id; the caller applies them (applyLayoutPositions) and saves them.
 */
import type { Core, NodeSingular } from 'cytoscape'
import {
  layoutSteps,
  type LayoutEdgeInput,
  type LayoutGraphInput,
  type LayoutNodeInput,
  type LayoutProgress,
  type LayoutRequest,
  type LayoutResponse
} from './layout-engine'
import { ANIMATE_MAX_NODES, type LayoutName } from './layouts'

export type { LayoutEdgeInput, LayoutGraphInput, LayoutNodeInput, LayoutProgress }

/** A position in model coordinates. */
export interface LayoutPosition {
  x: number
  y: number
}

/** Options of {@link runLayout}. */
export interface RunLayoutOptions {
  /** Root of the breadth-first layout (the selected node). */
  rootId?: string
  /** A quicker, rougher layout at every size (see LayoutContext.fast); for placing imported nodes. */
  fast?: boolean
  /** Coarse progress: phase and overall fraction (0…1). */
  onProgress?: (progress: LayoutProgress) => void
  /** Aborting rejects the promise with an AbortError and stops the work (the worker is terminated). */
  signal?: AbortSignal
  /** Force the in-thread path even where workers exist (benchmarks, debugging). */
  inThread?: boolean
}

/** The error a cancelled layout rejects with (`name === 'AbortError'`). */
export function layoutAbortError(): DOMException {
  return new DOMException('The layout was cancelled.', 'AbortError')
}

/** Whether `err` is the rejection of a cancelled layout. */
export function isAbortError(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError'
  )
}

/**
 * Computes layout `name` for `graph` and resolves with a position for every node.
 * Rejects with an AbortError when `signal` aborts, or with an Error when the layout fails.
 */
export async function runLayout(
  name: LayoutName,
  graph: LayoutGraphInput,
  options: RunLayoutOptions = {}
): Promise<Map<string, LayoutPosition>> {
  if (options.signal?.aborted) throw layoutAbortError()
  const plain: LayoutGraphInput = {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      ...(Number.isFinite(n.x) && Number.isFinite(n.y) ? { x: n.x, y: n.y } : {})
    })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }))
  }
  const useWorker = !options.inThread && typeof Worker !== 'undefined'
  const positions = useWorker
    ? await inWorker(name, plain, options)
    : await inThread(name, plain, options)
  return toMap(plain.nodes, positions)
}

function toMap(
  nodes: readonly LayoutNodeInput[],
  positions: Float64Array
): Map<string, LayoutPosition> {
  const out = new Map<string, LayoutPosition>()
  nodes.forEach((n, i) => {
    const x = positions[2 * i]
    const y = positions[2 * i + 1]
    out.set(n.id, {
      x: x !== undefined && Number.isFinite(x) ? x : 0,
      y: y !== undefined && Number.isFinite(y) ? y : 0
    })
  })
  return out
}

function inWorker(
  name: LayoutName,
  graph: LayoutGraphInput,
  options: RunLayoutOptions
): Promise<Float64Array> {
  return new Promise<Float64Array>((resolve, reject) => {
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' })
    const finish = (): void => {
      options.signal?.removeEventListener('abort', onAbort)
      worker.terminate()
    }
    const onAbort = (): void => {
      finish()
      reject(layoutAbortError())
    }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    worker.onmessage = (event: MessageEvent<LayoutResponse>): void => {
      const msg = event.data
      if (msg.type === 'progress') {
        options.onProgress?.({ phase: msg.phase, fraction: msg.fraction })
      } else if (msg.type === 'done') {
        finish()
        resolve(msg.positions)
      } else {
        finish()
        reject(new Error(`Layout ${name} failed: ${msg.message}`))
      }
    }
    worker.onerror = (event: ErrorEvent): void => {
      event.preventDefault()
      finish()
      reject(new Error(`Layout ${name} failed: ${event.message || 'worker error'}`))
    }
    const request: LayoutRequest = {
      type: 'run',
      name,
      graph,
      ...(options.rootId ? { rootId: options.rootId } : {}),
      ...(options.fast ? { fast: true } : {})
    }
    worker.postMessage(request)
  })
}

/** One macrotask, so an abort (or a paint) can get in between layout phases. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

async function inThread(
  name: LayoutName,
  graph: LayoutGraphInput,
  options: RunLayoutOptions
): Promise<Float64Array> {
  const steps = layoutSteps(name, graph, {
    ...(options.rootId ? { rootId: options.rootId } : {}),
    ...(options.fast ? { fast: true } : {})
  })
  try {
    for (;;) {
      await macrotask()
      if (options.signal?.aborted) throw layoutAbortError()
      const r = steps.next()
      if (r.done) return r.value
      options.onProgress?.(r.value)
    }
  } finally {
    steps.return(new Float64Array(0))
  }
}

/** Options of {@link applyLayoutPositions}. */
export interface ApplyPositionsOptions {
  /** Animate the move; default: only up to ANIMATE_MAX_NODES nodes. */
  animate?: boolean
  /** Fit the viewport to the result (default true), with this padding. */
  fit?: boolean
  padding?: number
  /** Animation length in ms (default 400). */
  duration?: number
}

/**
 * Moves the canvas nodes to `positions` (nodes without one stay put): animated for small graphs,
 * in one batch for large ones. Resolves when the nodes are in place. Saving the positions is the
 * caller's job (e.g. `repo.setPositions(positions, 'layout.run')`).
 */
export function applyLayoutPositions(
  cy: Core,
  positions: ReadonlyMap<string, LayoutPosition>,
  options: ApplyPositionsOptions = {}
): Promise<void> {
  const nodes = cy.nodes().filter((n) => positions.has(n.id()))
  const animate = options.animate ?? nodes.length <= ANIMATE_MAX_NODES
  const fit = options.fit ?? true
  const padding = options.padding ?? 40
  if (!animate) {
    cy.batch(() => {
      nodes.forEach((n) => {
        n.position(positions.get(n.id()) as LayoutPosition)
      })
    })
    if (fit) cy.fit(undefined, padding)
    return Promise.resolve()
  }
  return new Promise<void>((resolve) => {
    const layout = nodes.layout({
      name: 'preset',
      positions: (node: NodeSingular | string) =>
        positions.get(typeof node === 'string' ? node : node.id()) as LayoutPosition,
      animate: true,
      animationDuration: options.duration ?? 400,
      fit,
      padding
    })
    layout.one('layoutstop', () => resolve())
    layout.run()
  })
}
