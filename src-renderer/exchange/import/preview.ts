/**
 * The preview (the stage between reading and writing): counts per kind, every problem with its line
 * or record and field, unknown node and edge types with a suggested kind. Building it maps the file
 * with the suggested mapping and runs the import's one validation (validate.ts); the result travels
 * with the preview.
 */
import type { KgDocument } from '../formats/kg-json'
import { kgDocument } from '../formats/kg-json'
import { NODE_KINDS, type FieldValue, type NodeKind } from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import { shareEmpty, type ImportIssue, type Locator, type RawGraph } from '../raw-graph'
import { chosenFor, edgeKindFromType, kindFromType, suggestKind } from './kinds'
import { checkMapping, mappingKey } from './mapping'
import { readFiles, type ReadGraph } from './read'
import type {
  ImportCounts,
  ImportFile,
  ImportFormat,
  ImportPreview,
  ReadOptions,
  SelfLoopCount
} from './types'
import { locateKgIssues, validateImport } from './validate'

/**
 * Reads one or more files as one import (see `readFiles` in read.ts for what can be read) into a
 * preview. Fails (Dutch issues, nothing to preview) when the file cannot be read at all: too large,
 * malformed, forbidden keys, not a graph file, a `.kg.json` with invalid records. Content problems of
 * other formats (dangling edges, duplicate ids, invalid fields) come back as `problems` in an ok
 * preview. With `options.existing` (a merge) the file's edges may point at stored nodes. Never throws.
 */
export function readImportFiles(
  files: readonly ImportFile[],
  options: ReadOptions = {}
): Result<ImportPreview> {
  const read = readFiles(files, options.maxBytes)
  if (!read.ok) return read
  return previewOf(read.value, files.map((f) => f.name).join(' + '), options)
}

/** Reads one file; see {@link readImportFiles}. */
export function readImport(
  name: string,
  bytes: Uint8Array,
  options: ReadOptions = {}
): Result<ImportPreview> {
  return readImportFiles([{ name, bytes }], options)
}

/**
 * The preview of a file as read: maps it with the suggested mapping and validates it once, against
 * the stored nodes of `options.existing`. A `.kg.json` whose records do not validate fails as a
 * whole (its issues located by record number).
 */
export function previewOf(
  read: ReadGraph,
  name: string,
  options: Omit<ReadOptions, 'maxBytes'>
): Result<ImportPreview> {
  const stamp = { now: options.now ?? new Date().toISOString(), author: options.author ?? '' }
  if (read.format === 'kg-json') {
    const env = read.envelope
    const checked = validateImport(env, options.existing)
    if (!checked.ok) return fail(locateKgIssues(checked.issues, env))
    const document = kgDocument(env, checked.value.graph)
    const preview = basePreview('kg-json', name, kgToRaw(document), stamp, options)
    preview.document = document
    preview.selfLoops = loopsOf(document.edges)
    preview.checked = { mapping: mappingKey(preview, {}, {}), ...checked.value }
    return ok(preview)
  }
  const preview = basePreview(read.format, name, shareEmpty(read.raw), stamp, options)
  const checked = checkMapping(
    preview,
    {},
    {},
    stamp,
    options.existing,
    'drop',
    preview.selfLoops
  )
  if (checked.ok) preview.checked = checked.value
  else preview.problems = checked.issues
  return ok(preview)
}

/** Node counts per kind under a mapping (unknown types under their mapped or suggested kind). */
export function countsFor(
  preview: Pick<ImportPreview, 'graph'>,
  mapping: Readonly<Record<string, NodeKind>> = {}
): ImportCounts {
  const byKind = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>
  for (const n of preview.graph.nodes) {
    const kind = kindFromType(n.type) ?? chosenFor(mapping, n.type) ?? suggestKind(n.type)
    byKind[kind] += 1
  }
  return {
    nodes: preview.graph.nodes.length,
    edges: preview.graph.edges.length,
    annotations: preview.graph.annotations.length,
    byKind
  }
}

function basePreview(
  format: ImportFormat,
  name: string,
  raw: RawGraph,
  stamp: { now: string; author: string },
  options: Omit<ReadOptions, 'maxBytes'>
): ImportPreview {
  const unknown = new Map<string, number>()
  for (const n of raw.nodes)
    if (!kindFromType(n.type)) unknown.set(n.type, (unknown.get(n.type) ?? 0) + 1)
  const unknownEdges = new Map<string, number>()
  for (const e of raw.edges)
    if (!edgeKindFromType(e.type)) unknownEdges.set(e.type, (unknownEdges.get(e.type) ?? 0) + 1)
  const preview: ImportPreview = {
    format,
    name,
    counts: countsFor({ graph: raw }),
    problems: [],
    notes: notesOf(raw),
    selfLoops: { allowed: 0, forbidden: 0 },
    unknownTypes: [...unknown].map(([type, count]) => ({
      type,
      count,
      suggested: suggestKind(type)
    })),
    unknownEdgeTypes: [...unknownEdges].map(([type, count]) => ({
      type,
      count,
      suggested: 'related' as const
    })),
    graph: raw,
    stamp,
    ...(options.existing ? { existing: options.existing } : {})
  }
  return preview
}

/** The reader's warnings that do not stop the import (`RawGraph.notes`, when the reader sets it). */
function notesOf(raw: RawGraph): ImportIssue[] {
  const notes = (raw as RawGraph & { notes?: readonly ImportIssue[] }).notes
  return notes ? [...notes] : []
}

/** Counts the loops of a `.kg.json` graph (all valid: the validator refused any other). */
function loopsOf(edges: readonly { source: string; target: string }[]): SelfLoopCount {
  let allowed = 0
  for (const e of edges) if (e.source === e.target) allowed++
  return { allowed, forbidden: 0 }
}

function kgToRaw(doc: KgDocument): RawGraph {
  const toRaw = (
    record: object,
    i: number
  ): { app: Record<string, unknown>; fields: Record<string, FieldValue>; at: Locator } => {
    const app: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(record)) {
      if (k !== 'id' && k !== 'kind' && k !== 'fields' && k !== 'source' && k !== 'target')
        app[k] = v
    }
    const fields = { ...(record as { fields?: Record<string, FieldValue> }).fields }
    return { app, fields, at: { record: i + 1 } }
  }
  return {
    nodes: doc.nodes.map((n, i) => ({ id: n.id, type: n.kind, ...toRaw(n, i) })),
    edges: doc.edges.map((e, i) => ({
      id: e.id,
      type: e.kind,
      source: e.source,
      target: e.target,
      directed: null,
      ...toRaw(e, i)
    })),
    annotations: [...doc.annotations]
  }
}
