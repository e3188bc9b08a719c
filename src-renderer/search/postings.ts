/** The search index's posting lists (see search-index.ts, step 1). */
import { grow } from './typed-arrays'

/**
 * Posting lists by term id. Entries are `slot << 5 | fieldMask`. A compact base (CSR: one array, one
 * start offset per term) is built in bulk by counting sort; documents added later go to a growable tail
 * per term. `rebuild` merges everything back into the base, dropping or renumbering slots.
 */
export class PostingStore {
  baseStart = new Int32Array(1)
  baseData = new Int32Array(0)
  baseTerms = 0
  tails: (Int32Array | null)[] = []
  tailLen = new Int32Array(0)
  /** Entries in all lists (dead slots included until the next rebuild). */
  count = 0
  private bulkTerm: Int32Array | null = null
  private bulkEntry = new Int32Array(0)
  private bulkN = 0

  /** Makes room for term ids below `n`. */
  ensureTerms(n: number): void {
    while (this.tails.length < n) this.tails.push(null)
    this.tailLen = grow(this.tailLen, n)
  }

  /** Until {@link endBulk}, appends are collected in two flat arrays (fast, sequential). */
  beginBulk(estimate: number): void {
    this.bulkTerm = new Int32Array(Math.max(1024, estimate))
    this.bulkEntry = new Int32Array(this.bulkTerm.length)
    this.bulkN = 0
  }

  /** Adds `entry` to the list of `term` (any term id: lists grow as new terms come). */
  append(term: number, entry: number): void {
    this.count++
    if (this.bulkTerm !== null) {
      if (this.bulkN === this.bulkTerm.length) {
        this.bulkTerm = grow(this.bulkTerm, this.bulkN + 1)
        this.bulkEntry = grow(this.bulkEntry, this.bulkN + 1)
      }
      this.bulkTerm[this.bulkN] = term
      this.bulkEntry[this.bulkN++] = entry
      return
    }
    if (term >= this.tails.length) this.ensureTerms(term + 1)
    let tail = this.tails[term] ?? null
    const len = this.tailLen[term] as number
    if (tail === null || len === tail.length) {
      const next = new Int32Array(Math.max(4, len * 2))
      if (tail !== null) next.set(tail)
      tail = next
      this.tails[term] = tail
    }
    tail[len] = entry
    this.tailLen[term] = len + 1
  }

  endBulk(terms: number): void {
    this.rebuild(terms, null)
  }

  /**
   * Merges base, tails and bulk entries into a new base over `terms` term ids. With `remap`, slot `s`
   * becomes `remap[s]`, and entries of slots mapped to -1 are dropped.
   */
  rebuild(terms: number, remap: Int32Array | null): void {
    const map = (p: number): number => {
      if (remap === null) return p
      const t = remap[p >>> 5] as number
      return t < 0 ? -1 : (t << 5) | (p & 31)
    }
    const counts = new Int32Array(terms + 1)
    const { baseStart, baseData, baseTerms, tails, tailLen } = this
    const bulkTerm = this.bulkTerm
    const bulkEntry = this.bulkEntry
    const bulkN = this.bulkN
    for (let t = 0; t < terms; t++) {
      let c = 0
      if (t < baseTerms) {
        for (let r = baseStart[t] as number; r < (baseStart[t + 1] as number); r++) {
          if (map(baseData[r] as number) >= 0) c++
        }
      }
      const tail = tails[t]
      if (tail) {
        for (let r = 0; r < (tailLen[t] as number); r++) if (map(tail[r] as number) >= 0) c++
      }
      counts[t + 1] = c
    }
    if (bulkTerm !== null) {
      for (let i = 0; i < bulkN; i++) {
        if (map(bulkEntry[i] as number) >= 0) {
          const t = bulkTerm[i] as number
          counts[t + 1] = (counts[t + 1] as number) + 1
        }
      }
    }
    for (let t = 0; t < terms; t++)
      counts[t + 1] = (counts[t + 1] as number) + (counts[t] as number)
    const data = new Int32Array(counts[terms] as number)
    const cursor = counts.slice(0, terms)
    for (let t = 0; t < terms; t++) {
      let w = cursor[t] as number
      if (t < baseTerms) {
        for (let r = baseStart[t] as number; r < (baseStart[t + 1] as number); r++) {
          const e = map(baseData[r] as number)
          if (e >= 0) data[w++] = e
        }
      }
      const tail = tails[t]
      if (tail) {
        for (let r = 0; r < (tailLen[t] as number); r++) {
          const e = map(tail[r] as number)
          if (e >= 0) data[w++] = e
        }
      }
      cursor[t] = w
    }
    if (bulkTerm !== null) {
      for (let i = 0; i < bulkN; i++) {
        const e = map(bulkEntry[i] as number)
        if (e >= 0) {
          const t = bulkTerm[i] as number
          const w = cursor[t] as number
          data[w] = e
          cursor[t] = w + 1
        }
      }
    }
    this.baseStart = counts
    this.baseData = data
    this.baseTerms = terms
    this.tails = new Array<Int32Array | null>(terms).fill(null)
    this.tailLen = new Int32Array(Math.max(16, terms))
    this.bulkTerm = null
    this.bulkEntry = new Int32Array(0)
    this.bulkN = 0
    this.count = data.length
  }
}
