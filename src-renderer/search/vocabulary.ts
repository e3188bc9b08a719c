/**
 * The vocabulary of the search index (search-index.ts, steps 1 and 2): every folded token gets a term
 * id, looked up in an open-addressing hash table straight from the text (no substring per token), with
 * a live document frequency and a trigram index over the words themselves, through which a query word
 * finds the vocabulary words it could mean ({@link Vocabulary.expand}).
 *
 * It also collects the distinct terms of the document being indexed (with the fields they occur in),
 * which the index turns into postings.
 */
import { editDistance } from './edit-distance'
import { isWordCode } from './fold'
import { grow } from './typed-arrays'

/** At most this many vocabulary words per query word (best similarity first). */
const MAX_EXPANSIONS = 48
/** Aliases and tags up to this length have their term ids cached, at most this many strings. */
const SHORT_CACHE_MAX_LENGTH = 120
const SHORT_CACHE_SIZE = 50_000

const HYPHENS_RE = /-/g
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

/** FNV-1a over the UTF-16 code units of `text[start, end)` (the term table's hash). */
function hashOf(text: string, start: number, end: number): number {
  let h = FNV_OFFSET
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME)
  return h
}

/** A vocabulary word matched by a query word, with how well it matches (0…1]. */
export interface Expansion {
  term: number
  sim: number
}

/**
 * Terms, their hash table, document frequencies and trigrams. Index one document with
 * {@link beginDoc} then {@link indexText} / {@link indexShort} per field; {@link docTerms} and
 * {@link docMask} then hold its distinct terms and their field bits.
 */
export class Vocabulary {
  /** Term strings by id. */
  readonly terms: string[] = []
  /** Live document frequency by term id (kept by the index). */
  df = new Int32Array(0)
  /** Distinct term ids of the current document, in first-seen order. */
  readonly docTerms: number[] = []
  /** Field bits of each term id in the current document (valid for ids in {@link docTerms}). */
  docMask = new Uint8Array(0)
  /** Words counted by indexText/indexShort since last reset by the caller (for field-length norms). */
  tokenCount = 0

  // An open-addressing hash table (FNV-1a over UTF-16 code units) of term ids + 1, so tokens are
  // looked up straight from the text without allocating a substring per token.
  private table = new Int32Array(4096)
  private termHash = new Int32Array(0)
  private readonly grams = new Map<string, number[]>()

  // Scratch for indexing one document (by term id)
  private docStamp = new Int32Array(0)
  /** Term ids of short alias and tag strings (see indexShort), and the collector it fills. */
  private readonly shortTerms = new Map<string, Int32Array>()
  private collect: number[] | null = null
  private docStampNow = 0

  // Scratch for trigram counting (by term id)
  private gramCount = new Int32Array(0)
  private gramStamp = new Int32Array(0)
  private gramStampNow = 0

  /** Number of terms. */
  get size(): number {
    return this.terms.length
  }

  /** Starts collecting the terms of a new document. */
  beginDoc(): void {
    this.docStampNow++
    this.docTerms.length = 0
  }

  private newTerm(term: string, h: number): number {
    const id = this.terms.length
    this.terms.push(term)
    if (id >= this.df.length) {
      this.df = grow(this.df, id + 1)
      this.docStamp = grow(this.docStamp, id + 1)
      this.docMask = grow(this.docMask, id + 1)
      this.termHash = grow(this.termHash, id + 1)
    }
    this.termHash[id] = h
    if ((id + 1) * 2 > this.table.length) this.rehash(this.table.length * 2)
    else this.place(id)
    const padded = `\u0002${term}\u0003`
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3)
      const list = this.grams.get(g)
      if (list) list.push(id)
      else this.grams.set(g, [id])
    }
    return id
  }

  private place(id: number): void {
    const mask = this.table.length - 1
    let at = (this.termHash[id] as number) & mask
    while (this.table[at] !== 0) at = (at + 1) & mask
    this.table[at] = id + 1
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size)
    for (let id = 0; id < this.terms.length; id++) this.place(id)
  }

  /** The id of the term `text[start, end)` (hash `h`), or -1. */
  private findTerm(text: string, start: number, end: number, h: number): number {
    const mask = this.table.length - 1
    let at = h & mask
    for (;;) {
      const v = this.table[at] as number
      if (v === 0) return -1
      const id = v - 1
      if (this.termHash[id] === h) {
        const t = this.terms[id] as string
        if (t.length === end - start && text.startsWith(t, start)) return id
      }
      at = (at + 1) & mask
    }
  }

  /** The id of a whole folded word, or -1. */
  termId(word: string): number {
    return this.findTerm(word, 0, word.length, hashOf(word, 0, word.length))
  }

  /**
   * Like {@link indexText} for a short alias or tag: those repeat across thousands of nodes (labels,
   * facet values, areas, tags), so their term ids are remembered per string (bounded cache).
   */
  indexShort(text: string, bit: number): void {
    let ids = this.shortTerms.get(text)
    if (ids === undefined) {
      const collected: number[] = []
      this.collect = collected
      this.indexText(text, bit)
      this.collect = null
      ids = Int32Array.from(collected)
      if (text.length <= SHORT_CACHE_MAX_LENGTH) {
        if (this.shortTerms.size >= SHORT_CACHE_SIZE) this.shortTerms.clear()
        this.shortTerms.set(text, ids)
      }
      return
    }
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number
      this.tokenCount++
      if (this.docStamp[id] !== this.docStampNow) {
        this.docStamp[id] = this.docStampNow
        this.docMask[id] = bit
        this.docTerms.push(id)
      } else {
        this.docMask[id] = (this.docMask[id] as number) | bit
      }
    }
  }

  /**
   * Tokenizes folded `text` (like fold.ts `forEachToken`) and records each distinct term with field
   * bit `bit` for the current document; with `create` false, unknown terms are skipped (removal).
   */
  indexText(text: string, bit: number, create = true): void {
    const n = text.length
    let i = 0
    let compoundStart = -1
    while (i < n) {
      if (!isWordCode(text.charCodeAt(i))) {
        i++
        continue
      }
      const start = i
      let h = FNV_OFFSET
      do {
        h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME)
        i++
      } while (i < n && isWordCode(text.charCodeAt(i)))
      if (i - start === 1) {
        const c = text.charCodeAt(start)
        if (c < 0x30 || c > 0x39) {
          compoundStart = -1
          continue
        }
      }
      this.tokenCount++
      this.record(text, start, i, h, bit, create)
      // `haven-stad` is also indexed as `havenstad`: Dutch compounds are written both ways.
      if (compoundStart >= 0) {
        const joined = text.slice(compoundStart, i).replace(HYPHENS_RE, '')
        this.record(joined, 0, joined.length, hashOf(joined, 0, joined.length), bit, create)
      }
      const joins = i + 1 < n && text.charCodeAt(i) === 0x2d && isWordCode(text.charCodeAt(i + 1))
      if (joins) {
        if (compoundStart < 0) compoundStart = start
      } else compoundStart = -1
    }
  }

  /** Records term `text[start, end)` (hash `h`) with field bit `bit` for the current document. */
  private record(
    text: string,
    start: number,
    end: number,
    h: number,
    bit: number,
    create: boolean
  ): void {
    let id = this.findTerm(text, start, end, h)
    if (id < 0) {
      if (!create) return
      id = this.newTerm(text.slice(start, end), h)
    }
    this.collect?.push(id)
    if (this.docStamp[id] !== this.docStampNow) {
      this.docStamp[id] = this.docStampNow
      this.docMask[id] = bit
      this.docTerms.push(id)
    } else {
      this.docMask[id] = (this.docMask[id] as number) | bit
    }
  }

  /** The vocabulary words query word `q` may mean, best first, at most MAX_EXPANSIONS. */
  expand(q: string): Expansion[] {
    const L = q.length
    const found = new Map<number, number>()
    const put = (term: number, sim: number): void => {
      if (sim > (found.get(term) ?? 0)) found.set(term, sim)
    }
    const exact = this.termId(q)
    if (exact >= 0) put(exact, 1)
    if (L >= 2) {
      const k = L <= 3 ? 0 : L <= 7 ? 1 : 2
      const kInfix = L < 5 ? -1 : L < 9 ? 0 : 1
      const padded = `\u0002${q}`
      const qGrams = new Set<string>()
      for (let i = 0; i + 3 <= padded.length; i++) qGrams.add(padded.slice(i, i + 3))
      const G = qGrams.size
      const minWhole = Math.max(1, G - 3 * k)
      const minInfix = kInfix < 0 ? Infinity : Math.max(1, G - 1 - 3 * kInfix)
      const minShared = Math.min(minWhole, minInfix)
      this.gramCount = grow(this.gramCount, this.terms.length)
      this.gramStamp = grow(this.gramStamp, this.terms.length)
      const stamp = ++this.gramStampNow
      const seen: number[] = []
      for (const g of qGrams) {
        const list = this.grams.get(g)
        if (!list) continue
        for (const id of list) {
          if (this.gramStamp[id] !== stamp) {
            this.gramStamp[id] = stamp
            this.gramCount[id] = 1
            seen.push(id)
          } else this.gramCount[id] = (this.gramCount[id] as number) + 1
        }
      }
      for (const id of seen) {
        const shared = this.gramCount[id] as number
        if (shared < minShared || (this.df[id] as number) <= 0 || id === exact) continue
        const t = this.terms[id] as string
        const lenFactor = 0.7 + (0.3 * L) / Math.max(L, t.length)
        if (shared >= minWhole) {
          const dw = Math.abs(t.length - L) <= k ? editDistance(q, t, 0, k) : k + 1
          if (dw <= k) put(id, 0.95 - (0.35 * dw) / L - 0.05 * dw)
          if (t.length > L - k) {
            // A prefix with a typo must at least start with the same letter: `zonder` is not `onder…`.
            const dp = editDistance(q, t, 1, k)
            if (dp === 0 || (dp <= k && t.charCodeAt(0) === q.charCodeAt(0))) {
              put(id, (0.85 - (0.35 * dp) / L - 0.05 * dp) * lenFactor)
            }
          }
        }
        if (shared >= minInfix && t.length > L) {
          const di = editDistance(q, t, 2, kInfix)
          if (di <= kInfix) put(id, (0.6 - (0.3 * di) / L) * lenFactor)
        }
      }
    }
    const out: Expansion[] = []
    for (const [term, sim] of found) out.push({ term, sim })
    const terms = this.terms
    out.sort(
      (a, b) =>
        b.sim - a.sim ||
        (this.df[b.term] as number) - (this.df[a.term] as number) ||
        ((terms[a.term] as string) < (terms[b.term] as string) ? -1 : 1)
    )
    if (out.length > MAX_EXPANSIONS) out.length = MAX_EXPANSIONS
    return out
  }
}
