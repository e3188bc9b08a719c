/**
 * Snippets and highlights of search results, built for the returned results only, in the original
 * text (fold.ts maps folded offsets back).
 */
import { foldText, foldWithMap, isWordCode, toOriginalRange } from './fold'
import { findWord } from './folded-text'
import type { SearchResult } from './search-index'
import { FIELD_BIT, type StoredDoc } from './stored-doc'

/** Snippet: characters of context before and after the first highlighted word. */
const SNIPPET_BEFORE = 50
const SNIPPET_AFTER = 100
const HYPHENS_RE = /-/g

/**
 * The result for document `doc` (score `score`, prefilter field mask `mask`): its snippet is taken from
 * the most telling field with a matched word: the title, else an alias or tag, else the description
 * around `descWord`, else the body around `bodyWord` (the first matched words the prefilter found in
 * those fields, or null).
 */
export function toResult(
  doc: StoredDoc,
  score: number,
  mask: number,
  descWord: string | null,
  bodyWord: string | null,
  matched: ReadonlySet<string>
): SearchResult {
  const titleHighlights = highlightWords(doc.title, matched)
  const base = { id: doc.id, kind: doc.kind, title: doc.title, score, titleHighlights }
  if (titleHighlights.length > 0 || mask & FIELD_BIT.title || mask === 0) {
    const s = shortSnippet(doc.title, titleHighlights)
    return { ...base, field: 'title', ...s }
  }
  for (const field of ['aliases', 'tags'] as const) {
    if (!(mask & FIELD_BIT[field])) continue
    const list = doc[field]
    for (const text of list) {
      const hl = highlightWords(text, matched)
      if (hl.length > 0) return { ...base, field, ...shortSnippet(text, hl) }
    }
  }
  if (mask & FIELD_BIT.description && descWord !== null) {
    const s = longSnippet(doc.description, foldText(doc.description), descWord, matched)
    if (s) return { ...base, field: 'description', ...s }
  }
  if (mask & FIELD_BIT.body && bodyWord !== null) {
    for (let i = 0; i < doc.body.length; i++) {
      const s = longSnippet(doc.body[i] as string, doc.folded.body[i] as string, bodyWord, matched)
      if (s) return { ...base, field: 'body', ...s }
    }
  }
  return { ...base, field: 'title', ...shortSnippet(doc.title, titleHighlights) }
}

/**
 * Ranges in original `text` of the tokens whose folded form is in `matched` (a hyphenated compound
 * whose joined form matched, `Haven-Stad` for `havenstad`, is highlighted whole). Sorted, disjoint.
 */
function highlightWords(text: string, matched: ReadonlySet<string>): [number, number][] {
  if (!text) return []
  const map = foldWithMap(text)
  const f = map.text
  const folded: [number, number][] = []
  const n = f.length
  let i = 0
  let compoundStart = -1
  while (i < n) {
    while (i < n && !isWordCode(f.charCodeAt(i))) i++
    if (i >= n) break
    const start = i
    while (i < n && isWordCode(f.charCodeAt(i))) i++
    if (matched.has(f.slice(start, i))) folded.push([start, i])
    if (compoundStart >= 0 && matched.has(f.slice(compoundStart, i).replace(HYPHENS_RE, ''))) {
      while (
        folded.length > 0 &&
        (folded[folded.length - 1] as [number, number])[0] >= compoundStart
      ) {
        folded.pop()
      }
      folded.push([compoundStart, i])
    }
    const joins = i + 1 < n && f.charCodeAt(i) === 0x2d && isWordCode(f.charCodeAt(i + 1))
    if (joins) {
      if (compoundStart < 0) compoundStart = start
    } else compoundStart = -1
  }
  return folded.map(([a, b]) => toOriginalRange(map, a, b))
}

const LINE_BREAKS = /[\t\n\v\f\r\u2028\u2029]/g
const SHORT_MAX = 160

/** A snippet and its highlights. */
interface Snippet {
  snippet: string
  highlights: [number, number][]
}

/** The whole of a short text as snippet (cut around the first highlight when very long). */
function shortSnippet(text: string, hl: [number, number][]): Snippet {
  if (text.length <= SHORT_MAX) {
    return { snippet: text.replace(LINE_BREAKS, ' '), highlights: hl }
  }
  const first = hl[0]
  const c = cut(text, first ? first[0] : 0, first ? first[1] : 0)
  const highlights: [number, number][] = []
  for (const [a, b] of hl) {
    if (a >= c.start && b <= c.end) highlights.push([a + c.shift, b + c.shift])
  }
  return { snippet: c.snippet, highlights }
}

/**
 * Cuts `text` to about SNIPPET_BEFORE + SNIPPET_AFTER characters around `[s, e)`, at spaces, with `…`
 * at cut ends and line breaks turned into spaces (one for one). `shift` maps an offset in `text`
 * within `[start, end)` to an offset in `snippet`.
 */
function cut(
  text: string,
  s: number,
  e: number
): { snippet: string; start: number; end: number; shift: number } {
  let start = Math.max(0, s - SNIPPET_BEFORE)
  let end = Math.min(text.length, e + SNIPPET_AFTER)
  if (start > 0) {
    const sp = text.indexOf(' ', start)
    if (sp >= 0 && sp < s) start = sp + 1
  }
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end)
    if (sp >= e) end = sp
  }
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  return {
    snippet: prefix + text.slice(start, end).replace(LINE_BREAKS, ' ') + suffix,
    start,
    end,
    shift: prefix.length - start
  }
}

/**
 * A snippet of long original `text` around an occurrence of folded `word` (found in `folded`, the fold
 * of `text`). The original position is estimated proportionally and a window around it is folded with
 * a map, widening until the word is found; so a hit deep in a transcript costs a few kB, not the text.
 */
function longSnippet(
  text: string,
  folded: string,
  word: string,
  matched: ReadonlySet<string>
): Snippet | null {
  const at = findWord(folded, word)
  if (at < 0) return null
  const estimate = folded.length > 0 ? Math.round((at * text.length) / folded.length) : 0
  for (let radius = 1024; ; radius *= 4) {
    const from = Math.max(0, estimate - radius)
    const to = Math.min(text.length, estimate + radius + word.length)
    const map = foldWithMap(text.slice(from, to))
    const hit = findWord(map.text, word)
    if (hit >= 0) {
      const [s, e] = toOriginalRange(map, hit, hit + word.length)
      const c = cut(text, from + s, from + e)
      const offset = c.start + c.shift
      const highlights = highlightWords(text.slice(c.start, c.end), matched).map(
        ([a, b]) => [a + offset, b + offset] as [number, number]
      )
      return { snippet: c.snippet, highlights }
    }
    if (from === 0 && to === text.length) return null
  }
}
