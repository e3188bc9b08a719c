/**
 * CSV for Excel and Kumu: an elements file (one row per node) and a connections file (one row per
 * edge), with Kumu's column names (`Label`, `Type`, `Description`, `Tags`, `From`, `To`,
 * `Direction`) plus an `ID` column, the app's own fields by their field names, `x`/`y` for the
 * position, and one column per free field.
 *
 * Defaults suit Dutch Excel: `;` as delimiter and a UTF-8 byte order mark; `,` on request.
 *
 * Formula neutralisation (spreadsheet injection): a cell whose text starts with `=`, `+`, `-`, `@`,
 * tab or CR, optionally after apostrophes, is written with one extra leading apostrophe, unless it is
 * a plain number like `-12.5` (Excel does not run those). On import exactly one leading apostrophe is
 * removed from cells that match `'+` followed by one of those characters, and from no other cell.
 * Every cell this module writes reads back to its original text: a cell that already began with
 * apostrophes and a trigger character gets one more, so the stripped apostrophe is always ours.
 *
 * Empty cells: an unquoted empty cell means "absent"; an empty string is written as `""`. Free
 * fields keep their value types through a column suffix (`aantal #number`, `actief #boolean`,
 * `mix #json`); see raw-graph.ts.
 */
import { EDGE_RULES } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import { isUnsafeKey, type FieldValue, type GraphNode } from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import { readWhole, type ChunkReader } from '../import/chunk-reader'
import { MAX_RECORDS, MAX_VALUE_CHARS, formatCount } from '../limits'
import { detach } from './xml'
import {
  APP_EDGE_FIELDS,
  APP_NODE_FIELDS,
  assignAttribute,
  decodeList,
  encodeAppValue,
  encodeFreeValue,
  freeColumnName,
  freeColumns,
  interner,
  unsafeKeyIssue,
  parseColumnName,
  usedAppFields,
  type ImportIssue,
  type RawEdge,
  type RawGraph,
  type RawNode
} from '../raw-graph'

/** Options for the CSV writers. */
export interface CsvOptions {
  /** Cell delimiter: `;` (default, Dutch Excel) or `,`. */
  delimiter?: ';' | ','
  /** Start with a UTF-8 byte order mark so Excel reads UTF-8 (default true). */
  bom?: boolean
}

const TRIGGER = /^'*[=+\-@\t\r]/
const OURS = /^'+[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i

/** A cell's text made safe for spreadsheets (see the module comment); reversible by {@link unneutralise}. */
export function neutralise(text: string): string {
  return TRIGGER.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}

/** Removes the apostrophe {@link neutralise} added, and touches no other cell. */
export function unneutralise(text: string): string {
  return OURS.test(text) ? text.slice(1) : text
}

function cell(value: string | number | boolean | undefined, delimiter: string): string {
  if (value === undefined) return ''
  const text = neutralise(String(value))
  const needsQuotes =
    text === '' ||
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    text !== text.trim()
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text
}

interface CsvColumn {
  header: string
  read: (
    record: Record<string, unknown> & { fields: Record<string, FieldValue> }
  ) => string | number | boolean | undefined
}

const KUMU_NODE: Readonly<Record<string, string>> = {
  title: 'Label',
  description: 'Description',
  tags: 'Tags'
}

function appColumn(field: string, header = field): CsvColumn {
  return { header, read: (r) => encodeAppValue(field, r[field]) }
}

function freeCsvColumns(records: readonly { fields: Record<string, FieldValue> }[]): CsvColumn[] {
  const cols: CsvColumn[] = []
  for (const [key, type] of freeColumns(records)) {
    cols.push({
      header: freeColumnName(key, type, false),
      read: (r) =>
        Object.hasOwn(r.fields, key)
          ? encodeFreeValue(r.fields[key] as FieldValue, type)
          : undefined
    })
  }
  return cols
}

function table(
  records: readonly object[],
  cols: readonly CsvColumn[],
  options: CsvOptions
): string {
  const d = options.delimiter ?? ';'
  const lines = [cols.map((c) => cell(c.header, d)).join(d)]
  for (const r of records) {
    const rec = r as Record<string, unknown> & { fields: Record<string, FieldValue> }
    lines.push(cols.map((c) => cell(c.read(rec), d)).join(d))
  }
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`
}

/**
 * The elements file: `ID`, `Label`, `Type` (the app kind), `Description`, `Tags` (`a|b`), the used
 * app fields, `x`/`y`, then free fields. Lines end in CRLF.
 */
export function serializeCsvElements(graph: GraphData, options: CsvOptions = {}): string {
  const nodes = graph.nodes
  const cols: CsvColumn[] = [
    { header: 'ID', read: (r) => r.id as string },
    appColumn('title', 'Label'),
    { header: 'Type', read: (r) => r.kind as string }
  ]
  const used = usedAppFields(nodes, APP_NODE_FIELDS, new Set(['title']))
  for (const f of used) cols.push(appColumn(f, KUMU_NODE[f] ?? f))
  if (nodes.some((n) => n.position)) {
    cols.push({ header: 'x', read: (r) => (r as unknown as GraphNode).position?.x })
    cols.push({ header: 'y', read: (r) => (r as unknown as GraphNode).position?.y })
  }
  cols.push(...freeCsvColumns(nodes))
  return table(nodes, cols, options)
}

/**
 * The connections file: `ID`, `From`, `To`, `Type` (the edge kind), `Direction`, `Label`, the used
 * app fields, then free fields. Lines end in CRLF.
 */
export function serializeCsvConnections(graph: GraphData, options: CsvOptions = {}): string {
  const edges = graph.edges
  const cols: CsvColumn[] = [
    { header: 'ID', read: (r) => r.id as string },
    { header: 'From', read: (r) => r.source as string },
    { header: 'To', read: (r) => r.target as string },
    { header: 'Type', read: (r) => r.kind as string },
    {
      header: 'Direction',
      read: (r) =>
        EDGE_RULES[r.kind as keyof typeof EDGE_RULES].directed ? 'directed' : 'undirected'
    }
  ]
  const used = usedAppFields(edges, APP_EDGE_FIELDS, new Set())
  for (const f of used) cols.push(appColumn(f, f === 'label' ? 'Label' : f))
  cols.push(...freeCsvColumns(edges))
  return table(edges, cols, options)
}

// ---------- reading ----------

/** One parsed row: cells (null = unquoted empty, i.e. absent) and the line it starts on. */
export interface CsvRow {
  cells: (string | null)[]
  line: number
}

/** A parsed CSV table: the header row and the data rows. */
export interface CsvTable {
  header: string[]
  rows: CsvRow[]
  delimiter: string
}

function sniffDelimiter(text: string): string {
  let inQuotes = false
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '"') inQuotes = !inQuotes
    else if (!inQuotes && (c === '\n' || c === '\r')) break
    else if (!inQuotes && c in counts) counts[c] = (counts[c] ?? 0) + 1
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]
  return best && best[1] > 0 ? best[0] : ';'
}

/** Whether `text` holds the end of the header row (an unquoted line break), so the delimiter is known. */
function headerComplete(text: string): boolean {
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) inQuotes = !inQuotes
    else if (!inQuotes && (c === 10 || c === 13)) return true
  }
  return false
}

function csvIssue(message: string, line?: number, field?: string): ImportIssue {
  return {
    code: 'invalid_field',
    path: field ? [field] : [],
    message,
    ...(line !== undefined ? { line } : {}),
    ...(field ? { field } : {})
  }
}

/** Limits of one CSV read (defaults from limits.ts). */
export interface CsvLimits {
  /** Longest cell, in characters. */
  maxValueChars?: number
  /** Most data rows. */
  maxRows?: number
}

/**
 * A streaming CSV reader (see import/chunk-reader.ts): RFC 4180 with `"` quoting; delimiter `;`, `,`
 * or tab, sniffed from the header row. The text may be split anywhere: inside a quoted field, between
 * the two quotes of an escaped `""`, between CR and LF. A byte order mark is skipped. Rejects an
 * unclosed quote and rows whose column count differs from the header's, with the line number, and a
 * cell or a row count over the limits; blank lines are skipped. Only the rows are kept, never the text.
 */
export function createCsvReader(
  what = 'CSV-bestand',
  limits: CsvLimits = {}
): ChunkReader<CsvTable> {
  const maxValue = limits.maxValueChars ?? MAX_VALUE_CHARS
  const maxRows = limits.maxRows ?? MAX_RECORDS
  const rows: CsvRow[] = []
  let head = ''
  let started = false
  let d = ';'
  let special = /[;\r\n]/g
  let cells: (string | null)[] = []
  let cellText = ''
  /** The cell began with a quote (it is present even when empty). */
  let quoted = false
  /** Inside an open quote. */
  let inQuote = false
  /** A quote was seen inside an open quote at the end of the last piece: an escape or the close. */
  let quoteAtEnd = false
  /** The last piece ended in CR: a LF that starts the next belongs to the same line break. */
  let skipLf = false
  let line = 1
  let rowLine = 1
  let quoteLine = 1
  let fatal: ImportIssue | null = null

  const endCell = (): void => {
    // detach: a cell kept as a slice would keep the whole piece of the file it came from alive.
    cells.push(quoted || cellText !== '' ? detach(cellText) : null)
    cellText = ''
    quoted = false
  }
  const endRow = (): void => {
    endCell()
    if (!(cells.length === 1 && cells[0] === null)) {
      if (rows.length > maxRows) {
        fatal = csvIssue(
          `Het ${what} heeft meer dan ${formatCount(maxRows)} regels; dat is de grens. Er is niets geïmporteerd.`,
          rowLine
        )
      }
      // An exact-size copy: an array grown by push has room for 17 cells (~150 bytes) however few
      // it holds, and a million-row file keeps every row until its records are built.
      rows.push({ cells: cells.slice(), line: rowLine })
    }
    cells = []
  }
  const tooLong = (): void => {
    fatal = csvIssue(
      `Regel ${rowLine} van het ${what} heeft een waarde van meer dan ${formatCount(maxValue)} tekens; dat is de grens. Is het bestand beschadigd?`,
      rowLine
    )
  }

  const feed = (text: string): void => {
    const n = text.length
    let i = 0
    if (skipLf) {
      skipLf = false
      if (text.charCodeAt(0) === 10) i = 1
    }
    if (quoteAtEnd) {
      quoteAtEnd = false
      if (text.charCodeAt(i) === 34) {
        cellText += '"'
        i++
      } else inQuote = false
    }
    while (i < n && !fatal) {
      if (inQuote) {
        const q = text.indexOf('"', i)
        const stop = q < 0 ? n : q
        for (let k = text.indexOf('\n', i); k >= 0 && k < stop; k = text.indexOf('\n', k + 1))
          line++
        cellText += text.slice(i, stop)
        if (cellText.length > maxValue) return tooLong()
        if (q < 0) return
        if (q + 1 >= n) {
          quoteAtEnd = true
          return
        }
        if (text.charCodeAt(q + 1) === 34) {
          cellText += '"'
          i = q + 2
        } else {
          inQuote = false
          i = q + 1
        }
        continue
      }
      const c = text[i] as string
      if (c === '"' && cellText === '' && !quoted) {
        quoted = true
        inQuote = true
        quoteLine = line
        i++
      } else if (c === d) {
        endCell()
        i++
      } else if (c === '\r' || c === '\n') {
        endRow()
        if (c === '\r') {
          if (i + 1 >= n) skipLf = true
          else if (text.charCodeAt(i + 1) === 10) i++
        }
        i++
        line++
        rowLine = line
      } else {
        // Plain text up to the next delimiter or line end, in one slice.
        special.lastIndex = i
        const m = special.exec(text)
        const j = m ? m.index : n
        cellText += text.slice(i, j === i ? i + 1 : j)
        if (cellText.length > maxValue) return tooLong()
        i = j === i ? i + 1 : j
      }
    }
  }

  return {
    get failed() {
      return fatal !== null
    },
    write(piece: string): void {
      if (fatal || piece === '') return
      if (!started) {
        head += piece
        if (!headerComplete(head) && head.length < maxValue) return
        piece = head
        head = ''
        started = true
        if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1)
        d = sniffDelimiter(piece)
        special = new RegExp(`[${d === '\t' ? '\\t' : d}\\r\\n]`, 'g')
      }
      feed(piece)
    },
    end(): Result<CsvTable> {
      if (!started) {
        started = true
        let piece = head
        head = ''
        if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1)
        d = sniffDelimiter(piece)
        special = new RegExp(`[${d === '\t' ? '\\t' : d}\\r\\n]`, 'g')
        feed(piece)
      }
      if (fatal) return fail([fatal])
      if (quoteAtEnd) {
        quoteAtEnd = false
        inQuote = false
      }
      if (inQuote) {
        return fail([
          csvIssue(
            `Het ${what} is beschadigd of onvolledig: het aanhalingsteken op regel ${quoteLine} wordt nergens gesloten.`,
            quoteLine
          )
        ])
      }
      if (cellText !== '' || quoted || cells.length > 0) endRow()
      if (fatal) return fail([fatal])
      return checkTable(rows, d, what)
    }
  }
}

/**
 * Parses CSV text (RFC 4180 with `"` quoting; delimiter `;`, `,` or tab, sniffed from the header).
 * A byte order mark is skipped. Rejects an unclosed quote and rows whose column count differs from
 * the header's, with the line number; blank lines are skipped. Never throws. The whole-text form of
 * {@link createCsvReader}.
 */
export function parseCsvTable(input: string, what = 'CSV-bestand'): Result<CsvTable> {
  return readWhole(createCsvReader(what), input)
}

function checkTable(rows: CsvRow[], d: string, what: string): Result<CsvTable> {
  const head = rows.shift()
  if (!head) return fail([csvIssue(`Het ${what} is leeg: er is geen kopregel.`, 1)])
  const header = head.cells.map((h) => unneutralise(h ?? ''))
  const issues: ImportIssue[] = []
  const seen = new Set<string>()
  for (const h of header) {
    if (h && seen.has(h))
      issues.push(
        csvIssue(`Kolom "${h}" staat twee keer in de kopregel van het ${what}.`, head.line, h)
      )
    seen.add(h)
  }
  for (const row of rows) {
    while (row.cells.length > header.length && row.cells[row.cells.length - 1] === null)
      row.cells.pop()
    if (row.cells.length !== header.length) {
      issues.push(
        csvIssue(
          `Regel ${row.line} van het ${what} heeft ${row.cells.length} kolommen, de kopregel ${header.length}. Is het bestand beschadigd of onvolledig?`,
          row.line
        )
      )
      if (issues.length >= 50) break
    }
  }
  return issues.length ? fail(issues) : ok({ header, rows, delimiter: d })
}

type Role = 'elements' | 'connections'

/** Whether a parsed table is an elements or a connections file (by its `From`/`To` columns). */
export function csvRole(header: readonly string[]): Role {
  const lower = header.map((h) => h.trim().toLowerCase())
  return lower.includes('from') && lower.includes('to') ? 'connections' : 'elements'
}

function value(row: CsvRow, index: number): string | undefined {
  const c = row.cells[index]
  return c === null || c === undefined ? undefined : unneutralise(c)
}

/**
 * Reads an elements table, a connections table, or both into raw records. `From`/`To` are matched
 * against the elements' ids, then against their labels (Kumu files without an ID column). With no
 * elements file, every `From`/`To` value becomes a node of its own (as Kumu does). Empties
 * `elements.rows` once they are records (a million-row file should not hold both).
 */
export function csvToRaw(
  elements: CsvTable | null,
  connections: CsvTable | null
): Result<RawGraph> {
  const out: RawGraph = { nodes: [], edges: [], annotations: [] }
  const issues: ImportIssue[] = []
  for (const t of [elements, connections]) {
    if (!t) continue
    for (const h of t.header) {
      if (isUnsafeKey(h) || isUnsafeKey(parseColumnName(h).base))
        issues.push(unsafeKeyIssue(h, { line: 1 }, 'Kopregel'))
    }
  }
  if (issues.length) return fail(issues)

  const labelIndex = new Map<string, string | null>()
  // One string per distinct type (every row repeats a handful).
  const intern = interner()
  if (elements) {
    const idx = (name: string): number =>
      elements.header.findIndex((h) => h.trim().toLowerCase() === name)
    const iId = idx('id')
    const iLabel = idx('label')
    const iType = idx('type')
    const iX = elements.header.indexOf('x')
    const iY = elements.header.indexOf('y')
    if (iId < 0 && iLabel < 0) {
      return fail([csvIssue('Het elementenbestand heeft geen kolom "ID" of "Label".', 1)])
    }
    elements.rows.forEach((row, r) => {
      const at = { line: row.line, record: r + 1 }
      const id =
        (iId >= 0 ? value(row, iId) : undefined) ?? (iLabel >= 0 ? value(row, iLabel) : undefined)
      if (!id) {
        issues.push(csvIssue(`Regel ${row.line}: de knoop heeft geen ID of Label.`, row.line, 'ID'))
        return
      }
      const node: RawNode = {
        id,
        type: intern((iType >= 0 ? value(row, iType) : undefined) ?? ''),
        app: {},
        fields: {},
        at
      }
      const where = `Regel ${row.line}, knoop ${id}`
      elements.header.forEach((h, c) => {
        if (c === iId || c === iType || c === iX || c === iY) return
        const v = value(row, c)
        if (v === undefined) return
        const lower = h.trim().toLowerCase()
        if (c === iLabel) node.app.title = v
        else if (lower === 'description') node.app.description = v
        else if (lower === 'tags') node.app.tags = decodeList(v)
        else {
          const issue = assignAttribute(node, 'node', h, v, where)
          if (issue) issues.push(issue)
        }
      })
      const x = iX >= 0 ? value(row, iX) : undefined
      const y = iY >= 0 ? value(row, iY) : undefined
      const nx = Number(x?.replace(',', '.'))
      const ny = Number(y?.replace(',', '.'))
      if (x !== undefined && y !== undefined && Number.isFinite(nx) && Number.isFinite(ny)) {
        node.app.position = { x: nx, y: ny }
      } else {
        if (x !== undefined) node.fields.x = x
        if (y !== undefined) node.fields.y = y
      }
      const title = node.app.title
      if (typeof title === 'string') labelIndex.set(title, labelIndex.has(title) ? null : id)
      out.nodes.push(node)
    })
    // The rows are records now: let them go before the connections become edges.
    elements.rows.length = 0
  }

  if (connections) {
    const idx = (name: string): number =>
      connections.header.findIndex((h) => h.trim().toLowerCase() === name)
    const iId = idx('id')
    const iFrom = idx('from')
    const iTo = idx('to')
    const iType = idx('type')
    const iDir = idx('direction')
    const iLabel = idx('label')
    // Node ids by value: an edge's ends share the node's id string.
    const ids = new Map(out.nodes.map((n) => [n.id, n.id]))
    const resolve = (ref: string, line: number): string => {
      const own = ids.get(ref)
      if (own !== undefined) return own
      const byLabel = labelIndex.get(ref)
      if (byLabel) return byLabel
      if (!elements) {
        ids.set(ref, ref)
        out.nodes.push({
          id: ref,
          type: '',
          app: { title: ref },
          fields: {},
          at: { line, record: out.nodes.length + 1 }
        })
      }
      return ref
    }
    connections.rows.forEach((row, r) => {
      const at = { line: row.line, record: r + 1 }
      const from = value(row, iFrom)
      const to = value(row, iTo)
      const id = iId >= 0 ? (value(row, iId) ?? null) : null
      if (!from || !to) {
        const missing = from ? 'To' : 'From'
        issues.push(
          csvIssue(`Regel ${row.line}: de verbinding heeft geen "${missing}".`, row.line, missing)
        )
        return
      }
      const dir = iDir >= 0 ? value(row, iDir)?.toLowerCase() : undefined
      const edge: RawEdge = {
        id,
        type: intern((iType >= 0 ? value(row, iType) : undefined) ?? ''),
        source: resolve(from, row.line),
        target: resolve(to, row.line),
        directed: dir === undefined ? null : dir === 'directed',
        app: {},
        fields: {},
        at
      }
      const where = `Regel ${row.line}, verbinding ${id ?? r + 1}`
      connections.header.forEach((h, c) => {
        if (c === iId || c === iFrom || c === iTo || c === iType || c === iDir) return
        const v = value(row, c)
        if (v === undefined) return
        if (c === iLabel) edge.app.label = v
        else {
          const issue = assignAttribute(edge, 'edge', h, v, where)
          if (issue) issues.push(issue)
        }
      })
      out.edges.push(edge)
    })
  }
  return issues.length ? fail(issues) : ok(out)
}
