/**
 * The search index: a derived cache of the graph's text (STYLE.md R18), never a source of truth.
 *
 * Fuse.js ranks; it is fed by a cheap candidate prefilter so it never scans the whole graph:
 *
 * 1. **Vocabulary** (vocabulary.ts, postings.ts). Every folded token (fold.ts) of every field gets
 *    a term id, looked up in an open-addressing hash table straight from the text (no substring per
 *    token). Hyphenated compounds are also indexed joined (`haven-stad` → `havenstad`). Each term has
 *    a posting list of `slot << 5 | fieldMask` (which of the 5 fields of that document contain it),
 *    stored compactly (CSR, built by counting sort) with a growable tail for later additions, and a
 *    live document frequency.
 * 2. **Trigram index over the vocabulary** (vocabulary.ts, edit-distance.ts), not over the
 *    documents: `^term$` split into trigrams → term ids. A query word finds the vocabulary words it
 *    could mean by counting shared trigrams, then verifies them with a bounded Damerau–Levenshtein
 *    distance in three modes: whole word (typos: `partisipatie`), prefix (typing: `particip`; with a
 *    typo only if the first letter agrees) and infix (Dutch compounds: `ontwikkeling` in
 *    `gebiedsontwikkeling`). Allowed edits grow with the word: 0 up to 3 letters, 1 up to 7, then 2
 *    (infix: exact below 9 letters, then 1).
 * 3. **Candidate scoring** (prefilter.ts). For each query word, every document in the postings of its
 *    matched terms gets `similarity × idf × field weight` (title 1 scaled by a title-length norm, tags
 *    .6, aliases .55, description .3, body .25), the best per query word; words are summed, and
 *    documents missing a query word are damped by the square of the share they match. Typed arrays
 *    with epoch stamps, no allocation per document; a bounded heap keeps the top `CANDIDATES` (ties:
 *    smaller id).
 * 4. **Fuse ranks the candidates** (ranking.ts) with one frozen `FUSE_OPTIONS` (token search, so
 *    words match in any order and field). It sees the folded title always, and aliases, tags,
 *    description and body only where the prefilter found a query word; long text as a window around
 *    its first hit but with the field-length norm of the whole field, so Bitap never runs over
 *    megabytes and a hit deep in a transcript still weighs like one. Key weights (title 3, tags 1.5,
 *    others 1) and the norms make a title match outrank the same match in long text. A light final
 *    re-rank multiplies Fuse's score by `(1 + share of query words the document misses)²`.
 * 5. **Snippets and highlights** (snippets.ts) are built for the returned results only, in the
 *    original text (fold.ts maps folded offsets back).
 *
 * Edits are incremental: `add`/`update` index one document into a fresh slot, `remove` marks its slot
 * dead and lowers the document frequencies; dead slots are skipped at query time and squeezed out of
 * the postings when they pass a quarter of all slots (one linear pass over the postings). Results never
 * depend on the order documents were added in.
 *
 * The query language is in query.ts, grouping of results for the UI in grouping.ts.
 */
import { NODE_KINDS, type GraphNode, type NodeKind } from '../domain/node-kinds'
import { foldText } from './fold'
import { PostingStore } from './postings'
import { Prefilter, titleLengthNorm } from './prefilter'
import { kindPrefixes, parseQuery } from './query'
import { rank } from './ranking'
import {
  DEFAULT_SEARCH_LABELS,
  toSearchDoc,
  type SearchField,
  type SearchLabels,
  type SearchSource
} from './search-docs'
import { toResult } from './snippets'
import { FIELD_BIT, toStored, type StoredDoc } from './stored-doc'
import { grow } from './typed-arrays'
import { Vocabulary } from './vocabulary'

export type { SearchField } from './search-docs'
export { groupByKind, type KindGroup } from './grouping'

/** Default and maximum number of results of {@link SearchIndex.search}. */
export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 200

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

/** Counts, for benchmarks and diagnostics. */
export interface SearchIndexStats {
  docs: number
  slots: number
  deadSlots: number
  terms: number
  postings: number
}

const KIND_CODE = new Map<NodeKind, number>(NODE_KINDS.map((k, i) => [k, i]))

/**
 * The search index. Build with {@link SearchIndex.build} (or the constructor and `add`), keep it in step
 * with `add`/`update`/`remove`/`applyPatch`, query with `search`. Not thread-safe; in the app it lives
 * in the search worker (search-client.ts).
 */
export class SearchIndex {
  private readonly labels: SearchLabels
  private readonly prefixes: Map<string, NodeKind>
  private readonly vocab = new Vocabulary()
  private readonly post = new PostingStore()
  private readonly prefilter = new Prefilter()

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
    index.post.endBulk(index.vocab.size)
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
      terms: this.vocab.size,
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

    const vocab = this.vocab
    vocab.beginDoc()
    const f = full.folded
    vocab.tokenCount = 0
    vocab.indexText(f.title, FIELD_BIT.title)
    this.titleNorm[slot] = titleLengthNorm(vocab.tokenCount)
    for (const a of f.aliases) vocab.indexShort(a, FIELD_BIT.aliases)
    for (const t of f.tags) vocab.indexShort(t, FIELD_BIT.tags)
    vocab.tokenCount = 0
    vocab.indexText(f.description, FIELD_BIT.description)
    this.descTokens[slot] = vocab.tokenCount
    vocab.tokenCount = 0
    for (const b of f.body) vocab.indexText(b, FIELD_BIT.body)
    this.bodyTokens[slot] = vocab.tokenCount

    const base = slot * 32
    const { docMask, df } = vocab
    for (const id of vocab.docTerms) {
      this.post.append(id, base | (docMask[id] as number))
      df[id] = (df[id] as number) + 1
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
    const vocab = this.vocab
    vocab.beginDoc()
    const f = doc.folded
    for (const text of [f.title, ...f.aliases, ...f.tags, foldText(doc.description), ...f.body]) {
      vocab.indexText(text, 0, false)
    }
    const df = vocab.df
    for (const t of vocab.docTerms) df[t] = (df[t] as number) - 1
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

    const vocab = this.vocab
    const expansions = parsed.terms.map((t) => vocab.expand(t))
    const matched = new Set<string>()
    for (const list of expansions) for (const e of list) matched.add(vocab.terms[e.term] as string)
    const prefilter = this.prefilter
    const candidates = prefilter.candidates(expansions, kinds ? kindOk : null, {
      slots: this.slots,
      live: this.size,
      docs: this.docs,
      alive: this.alive,
      kindOf: this.kindOf,
      titleNorm: this.titleNorm,
      df: vocab.df,
      post: this.post
    })
    if (candidates.length === 0) return []

    const ranked = rank(candidates, parsed.terms, {
      docs: this.docs,
      terms: vocab.terms,
      descTokens: this.descTokens,
      bodyTokens: this.bodyTokens,
      cover: prefilter.cover,
      hitMask: prefilter.hitMask,
      descTerm: prefilter.descTerm,
      bodyTerm: prefilter.bodyTerm
    })
    return ranked.slice(0, limit).map((r) => {
      const descTerm = prefilter.descTerm[r.slot] as number
      const bodyTerm = prefilter.bodyTerm[r.slot] as number
      return toResult(
        this.docs[r.slot] as StoredDoc,
        r.score,
        prefilter.hitMask[r.slot] as number,
        descTerm >= 0 ? (vocab.terms[descTerm] as string) : null,
        bodyTerm >= 0 ? (vocab.terms[bodyTerm] as string) : null,
        matched
      )
    })
  }

  private ensureSlots(n: number): void {
    this.alive = grow(this.alive, n)
    this.kindOf = grow(this.kindOf, n)
    this.descTokens = grow(this.descTokens, n)
    this.bodyTokens = grow(this.bodyTokens, n)
    this.titleNorm = grow(this.titleNorm, n)
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
    this.post.rebuild(this.vocab.size, remap)
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
    this.prefilter.reset()
  }
}
