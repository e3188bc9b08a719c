/**
 * Ranking (search-index.ts, step 4): Fuse ranks the prefilter's candidates with one frozen
 * {@link FUSE_OPTIONS}. It sees the folded title always, and aliases, tags, description and body only
 * where the prefilter found a query word; long text as a window around its first hit but with the
 * field-length norm of the whole field. A light final re-rank multiplies Fuse's score by
 * `(1 + share of query words the document misses)²`.
 */
import Fuse, { type FuseOptionKeyObject, type IFuseOptions } from 'fuse.js'
import { foldText, tokenize } from './fold'
import { countTokens, findWord } from './folded-text'
import { FIELD_BIT, type StoredDoc } from './stored-doc'

/** Long fields are given to Fuse whole up to this many characters, else as a window of it. */
const WINDOW = 240

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

/** Fuse's field-length norm (fieldNormWeight 1, three decimals) for a field of `tokens` words. */
function fieldNorm(tokens: number): number {
  return Math.round(1000 / Math.sqrt(Math.max(1, tokens))) / 1000
}

/** What ranking reads of the index and the prefilter, by slot and by term id. */
export interface RankView {
  docs: readonly (StoredDoc | undefined)[]
  /** Vocabulary term strings by id. */
  terms: readonly string[]
  descTokens: Int32Array
  bodyTokens: Int32Array
  /** The prefilter's per-slot results (see prefilter.ts). */
  cover: Uint8Array
  hitMask: Uint8Array
  descTerm: Int32Array
  bodyTerm: Int32Array
}

/** A ranked candidate: its slot and final score (lower is better). */
export interface Ranked {
  slot: number
  score: number
}

/**
 * Ranks `candidates` (slots, in prefilter order, so Fuse's ties keep the prefilter's order) for the
 * query words `terms`; best first.
 */
export function rank(
  candidates: readonly number[],
  terms: readonly string[],
  view: RankView
): Ranked[] {
  const fuseDocs: FuseDoc[] = []
  const records: FuseRecords = []
  for (let i = 0; i < candidates.length; i++) {
    const slot = candidates[i] as number
    const fd = fuseDoc(slot, view)
    fuseDocs.push(fd)
    records.push(fuseRecord(i, slot, fd, view))
  }
  const fuse = new Fuse(
    fuseDocs,
    FUSE_OPTIONS,
    Fuse.parseIndex<FuseDoc>({ keys: FUSE_INDEX_KEYS, records })
  )
  // Fuse scores every candidate; a light final re-rank damps documents that miss query words
  // (Fuse's token search weighs a rare, mistyped word so high that matching it alone can win).
  const m = terms.length
  return fuse
    .search(terms.join(' '))
    .map((r) => {
      const slot = candidates[r.refIndex] as number
      const missing = 1 - (view.cover[slot] as number) / m
      const score = (r.score ?? 1) * (1 + missing) * (1 + missing)
      return { slot, score, order: r.refIndex }
    })
    .sort((a, b) => a.score - b.score || a.order - b.order)
}

/**
 * What Fuse ranks for one candidate: the folded title always; aliases, tags, description and body
 * only where the prefilter found a query word (Bitap is most expensive on text that does not match,
 * and a field without any query word only adds noise); long text as a window around its first hit.
 */
function fuseDoc(slot: number, view: RankView): FuseDoc {
  const doc = view.docs[slot] as StoredDoc
  const f = doc.folded
  const mask = view.hitMask[slot] as number
  let body = ''
  const bodyTerm = view.bodyTerm[slot] as number
  if (mask & FIELD_BIT.body && bodyTerm >= 0) {
    const word = view.terms[bodyTerm] as string
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
  const descTerm = view.descTerm[slot] as number
  if (mask & FIELD_BIT.description && descTerm >= 0) {
    const word = view.terms[descTerm] as string
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

function fuseRecord(i: number, slot: number, fd: FuseDoc, view: RankView): FuseRecords[number] {
  const $: NonNullable<FuseRecords[number]['$']> = {}
  if (fd.title) $[0] = { v: fd.title, n: fieldNorm(countTokens(fd.title)) }
  if (fd.aliases) $[1] = { v: fd.aliases, n: fieldNorm(countTokens(fd.aliases)) }
  if (fd.tags.length > 0) {
    $[2] = fd.tags.map((v, j) => ({ v, i: j, n: fieldNorm(countTokens(v)) }))
  }
  if (fd.description) $[3] = { v: fd.description, n: fieldNorm(view.descTokens[slot] as number) }
  if (fd.body) $[4] = { v: fd.body, n: fieldNorm(view.bodyTokens[slot] as number) }
  return { i, $ }
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
