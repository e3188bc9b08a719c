/**
 * Reading an import (the pipeline's first stage, see index.ts): size limit, encoding, format by
 * extension (`.json` and `.xml` sniffed), parsing into raw records (raw-graph.ts) or, for `.kg.json`,
 * the checked envelope. Nothing is mapped or validated here.
 */
import { fail, ok, type Issue, type Result } from '../../domain/result'
import { csvRole, csvToRaw, parseCsvTable, type CsvTable } from '../formats/csv'
import { cyjsToRaw, parseJsonGuarded } from '../formats/cyjs'
import { parseGexf } from '../formats/gexf'
import { parseGraphml } from '../formats/graphml'
import { KG_JSON_TYPE, readKgEnvelope, type KgEnvelope } from '../formats/kg-json'
import { MAX_ZIP_INFLATED_BYTES } from '../limits'
import type { ImportIssue, RawGraph } from '../raw-graph'
import { unzipChecked } from './unzip'
import { IMPORT_MAX_BYTES, type ImportFile, type ImportFormat } from './types'

/** A file as read: raw records of another format, or a `.kg.json` envelope (records unvalidated). */
export type ReadGraph =
  | { format: Exclude<ImportFormat, 'kg-json'>; raw: RawGraph }
  | { format: 'kg-json'; envelope: KgEnvelope }

/** An import issue without a location. */
export function issue(code: Issue['code'], message: string, path: Issue['path'] = []): ImportIssue {
  return { code, path, message }
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0).replace('.', ',')} MB`
}

function tooLarge(name: string, size: number, max: number): ImportIssue {
  return issue(
    'too_large',
    `Het bestand ${name} is te groot (${megabytes(size)}); de grens is ${megabytes(max)}. Er is niets geïmporteerd.`
  )
}

/** Which format a file name points at; `.json` and `.xml` are decided by their content. */
export function formatFromName(name: string): ImportFormat | 'zip' | 'json' | 'xml' | null {
  const n = name.toLowerCase()
  if (n.endsWith('.kg.json')) return 'kg-json'
  if (n.endsWith('.cyjs')) return 'cyjs'
  if (n.endsWith('.json')) return 'json'
  if (n.endsWith('.csv') || n.endsWith('.tsv') || n.endsWith('.txt')) return 'csv'
  if (n.endsWith('.zip')) return 'zip'
  if (n.endsWith('.gexf')) return 'gexf'
  if (n.endsWith('.graphml')) return 'graphml'
  if (n.endsWith('.xml')) return 'xml'
  return null
}

const UNKNOWN_EXTENSION =
  'Onbekend bestandstype. Kies een .kg.json-, .csv-, .zip-, .gexf-, .graphml- of .cyjs-bestand.'

/**
 * Decodes bytes as text: a byte order mark decides (UTF-8, UTF-16), then strict UTF-8. CSV files that
 * are not valid UTF-8 are read as Windows-1252 (older Excel on Windows); XML honours its declared
 * encoding. Other invalid text is refused.
 */
function decodeText(bytes: Uint8Array, name: string, kind: 'csv' | 'xml' | 'json'): Result<string> {
  const b0 = bytes[0]
  const b1 = bytes[1]
  try {
    if (b0 === 0xff && b1 === 0xfe) return ok(new TextDecoder('utf-16le').decode(bytes.subarray(2)))
    if (b0 === 0xfe && b1 === 0xff) return ok(new TextDecoder('utf-16be').decode(bytes.subarray(2)))
    if (kind === 'xml') {
      const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
      const declared = /<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase()
      if (declared && declared !== 'utf-8' && declared !== 'utf8') {
        return ok(new TextDecoder(declared).decode(bytes))
      }
    }
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    if (kind === 'csv') return ok(new TextDecoder('windows-1252').decode(bytes))
    return fail([
      issue(
        'invalid_field',
        `Het bestand ${name} is geen geldige tekst (UTF-8). Is het beschadigd?`
      )
    ])
  }
}

function sniffText(text: string): 'json' | 'xml' | 'unknown' {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{') || start.startsWith('[')) return 'json'
  if (start.startsWith('<')) return 'xml'
  return 'unknown'
}

export function readJson(
  text: string,
  name: string,
  declared: 'kg-json' | 'cyjs' | 'json'
): Result<ReadGraph> {
  const parsed = parseJsonGuarded(text)
  if (!parsed.ok) return parsed
  const data = parsed.value
  const isKg =
    !!data && typeof data === 'object' && (data as { type?: unknown }).type === KG_JSON_TYPE
  const isCy = !!data && typeof data === 'object' && 'elements' in data
  if (isKg || (declared === 'kg-json' && !isCy)) {
    const envelope = readKgEnvelope(text)
    return envelope.ok ? ok({ format: 'kg-json', envelope: envelope.value }) : envelope
  }
  if (isCy || declared === 'cyjs') {
    const raw = cyjsToRaw(data)
    return raw.ok ? ok({ format: 'cyjs', raw: raw.value }) : raw
  }
  return fail([
    issue(
      'not_our_format',
      `${name} is geen Stadmaken Kennisgraaf-bestand en geen Cytoscape-JSON (.cyjs).`
    )
  ])
}

function readCsvTables(files: readonly { name: string; text: string }[]): Result<RawGraph> {
  const tables: CsvTable[] = []
  const issues: ImportIssue[] = []
  for (const f of files) {
    const table = parseCsvTable(f.text, `CSV-bestand ${f.name}`)
    if (table.ok) tables.push(table.value)
    else issues.push(...table.issues)
  }
  return issues.length ? fail(issues) : csvTablesToRaw(tables)
}

/** Raw records of parsed CSV tables: at most one elements and one connections table (by header). */
export function csvTablesToRaw(tables: readonly CsvTable[]): Result<RawGraph> {
  let elements: CsvTable | null = null
  let connections: CsvTable | null = null
  const issues: ImportIssue[] = []
  for (const table of tables) {
    const role = csvRole(table.header)
    if (role === 'elements') {
      if (elements)
        issues.push(
          issue(
            'invalid_field',
            'Er zijn twee elementenbestanden gekozen; kies er één, met hooguit één verbindingenbestand.'
          )
        )
      elements = table
    } else {
      if (connections)
        issues.push(
          issue(
            'invalid_field',
            'Er zijn twee verbindingenbestanden gekozen; kies er één, met hooguit één elementenbestand.'
          )
        )
      connections = table
    }
  }
  if (issues.length) return fail(issues)
  return csvToRaw(elements, connections)
}

/** Whether a ZIP entry is one of the CSV files an import reads. */
export function isZipCsv(name: string): boolean {
  return /\.csv$/i.test(name) && !name.startsWith('__MACOSX/')
}

/**
 * The CSV entries of a ZIP, inflated and checked (unzip.ts: real sizes and CRC-32 against the
 * headers, a cap on inflated bytes and on the inflate ratio).
 */
export function unzip(
  file: ImportFile,
  maxBytes: number = MAX_ZIP_INFLATED_BYTES
): Result<{ name: string; bytes: Uint8Array }[]> {
  const entries = unzipChecked(file.bytes, file.name, isZipCsv, { maxBytes })
  if (!entries.ok) return entries
  if (!entries.value.length) {
    return fail([issue('not_our_format', `Het ZIP-bestand ${file.name} bevat geen CSV-bestanden.`)])
  }
  return entries
}

/**
 * Reads one or more files as one import: a single file of any format, a `.zip` holding an elements
 * and/or a connections CSV, or two CSV files (elements and connections). Checks the size limit,
 * decodes the text, picks the format by extension (`.json`, `.xml` and unknown extensions by
 * content) and parses. Fails (Dutch issues) when the file cannot be read at all: too large,
 * malformed, forbidden keys, not a graph file. Records are neither mapped nor validated here (see
 * preview.ts). Never throws.
 */
export function readFiles(
  files: readonly ImportFile[],
  maxBytes: number = IMPORT_MAX_BYTES
): Result<ReadGraph> {
  const first = files[0]
  if (!first) return fail([issue('invalid_field', 'Er is geen bestand gekozen.')])
  const total = files.reduce((s, f) => s + f.bytes.length, 0)
  if (total > maxBytes)
    return fail([tooLarge(files.length > 1 ? 'samen' : first.name, total, maxBytes)])
  const kinds = files.map((f) => formatFromName(f.name))
  if (files.length > 1) {
    if (!kinds.every((k) => k === 'csv')) {
      return fail([
        issue(
          'invalid_field',
          'Meerdere bestanden tegelijk kan alleen met CSV: een elementen- en een verbindingenbestand.'
        )
      ])
    }
    const texts: { name: string; text: string }[] = []
    for (const f of files) {
      const t = decodeText(f.bytes, f.name, 'csv')
      if (!t.ok) return t
      texts.push({ name: f.name, text: t.value })
    }
    const raw = readCsvTables(texts)
    return raw.ok ? ok({ format: 'csv', raw: raw.value }) : raw
  }
  return readOne(first, kinds[0] ?? null, maxBytes)
}

function readOne(
  file: ImportFile,
  kind: ReturnType<typeof formatFromName>,
  maxBytes: number
): Result<ReadGraph> {
  if (kind === 'zip') {
    const entries = unzip(file, maxBytes)
    if (!entries.ok) return entries
    const texts: { name: string; text: string }[] = []
    for (const e of entries.value) {
      const t = decodeText(e.bytes, e.name, 'csv')
      if (!t.ok) return t
      texts.push({ name: e.name, text: t.value })
    }
    const raw = readCsvTables(texts)
    return raw.ok ? ok({ format: 'csv', raw: raw.value }) : raw
  }
  const textKind =
    kind === 'csv'
      ? 'csv'
      : kind === 'gexf' || kind === 'graphml' || kind === 'xml'
        ? 'xml'
        : 'json'
  const decoded = decodeText(file.bytes, file.name, textKind)
  if (!decoded.ok) return decoded
  const text = decoded.value
  let resolved = kind
  if (resolved === null) {
    const sniff = sniffText(text)
    if (sniff === 'unknown') return fail([issue('not_our_format', UNKNOWN_EXTENSION)])
    resolved = sniff
  }
  if (resolved === 'xml') {
    const head = text.slice(0, 2000)
    resolved = /<gexf[\s>]/.test(head) ? 'gexf' : /<graphml[\s>]/.test(head) ? 'graphml' : null
    if (!resolved) {
      return fail([issue('not_our_format', `${file.name} is geen GEXF- of GraphML-bestand.`)])
    }
  }
  switch (resolved) {
    case 'kg-json':
    case 'cyjs':
    case 'json':
      return readJson(text, file.name, resolved)
    case 'gexf': {
      const raw = parseGexf(text)
      return raw.ok ? ok({ format: 'gexf', raw: raw.value }) : raw
    }
    case 'graphml': {
      const raw = parseGraphml(text)
      return raw.ok ? ok({ format: 'graphml', raw: raw.value }) : raw
    }
    case 'csv': {
      const raw = readCsvTables([{ name: file.name, text }])
      return raw.ok ? ok({ format: 'csv', raw: raw.value }) : raw
    }
    default:
      return fail([issue('not_our_format', UNKNOWN_EXTENSION)])
  }
}
