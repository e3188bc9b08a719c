/**
 * XML reading and writing for GEXF and GraphML. Parsing uses @xmldom/xmldom in the browser and in Node
 * alike, so the app, the tests and the command line read files with exactly the same code. Malformed
 * XML is rejected with a Dutch message that says where; entity declarations are not expanded.
 */
import { DOMParser, type Element as XmlElement, type Document as XmlDocument } from '@xmldom/xmldom'
import { fail, ok, type Result } from '../../domain/result'
import type { ImportIssue } from '../raw-graph'

export type { XmlElement, XmlDocument }

/** Known parser messages in Dutch; anything else is shown as the technical text. */
const TRANSLATIONS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /unclosed xml tag\(s\): (.*)/i,
    (m) => `niet afgesloten element(en): ${m[1]}; het bestand houdt onverwacht op`
  ],
  [/unexpected end of input/i, () => 'het bestand houdt onverwacht op'],
  [
    /Opening and ending tag mismatch: "(.*)" != "(.*)"/i,
    (m) => `de eindtag </${m[2]}> past niet bij <${m[1]}>`
  ],
  [/missing root element/i, () => 'er is geen XML-element gevonden (leeg bestand of geen XML)'],
  [/entity not found:\s*(\S+)/i, (m) => `onbekende entiteit ${m[1]}`],
  [
    /attribute value no end '(.)' match/i,
    () => 'een attribuutwaarde wordt niet afgesloten met een aanhalingsteken'
  ],
  [/unbound namespace prefix/i, () => 'een namespace-voorvoegsel is niet gedeclareerd']
]

function dutchDetail(message: string): string {
  for (const [re, say] of TRANSLATIONS) {
    const m = re.exec(message)
    if (m) return say(m)
  }
  return `technisch: ${message.split('\n')[0] ?? message}`
}

interface Located {
  lineNumber?: number
  columnNumber?: number
}

function xmlIssue(formatName: string, message: string, where: Located | undefined): ImportIssue {
  const line = where?.lineNumber && where.lineNumber > 0 ? where.lineNumber : undefined
  const column = line && where?.columnNumber ? where.columnNumber : undefined
  const at = line ? ` (regel ${line}${column ? `, kolom ${column}` : ''})` : ''
  return {
    code: 'invalid_field',
    path: [],
    message: `Het bestand is geen geldige ${formatName}-XML${at}: ${dutchDetail(message)}. Is het beschadigd of onvolledig?`,
    ...(line ? { line } : {}),
    ...(column ? { column } : {})
  }
}

/**
 * Parses XML text into a DOM with line numbers on every element. Any parser error or fatal error
 * rejects the whole file (a Dutch issue with line and column where known); warnings are ignored.
 * Never throws on bad input.
 */
export function parseXml(text: string, formatName: string): Result<XmlDocument> {
  let firstError: ImportIssue | null = null
  try {
    const parser = new DOMParser({
      locator: true,
      onError: (level, message, context: unknown) => {
        if (level === 'warning' || firstError) return
        const loc = (context as { locator?: Located } | undefined)?.locator
        firstError = xmlIssue(formatName, message, loc)
      }
    })
    const doc = parser.parseFromString(text, 'text/xml')
    if (firstError) return fail([firstError])
    if (!doc.documentElement) return fail([xmlIssue(formatName, 'missing root element', undefined)])
    return ok(doc)
  } catch (error) {
    if (firstError) return fail([firstError])
    const e = error as { message?: string; locator?: Located }
    return fail([xmlIssue(formatName, String(e.message ?? error), e.locator)])
  }
}

/** Child elements of `parent`, optionally only those with local name `name` (namespace ignored). */
export function children(parent: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = []
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!name || (n as XmlElement).localName === name))
      out.push(n as XmlElement)
  }
  return out
}

/** The first child element with local name `name`, or undefined. */
export function child(parent: XmlElement, name: string): XmlElement | undefined {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).localName === name) return n as XmlElement
  }
  return undefined
}

/** All descendant elements with local name `name`, in document order. */
export function descendants(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const stack: XmlElement[] = children(root).reverse()
  while (stack.length) {
    const el = stack.pop() as XmlElement
    if (el.localName === name) out.push(el)
    const kids = children(el)
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as XmlElement)
  }
  return out
}

/** An attribute's value, or undefined when the element does not have it. */
export function attr(el: XmlElement, name: string): string | undefined {
  return el.hasAttribute(name) ? (el.getAttribute(name) ?? undefined) : undefined
}

/** The element's text content (all descendant text). */
export function textOf(el: XmlElement): string {
  return el.textContent ?? ''
}

/** Where an element starts, for problem reports. */
export function locate(el: XmlElement): { line?: number; column?: number } {
  const e = el as unknown as Located
  return {
    ...(e.lineNumber ? { line: e.lineNumber } : {}),
    ...(e.columnNumber ? { column: e.columnNumber } : {})
  }
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
