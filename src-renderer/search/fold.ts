/**
 * Dutch text folding for search: what a user types and what is stored compare after the same fold.
 *
 * The fold, per code point, in this order:
 * 1. lower case (`toLowerCase`; the context-dependent final sigma `ς` is folded to `σ`);
 * 2. canonical decomposition (NFD) and removal of every combining mark, so `ë`/`é`/`ï` become
 *    `e`/`e`/`i` and `één` = `een`, `ideeën` = `ideeen`, `Ingrediënten` = `ingredienten`;
 * 3. removal of invisible characters (soft hyphen, zero-width space and joiners, word joiner, BOM);
 * 4. letters NFD does not split: the Dutch ligature `ĳ`/`Ĳ` → `ij` (so `Ĳplein` = `IJplein` = `ijplein`),
 *    `ß` → `ss`, `æ` → `ae`, `œ` → `oe`, `ø` → `o`, `ł` → `l`, `đ`/`ð` → `d`, `þ` → `th`, `ı` → `i`;
 * 5. typographic punctuation: curly and low quotes, primes and backticks → `'` or `"`, dashes and
 *    the minus sign → `-`, the ellipsis `…` → `...`;
 * 6. whitespace: every run of whitespace (JS `\s`, which includes NBSP and line breaks) becomes one
 *    space, and leading and trailing whitespace is dropped.
 *
 * {@link foldText} is the fast path for indexing; {@link foldWithMap} gives the same text plus, for
 * every folded character, the range of original characters it came from, so matches found in folded
 * text can be highlighted in the original. Invariant (tested): `foldWithMap(s).text === foldText(s)`.
 */

/** Letters and punctuation that step 4 and 5 replace (applied after lower-casing and NFD). */
const SPECIAL: Readonly<Record<string, string>> = {
  ĳ: 'ij',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ς: 'σ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u0060': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...'
}

const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'gu')
/** Combining marks (after NFD) and invisible format characters. */
const STRIP_RE = /[\p{M}\u00ad\u200b-\u200d\u2060\ufeff]/gu
/** A character that steps 2–5 may change: anything outside ASCII, or a backtick. */
const SLOW_RE = /[`\u0080-\uffff]/
const SLOW_ALL_RE = /[`\u{80}-\u{10ffff}]/gu
/** Anything but printable ASCII without backtick, or two spaces: the text needs more than step 1. */
const NEEDS_RE = /[^\x20-\x5f\x61-\x7e]| {2}/
/** Whitespace that is not already a single space: a run of two or more, or any other blank. */
const WS_FIX_ALL_RE = /\s{2,}|[^\S ]/g
const WS_ONE_RE = /^\s$/

const replaceSpecial = (ch: string): string => SPECIAL[ch] ?? ch

/** Per code point: the fold of steps 1–5 (whitespace is handled by the caller). Cached. */
const charFoldCache = new Map<number, string>()

function foldCodePoint(cp: number): string {
  if (cp < 0x80) {
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32)
    if (cp === 0x60) return "'"
    return String.fromCharCode(cp)
  }
  let f = charFoldCache.get(cp)
  if (f === undefined) {
    f = String.fromCodePoint(cp)
      .toLowerCase()
      .normalize('NFD')
      .replace(STRIP_RE, '')
      .replace(SPECIAL_RE, replaceSpecial)
    charFoldCache.set(cp, f)
  }
  return f
}

const foldMatch = (ch: string): string => foldCodePoint(ch.codePointAt(0) as number)

/**
 * Folds `text` for search (see the module comment for the exact steps). Pure and idempotent:
 * `foldText(foldText(s)) === foldText(s)`. Linear time: the string is lower-cased natively, then only
 * the characters outside ASCII go through the cached per-character fold that {@link foldWithMap} uses.
 */
export function foldText(text: string): string {
  let t = text.toLowerCase()
  if (NEEDS_RE.test(t)) {
    if (SLOW_RE.test(t)) t = t.replace(SLOW_ALL_RE, foldMatch)
    t = t.replace(WS_FIX_ALL_RE, ' ')
  }
  if (t.charCodeAt(0) === 32 || t.charCodeAt(t.length - 1) === 32) t = t.trim()
  return t
}

/** Folded text with, for each folded character, the original range it came from. */
export interface FoldedText {
  /** The folded text; equal to `foldText(original)`. */
  readonly text: string
  /**
   * `starts[i]` is the offset in the original string (UTF-16 code units) where the character that
   * produced folded character `i` begins. Length `text.length`.
   */
  readonly starts: Int32Array
  /**
   * `ends[i]` is the offset just after that original character (and after any combining marks or
   * invisible characters that were dropped right behind it). For the single space of a collapsed
   * whitespace run, the range covers the whole run. Length `text.length`.
   */
  readonly ends: Int32Array
}

/**
 * Folds `text` exactly like {@link foldText} and records where every folded character came from.
 * Use it on the (short) text you highlight, not on whole corpora: it walks code point by code point.
 */
export function foldWithMap(text: string): FoldedText {
  const out: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  let pendingStart = -1
  let pendingEnd = -1
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i) as number
    const width = cp > 0xffff ? 2 : 1
    const folded = foldCodePoint(cp)
    const next = i + width
    if (folded.length === 0) {
      // Dropped (a combining mark or invisible character): extend the previous character's range.
      if (pendingStart >= 0) pendingEnd = next
      else if (ends.length > 0) ends[ends.length - 1] = next
    } else {
      for (let k = 0; k < folded.length; k++) {
        const ch = folded.charAt(k)
        if (WS_ONE_RE.test(ch)) {
          if (pendingStart < 0) pendingStart = i
          pendingEnd = next
          continue
        }
        if (pendingStart >= 0) {
          if (out.length > 0) {
            out.push(' ')
            starts.push(pendingStart)
            ends.push(pendingEnd)
          }
          pendingStart = -1
        }
        out.push(ch)
        starts.push(i)
        ends.push(next)
      }
    }
    i = next
  }
  return { text: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) }
}

/**
 * Maps the folded range `[start, end)` back to the original string: the smallest original range
 * `[s, e)` that produced those folded characters. `0 ≤ start < end ≤ map.text.length`; an empty or
 * out-of-range input gives an empty range at the nearest valid position.
 */
export function toOriginalRange(map: FoldedText, start: number, end: number): [number, number] {
  const n = map.text.length
  if (n === 0) return [0, 0]
  const s = Math.max(0, Math.min(start, n - 1))
  const e = Math.max(s + 1, Math.min(end, n))
  if (end <= start) {
    const at = map.starts[s] as number
    return [at, at]
  }
  return [map.starts[s] as number, map.ends[e - 1] as number]
}

/** The word-character test by UTF-16 code unit: 0 not yet known, 1 word, 2 not a word. */
const wordCache = new Uint8Array(0x10000)
const WORD_RE = /^[\p{L}\p{N}]$/u
for (let c = 0; c < 0x80; c++) {
  const word = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)
  wordCache[c] = word ? 1 : 2
}
// Surrogates: an astral character counts as a word character.
wordCache.fill(1, 0xd800, 0xe000)

/** Whether UTF-16 code unit `c` belongs to a word (letters and digits of any script; surrogates count). */
export function isWordCode(c: number): boolean {
  let v = wordCache[c] as number
  if (v === 0) {
    v = WORD_RE.test(String.fromCharCode(c)) ? 1 : 2
    wordCache[c] = v
  }
  return v === 1
}

/**
 * Calls `visit(start, end)` for every token of a folded text: maximal runs of word characters
 * ({@link isWordCode}). Tokens of one character are skipped unless they are a digit, so `thema's`
 * gives `thema` and `gesprek 1` gives `gesprek`, `1`.
 */
export function forEachToken(folded: string, visit: (start: number, end: number) => void): void {
  const n = folded.length
  let i = 0
  while (i < n) {
    while (i < n && !isWordCode(folded.charCodeAt(i))) i++
    if (i >= n) return
    const start = i
    while (i < n && isWordCode(folded.charCodeAt(i))) i++
    if (i - start > 1) visit(start, i)
    else {
      const c = folded.charCodeAt(start)
      if (c >= 0x30 && c <= 0x39) visit(start, i)
    }
  }
}

/** The tokens of a folded text, in order, duplicates kept (see {@link forEachToken}). */
export function tokenize(folded: string): string[] {
  const out: string[] = []
  forEachToken(folded, (s, e) => out.push(folded.slice(s, e)))
  return out
}
