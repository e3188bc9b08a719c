/**
 * XML reading and writing for GEXF and GraphML. Reading is event driven: saxes (a strict, fast
 * streaming parser that runs the same in the browser and in Node) reports start tags, text and end
 * tags, and the format readers (gexf.ts, graphml.ts) build raw records from those events as they
 * come. No document tree is ever built, nothing recurses, and the text may arrive in pieces of any
 * size (see import/chunk-reader.ts).
 *
 * Files are checked, not trusted: malformed XML, elements nested deeper than {@link XML_MAX_DEPTH}
 * and values longer than {@link XML_MAX_VALUE_CHARS} refuse the file with a Dutch message that says
 * where. Entity declarations are never expanded (an undeclared entity is an error).
 */
import { SaxesParser } from 'saxes'
import { MAX_NESTING_DEPTH, MAX_RECORDS, MAX_VALUE_CHARS, formatCount } from '../limits'
import { fail, ok } from '../../domain/result'
import type { ChunkReader } from '../import/chunk-reader'
import { describeLocation, type ImportIssue, type Locator, type RawGraph } from '../raw-graph'
export { parseDecimal } from '../raw-graph'

/**
 * How deeply elements may nest (the limit table's {@link MAX_NESTING_DEPTH}). GEXF needs 6 levels
 * (gexf › graph › nodes › node › attvalues › attvalue), yEd's GraphML about 10, hierarchical graphs
 * a few more per level; a file nested deeper is refused (it is broken or made to crash readers).
 */
export const XML_MAX_DEPTH = MAX_NESTING_DEPTH

/**
 * The longest attribute value or element text, in characters (the limit table's
 * {@link MAX_VALUE_CHARS}); a longer value refuses the file.
 */
export const XML_MAX_VALUE_CHARS = MAX_VALUE_CHARS

/** Nodes plus edges one file may hold (the limit table's {@link MAX_RECORDS}). */
export const XML_MAX_RECORDS = MAX_RECORDS

/** A start tag as the readers see it. The object is reused for every tag: do not keep it. */
export interface XmlTag {
  /** Qualified name as written, e.g. `viz:position`. */
  name: string
  /** Name without namespace prefix, e.g. `position`. Namespaces are not checked (files vary). */
  local: string
  attributes: Readonly<Record<string, string>>
  /** 1 for the root element. */
  depth: number
  /** Where the start tag begins (1-based). */
  line: number
  column: number
}

/** What a format reader does with the parser's events. */
export interface XmlHandler {
  /** A start tag (also for an empty element, which is then closed at once). */
  open(tag: XmlTag): void
  /** Text or CDATA directly inside the innermost open element; may come in several pieces. */
  text(text: string): void
  /** The end of the element at `depth` (1 for the root), with its local name. */
  close(local: string, depth: number): void
}

/** Known parser messages in Dutch; anything else is shown as the technical text. */
const TRANSLATIONS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /unclosed tag: (.*)/i,
    (m) => `element <${m[1]}> wordt niet afgesloten; het bestand houdt onverwacht op`
  ],
  [/unexpected end/i, () => 'het bestand houdt onverwacht op'],
  [/unexpected close tag/i, () => 'begin- en eindtags passen niet bij elkaar'],
  [
    /must contain a root element/i,
    () => 'er is geen XML-element gevonden (leeg bestand of geen XML)'
  ],
  [/text data outside of root node/i, () => 'er staat tekst buiten het hoofdelement'],
  [/undefined entity/i, () => 'onbekende entiteit (entiteiten uit een DTD worden niet gelezen)'],
  [
    /unquoted attribute value|attribute without value/i,
    () => 'een attribuutwaarde staat niet tussen aanhalingstekens'
  ],
  [/duplicate attribute/i, () => 'een attribuut staat twee keer in hetzelfde element'],
  [/disallowed character/i, () => 'er staat een teken dat in XML niet is toegestaan']
]

function dutchDetail(message: string): string {
  const bare = message.replace(/^[^:]*?\d+:\d+: /, '')
  for (const [re, say] of TRANSLATIONS) {
    const m = re.exec(bare)
    if (m) return say(m)
  }
  return `technisch: ${bare}`
}

function xmlIssue(
  formatName: string,
  message: string,
  line: number | undefined,
  column: number | undefined
): ImportIssue {
  const at = line ? ` (regel ${line}${column ? `, kolom ${column}` : ''})` : ''
  return {
    code: 'invalid_field',
    path: [],
    message: `Het bestand is geen geldige ${formatName}-XML${at}: ${dutchDetail(message)}. Is het beschadigd of onvolledig?`,
    ...(line ? { line } : {}),
    ...(column ? { column } : {})
  }
}

/** The issue for an element nested deeper than {@link XML_MAX_DEPTH}. */
function depthIssue(formatName: string, line: number): ImportIssue {
  return {
    code: 'too_large',
    path: [],
    message: `Het ${formatName}-bestand is te diep genest: meer dan ${XML_MAX_DEPTH} elementen in elkaar (regel ${line}). Geen grafiekprogramma schrijft zo; het bestand is geweigerd.`,
    line
  }
}

/** The issue for a value longer than {@link XML_MAX_VALUE_CHARS}. */
function valueIssue(formatName: string, line: number, what: string): ImportIssue {
  return {
    code: 'too_large',
    path: [],
    message: `Het ${formatName}-bestand bevat een te lange waarde (${what} van meer dan ${formatCount(XML_MAX_VALUE_CHARS)} tekens, regel ${line}); het bestand is geweigerd.`,
    line
  }
}

class StopParsing extends Error {}

/** A running XML read: feed it text, end it, or refuse the file from a handler. */
export interface XmlStream {
  /** Feeds the next piece of text; ignored once the read failed. Never throws on bad input. */
  write(text: string): void
  /** Ends the input; the first fatal issue, or null when the XML was well formed. */
  end(): ImportIssue | null
  /** True once the file is refused. */
  readonly failed: boolean
  /**
   * Refuses the file from inside a handler call: records `issue` and stops parsing (it throws a
   * private signal that {@link XmlStream.write} catches; call it last).
   */
  refuse(issue: ImportIssue): never
}

/**
 * Starts a streaming read of XML text for `handler`. Well-formedness errors, nesting deeper than
 * {@link XML_MAX_DEPTH} and values longer than {@link XML_MAX_VALUE_CHARS} stop the read with one
 * Dutch issue (line and column). A byte order mark at the start is skipped.
 */
export function createXmlStream(formatName: string, handler: XmlHandler): XmlStream {
  const parser = new SaxesParser({ position: true })
  const tag: XmlTag = { name: '', local: '', attributes: {}, depth: 0, line: 1, column: 1 }
  let error: ImportIssue | null = null
  let started = false
  let sawRoot = false
  let depth = 0
  let textChars = 0
  let startLine = 1
  let startColumn = 1
  let startPosition = 0
  const refuse = (issue: ImportIssue): never => {
    error ??= issue
    throw new StopParsing()
  }
  parser.on('error', (e) => refuse(xmlIssue(formatName, e.message, parser.line, parser.column)))
  parser.on('opentagstart', () => {
    startLine = parser.line
    startColumn = Math.max(1, parser.column - 1)
    startPosition = parser.position
  })
  parser.on('opentag', (t) => {
    depth++
    if (depth > XML_MAX_DEPTH) refuse(depthIssue(formatName, startLine))
    sawRoot = true
    textChars = 0
    // Without xmlns processing saxes gives plain string values.
    const attributes = t.attributes as Record<string, string>
    // Only a start tag longer than the limit can hold a value over it: one subtraction per tag.
    if (parser.position - startPosition > XML_MAX_VALUE_CHARS) {
      for (const k in attributes) {
        if ((attributes[k] as string).length > XML_MAX_VALUE_CHARS)
          refuse(valueIssue(formatName, startLine, `attribuut ${k}`))
      }
    }
    const name = t.name
    const colon = name.indexOf(':')
    tag.name = name
    tag.local = colon >= 0 ? name.slice(colon + 1) : name
    tag.attributes = attributes
    tag.depth = depth
    tag.line = startLine
    tag.column = startColumn
    handler.open(tag)
  })
  const onText = (text: string): void => {
    textChars += text.length
    if (textChars > XML_MAX_VALUE_CHARS) refuse(valueIssue(formatName, parser.line, 'tekst'))
    if (depth > 0) handler.text(text)
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', (t) => {
    const name = t.name
    const colon = name.indexOf(':')
    handler.close(colon >= 0 ? name.slice(colon + 1) : name, depth)
    depth--
    textChars = 0
  })
  const guarded = (run: () => void): void => {
    try {
      run()
    } catch (e) {
      if (!(e instanceof StopParsing)) {
        const message = e instanceof Error ? e.message : String(e)
        error ??= xmlIssue(formatName, message, parser.line, parser.column)
      }
    }
  }
  return {
    write(text) {
      if (error || text === '') return
      let chunk = text
      if (!started) {
        started = true
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
      }
      guarded(() => parser.write(chunk))
    },
    end() {
      if (!error) guarded(() => parser.close())
      if (!error && !sawRoot)
        error = xmlIssue(formatName, 'must contain a root element', undefined, undefined)
      return error
    },
    get failed() {
      return error !== null
    },
    refuse
  }
}

/**
 * A copy of `text` that does not hold on to the chunk it was cut from. V8 represents a slice of 13
 * or more characters as a view into its parent string, so every label or id a reader keeps would
 * keep the whole piece of the file it came from alive (measured: 200,000 nodes with 40-character
 * titles held 86 MB of file text). Strings that go into records pass through here.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

/** Limits a reader may be given instead of the limit table's (tests). */
export interface XmlReaderLimits {
  /** Nodes plus edges; default {@link XML_MAX_RECORDS}. */
  maxRecords?: number
}

/** The issue for a file with more than `max` nodes and edges. */
export function tooManyRecordsIssue(
  formatName: string,
  line: number,
  max: number = XML_MAX_RECORDS
): ImportIssue {
  return {
    code: 'too_large',
    path: [],
    message: `Het ${formatName}-bestand heeft meer dan ${formatCount(max)} knopen en verbindingen (regel ${line}); dat is de grens. Er is niets geïmporteerd.`,
    line
  }
}

/** How a value that should have been a number is named in a message. */
export function describeNumberText(text: string): string {
  if (text === '') return 'een lege waarde'
  if (text.trim() === '') return 'alleen witruimte'
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text
  if (/^[+-]?0x[0-9a-f]+$/i.test(text.trim())) return `${shown} (een hexadecimaal getal)`
  return shown
}

/**
 * The notes for edges whose id was missing or already taken in the file: they are kept and get a
 * fresh id in the mapping (a repeated id is kept in `fields.id`).
 */
export function idNotes(missing: number, duplicate: number): ImportIssue[] {
  const notes: ImportIssue[] = []
  const n = (count: number): string =>
    count === 1 ? '1 verbinding had' : `${formatCount(count)} verbindingen hadden`
  if (duplicate > 0) {
    notes.push({
      code: 'duplicate_id',
      path: ['id'],
      field: 'id',
      message: `${n(duplicate)} een id die al eerder in het bestand stond en ${duplicate === 1 ? 'kreeg' : 'kregen'} een nieuwe id (de oude staat in het veld id).`
    })
  }
  if (missing > 0) {
    notes.push({
      code: 'required',
      path: ['id'],
      field: 'id',
      message: `${n(missing)} geen id en ${missing === 1 ? 'kreeg' : 'kregen'} een nieuwe id.`
    })
  }
  return notes
}

// ---------- writing ----------

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become
 * U+FFFD: the one place where a GEXF or GraphML export is not lossless.
 */
const INVALID_XML =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escapes text for an attribute value; tab, newline and CR become character references so they survive. */
export function escapeAttr(value: string): string {
  return value
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

/** Escapes element text; CR becomes a character reference, because parsers turn raw CR into LF. */
export function escapeText(value: string): string {
  return value
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
}

/** ` name="value"` pairs for defined values, in the given order. */
export function attrs(pairs: readonly (readonly [string, string | number | undefined])[]): string {
  let out = ''
  for (const [k, v] of pairs) if (v !== undefined) out += ` ${k}="${escapeAttr(String(v))}"`
  return out
}

/**
 * The issue that refuses a number attribute that is not a plain finite decimal (GEXF viz values,
 * yEd geometry), placed at its tag.
 */
export function numberAttributeIssue(
  tag: XmlTag,
  of: 'node' | 'edge',
  id: string | null | undefined,
  name: string,
  raw: string
): ImportIssue {
  const at = { line: tag.line, column: tag.column }
  return {
    code: 'invalid_type',
    path: [name],
    field: name,
    message: `${describeLocation(of, at, id)}: <${tag.name}> ${name} is geen bruikbaar getal: verwacht een eindig decimaal getal (zoals 12 of -3.5), ontving ${describeNumberText(raw)}.`,
    ...at
  }
}

/** What a streaming graph reader has gathered, asked for once at the end. */
export interface XmlGraphState {
  sawGraph: boolean
  out: RawGraph
  issues: ImportIssue[]
  missingIds: number
  duplicateIds: number
}

/**
 * The outside of a streaming XML graph reader (GEXF, GraphML): feeds the text to `xml`; at the end
 * refuses a file with an XML error, without a `<graph>` or with issues, else gives the records with
 * the notes on edge ids.
 */
export function xmlGraphReader(
  xml: XmlStream,
  formatName: string,
  state: () => XmlGraphState
): ChunkReader<RawGraph> {
  return {
    write(text) {
      xml.write(text)
    },
    get failed() {
      return xml.failed
    },
    end() {
      const error = xml.end()
      if (error) return fail([error])
      const { sawGraph, out, issues, missingIds, duplicateIds } = state()
      if (!sawGraph) {
        return fail([
          {
            code: 'not_our_format',
            path: [],
            message: `Het ${formatName}-bestand bevat geen <graph>.`
          }
        ])
      }
      if (issues.length) return fail(issues)
      const notes = idNotes(missingIds, duplicateIds)
      return ok(notes.length ? { ...out, notes } : out)
    }
  }
}

/** The issue for a `<node>` without an id (the node is left out; the file is refused). */
export function missingNodeIdIssue(at: {
  line: number
  column: number
  record: number
}): ImportIssue {
  return {
    code: 'invalid_field',
    path: ['id'],
    field: 'id',
    message: `${describeLocation('node', at)}: de knoop heeft geen id.`,
    ...at
  }
}

/** The issue for an `<edge>` without a source or target (`source` says which one is there). */
export function missingEndpointIssue(
  at: { line: number; column: number; record: number },
  id: string | null,
  source: string | undefined
): ImportIssue {
  const missing = source ? 'target' : 'source'
  return {
    code: 'invalid_field',
    path: [missing],
    field: missing,
    message: `${describeLocation('edge', at, id)}: de verbinding mist ${missing}.`,
    ...at
  }
}

/**
 * The locator a record keeps: its line only. Messages name records by line ("Regel 12"); the column
 * and record number stay in the issues raised while the element is read. A million-record file keeps
 * one locator per record, and `{ line }` is half the size of all three.
 */
export function recordAt(at: { line: number }): Locator {
  return { line: at.line }
}

/**
 * The edge ids seen in one file. {@link EdgeIds.keep} gives the id an edge keeps, or null when the
 * mapping must give it a fresh one: missing, or already taken (other tools number edges per node
 * pair, e.g. NetworkX multigraph keys 0, 1, …); a taken id is kept in `fields.id`, as the mapping
 * does for every id it replaces. The counts feed {@link idNotes}.
 */
export interface EdgeIds {
  keep(id: string | null, fields: Record<string, unknown>): string | null
  readonly missing: number
  readonly duplicate: number
}

export function edgeIdTracker(): EdgeIds {
  const seen = new Set<string>()
  let missing = 0
  let duplicate = 0
  return {
    keep(id, fields) {
      if (id === null || id === '') {
        missing++
        return null
      }
      if (seen.has(id)) {
        fields.id = id
        duplicate++
        return null
      }
      seen.add(id)
      return id
    },
    get missing() {
      return missing
    },
    get duplicate() {
      return duplicate
    }
  }
}
