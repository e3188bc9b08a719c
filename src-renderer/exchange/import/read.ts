/**
 * Reading an import (the pipeline's first stage, see index.ts): size limit, encoding, format by
 * extension (`.json` and `.xml` sniffed), parsing into raw records (raw-graph.ts) or, for `.kg.json`,
 * the checked envelope. Nothing is mapped or validated here.
 */
import { Gunzip } from 'fflate'
import { fail, ok, type Issue, type Result } from '../../domain/result'
import { csvRole, csvToRaw, parseCsvTable, type CsvTable } from '../formats/csv'
import { cyjsToRaw, parseJsonGuarded } from '../formats/cyjs'
import { parseGexf } from '../formats/gexf'
import { parseGraphml } from '../formats/graphml'
import { KG_JSON_TYPE, envelopeOf, type KgEnvelope } from '../formats/kg-json'
import { MAX_ZIP_INFLATED_BYTES, formatBytes } from '../limits'
import { crc32, unzipChecked } from './unzip'
import type { ImportIssue, RawGraph } from '../raw-graph'
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
  // Parsed once: syntax, forbidden keys and nesting depth are checked before anything recursive.
  const parsed = parseJsonGuarded(text)
  if (!parsed.ok) return parsed
  const data = parsed.value
  const isKg =
    !!data && typeof data === 'object' && (data as { type?: unknown }).type === KG_JSON_TYPE
  const isCy = !!data && typeof data === 'object' && 'elements' in data
  if (isKg || (declared === 'kg-json' && !isCy)) {
    const envelope = envelopeOf(data)
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

/** Whether bytes are gzip-compressed (its magic number), whatever the file is called. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/** The name a gzip file's content goes by: `kaart.kg.json.gz` → `kaart.kg.json`. */
export function gunzippedName(name: string): string {
  return name.replace(/\.gz$/i, '')
}

/** Every gzip file of `files` inflated ({@link gunzipFile}), the others as they are. */
export function gunzipAll(files: readonly ImportFile[]): Result<ImportFile[]> {
  const out: ImportFile[] = []
  for (const f of files) {
    if (isGzip(f.bytes)) {
      const g = gunzipFile(f)
      if (!g.ok) return g
      out.push(g.value)
    } else out.push(/\.gz$/i.test(f.name) ? { name: gunzippedName(f.name), bytes: f.bytes } : f)
  }
  return ok(out)
}

/**
 * Inflates a gzip file (`.kg.json.gz`, or any file starting with gzip's magic bytes) and checks it:
 * the inflated bytes may not pass `maxBytes` (checked while inflating, so a bomb stops early), and
 * the trailer's CRC-32 and size must match what was inflated. Returns the file under its name
 * without `.gz`. Never throws.
 */
export function gunzipFile(
  file: ImportFile,
  maxBytes: number = MAX_ZIP_INFLATED_BYTES
): Result<ImportFile> {
  const damaged = (detail: string): Result<ImportFile> =>
    fail([
      issue(
        'invalid_field',
        `Het gzip-bestand ${file.name} is beschadigd of onvolledig (${detail}). Er is niets geïmporteerd.`
      )
    ])
  const bytes = file.bytes
  if (bytes.length < 18) return damaged('te kort')
  const parts: Uint8Array[] = []
  let total = 0
  let crc = 0
  let over = false
  try {
    const gunzip = new Gunzip((chunk) => {
      if (over) return
      total += chunk.length
      if (total > maxBytes) {
        over = true
        return
      }
      crc = crc32(chunk, crc)
      parts.push(chunk)
    })
    const STEP = 64 * 1024
    for (let at = 0; at < bytes.length && !over; at += STEP) {
      const end = Math.min(at + STEP, bytes.length)
      gunzip.push(bytes.subarray(at, end), end === bytes.length)
    }
  } catch (error) {
    return damaged(error instanceof Error ? error.message : String(error))
  }
  if (over) {
    return fail([
      issue(
        'too_large',
        `Het gzip-bestand ${file.name} pakt uit tot meer dan ${formatBytes(maxBytes)}; dat is de grens. Er is niets geïmporteerd.`
      )
    ])
  }
  // The trailer of the (last) member: CRC-32 and size modulo 2^32, little-endian.
  const n = bytes.length
  const u32 = (at: number): number =>
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  if (u32(n - 8) !== crc) return damaged('de controlesom (CRC-32) klopt niet')
  if (u32(n - 4) !== total % 2 ** 32) return damaged('de lengte klopt niet')
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return ok({ name: gunzippedName(file.name), bytes: out })
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
  input: readonly ImportFile[],
  maxBytes: number = IMPORT_MAX_BYTES
): Result<ReadGraph> {
  // A `.kg.json.gz` (any gzip file, by its magic bytes) is read as the file it holds.
  const plain = gunzipAll(input)
  if (!plain.ok) return plain
  const files = plain.value
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
