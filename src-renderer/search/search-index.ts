/**
 * The search index: a derived cache of the graph's text (STYLE.md R18), never a source of truth.
 *
 * Fuse.js ranks; it is fed by a cheap candidate prefilter so it never scans the whole graph:
 *
 * 1. **Vocabulary.** Every folded token (fold.ts) of every field gets a term id, looked up in an
 *    open-addressing hash table straight from the text (no substring per token). Hyphenated compounds
 *    are also indexed joined (`haven-stad` → `havenstad`). Each term has a posting list of
 *    `slot << 5 | fieldMask` (which of the 5 fields of that document contain it), stored compactly
 *    (CSR, built by counting sort) with a growable tail for later additions, and a live document
 *    frequency.
 * 2. **Trigram index over the vocabulary** (not over the documents): `^term$` split into trigrams →
 *    term ids. A query word finds the vocabulary words it could mean by counting shared trigrams,
 *    then verifies them with a bounded Damerau–Levenshtein distance in three modes: whole word
 *    (typos: `partisipatie`), prefix (typing: `particip`; with a typo only if the first letter agrees)
 *    and infix (Dutch compounds: `ontwikkeling` in `gebiedsontwikkeling`). Allowed edits grow with the
 *    word: 0 up to 3 letters, 1 up to 7, then 2 (infix: exact below 9 letters, then 1).
 * 3. **Candidate scoring.** For each query word, every document in the postings of its matched terms
 *    gets `similarity × idf × field weight` (title 1 scaled by a title-length norm, tags .6, aliases
 *    .55, description .3, body .25), the best per query word; words are summed, and documents missing
 *    a query word are damped by the square of the share they match. Typed arrays with epoch stamps,
 *    no allocation per document; a bounded heap keeps the top {@link CANDIDATES} (ties: smaller id).
 * 4. **Fuse ranks the candidates** with one frozen {@link FUSE_OPTIONS} (token search, so words match
 *    in any order and field). It sees the folded title always, and aliases, tags, description and body
 *    only where the prefilter found a query word; long text as a window around its first hit but with
 *    the field-length norm of the whole field, so Bitap never runs over megabytes and a hit deep in a
 *    transcript still weighs like one. Key weights (title 3, tags 1.5, others 1) and the norms make a
 *    title match outrank the same match in long text. A light final re-rank multiplies Fuse's score by
 *    `(1 + share of query words the document misses)²`.
 * 5. **Snippets and highlights** are built for the returned results only, in the original text
 *    (fold.ts maps folded offsets back).
 *
 * Edits are incremental: `add`/`update` index one document into a fresh slot, `remove` marks its slot
 * dead and lowers the document frequencies; dead slots are skipped at query time and squeezed out of
 * the postings when they pass a quarter of all slots (one linear pass over the postings). Results never
 * depend on the order documents were added in.
 */
import Fuse, { type FuseOptionKeyObject, type IFuseOptions } from 'fuse.js'
import { NODE_KINDS, type GraphNode, type NodeKind } from '../domain/node-kinds'
import { foldText, foldWithMap, isWordCode, toOriginalRange, tokenize } from './fold'
import {
  DEFAULT_SEARCH_LABELS,
  toSearchDoc,
  type SearchDoc,
  type SearchField,
  type SearchLabels,
  type SearchSource
} from './search-docs'

export type { SearchField } from './search-docs'

/** How many prefilter candidates Fuse ranks per query. */
export const CANDIDATES = 150
/** Default and maximum number of results of {@link SearchIndex.search}. */
export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 200
/** Long fields are given to Fuse whole up to this many characters, else as a window of it. */
const WINDOW = 240
/** At most this many vocabulary words per query word (best similarity first). */
const MAX_EXPANSIONS = 48
/** At most this many words of a query are used. */
const MAX_QUERY_TERMS = 8
/** Aliases and tags up to this length have their term ids cached, at most this many strings. */
const SHORT_CACHE_MAX_LENGTH = 120
const SHORT_CACHE_SIZE = 50_000
/** Snippet: characters of context before and after the first highlighted word. */
const SNIPPET_BEFORE = 50
const SNIPPET_AFTER = 100

const FIELD_BIT: Readonly<Record<SearchField, number>> = {
  title: 1,
  aliases: 2,
  tags: 4,
  description: 8,
  body: 16
}
const LONG_BITS = FIELD_BIT.description | FIELD_BIT.body
/**
 * Prefilter weight of a hit by field (the best field of a posting counts, plus a little per extra
 * field). A title hit is further scaled by the title's length norm (see `titleNorm`), so a short exact
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

/** The document shape Fuse ranks: folded text, long fields cut to a window around their first hit. */
export interface FuseDoc {
  title: string
  aliases: string
  tags: readonly string[]
  description: string
  body: string
}

const FUSE_KEYS: readonly FuseOptionKeyObject<FuseDoc>[] = Object.freeze([
  Object.freeze({ name: 'title', weight: 3 }),
  Object.freeze({ name: 'aliases', weight: 1 }),
  Object.freeze({ name: 'tags', weight: 1.5 }),
  Object.freeze({ name: 'description', weight: 1 }),
  Object.freeze({ name: 'body', weight: 1 })
])

/**
 * The one Fuse configuration of the app (frozen). Inputs are folded before Fuse sees them, so Fuse
 * itself is case-sensitive and leaves diacritics alone; token search makes multi-word queries match
 * words in any order and any field, weighted by their rarity among the candidates.
 */
export const FUSE_OPTIONS: Readonly<IFuseOptions<FuseDoc>> = Object.freeze({
  keys: FUSE_KEYS as FuseOptionKeyObject<FuseDoc>[],
  includeScore: true,
  shouldSort: true,
  ignoreLocation: true,
  threshold: 0.4,
  isCaseSensitive: true,
  ignoreDiacritics: false,
  useTokenSearch: true,
  tokenMatch: 'any',
  tokenize
})

/** The key objects of {@link FUSE_KEYS} in Fuse's own form, for `Fuse.parseIndex`. */
const FUSE_INDEX_KEYS = Fuse.createIndex(FUSE_KEYS as FuseOptionKeyObject<FuseDoc>[], []).keys

type FuseRecords = Parameters<typeof Fuse.parseIndex>[0]['records']

/** Options of {@link SearchIndex.search}. */
export interface SearchOptions {
  /** Maximum number of results (default {@link DEFAULT_LIMIT}, at most {@link MAX_LIMIT}). */
  limit?: number
  /** Only these kinds. Combined with kind prefixes in the query by intersection. */
  kinds?: readonly NodeKind[]
}

/** One hit. Offsets are UTF-16 code units; ranges are `[start, end)` (end exclusive). */
export interface SearchResult {
  id: string
  kind: NodeKind
  /** The node's title, as stored (for display). */
  title: string
  /**
   * Lower is better; results come sorted by it. Fuse's score (0 perfect … 1 no match) times
   * `(1 + share of query words the document misses)²`, so between 0 and 4.
   */
  score: number
  /** The field the snippet is from: the most telling field with a matched word. */
  field: SearchField
  /** A short excerpt of the original text of `field` (`…` marks cut ends; line breaks become spaces). */
  snippet: string
  /** Ranges in `snippet` of the matched words. */
  highlights: [number, number][]
  /** Ranges in `title` of matched words (empty when none). */
  titleHighlights: [number, number][]
}

/** A query split into kind filter and words. */
export interface ParsedQuery {
  /** Kinds named by prefixes (`les:`, `thema:` …), or null when none. */
  kinds: NodeKind[] | null
  /** The folded text after the prefixes. */
  text: string
  /** Distinct query words (folded tokens), at most 8. */
  terms: string[]
}

/**
 * The prefixes that name a kind: every kind label of `labels` (singular and plural, every language),
 * the kind ids themselves, folded, and without apostrophes (`thema's` → `themas`). Maps to kinds.
 */
export function kindPrefixes(labels: SearchLabels = DEFAULT_SEARCH_LABELS): Map<string, NodeKind> {
  const map = new Map<string, NodeKind>()
  for (const kind of NODE_KINDS) {
    for (const label of [kind, ...labels.kind[kind]]) {
      const f = foldText(label)
      map.set(f, kind)
      map.set(f.replace(/'/g, ''), kind)
    }
  }
  return map
}

const PREFIX_RE = /^([^\s:]+)\s*:\s*/

/**
 * Splits a query into leading kind prefixes and words. `les: vertrouwen` → kinds `['lesson']`, terms
 * `['vertrouwen']`; `Thema's: beleid` and `thema: beleid` alike; several prefixes give the union
 * (`les: citaat: x`). A word before a colon that names no kind (`http:`) is kept as text.
 */
export function parseQuery(
  query: string,
  prefixes: ReadonlyMap<string, NodeKind> = DEFAULT_PREFIXES
): ParsedQuery {
  let text = foldText(query)
  let kinds: NodeKind[] | null = null
  for (;;) {
    const m = PREFIX_RE.exec(text)
    const kind = m ? prefixes.get(m[1] as string) : undefined
    if (!m || !kind) break
    kinds = kinds ?? []
    if (!kinds.includes(kind)) kinds.push(kind)
    text = text.slice(m[0].length)
  }
  const terms: string[] = []
  for (const t of tokenize(text)) {
    if (!terms.includes(t)) terms.push(t)
    if (terms.length >= MAX_QUERY_TERMS) break
  }
  return { kinds, text, terms }
}

const DEFAULT_PREFIXES = kindPrefixes(DEFAULT_SEARCH_LABELS)

/** Results grouped by kind for the UI. */
export interface KindGroup {
  kind: NodeKind
  results: SearchResult[]
}

/**
 * Groups results by kind. Groups come in the order of their best result (so the most relevant kind
 * is first); results keep their order within a group. No result is lost or duplicated.
 */
export function groupByKind(results: readonly SearchResult[]): KindGroup[] {
  const groups = new Map<NodeKind, SearchResult[]>()
  for (const r of results) {
    const list = groups.get(r.kind)
    if (list) list.push(r)
    else groups.set(r.kind, [r])
  }
  return [...groups].map(([kind, list]) => ({ kind, results: list }))
}

/** Counts, for benchmarks and diagnostics. */
export interface SearchIndexStats {
  docs: number
  slots: number
  deadSlots: number
  terms: number
  postings: number
}

/**
 * What the index keeps of a {@link SearchDoc}: everything but the folded description, which is the
 * bulk of a typical node's text and cheap to fold again for the few candidates of a query (folded
 * bodies stay: a transcript can run to megabytes).
 */
type StoredDoc = Omit<SearchDoc, 'folded'> & { folded: Omit<SearchDoc['folded'], 'description'> }

function toStored(doc: SearchDoc): StoredDoc {
  const { title, aliases, tags, body } = doc.folded
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    aliases: doc.aliases,
    tags: doc.tags,
    description: doc.description,
    body: doc.body,
    folded: { title, aliases, tags, body }
  }
}

/** A vocabulary word matched by a query word, with how well it matches (0…1]. */
interface Expansion {
  term: number
  sim: number
}

const KIND_CODE = new Map<NodeKind, number>(NODE_KINDS.map((k, i) => [k, i]))

function grow<T extends Int32Array | Float64Array | Uint8Array>(arr: T, min: number): T {
  if (arr.length >= min) return arr
  let size = Math.max(16, arr.length)
  while (size < min) size *= 2
  const next = new (arr.constructor as new (n: number) => T)(size)
  next.set(arr)
  return next
}

/** Prefilter scale of a title hit by title length in words: 1 for one word, towards 0.6 for long ones. */
function titleNorm(tokens: number): number {
  return 0.6 + 0.4 / Math.sqrt(Math.max(1, tokens))
}

/** Fuse's field-length norm (fieldNormWeight 1, three decimals) for a field of `tokens` words. */
function fieldNorm(tokens: number): number {
  return Math.round(1000 / Math.sqrt(Math.max(1, tokens))) / 1000
}

/**
 * Posting lists by term id. Entries are `slot << 5 | fieldMask`. A compact base (CSR: one array, one
 * start offset per term) is built in bulk by counting sort; documents added later go to a growable tail
 * per term. `rebuild` merges everything back into the base, dropping or renumbering slots.
 */
class PostingStore {
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

/**
 * The search index. Build with {@link SearchIndex.build} (or the constructor and `add`), keep it in step
 * with `add`/`update`/`remove`/`applyPatch`, query with `search`. Not thread-safe; in the app it lives
 * in the search worker (search-client.ts).
 */
export class SearchIndex {
  private readonly labels: SearchLabels
  private readonly prefixes: Map<string, NodeKind>

  // Vocabulary: an open-addressing hash table (FNV-1a over UTF-16 code units) of term ids + 1, so
  // tokens are looked up straight from the text without allocating a substring per token.
  private table = new Int32Array(4096)
  private termHash = new Int32Array(0)
  private terms: string[] = []
  private readonly post = new PostingStore()
  private df = new Int32Array(0)
  private readonly grams = new Map<string, number[]>()

  // Documents by slot
  private docs: (StoredDoc | undefined)[] = []
  private readonly slotOf = new Map<string, number>()
  private alive = new Uint8Array(0)
  private kindOf = new Uint8Array(0)
  private descTokens = new Int32Array(0)
  private bodyTokens = new Int32Array(0)
  private titleNorm = new Float64Array(0)
  private slots = 0
  private dead = 0

  // Scratch for indexing one document (by term id)
  private docStamp = new Int32Array(0)
  private docMask = new Uint8Array(0)
  private docTerms: number[] = []
  /** Term ids of short alias and tag strings (see indexShort), and the collector it fills. */
  private readonly shortTerms = new Map<string, Int32Array>()
  private collect: number[] | null = null
  private docStampNow = 0
  private tokenCount = 0

  // Scratch for queries (by slot, and by term id for trigram counting)
  private score = new Float64Array(0)
  private best = new Float64Array(0)
  private termStamp = new Int32Array(0)
  private queryStamp = new Int32Array(0)
  private cover = new Uint8Array(0)
  private hitMask = new Uint8Array(0)
  /** Per slot: the first matched term found in the description, and in the body (-1: none). */
  private descTerm = new Int32Array(0)
  private bodyTerm = new Int32Array(0)
  private stampNow = 0
  private gramCount = new Int32Array(0)
  private gramStamp = new Int32Array(0)
  private gramStampNow = 0

  constructor(labels: SearchLabels = DEFAULT_SEARCH_LABELS) {
    this.labels = labels
    this.prefixes = kindPrefixes(labels)
  }

  /** Builds an index over `nodes` (deleted ones are skipped). Linear in the text size. */
  static build(
    nodes: Iterable<GraphNode | SearchSource>,
    labels: SearchLabels = DEFAULT_SEARCH_LABELS
  ): SearchIndex {
    const index = new SearchIndex(labels)
    const list = Array.isArray(nodes) ? (nodes as (GraphNode | SearchSource)[]) : [...nodes]
    index.post.beginBulk(list.length * 64)
    for (const node of list) if (!node.deletedAt) index.add(node)
    index.post.endBulk(index.terms.length)
    return index
  }

  /** Number of live documents. */
  get size(): number {
    return this.slotOf.size
  }

  /** Whether a live document with this id is indexed. */
  has(id: string): boolean {
    return this.slotOf.has(id)
  }

  stats(): SearchIndexStats {
    return {
      docs: this.size,
      slots: this.slots,
      deadSlots: this.dead,
      terms: this.terms.length,
      postings: this.post.count
    }
  }

  /**
   * Indexes a node. An existing document with the same id is replaced (so `add` is an upsert).
   * A node with `deletedAt` set is removed instead. Visible to the next `search` at once.
   */
  add(node: GraphNode | SearchSource): void {
    if (node.deletedAt) {
      this.remove(node.id)
      return
    }
    if (this.slotOf.has(node.id)) this.remove(node.id)
    const full = toSearchDoc(node, this.labels)
    const doc = toStored(full)
    const slot = this.slots++
    this.ensureSlots(this.slots)
    this.docs[slot] = doc
    this.alive[slot] = 1
    this.kindOf[slot] = KIND_CODE.get(doc.kind) ?? 0
    this.slotOf.set(doc.id, slot)

    this.docStampNow++
    this.docTerms.length = 0
    const f = full.folded
    this.tokenCount = 0
    this.indexText(f.title, FIELD_BIT.title)
    this.titleNorm[slot] = titleNorm(this.tokenCount)
    for (const a of f.aliases) this.indexShort(a, FIELD_BIT.aliases)
    for (const t of f.tags) this.indexShort(t, FIELD_BIT.tags)
    this.tokenCount = 0
    this.indexText(f.description, FIELD_BIT.description)
    this.descTokens[slot] = this.tokenCount
    this.tokenCount = 0
    for (const b of f.body) this.indexText(b, FIELD_BIT.body)
    this.bodyTokens[slot] = this.tokenCount

    const base = slot * 32
    for (const id of this.docTerms) {
      this.post.append(id, base | (this.docMask[id] as number))
      this.df[id] = (this.df[id] as number) + 1
    }
  }

  /** Same as {@link add}: replaces the document of `node.id` (or adds it). */
  update(node: GraphNode | SearchSource): void {
    this.add(node)
  }

  /** Removes the document of `id`; returns whether there was one. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return false
    const doc = this.docs[slot] as StoredDoc
    // Lower the document frequencies: re-tokenize the folded text (lookups only).
    this.docStampNow++
    this.docTerms.length = 0
    const f = doc.folded
    for (const text of [f.title, ...f.aliases, ...f.tags, foldText(doc.description), ...f.body]) {
      this.indexText(text, 0, false)
    }
    for (const t of this.docTerms) this.df[t] = (this.df[t] as number) - 1
    this.alive[slot] = 0
    this.docs[slot] = undefined
    this.slotOf.delete(id)
    this.dead++
    if (this.dead > 1024 && this.dead * 4 > this.slots) this.compact()
    return true
  }

  /**
   * Applies nodes written by one commit (a GraphStore patch): live ones are upserted, soft-deleted
   * ones (`deletedAt`) removed.
   */
  applyPatch(nodes: Iterable<GraphNode | SearchSource>): void {
    for (const n of nodes) this.add(n)
  }

  /**
   * Searches. The query may start with kind prefixes (see {@link parseQuery}); it is folded, so case,
   * diacritics, `IJ`/`ĳ` and curly quotes do not matter, and words may carry typos. Returns at most
   * `limit` results, best first; an empty or prefix-only query returns []. Never throws on any string.
   */
  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)))
    const parsed = parseQuery(query, this.prefixes)
    if (parsed.terms.length === 0 || this.size === 0) return []
    let kinds = parsed.kinds
    if (options.kinds) {
      const allowed = options.kinds
      kinds = kinds ? kinds.filter((k) => allowed.includes(k)) : [...allowed]
      if (kinds.length === 0) return []
    }
    const kindOk = new Uint8Array(NODE_KINDS.length)
    for (const k of kinds ?? NODE_KINDS) kindOk[KIND_CODE.get(k) as number] = 1

    const expansions = parsed.terms.map((t) => this.expand(t))
    const matched = new Set<string>()
    for (const list of expansions) for (const e of list) matched.add(this.terms[e.term] as string)
    const candidates = this.candidates(expansions, kinds ? kindOk : null)
    if (candidates.length === 0) return []

    // Fuse ranks the candidates (in prefilter order, so its ties keep the prefilter's order).
    const fuseDocs: FuseDoc[] = []
    const records: FuseRecords = []
    for (let i = 0; i < candidates.length; i++) {
      const slot = candidates[i] as number
      const fd = this.fuseDoc(slot)
      fuseDocs.push(fd)
      records.push(this.fuseRecord(i, slot, fd))
    }
    const fuse = new Fuse(
      fuseDocs,
      FUSE_OPTIONS,
      Fuse.parseIndex<FuseDoc>({ keys: FUSE_INDEX_KEYS, records })
    )
    // Fuse scores every candidate; a light final re-rank damps documents that miss query words
    // (Fuse's token search weighs a rare, mistyped word so high that matching it alone can win).
    const m = parsed.terms.length
    const ranked = fuse
      .search(parsed.terms.join(' '))
      .map((r) => {
        const slot = candidates[r.refIndex] as number
        const missing = 1 - (this.cover[slot] as number) / m
        const score = (r.score ?? 1) * (1 + missing) * (1 + missing)
        return { slot, score, order: r.refIndex }
      })
      .sort((a, b) => a.score - b.score || a.order - b.order)
    return ranked.slice(0, limit).map((r) => this.result(r.slot, r.score, matched))
  }

  // Indexing

  private ensureSlots(n: number): void {
    this.alive = grow(this.alive, n)
    this.kindOf = grow(this.kindOf, n)
    this.descTokens = grow(this.descTokens, n)
    this.bodyTokens = grow(this.bodyTokens, n)
    this.titleNorm = grow(this.titleNorm, n)
  }

  private newTerm(term: string, h: number): number {
    const id = this.terms.length
    this.terms.push(term)
    this.post.ensureTerms(id + 1)
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
  private termId(word: string): number {
    return this.findTerm(word, 0, word.length, hashOf(word, 0, word.length))
  }

  /**
   * Like {@link indexText} for a short alias or tag: those repeat across thousands of nodes (labels,
   * facet values, areas, tags), so their term ids are remembered per string (bounded cache).
   */
  private indexShort(text: string, bit: number): void {
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
  private indexText(text: string, bit: number, create = true): void {
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

  /** Drops dead slots: renumbers live slots in order and filters every posting list. */
  private compact(): void {
    const remap = new Int32Array(this.slots).fill(-1)
    let next = 0
    for (let s = 0; s < this.slots; s++) if (this.alive[s]) remap[s] = next++
    const docs: (StoredDoc | undefined)[] = new Array<StoredDoc | undefined>(next)
    const alive = new Uint8Array(Math.max(16, next))
    const kindOf = new Uint8Array(alive.length)
    const descTokens = new Int32Array(alive.length)
    const bodyTokens = new Int32Array(alive.length)
    const titleNorms = new Float64Array(alive.length)
    for (let s = 0; s < this.slots; s++) {
      const t = remap[s] as number
      if (t < 0) continue
      docs[t] = this.docs[s]
      alive[t] = 1
      kindOf[t] = this.kindOf[s] as number
      descTokens[t] = this.descTokens[s] as number
      bodyTokens[t] = this.bodyTokens[s] as number
      titleNorms[t] = this.titleNorm[s] as number
    }
    this.post.rebuild(this.terms.length, remap)
    for (const [id, s] of this.slotOf) this.slotOf.set(id, remap[s] as number)
    this.docs = docs
    this.alive = alive
    this.kindOf = kindOf
    this.descTokens = descTokens
    this.bodyTokens = bodyTokens
    this.titleNorm = titleNorms
    this.slots = next
    this.dead = 0
    // Scratch indexed by slot is stale after renumbering.
    this.queryStamp = new Int32Array(0)
    this.termStamp = new Int32Array(0)
  }

  // Query: vocabulary expansion

  /** The vocabulary words query word `q` may mean, best first, at most MAX_EXPANSIONS. */
  private expand(q: string): Expansion[] {
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

  // Query: candidate scoring

  private ensureQueryScratch(): void {
    const n = this.slots
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

  /** The top CANDIDATES slots by prefilter score, best first. */
  private candidates(expansions: readonly Expansion[][], kindOk: Uint8Array | null): number[] {
    this.ensureQueryScratch()
    const live = Math.max(1, this.size)
    const logN = Math.log(1 + live)
    const {
      score,
      best,
      termStamp,
      queryStamp,
      cover,
      hitMask,
      descTerm,
      bodyTerm,
      alive,
      kindOf,
      df,
      post,
      titleNorm
    } = this
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
    const docs = this.docs
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

  // Query: what Fuse sees

  /**
   * What Fuse ranks for one candidate: the folded title always; aliases, tags, description and body
   * only where the prefilter found a query word (Bitap is most expensive on text that does not match,
   * and a field without any query word only adds noise); long text as a window around its first hit.
   */
  private fuseDoc(slot: number): FuseDoc {
    const doc = this.docs[slot] as StoredDoc
    const f = doc.folded
    const mask = this.hitMask[slot] as number
    let body = ''
    const bodyTerm = this.bodyTerm[slot] as number
    if (mask & FIELD_BIT.body && bodyTerm >= 0) {
      const word = this.terms[bodyTerm] as string
      const joined = f.body.join(' · ')
      if (joined.length <= WINDOW) body = joined
      else {
        for (const part of f.body) {
          const at = findWord(part, word)
          if (at >= 0) {
            body = windowAround(part, at, word.length)
            break
          }
        }
      }
    }
    let description = ''
    const descTerm = this.descTerm[slot] as number
    if (mask & FIELD_BIT.description && descTerm >= 0) {
      const word = this.terms[descTerm] as string
      description = foldText(doc.description)
      if (description.length > WINDOW) {
        const at = findWord(description, word)
        description = at >= 0 ? windowAround(description, at, word.length) : ''
      }
    }
    return {
      title: f.title,
      aliases: mask & FIELD_BIT.aliases ? f.aliases.join(' ') : '',
      tags: mask & FIELD_BIT.tags ? f.tags : [],
      description,
      body
    }
  }

  private fuseRecord(i: number, slot: number, fd: FuseDoc): FuseRecords[number] {
    const $: NonNullable<FuseRecords[number]['$']> = {}
    if (fd.title) $[0] = { v: fd.title, n: fieldNorm(countTokens(fd.title)) }
    if (fd.aliases) $[1] = { v: fd.aliases, n: fieldNorm(countTokens(fd.aliases)) }
    if (fd.tags.length > 0) {
      $[2] = fd.tags.map((v, j) => ({ v, i: j, n: fieldNorm(countTokens(v)) }))
    }
    if (fd.description) $[3] = { v: fd.description, n: fieldNorm(this.descTokens[slot] as number) }
    if (fd.body) $[4] = { v: fd.body, n: fieldNorm(this.bodyTokens[slot] as number) }
    return { i, $ }
  }

  // Results: snippet and highlights

  private result(slot: number, score: number, matched: ReadonlySet<string>): SearchResult {
    const doc = this.docs[slot] as StoredDoc
    const mask = this.hitMask[slot] as number
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
    const descTerm = this.descTerm[slot] as number
    if (mask & FIELD_BIT.description && descTerm >= 0) {
      const word = this.terms[descTerm] as string
      const s = longSnippet(doc.description, foldText(doc.description), word, matched)
      if (s) return { ...base, field: 'description', ...s }
    }
    const bodyTerm = this.bodyTerm[slot] as number
    if (mask & FIELD_BIT.body && bodyTerm >= 0) {
      const word = this.terms[bodyTerm] as string
      for (let i = 0; i < doc.body.length; i++) {
        const s = longSnippet(doc.body[i] as string, doc.folded.body[i] as string, word, matched)
        if (s) return { ...base, field: 'body', ...s }
      }
    }
    return { ...base, field: 'title', ...shortSnippet(doc.title, titleHighlights) }
  }
}

// Helpers (pure)

const HYPHENS_RE = /-/g
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

/** FNV-1a over the UTF-16 code units of `text[start, end)` (the term table's hash). */
function hashOf(text: string, start: number, end: number): number {
  let h = FNV_OFFSET
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME)
  return h
}

function countTokens(folded: string): number {
  let n = 0
  let inWord = false
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i)
    if (c === 32) inWord = false
    else if (!inWord) {
      inWord = true
      n++
    }
  }
  return n
}

/** Index of the first occurrence of `word` in folded `text` as a whole token, or -1. */
export function findWord(text: string, word: string): number {
  let from = 0
  for (;;) {
    const at = text.indexOf(word, from)
    if (at < 0) return -1
    const end = at + word.length
    const before = at === 0 || !isWordCode(text.charCodeAt(at - 1))
    const after = end >= text.length || !isWordCode(text.charCodeAt(end))
    if (before && after) return at
    from = at + 1
  }
}

/** A slice of about WINDOW characters of `text` around `[at, at + len)`, cut at spaces. */
function windowAround(text: string, at: number, len: number): string {
  let start = Math.max(0, at - Math.floor((WINDOW - len) / 3))
  let end = Math.min(text.length, start + WINDOW)
  start = Math.max(0, Math.min(start, end - WINDOW))
  if (start > 0) {
    const sp = text.indexOf(' ', start)
    if (sp >= 0 && sp < at) start = sp + 1
  }
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end)
    if (sp > at + len) end = sp
  }
  return text.slice(start, end)
}

/**
 * Restricted Damerau–Levenshtein (optimal string alignment) distance between `q` and `t`, bounded:
 * returns a value > k as soon as the distance must exceed `k`. Mode 0: whole `t`; mode 1: the best
 * prefix of `t`; mode 2: the best substring of `t` (free start and end).
 */
export function editDistance(q: string, t: string, mode: 0 | 1 | 2, k: number): number {
  const L = q.length
  const T = t.length
  if (k < 0) return Infinity
  // Rows over t (j), columns over q (i): cur[i] = distance of q[0..i) to t[..j) in the mode.
  let prev2 = new Int32Array(L + 1)
  let prev = new Int32Array(L + 1)
  let cur = new Int32Array(L + 1)
  for (let i = 0; i <= L; i++) prev[i] = i
  let best = prev[L] as number
  for (let j = 1; j <= T; j++) {
    cur[0] = mode === 2 ? 0 : j
    let rowMin = cur[0] as number
    const tc = t.charCodeAt(j - 1)
    for (let i = 1; i <= L; i++) {
      const qc = q.charCodeAt(i - 1)
      const cost = qc === tc ? 0 : 1
      let v = Math.min(
        (prev[i] as number) + 1,
        (cur[i - 1] as number) + 1,
        (prev[i - 1] as number) + cost
      )
      if (i > 1 && j > 1 && qc === t.charCodeAt(j - 2) && q.charCodeAt(i - 2) === tc) {
        v = Math.min(v, (prev2[i - 2] as number) + 1)
      }
      cur[i] = v
      if (v < rowMin) rowMin = v
    }
    if (mode !== 0) best = Math.min(best, cur[L] as number)
    if (mode !== 2 && rowMin > k) return mode === 1 ? Math.min(best, k + 1) : k + 1
    const tmp = prev2
    prev2 = prev
    prev = cur
    cur = tmp
  }
  return mode === 0 ? (prev[L] as number) : best
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
