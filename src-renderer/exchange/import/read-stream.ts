/**
 * Reading an import as a stream (the import worker and the command line): a file's bytes arrive in
 * chunks (a `Blob.stream()`, `fs.createReadStream`, or a buffer cut in pieces), are gunzipped when
 * they are gzip, decoded with `TextDecoder({ stream: true })` (byte order mark, the XML declaration's
 * encoding, strict UTF-8, CSV falling back to Windows-1252, as read.ts does for a whole buffer) and
 * fed piece by piece to the format's {@link ChunkReader}. The file's text is never held whole where
 * the format has a streaming reader (CSV, GEXF, GraphML, `.kg.json` and `.kg.json.gz`); `.cyjs` and
 * other `.json` files are joined and parsed at the end. Progress (bytes read of the total) is
 * reported as it goes, and a read can be cancelled between chunks with an `AbortSignal`.
 *
 * A streamed read has no byte limit: the record limit of limits.ts decides (a ZIP, which must be
 * held whole to find its directory, has the byte caps of unzip.ts).
 */
import { Gunzip } from 'fflate'
import { fail, ok, type Result } from '../../domain/result'
import { createCsvReader, type CsvTable } from '../formats/csv'
import { createKgJsonReader } from '../formats/kg-json-stream'
import * as gexfFormat from '../formats/gexf'
import * as graphmlFormat from '../formats/graphml'
import { MAX_RECORDS, MAX_ZIP_INFLATED_BYTES, formatBytes, formatCount } from '../limits'
import type { ImportIssue, RawGraph } from '../raw-graph'
import type { ChunkReader } from './chunk-reader'
import { csvTablesToRaw, formatFromName, isZipCsv, issue, readJson, type ReadGraph } from './read'
import { crc32, unzipChecked } from './unzip'

/** One file to read as a stream. `size`: its bytes, for progress (0 or absent when unknown). */
export interface StreamSource {
  name: string
  size?: number
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>
}

/** How far a streamed read is: bytes read of all files (`total` 0 when unknown). */
export interface ReadProgress {
  read: number
  total: number
}

/** Options of {@link readStreams}. */
export interface StreamReadOptions {
  /** Called as bytes are read (at most about every 1% or 4 MB, and once at the end). */
  onProgress?: (progress: ReadProgress) => void
  /** Cancels between chunks: the promise rejects with an `AbortError`. */
  signal?: AbortSignal
  /** Records (nodes + edges + annotations) allowed; default {@link MAX_RECORDS}. */
  maxRecords?: number
}

/** The size of the pieces a buffer is cut into ({@link chunksOf}). */
export const CHUNK_BYTES = 1024 * 1024

/** A buffer as a stream of pieces (no copies). */
export function* chunksOf(bytes: Uint8Array, size = CHUNK_BYTES): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

/** V8's longest string, less a margin: a text past this cannot be joined into one. */
const MAX_STRING_CHARS = 0x1fffffe8 - 1024

type TextKind = 'csv' | 'xml' | 'json'

/** What one file gave: CSV tables (combined with the other files' at the end) or a whole graph. */
type Piece = { kind: 'csv'; tables: CsvTable[] } | { kind: 'graph'; read: ReadGraph }

interface ByteSink {
  push(bytes: Uint8Array): void
  readonly failed: boolean
  end(): Result<Piece>
}

function abortError(): DOMException {
  return new DOMException('Het lezen is afgebroken; er is niets veranderd.', 'AbortError')
}

/**
 * Reads one or more files as one import, streamed: a single file of any format, a `.zip` with an
 * elements and/or a connections CSV, or two CSV files. The same result as `readFiles` in read.ts
 * for the same bytes. Rejects only with an `AbortError` (cancelled); every problem of a file is a
 * failed result (Dutch issues).
 */
export async function readStreams(
  sources: readonly StreamSource[],
  options: StreamReadOptions = {}
): Promise<Result<ReadGraph>> {
  const first = sources[0]
  if (!first) return fail([issue('invalid_field', 'Er is geen bestand gekozen.')])
  if (sources.length > 1 && !sources.every((s) => formatFromName(s.name) === 'csv')) {
    return fail([
      issue(
        'invalid_field',
        'Meerdere bestanden tegelijk kan alleen met CSV: een elementen- en een verbindingenbestand.'
      )
    ])
  }
  const maxRecords = options.maxRecords ?? MAX_RECORDS
  const total = sources.reduce((s, f) => s + (f.size ?? 0), 0)
  let done = 0
  let reported = -Infinity
  const step = Math.max(total / 100, 1024 * 1024)
  const report = (force: boolean): void => {
    if (!options.onProgress || (!force && done - reported < step)) return
    reported = done
    options.onProgress({ read: done, total })
  }
  const pieces: Piece[] = []
  for (const source of sources) {
    const sink = fileSink(source.name, maxRecords)
    reading: for await (const big of source.chunks) {
      // Pieces of at most CHUNK_BYTES, whatever the source gives: progress and cancel points.
      for (const chunk of chunksOf(big)) {
        // With a signal, let other tasks run between pieces, so a cancel can arrive.
        if (options.signal) await new Promise((resolve) => setTimeout(resolve, 0))
        if (options.signal?.aborted) throw abortError()
        sink.push(chunk)
        done += chunk.length
        report(false)
        if (sink.failed) break reading
      }
    }
    if (options.signal?.aborted) throw abortError()
    const piece = sink.end()
    if (!piece.ok) return piece
    pieces.push(piece.value)
  }
  report(true)
  const only = pieces[0]
  if (pieces.length === 1 && only?.kind === 'graph') return ok(only.read)
  const tables = pieces.flatMap((p) => (p.kind === 'csv' ? p.tables : []))
  const raw = csvTablesToRaw(tables)
  if (!raw.ok) return raw
  return countChecked({ format: 'csv', raw: raw.value }, maxRecords)
}

function countChecked(read: ReadGraph, maxRecords: number): Result<ReadGraph> {
  const n =
    read.format === 'kg-json'
      ? read.envelope.nodes.length + read.envelope.edges.length + read.envelope.annotations.length
      : read.raw.nodes.length + read.raw.edges.length + read.raw.annotations.length
  if (n <= maxRecords) return ok(read)
  return fail([
    issue(
      'too_large',
      `Het bestand heeft ${formatCount(n)} records (knopen, verbindingen en annotaties); de grens is ${formatCount(maxRecords)}. Er is niets geïmporteerd.`
    )
  ])
}

/** The sink for one file's bytes: ZIP, gzip or plain text. */
function fileSink(name: string, maxRecords: number): ByteSink {
  const gz = /\.gz$/i.test(name)
  const inner = gz ? name.replace(/\.gz$/i, '') : name
  const kind = formatFromName(inner)
  if (kind === 'zip') return zipSink(name, maxRecords)
  const text = textSink(inner, kind, maxRecords)
  let decided = gz
  let head: Uint8Array | null = gz ? null : new Uint8Array(0)
  let gunzip: ReturnType<typeof gunzipStream> | null = gz ? gunzipStream(name, text) : null
  return {
    push(bytes) {
      if (!decided) {
        const joined = new Uint8Array((head as Uint8Array).length + bytes.length)
        joined.set(head as Uint8Array)
        joined.set(bytes, (head as Uint8Array).length)
        if (joined.length < 2) {
          head = joined
          return
        }
        decided = true
        head = null
        if (joined[0] === 0x1f && joined[1] === 0x8b) gunzip = gunzipStream(name, text)
        bytes = joined
      }
      if (gunzip) gunzip.push(bytes)
      else text.push(bytes)
    },
    get failed() {
      return text.failed || !!gunzip?.failed
    },
    end() {
      if (!decided && head && head.length) text.push(head)
      if (gunzip) {
        const g = gunzip.end()
        if (!g.ok) return g
      }
      return text.end()
    }
  }
}

/** Inflates gzip bytes into `out` as they come; checks the trailer's CRC-32 and size at the end. */
function gunzipStream(
  name: string,
  out: ByteSink
): { push(bytes: Uint8Array): void; failed: boolean; end(): Result<null> } {
  let crc = 0
  let size = 0
  let tail = new Uint8Array(0)
  let error: string | null = null
  const g = new Gunzip((chunk) => {
    crc = crc32(chunk, crc)
    size += chunk.length
    out.push(chunk)
  })
  const damaged = (detail: string): Result<null> =>
    fail([
      issue(
        'invalid_field',
        `Het gzip-bestand ${name} is beschadigd of onvolledig (${detail}). Er is niets geïmporteerd.`
      )
    ])
  const keepTail = (bytes: Uint8Array): void => {
    const joined = new Uint8Array(Math.min(8, tail.length + bytes.length))
    const all = bytes.length >= 8 ? bytes.subarray(bytes.length - 8) : bytes
    const fromTail = joined.length - all.length
    joined.set(tail.subarray(tail.length - fromTail), 0)
    joined.set(all, fromTail)
    tail = joined
  }
  return {
    push(bytes) {
      if (error) return
      keepTail(bytes)
      try {
        g.push(bytes, false)
      } catch (e) {
        error = e instanceof Error ? e.message : String(e)
      }
    },
    get failed() {
      return error !== null
    },
    end() {
      if (error) return damaged(error)
      try {
        g.push(new Uint8Array(0), true)
      } catch (e) {
        return damaged(e instanceof Error ? e.message : String(e))
      }
      if (tail.length < 8) return damaged('te kort')
      const u32 = (at: number): number =>
        ((tail[at] as number) |
          ((tail[at + 1] as number) << 8) |
          ((tail[at + 2] as number) << 16) |
          ((tail[at + 3] as number) << 24)) >>>
        0
      if (u32(0) !== crc) return damaged('de controlesom (CRC-32) klopt niet')
      if (u32(4) !== size % 2 ** 32) return damaged('de lengte klopt niet')
      return ok(null)
    }
  }
}

/** A ZIP is collected whole (its directory is at the end), then inflated and checked (unzip.ts). */
function zipSink(name: string, maxRecords: number): ByteSink {
  const zip = collectCapped<Uint8Array, Piece>(
    MAX_ZIP_INFLATED_BYTES,
    `Het ZIP-bestand ${name} is groter dan ${formatBytes(MAX_ZIP_INFLATED_BYTES)}; dat is de grens. Pak het uit en kies de CSV-bestanden.`,
    (parts, size) => {
      const bytes = new Uint8Array(size)
      let at = 0
      for (const p of parts) {
        bytes.set(p, at)
        at += p.length
      }
      parts.length = 0 // the copy is whole: let the pieces go before inflating
      const entries = unzipChecked(bytes, name, isZipCsv)
      if (!entries.ok) return entries
      if (!entries.value.length) {
        return fail([issue('not_our_format', `Het ZIP-bestand ${name} bevat geen CSV-bestanden.`)])
      }
      const tables: CsvTable[] = []
      for (const e of entries.value) {
        const sink = textSink(e.name, 'csv', maxRecords)
        for (const chunk of chunksOf(e.bytes)) sink.push(chunk)
        const piece = sink.end()
        if (!piece.ok) return piece
        if (piece.value.kind === 'csv') tables.push(...piece.value.tables)
      }
      return ok({ kind: 'csv', tables })
    }
  )
  return {
    push: (bytes) => zip.push(bytes),
    get failed() {
      return zip.failed
    },
    end: () => zip.end()
  }
}

/** Decodes bytes piece by piece and routes the text to the format's reader. */
function textSink(
  name: string,
  kind: ReturnType<typeof formatFromName>,
  maxRecords: number
): ByteSink {
  const textKind: TextKind =
    kind === 'csv'
      ? 'csv'
      : kind === 'gexf' || kind === 'graphml' || kind === 'xml'
        ? 'xml'
        : 'json'
  const decoder = createDecoder(name, textKind)
  const router = textRouter(name, kind, maxRecords)
  return {
    push(bytes) {
      if (decoder.failed || router.failed) return
      const text = decoder.write(bytes)
      if (text) router.write(text)
    },
    get failed() {
      return decoder.failed || router.failed
    },
    end() {
      const rest = decoder.end()
      if (decoder.issue) return fail([decoder.issue])
      if (rest) router.write(rest)
      return router.end()
    }
  }
}

/**
 * A streaming text decoder with read.ts's rules: a byte order mark decides (UTF-8, UTF-16), an XML
 * declaration's encoding is honoured, else strict UTF-8; a CSV file that turns out not to be UTF-8
 * before any non-ASCII byte was decoded is read as Windows-1252 (older Excel on Windows).
 */
export function createDecoder(
  name: string,
  kind: TextKind
): {
  write(bytes: Uint8Array): string
  end(): string
  readonly failed: boolean
  issue: ImportIssue | null
} {
  let decoder: TextDecoder | null = null
  let strict = false
  let head: Uint8Array = new Uint8Array(0)
  let ascii = true
  const state = {
    issue: null as ImportIssue | null,
    get failed() {
      return state.issue !== null
    },
    write(bytes: Uint8Array): string {
      if (state.issue) return ''
      if (!decoder) {
        const joined = new Uint8Array(head.length + bytes.length)
        joined.set(head)
        joined.set(bytes, head.length)
        if (joined.length < 200) {
          head = joined
          return ''
        }
        head = new Uint8Array(0)
        choose(joined)
        return decode(joined, false)
      }
      return decode(bytes, false)
    },
    end(): string {
      if (state.issue) return ''
      if (!decoder) {
        choose(head)
        const text = decode(head, false)
        return text + decode(new Uint8Array(0), true)
      }
      return decode(new Uint8Array(0), true)
    }
  }
  const choose = (bytes: Uint8Array): void => {
    const b0 = bytes[0]
    const b1 = bytes[1]
    if (b0 === 0xff && b1 === 0xfe) decoder = new TextDecoder('utf-16le')
    else if (b0 === 0xfe && b1 === 0xff) decoder = new TextDecoder('utf-16be')
    else {
      if (kind === 'xml') {
        const start = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
        const declared = /<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(start)?.[1]?.toLowerCase()
        if (declared && declared !== 'utf-8' && declared !== 'utf8') {
          try {
            decoder = new TextDecoder(declared)
            return
          } catch {
            // an encoding the platform does not know: read as UTF-8, which refuses what it cannot read
          }
        }
      }
      decoder = new TextDecoder('utf-8', { fatal: true })
      strict = true
    }
  }
  const decode = (bytes: Uint8Array, last: boolean): string => {
    const d = decoder as TextDecoder
    try {
      const text = d.decode(bytes, { stream: !last })
      if (strict && kind === 'csv' && ascii) {
        for (let i = 0; i < bytes.length; i++) {
          if ((bytes[i] as number) >= 0x80) {
            ascii = false
            break
          }
        }
      }
      return text
    } catch {
      if (kind === 'csv' && ascii) {
        decoder = new TextDecoder('windows-1252')
        strict = false
        return decoder.decode(bytes, { stream: !last })
      }
      state.issue = issue(
        'invalid_field',
        `Het bestand ${name} is geen geldige tekst (UTF-8). Is het beschadigd?`
      )
      return ''
    }
  }
  return state
}

const UNKNOWN_EXTENSION =
  'Onbekend bestandstype. Kies een .kg.json-, .csv-, .zip-, .gexf-, .graphml- of .cyjs-bestand.'

/** How much text decides a `.json`, `.xml` or unknown file's format. */
const SNIFF_CHARS = 2000

/**
 * Routes a file's text to its reader once the format is known: by extension, or for `.json`,
 * `.xml` and unknown extensions by the first characters (as read.ts does).
 */
function textRouter(
  name: string,
  kind: ReturnType<typeof formatFromName>,
  maxRecords: number
): ChunkReader<Piece> {
  let head = ''
  let reader: ChunkReader<Piece> | null = null
  let refused: ImportIssue | null = null
  const open = (final: boolean): void => {
    let resolved: string | null = kind
    if (resolved === null) {
      const start = head.replace(/^\uFEFF/, '').trimStart()
      if (start === '' && !final) return
      resolved =
        start.startsWith('{') || start.startsWith('[')
          ? 'json'
          : start.startsWith('<')
            ? 'xml'
            : null
      if (!resolved) {
        refused = issue('not_our_format', UNKNOWN_EXTENSION)
        return
      }
    }
    if (resolved === 'xml') {
      const probe = head.slice(0, SNIFF_CHARS)
      resolved = /<gexf[\s>]/.test(probe) ? 'gexf' : /<graphml[\s>]/.test(probe) ? 'graphml' : null
      if (!resolved) {
        if (!final && head.length < SNIFF_CHARS) return
        refused = issue('not_our_format', `${name} is geen GEXF- of GraphML-bestand.`)
        return
      }
    }
    reader = readerFor(
      name,
      resolved as 'csv' | 'gexf' | 'graphml' | 'kg-json' | 'cyjs' | 'json',
      maxRecords
    )
  }
  return {
    get failed() {
      return refused !== null || !!reader?.failed
    },
    write(text) {
      if (refused) return
      if (reader) return reader.write(text)
      head += text
      if (
        kind === 'csv' ||
        kind === 'gexf' ||
        kind === 'graphml' ||
        kind === 'kg-json' ||
        kind === 'cyjs' ||
        head.length >= SNIFF_CHARS
      ) {
        open(false)
        if (reader) {
          const h = head
          head = ''
          ;(reader as ChunkReader<Piece>).write(h)
        }
      }
    },
    end() {
      if (!reader && !refused) {
        open(true)
        if (reader) (reader as ChunkReader<Piece>).write(head)
        head = ''
      }
      if (refused) return fail([refused])
      if (!reader) return fail([issue('not_our_format', UNKNOWN_EXTENSION)])
      return (reader as ChunkReader<Piece>).end()
    }
  }
}

type ReaderFactory = () => ChunkReader<RawGraph>

/** The format module's streaming reader (`createGexfReader`, …) when it has one. */
function streamingReader(module: object, name: string): ReaderFactory | undefined {
  const f = (module as Record<string, unknown>)[name]
  return typeof f === 'function' ? (f as ReaderFactory) : undefined
}

function readerFor(
  name: string,
  format: 'csv' | 'gexf' | 'graphml' | 'kg-json' | 'cyjs' | 'json',
  maxRecords: number
): ChunkReader<Piece> {
  if (format === 'csv') {
    const csv = createCsvReader(`CSV-bestand ${name}`, { maxRows: maxRecords })
    return {
      write: (t) => csv.write(t),
      get failed() {
        return csv.failed
      },
      end() {
        const table = csv.end()
        return table.ok ? ok({ kind: 'csv', tables: [table.value] }) : table
      }
    }
  }
  if (format === 'gexf' || format === 'graphml') {
    const make =
      format === 'gexf'
        ? (streamingReader(gexfFormat, 'createGexfReader') ??
          (() => wholeText(gexfFormat.parseGexf)))
        : (streamingReader(graphmlFormat, 'createGraphmlReader') ??
          (() => wholeText(graphmlFormat.parseGraphml)))
    const inner = make()
    return {
      write: (t) => inner.write(t),
      get failed() {
        return inner.failed
      },
      end() {
        const raw = inner.end()
        if (!raw.ok) return raw
        const read = countChecked({ format, raw: raw.value }, maxRecords)
        return read.ok ? ok({ kind: 'graph', read: read.value }) : read
      }
    }
  }
  if (format === 'kg-json') return kgJsonPiece(name, maxRecords)
  const json = wholeText((text) => readJson(text, name, format))
  return {
    write: (t) => json.write(t),
    get failed() {
      return json.failed
    },
    end() {
      const read = json.end()
      if (!read.ok) return read
      const counted = countChecked(read.value, maxRecords)
      return counted.ok ? ok({ kind: 'graph', read: counted.value }) : counted
    }
  }
}

/**
 * Texts up to this many characters are also kept whole while a `.kg.json` streams, so a file the
 * streaming reader refuses is judged by the whole read (a Cytoscape file named `.kg.json`, and the
 * same messages as read.ts); larger files are judged by the streaming reader alone.
 */
const KG_JSON_SHADOW_CHARS = 4 * 1024 * 1024

/**
 * A `.kg.json` (or `.kg.json.gz`) read as a stream (kg-json-stream.ts): never joined into one text,
 * so a backup past V8's longest string can be restored; the same envelope as the whole read.
 */
function kgJsonPiece(name: string, maxRecords: number): ChunkReader<Piece> {
  const reader = createKgJsonReader()
  let shadow: string[] | null = []
  let chars = 0
  return {
    write(text) {
      if (shadow) {
        chars += text.length
        if (chars > KG_JSON_SHADOW_CHARS) shadow = null
        else shadow.push(text)
      }
      reader.write(text)
    },
    get failed() {
      // A small file refused by the stream is read whole at the end: keep collecting it.
      return reader.failed && !shadow
    },
    end() {
      const envelope = reader.end()
      const read: Result<ReadGraph> = envelope.ok
        ? ok({ format: 'kg-json', envelope: envelope.value })
        : shadow
          ? readJson(shadow.join(''), name, 'kg-json')
          : envelope
      shadow = null
      if (!read.ok) return read
      const counted = countChecked(read.value, maxRecords)
      return counted.ok ? ok({ kind: 'graph', read: counted.value }) : counted
    }
  }
}

/** A reader for a format without a streaming one: collects the text and parses it at the end. */
function wholeText<T>(parse: (text: string) => Result<T>): ChunkReader<T> {
  const whole = collectCapped<string, T>(
    MAX_STRING_CHARS,
    `Het bestand is te groot om in één keer te lezen (meer dan ${formatCount(MAX_STRING_CHARS)} tekens). Er is niets geïmporteerd.`,
    (parts) => parse(parts.length === 1 ? (parts[0] as string) : parts.join(''))
  )
  return {
    write: (text) => whole.push(text),
    get failed() {
      return whole.failed
    },
    end: () => whole.end()
  }
}

/**
 * Collects pieces (bytes or text) up to `cap` in all; past it, drops what it holds and refuses the
 * input at the end with `tooLarge`. Otherwise `finish` gets the pieces and their total length once.
 */
function collectCapped<P extends { length: number }, T>(
  cap: number,
  tooLarge: string,
  finish: (parts: P[], size: number) => Result<T>
): { push(part: P): void; readonly failed: boolean; end(): Result<T> } {
  let parts: P[] = []
  let size = 0
  let over = false
  return {
    push(part) {
      if (over) return
      size += part.length
      if (size > cap) {
        over = true
        parts = []
      } else parts.push(part)
    },
    get failed() {
      return over
    },
    end() {
      if (over) return fail([issue('too_large', tooLarge)])
      const held = parts
      parts = []
      return finish(held, size)
    }
  }
}
