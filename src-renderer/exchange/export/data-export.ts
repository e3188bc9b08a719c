/**
 * Data exports: a graph in any of the app's file formats (`.kg.json`, CSV, CSV zip, GEXF, GraphML,
 * Cytoscape JSON), as text or bytes, and the files an export produces.
 */
import { Gzip, strToU8, zipSync } from 'fflate'
import type { GraphData } from '../../domain/graph'
import { serializeCsvConnections, serializeCsvElements, type CsvOptions } from '../formats/csv'
import { serializeCyjs } from '../formats/cyjs'
import { serializeGexf } from '../formats/gexf'
import { serializeGraphml } from '../formats/graphml'
import { kgJsonChunks, serializeKgJson, type KgJsonMeta } from '../formats/kg-json'

/**
 * Formats the exporter writes; `csv` gives two files (elements, connections), `csv-zip` one zip,
 * `kg-json-gz` a gzip-compressed `.kg.json` (`.kg.json.gz`, a fraction of the size; every import
 * reads it).
 */
export type ExportFormat =
  | 'kg-json'
  | 'kg-json-gz'
  | 'csv'
  | 'csv-elements'
  | 'csv-connections'
  | 'csv-zip'
  | 'gexf'
  | 'graphml'
  | 'cyjs'

/** Options for {@link exportGraph} and {@link exportFiles}. */
export interface ExportOptions extends CsvOptions {
  /** ISO timestamp written into the file; default now. Fix it for reproducible files. */
  exportedAt?: string
  title?: string
  description?: string
  /** App version for `source`/`creator`; defaults to the package version (kg-json) or none. */
  appVersion?: string
  /** `.kg.json` only: saved views and presentations to include. */
  views?: KgJsonMeta['views']
  presentations?: KgJsonMeta['presentations']
  /** `.kg.json` only: the change history to include (a full backup with history). */
  history?: KgJsonMeta['history']
  /** Base name (without extension) for the files inside a CSV zip; default `kennisgraaf`. */
  baseName?: string
}

function creator(options: ExportOptions): string {
  return options.appVersion
    ? `stadmaken-kennisgraaf@${options.appVersion}`
    : 'stadmaken-kennisgraaf'
}

function zipTime(options: ExportOptions): Date {
  const d = new Date(options.exportedAt ?? Date.now())
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : d
}

function kgJsonMeta(options: ExportOptions): KgJsonMeta {
  return {
    ...(options.exportedAt ? { exportedAt: options.exportedAt } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
    ...(options.views ? { views: options.views } : {}),
    ...(options.presentations ? { presentations: options.presentations } : {}),
    ...(options.history ? { history: options.history } : {})
  }
}

function kgJsonText(graph: GraphData, options: ExportOptions): string {
  return serializeKgJson(graph, kgJsonMeta(options))
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * A `.kg.json` (gzip-compressed with `gzip`: `.kg.json.gz`) as the bytes of its pieces, in order
 * (about a megabyte each; see `kgJsonChunks`): never one string, and never one buffer, so saving
 * a large backup holds it once, not twice (the save writes the pieces one after another). The gzip
 * file's time is the export time, so equal input gives equal bytes.
 */
export function kgJsonParts(
  graph: GraphData,
  options: ExportOptions = {},
  gzip = false
): Uint8Array[] {
  const parts: Uint8Array[] = []
  const encoder = new TextEncoder()
  if (!gzip) {
    for (const piece of kgJsonChunks(graph, kgJsonMeta(options))) parts.push(encoder.encode(piece))
    return parts
  }
  const z = new Gzip({ level: 6, mtime: zipTime(options) }, (chunk) => parts.push(chunk))
  for (const piece of kgJsonChunks(graph, kgJsonMeta(options))) z.push(encoder.encode(piece))
  z.push(new Uint8Array(0), true)
  return parts
}

/** {@link kgJsonParts} as one buffer (the command line and exports that need the whole file). */
export function kgJsonBytes(graph: GraphData, options: ExportOptions = {}, gzip = false): Uint8Array {
  return concat(kgJsonParts(graph, options, gzip))
}

/** A `.kg.json` text gzip-compressed (`.kg.json.gz`), with the export time as the file's time. */
export function gzipKgJson(text: string, options: Pick<ExportOptions, 'exportedAt'> = {}): Uint8Array {
  const parts: Uint8Array[] = []
  const z = new Gzip({ level: 6, mtime: zipTime(options) }, (chunk) => parts.push(chunk))
  z.push(strToU8(text), true)
  return concat(parts)
}

/**
 * Writes a graph in one format: text for every format but `csv-zip` (a zip holding
 * `<base>-elements.csv` and `<base>-connections.csv`). Export the graph the caller passes: the whole
 * map, or `subgraph` (visible-subset.ts) for what a filter shows. `csv` alone is not one file: use
 * {@link exportFiles}.
 */
export function exportGraph(
  graph: GraphData,
  format: Exclude<ExportFormat, 'csv'>,
  options: ExportOptions = {}
): string | Uint8Array {
  switch (format) {
    case 'kg-json':
      return kgJsonText(graph, options)
    case 'kg-json-gz':
      return kgJsonBytes(graph, options, true)
    case 'csv-elements':
      return serializeCsvElements(graph, options)
    case 'csv-connections':
      return serializeCsvConnections(graph, options)
    case 'csv-zip': {
      const base = options.baseName ?? 'kennisgraaf'
      const mtime = zipTime(options)
      return zipSync(
        {
          [`${base}-elements.csv`]: [strToU8(serializeCsvElements(graph, options)), { mtime }],
          [`${base}-connections.csv`]: [strToU8(serializeCsvConnections(graph, options)), { mtime }]
        },
        { level: 6 }
      )
    }
    case 'gexf':
      return serializeGexf(graph, {
        creator: creator(options),
        ...(options.exportedAt ? { exportedAt: options.exportedAt } : {}),
        ...(options.title ? { title: options.title } : {})
      })
    case 'graphml':
      return serializeGraphml(graph, { creator: creator(options) })
    case 'cyjs':
      return serializeCyjs(graph, {
        creator: creator(options),
        ...(options.title ? { title: options.title } : {})
      })
  }
}

/** The file extension each export format writes. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  'kg-json': '.kg.json',
  'kg-json-gz': '.kg.json.gz',
  csv: '.csv',
  'csv-elements': '-elements.csv',
  'csv-connections': '-connections.csv',
  'csv-zip': '.zip',
  gexf: '.gexf',
  graphml: '.graphml',
  cyjs: '.cyjs'
}

/**
 * The files an export produces, named after `baseName`: one file per format, two for `csv`
 * (`<base>-elements.csv` and `<base>-connections.csv`).
 */
export function exportFiles(
  graph: GraphData,
  format: ExportFormat,
  baseName: string,
  options: ExportOptions = {}
): { name: string; data: string | Uint8Array }[] {
  if (format === 'csv') {
    return [
      { name: `${baseName}-elements.csv`, data: serializeCsvElements(graph, options) },
      { name: `${baseName}-connections.csv`, data: serializeCsvConnections(graph, options) }
    ]
  }
  return [
    {
      name: `${baseName}${EXPORT_EXTENSIONS[format]}`,
      data: exportGraph(graph, format, { baseName, ...options })
    }
  ]
}
