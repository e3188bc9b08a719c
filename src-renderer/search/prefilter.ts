/**
 * Candidate scoring (search-index.ts, step 3): for each query word, every document in the postings of
 * its matched vocabulary words gets `similarity × idf × field weight`, the best per query word; words
 * are summed, and documents missing a query word are damped by the square of the share they match.
 * Typed arrays with epoch stamps, no allocation per document; a bounded heap keeps the top
 * {@link CANDIDATES} (ties: smaller id).
 */
import type { PostingStore } from './postings'
import { FIELD_BIT, LONG_BITS, type StoredDoc } from './stored-doc'
import { grow } from './typed-arrays'
import type { Expansion } from './vocabulary'

/** How many prefilter candidates Fuse ranks per query. */
export const CANDIDATES = 150
/**
 * Prefilter weight of a hit by field (the best field of a posting counts, plus a little per extra
 * field). A title hit is further scaled by the title's length norm (see {@link titleLengthNorm}), so a short exact
 * title ("Vertrouwen") outranks a long title that has the word in passing plus in tags and text.
 */
const PREFILTER_WEIGHT: readonly number[] = [1, 0.55, 0.6, 0.3, 0.25]
const MASK_WEIGHT = new Float64Array(32)
for (let m = 1; m < 32; m++) {
  let best = 0
  let count = 0
  for (let b = 0; b < 5; b++) {
    if (m & (1 << b)) {
      best = Math.max(best, PREFILTER_WEIGHT[b] as number)
      count++
    }
  }
  MASK_WEIGHT[m] = best * (1 + 0.05 * (count - 1))
}

/** Prefilter scale of a title hit by title length in words: 1 for one word, towards 0.6 for long ones. */
export function titleLengthNorm(tokens: number): number {
  return 0.6 + 0.4 / Math.sqrt(Math.max(1, tokens))
}

/**
 * What the prefilter reads of the index, by slot and by term id. The arrays are the index's current
 * ones (they are replaced as they grow), so a view is taken per query.
 */
export interface PrefilterView {
  /** Number of slots (live and dead). */
  slots: number
  /** Number of live documents. */
  live: number
  docs: readonly (StoredDoc | undefined)[]
  alive: Uint8Array
  kindOf: Uint8Array
  titleNorm: Float64Array
  df: Int32Array
  post: PostingStore
}

/**
 * The prefilter's per-slot scratch. After {@link candidates}, {@link cover}, {@link hitMask},
 * {@link descTerm} and {@link bodyTerm} describe each returned candidate (ranking and snippets read
 * them).
 */
export class Prefilter {
  private score = new Float64Array(0)
  private best = new Float64Array(0)
  private termStamp = new Int32Array(0)
  private queryStamp = new Int32Array(0)
  /** Per slot: how many query words the document matches. */
  cover = new Uint8Array(0)
  /** Per slot: the fields (FIELD_BIT) with a matched word. */
  hitMask = new Uint8Array(0)
  /** Per slot: the first matched term found in the description, and in the body (-1: none). */
  descTerm = new Int32Array(0)
  bodyTerm = new Int32Array(0)
  private stampNow = 0

  /** Forgets the stamps by slot (after the index renumbered its slots). */
  reset(): void {
    this.queryStamp = new Int32Array(0)
    this.termStamp = new Int32Array(0)
  }

  private ensureScratch(n: number): void {
    if (this.queryStamp.length < n) {
      this.score = grow(this.score, n)
      this.best = grow(this.best, n)
      this.termStamp = grow(this.termStamp, n)
      this.queryStamp = grow(this.queryStamp, n)
      this.cover = grow(this.cover, n)
      this.hitMask = grow(this.hitMask, n)
      this.descTerm = grow(this.descTerm, n)
      this.bodyTerm = grow(this.bodyTerm, n)
    }
  }

  /**
   * The top {@link CANDIDATES} slots by prefilter score, best first, for the expansions of each query
   * word; only kinds with `kindOk[kind code]` set when `kindOk` is given.
   */
  candidates(
    expansions: readonly Expansion[][],
    kindOk: Uint8Array | null,
    view: PrefilterView
  ): number[] {
    this.ensureScratch(view.slots)
    const live = Math.max(1, view.live)
    const logN = Math.log(1 + live)
    const { score, best, termStamp, queryStamp, cover, hitMask, descTerm, bodyTerm } = this
    const { alive, kindOf, df, post, titleNorm } = view
    const qStamp = ++this.stampNow
    const touched: number[] = []
    for (const list of expansions) {
      const tStamp = ++this.stampNow
      for (const { term, sim } of list) {
        const d = df[term] as number
        if (d <= 0) continue
        const idf = 0.4 + (0.6 * Math.log(1 + live / d)) / logN
        const w = sim * idf
        const scan = (data: Int32Array, from: number, to: number): void => {
          for (let r = from; r < to; r++) {
            const p = data[r] as number
            const slot = p >>> 5
            if (alive[slot] === 0) continue
            if (kindOk !== null && kindOk[kindOf[slot] as number] === 0) continue
            const mask = p & 31
            let v = w * (MASK_WEIGHT[mask] as number)
            if (mask & 1) v *= titleNorm[slot] as number
            if (queryStamp[slot] !== qStamp) {
              queryStamp[slot] = qStamp
              score[slot] = 0
              cover[slot] = 0
              hitMask[slot] = 0
              descTerm[slot] = -1
              bodyTerm[slot] = -1
              touched.push(slot)
            }
            if (termStamp[slot] !== tStamp) {
              termStamp[slot] = tStamp
              best[slot] = v
              score[slot] = (score[slot] as number) + v
              cover[slot] = (cover[slot] as number) + 1
            } else if (v > (best[slot] as number)) {
              score[slot] = (score[slot] as number) + v - (best[slot] as number)
              best[slot] = v
            }
            hitMask[slot] = (hitMask[slot] as number) | mask
            if (mask & LONG_BITS) {
              if (mask & FIELD_BIT.description && descTerm[slot] === -1) descTerm[slot] = term
              if (mask & FIELD_BIT.body && bodyTerm[slot] === -1) bodyTerm[slot] = term
            }
          }
        }
        if (term < post.baseTerms) {
          scan(post.baseData, post.baseStart[term] as number, post.baseStart[term + 1] as number)
        }
        const tail = post.tails[term]
        if (tail) scan(tail, 0, post.tailLen[term] as number)
      }
    }
    // Documents missing query words are damped; then a bounded min-heap keeps the best. Ties go to
    // the smaller id, so the answer never depends on the order documents were added in.
    const docs = view.docs
    const worse = (sa: number, a: number, sb: number, b: number): boolean =>
      sa < sb || (sa === sb && (docs[a] as StoredDoc).id > (docs[b] as StoredDoc).id)
    const m = expansions.length
    const size = Math.min(CANDIDATES, touched.length)
    const heapScore = new Float64Array(size)
    const heapSlot = new Int32Array(size)
    let filled = 0
    for (const slot of touched) {
      const c = (cover[slot] as number) / m
      const s = (score[slot] as number) * c * c
      if (filled < size) {
        let i = filled++
        while (i > 0) {
          const parent = (i - 1) >> 1
          if (!worse(s, slot, heapScore[parent] as number, heapSlot[parent] as number)) break
          heapScore[i] = heapScore[parent] as number
          heapSlot[i] = heapSlot[parent] as number
          i = parent
        }
        heapScore[i] = s
        heapSlot[i] = slot
      } else if (worse(heapScore[0] as number, heapSlot[0] as number, s, slot)) {
        let i = 0
        for (;;) {
          const l = 2 * i + 1
          if (l >= size) break
          const r = l + 1
          const c2 =
            r < size &&
            worse(
              heapScore[r] as number,
              heapSlot[r] as number,
              heapScore[l] as number,
              heapSlot[l] as number
            )
              ? r
              : l
          if (!worse(heapScore[c2] as number, heapSlot[c2] as number, s, slot)) break
          heapScore[i] = heapScore[c2] as number
          heapSlot[i] = heapSlot[c2] as number
          i = c2
        }
        heapScore[i] = s
        heapSlot[i] = slot
      }
    }
    const order = Array.from({ length: filled }, (_, i) => i)
    order.sort((a, b) =>
      worse(
        heapScore[a] as number,
        heapSlot[a] as number,
        heapScore[b] as number,
        heapSlot[b] as number
      )
        ? 1
        : -1
    )
    return order.map((i) => heapSlot[i] as number)
  }
}
