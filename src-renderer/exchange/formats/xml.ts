/**
 * XML reading and writing for GEXF and GraphML. Parsing uses saxes, a strict, fast streaming parser
 * that runs the same in the browser and in Node, so the app, the tests and the command line read
 * files with exactly the same code. It builds a small element tree (names, attributes, text, line
 * and column). Malformed XML is rejected with a Dutch message that says where; entity declarations
 * are never expanded (an undeclared entity is an error).
 */
import { SaxesParser } from 'saxes'
import { fail, ok, type Result } from '../../domain/result'
import type { ImportIssue } from '../raw-graph'

/** An element of a parsed document: only what the graph readers need. */
export interface XmlElement {
  /** Qualified name as written, e.g. `viz:position`. */
  name: string
  /** Name without namespace prefix, e.g. `position`. Namespaces are not checked (Gephi files vary). */
  localName: string
  attributes: Map<string, string>
  children: XmlElement[]
  /** The element's own text (text and CDATA directly inside it). */
  text: string
  parent: XmlElement | null
  /** Where the start tag begins (1-based). */
  line: number
  column: number
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

class StopParsing extends Error {}

/**
 * Parses XML text into an element tree with line numbers on every element. The first well-formedness
 * error rejects the whole file with a Dutch issue (line and column); nothing is half read. A byte
 * order mark is skipped. Never throws on bad input.
 */
export function parseXml(input: string, formatName: string): Result<XmlElement> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const parser = new SaxesParser({ position: true })
  let root: XmlElement | null = null
  let current: XmlElement | null = null
  let error: ImportIssue | null = null
  let startLine = 1
  let startColumn = 1
  parser.on('error', (e) => {
    error ??= xmlIssue(formatName, e.message, parser.line, parser.column)
    throw new StopParsing()
  })
  parser.on('opentagstart', () => {
    startLine = parser.line
    startColumn = Math.max(1, parser.column - 1)
  })
  parser.on('opentag', (tag) => {
    const name = tag.name
    const colon = name.indexOf(':')
    const el: XmlElement = {
      name,
      localName: colon >= 0 ? name.slice(colon + 1) : name,
      attributes: new Map(Object.entries(tag.attributes as Record<string, string>)),
      children: [],
      text: '',
      parent: current,
      line: startLine,
      column: startColumn
    }
    if (current) current.children.push(el)
    else root = el
    current = el
  })
  const onText = (t: string): void => {
    if (current) current.text += t
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', () => {
    const el = current
    if (!el) return
    // Indentation between child elements is not content.
    if (el.children.length > 0 && el.text.trim() === '') el.text = ''
    current = el.parent
  })
  try {
    parser.write(text).close()
  } catch (e) {
    if (!(e instanceof StopParsing)) {
      const message = e instanceof Error ? e.message : String(e)
      error ??= xmlIssue(formatName, message, parser.line, parser.column)
    }
  }
  if (error) return fail([error])
  if (!root)
    return fail([xmlIssue(formatName, 'must contain a root element', undefined, undefined)])
  return ok(root)
}

/** Child elements of `parent`, optionally only those with local name `name`. */
export function children(parent: XmlElement, name?: string): XmlElement[] {
  return name ? parent.children.filter((c) => c.localName === name) : parent.children
}

/** The first child element with local name `name`, or undefined. */
export function child(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((c) => c.localName === name)
}

/** All descendant elements with local name `name`, in document order. */
export function descendants(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const stack: XmlElement[] = [...root.children].reverse()
  while (stack.length) {
    const el = stack.pop() as XmlElement
    if (el.localName === name) out.push(el)
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i] as XmlElement)
  }
  return out
}

/** An attribute's value, or undefined when the element does not have it. */
export function attr(el: XmlElement, name: string): string | undefined {
  return el.attributes.get(name)
}

/** The element's text, its descendants' text included. */
export function textOf(el: XmlElement): string {
  if (el.children.length === 0) return el.text
  return el.text + el.children.map(textOf).join('')
}

/** Where an element starts, for problem reports. */
export function locate(el: XmlElement): { line?: number; column?: number } {
  return { line: el.line, column: el.column }
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
