/**
 * The layout worker: runs one named layout on a headless Cytoscape (fCoSE registered) off the main
 * thread. Protocol (types in layout-engine.ts): one `LayoutRequest` in; `progress` messages at each
 * phase (and every few refinement iterations), then `done` with the positions as a transferred
 * Float64Array in request node order, or `error`. The layout itself is synchronous here, so cancel
 * means `worker.terminate()` from the main side (run-layout.ts does that).
 *
 * Started by run-layout.ts as
 * `new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' })`.
 */
import { layoutSteps, type LayoutRequest, type LayoutResponse } from './layout-engine'

/** The part of DedicatedWorkerGlobalScope this worker uses (the web tsconfig has DOM types only). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null
  postMessage(message: LayoutResponse, transfer?: Transferable[]): void
}

const scope = globalThis as unknown as WorkerScope

scope.onmessage = (event: MessageEvent<LayoutRequest>): void => {
  const request = event.data
  if (request?.type !== 'run') return
  const started = performance.now()
  try {
    const steps = layoutSteps(
      request.name,
      request.graph,
      { ...(request.rootId ? { rootId: request.rootId } : {}), ...(request.fast ? { fast: true } : {}) }
    )
    for (;;) {
      const r = steps.next()
      if (r.done) {
        const positions = r.value
        scope.postMessage({ type: 'done', positions, ms: performance.now() - started }, [
          positions.buffer
        ])
        return
      }
      scope.postMessage({ type: 'progress', phase: r.value.phase, fraction: r.value.fraction })
    }
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) })
  }
}
