/**
 * One import pipeline for every format:
 * read (read.ts: size limit, encoding, format by extension, `.json` sniffed; raw records) → preview
 * (preview.ts: counts per kind, every problem with its line or record and field, unknown node and
 * edge types with a suggested kind) → {@link applyMapping} (mapping.ts: the user's kind mapping,
 * defaults, foreign attributes into `fields`) → {@link importInto} (apply.ts: one transaction, merge
 * by id or replace). Large files are read in a worker ({@link readImportAsync}).
 *
 * Validation runs once per import (validate.ts): while the preview is built, against the stored
 * nodes the file points at; the result is carried to the write. Nothing here throws on bad input; a
 * bad file never reaches storage. The exports are in ../export/.
 */
export type { ImportIssue, RawEdge, RawGraph, RawNode } from '../raw-graph'
export { importInto } from './apply'
export type { ImportProgress, ImportReport, ImportTarget, ImportWriteOptions } from './apply'
export { edgeKindFromType, kindFromType, suggestKind } from './kinds'
export { applyMapping } from './mapping'
export { countsFor, readImport, readImportFiles } from './preview'
export { formatFromName } from './read'
export { WORKER_READ_BYTES, readImportAsync } from './read-async'
export { IMPORT_MAX_BYTES } from './types'
export type {
  CheckedImport,
  ExistingNodes,
  ImportCounts,
  ImportFile,
  ImportFormat,
  ImportPreview,
  MappingOptions,
  ReadOptions,
  UnknownEdgeType,
  UnknownType
} from './types'
