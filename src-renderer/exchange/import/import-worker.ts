/// <reference lib="webworker" />
/** The import worker: reads large files off the main thread (see worker-read.ts). */
import { importWorkerHandler, type ToImportWorker } from './worker-read'

const handle = importWorkerHandler((message) => self.postMessage(message))

self.onmessage = (e: MessageEvent<ToImportWorker>): void => handle(e.data)
