/// <reference lib="webworker" />
import { readImport, type ReadOptions } from './import-pipeline'

/** A file to read off the main thread. */
export interface ImportWorkerRequest {
  name: string
  bytes: Uint8Array
  options: Omit<ReadOptions, 'existing'>
}

self.onmessage = (e: MessageEvent<ImportWorkerRequest>): void => {
  const { name, bytes, options } = e.data
  self.postMessage(readImport(name, bytes, options))
}
