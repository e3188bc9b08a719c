/**
 * The benchmark's fixed query set: drawn deterministically from the vocabulary of a generated graph
 * (titles, tags, descriptions) with seeded typos and diacritics, 3–10 characters each. The search
 * benchmark writes the result once to tests/fixtures/search/bench-queries.json and reuses that file.
 */
import { seededRandom } from '@renderer/domain/random'
import type { GraphNode } from '@renderer/domain/node-kinds'

/** How a query was derived from its source word. */
export type QueryVariant =
  | 'word'
  | 'prefix'
  | 'substitution'
  | 'transposition'
  | 'deletion'
  | 'insertion'
  | 'strip-diacritics'
  | 'add-diacritics'
  | 'two-words'

export interface BenchQuery {
  query: string
  /** The vocabulary word (or words) it came from. */
  from: string
  variant: QueryVariant
}

/** The file tests/fixtures/search/bench-queries.json. */
export interface BenchQueryFile {
  description: string
  /** The graph whose vocabulary the queries come from. */
  graph: string
  seed: number
  queries: BenchQuery[]
}


const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
const ACCENTED: Readonly<Record<string, string>> = { e: 'ë', i: 'ï', o: 'ó', a: 'á', u: 'ü' }
const WORD_RE = /[\p{L}]{3,}/gu

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '')
}

/**
 * `count` queries of 3–10 characters from the words of `nodes` (titles, tags, descriptions), fixed by
 * `seed`: about a quarter plain words or typed prefixes, half with one typo (substitution,
 * transposition, deletion, insertion), a fifth with diacritics stripped or added, and a few two-word
 * queries; some capitalised. Pure: the same nodes and seed give the same list.
 */
export function makeBenchQueries(
  nodes: readonly GraphNode[],
  count = 240,
  seed = 2024
): BenchQuery[] {
  const words = new Set<string>()
  const pairs = new Set<string>()
  for (const n of nodes) {
    for (const text of [n.title, n.description, ...n.tags]) {
      const found = text.match(WORD_RE) ?? []
      for (const w of found) words.add(w.toLowerCase())
      for (let i = 0; i + 1 < found.length; i++) {
        const pair = `${found[i]} ${found[i + 1]}`.toLowerCase()
        if (pair.length <= 10) pairs.add(pair)
      }
    }
  }
  const vocab = [...words].sort()
  const pairList = [...pairs].sort()
  const diacritic = vocab.filter((w) => stripDiacritics(w) !== w)
  const rnd = seededRandom(seed)
  const int = (n: number): number => Math.floor(rnd() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  /** A word cut to at most 10 characters (a prefix, as typed), at least 3. */
  const fit = (w: string): string => (w.length <= 10 ? w : w.slice(0, 6 + int(5)))

  const out: BenchQuery[] = []
  const seen = new Set<string>()
  let guard = 0
  while (out.length < count && guard++ < count * 50) {
    const r = rnd()
    let q: string
    let from: string
    let variant: QueryVariant
    if (r < 0.12) {
      from = pick(vocab)
      q = fit(from)
      variant = q === from ? 'word' : 'prefix'
    } else if (r < 0.22) {
      from = pick(vocab)
      q = from.slice(0, Math.min(from.length, 3 + int(5)))
      variant = q === from ? 'word' : 'prefix'
    } else if (r < 0.7) {
      from = pick(vocab)
      const base = fit(from)
      const at = 1 + int(Math.max(1, base.length - 1))
      const kind = int(4)
      if (kind === 0) {
        q = base.slice(0, at) + pick([...LETTERS]) + base.slice(at + 1)
        variant = 'substitution'
      } else if (kind === 1 && at + 1 < base.length) {
        q = base.slice(0, at) + base.charAt(at + 1) + base.charAt(at) + base.slice(at + 2)
        variant = 'transposition'
      } else if (kind === 2 && base.length > 4) {
        q = base.slice(0, at) + base.slice(at + 1)
        variant = 'deletion'
      } else {
        q = (base.slice(0, at) + base.charAt(at - 1) + base.slice(at)).slice(0, 10)
        variant = 'insertion'
      }
    } else if (r < 0.9) {
      if (rnd() < 0.6 && diacritic.length > 0) {
        from = pick(diacritic)
        q = fit(stripDiacritics(from))
        variant = 'strip-diacritics'
      } else {
        from = pick(vocab)
        const base = fit(from)
        const positions = [...base].map((c, i) => (ACCENTED[c] ? i : -1)).filter((i) => i >= 0)
        if (positions.length === 0) continue
        const at = pick(positions)
        q = base.slice(0, at) + (ACCENTED[base.charAt(at)] as string) + base.slice(at + 1)
        variant = 'add-diacritics'
      }
    } else {
      if (pairList.length === 0) continue
      from = pick(pairList)
      q = from
      variant = 'two-words'
    }
    if (rnd() < 0.1) q = q.charAt(0).toUpperCase() + q.slice(1)
    if (q.length < 3 || q.length > 10 || seen.has(q)) continue
    seen.add(q)
    out.push({ query: q, from, variant })
  }
  return out
}
