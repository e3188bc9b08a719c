/**
 * What the command line (scripts/kg.mjs) loads through Vite's module runner, as one entry so the
 * pipeline is transformed once: the import pipeline, its streamed read and the exports.
 */
export * from './index'
export { readStreams } from './read-stream'
export { previewOf } from './preview'
export * from '../export/data-export'
