/**
 * A streaming `.kg.json` reader ({@link createKgJsonReader}, a ChunkReader of the import pipeline):
 * the file's text arrives in pieces and is never held whole, so a backup larger than an engine's
 * longest string (V8: about 512 million characters) can be restored. A small iterative scanner
 * follows the envelope's structure (strings, depth, lines) and cuts out each member of the root
 * object, and each element of its record lists (`nodes`, `edges`, `annotations`, `views`,
 * `presentations`, `history`); each piece is parsed by the engine's own JSON.parse and scanned by
 * `scanJson` (forbidden keys, depth), then the whole goes through the same `envelopeOf` as a file
 * read at once. Nothing recursive sees unchecked input: nesting past MAX_NESTING_DEPTH is refused
 * with its line while scanning.
 */
import { fail, type Issue, type Result } from '../../domain/result'
import { isUnsafeKey } from '../../domain/node-kinds'
import type { ChunkReader } from '../import/chunk-reader'
import { MAX_NESTING_DEPTH } from '../limits'
import { envelopeOf, scanJson, tooDeepIssue, type KgEnvelope } from './kg-json'

/** The root members read element by element. */
const LISTS = new Set(['nodes', 'edges', 'annotations', 'views', 'presentations', 'history'])

function syntax(line: number, what: string): Issue {
  return {
    code: 'invalid_json',
    path: [],
    message: `Het bestand is geen geldige JSON (regel ${line}: ${what}). Is het beschadigd of onvolledig?`
  }
}

type Phase =
  | 'start' // before the root '{'
  | 'key' // in the root, expecting a key (or '}')
  | 'colon' // after a key
  | 'value' // after ':', expecting a value
  | 'after' // after a value: ',' or '}'
  | 'list' // in a record list, between elements
  | 'done' // after the root '}'

/**
 * A streaming reader of one `.kg.json` text. `write` takes pieces split anywhere (even inside a
 * string or an escape); `end` gives the checked envelope (as `readKgEnvelope` would) or the issues.
 */
export function createKgJsonReader(): ChunkReader<KgEnvelope> {
  const root: Record<string, unknown> = {}
  let problem: Issue | null = null
  let phase: Phase = 'start'
  let line = 1
  let depth = 0
  let inString = false
  let escape = false
  let first = true
  // The piece being cut out: a key, a member value or a list element.
  let capturing: 'key' | 'value' | 'element' | null = null
  let captureDepth = 0
  let captureLine = 1
  let parts: string[] = []
  let key = ''
  let list: unknown[] | null = null
  // What the last token of the root object or of a record list was: an opening bracket, a value or
  // a ',' (JSON allows no leading, doubled or trailing commas).
  let last: 'open' | 'value' | 'comma' = 'open'

  const refuse = (issue: Issue): void => {
    if (!problem) problem = issue
  }

  const parsePiece = (text: string, at: number, levels: number): unknown => {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      refuse(syntax(at, 'ongeldige waarde'))
      return undefined
    }
    const issues = scanJson(value, { maxDepth: MAX_NESTING_DEPTH - levels })
    if (issues.length) {
      const found = issues[0]!
      refuse(found.code === 'unsafe_key' ? { ...found, message: `${found.message} (regel ${at})` } : found)
    }
    return value
  }

  /** Ends the capture at `end` (exclusive) of `chunk`, from `start`. */
  const finish = (chunk: string, start: number, end: number): void => {
    parts.push(chunk.slice(start, end))
    const text = parts.join('')
    parts = []
    const kind = capturing
    capturing = null
    if (kind === 'key') {
      const k = parsePiece(text, captureLine, 1)
      if (typeof k !== 'string') return refuse(syntax(captureLine, 'verwacht een naam'))
      if (isUnsafeKey(k)) {
        return refuse({
          code: 'unsafe_key',
          path: [k],
          message: `Verboden sleutel "${k}" op het hoogste niveau: het bestand is geweigerd.`
        })
      }
      key = k
      phase = 'colon'
    } else if (kind === 'value') {
      const v = parsePiece(text, captureLine, 1)
      if (!problem) root[key] = v
      phase = 'after'
    } else if (kind === 'element') {
      const v = parsePiece(text, captureLine, 2)
      if (!problem) list!.push(v)
      phase = 'list'
      last = 'value'
    }
  }

  const write = (chunk: string): void => {
    if (problem) return
    let i = 0
    if (first && chunk.length) {
      first = false
      if (chunk.charCodeAt(0) === 0xfeff) i = 1
    }
    let start = capturing ? 0 : -1
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (c === 10) line++
      if (inString) {
        if (escape) escape = false
        else if (c === 92) escape = true
        else if (c === 34) {
          inString = false
          if (capturing === 'key') finish(chunk, start, i + 1)
        }
        continue
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue
      const open = c === 123 || c === 91
      const close = c === 125 || c === 93
      if (capturing) {
        // Inside a member value or list element: follow strings and depth until it ends.
        if (c === 34) inString = true
        else if (open) {
          if (++depth > MAX_NESTING_DEPTH) return refuse(tooDeepIssue([], line))
        } else if (close || c === 44) {
          if (depth === captureDepth && (close || c === 44)) {
            // A primitive ends at the delimiter that follows it; a container at its own close.
            finish(chunk, start, i)
            i-- // the delimiter is read again outside the capture
            continue
          }
          if (close) {
            depth--
            if (depth === captureDepth) {
              finish(chunk, start, i + 1)
              continue
            }
          }
        }
        if (problem) return
        continue
      }
      switch (phase) {
        case 'start':
          if (c !== 123) return refuse(syntax(line, 'het bestand begint niet met "{"'))
          depth = 1
          phase = 'key'
          last = 'open'
          break
        case 'key':
          if (c === 34) {
            capturing = 'key'
            captureLine = line
            inString = true
            start = i
          } else if (c === 125 && last === 'open') {
            depth = 0
            phase = 'done'
          } else return refuse(syntax(line, 'verwacht een naam tussen aanhalingstekens'))
          break
        case 'colon':
          if (c !== 58) return refuse(syntax(line, 'verwacht ":"'))
          phase = 'value'
          break
        case 'value':
          if (c === 91 && LISTS.has(key)) {
            depth = 2
            list = []
            root[key] = list
            phase = 'list'
            last = 'open'
            break
          }
          capturing = 'value'
          captureDepth = 1
          captureLine = line
          start = i
          if (c === 34) inString = true
          else if (open) depth++
          break
        case 'after':
          if (c === 44) {
            phase = 'key'
            last = 'comma'
          } else if (c === 125) {
            depth = 0
            phase = 'done'
          } else return refuse(syntax(line, 'verwacht "," of "}"'))
          break
        case 'list':
          if (c === 44) {
            if (last !== 'value') return refuse(syntax(line, 'verwacht een waarde'))
            last = 'comma'
            break
          }
          if (c === 93) {
            if (last === 'comma') return refuse(syntax(line, 'verwacht een waarde'))
            depth = 1
            list = null
            phase = 'after'
            break
          }
          if (last === 'value') return refuse(syntax(line, 'verwacht "," of "]"'))
          capturing = 'element'
          captureDepth = 2
          captureLine = line
          start = i
          if (c === 34) inString = true
          else if (open) {
            if (++depth > MAX_NESTING_DEPTH) return refuse(tooDeepIssue([], line))
          }
          break
        case 'done':
          return refuse(syntax(line, 'tekst na het einde'))
      }
      if (problem) return
    }
    if (capturing) parts.push(chunk.slice(Math.max(start, 0)))
  }

  return {
    write,
    get failed() {
      return problem !== null
    },
    end(): Result<KgEnvelope> {
      if (problem) return fail([problem])
      if (phase !== 'done') {
        return fail([
          {
            code: 'invalid_json',
            path: [],
            message:
              'Het bestand is geen geldige JSON (het bestand houdt onverwacht op). Is het beschadigd of onvolledig?'
          }
        ])
      }
      return envelopeOf(root)
    }
  }
}
