/**
 * The query language: leading kind prefixes (`les:`, `thema's:` …) and up to {@link MAX_QUERY_TERMS}
 * folded words.
 */
import { NODE_KINDS, type NodeKind } from '../domain/node-kinds'
import { foldText, tokenize } from './fold'
import { DEFAULT_SEARCH_LABELS, type SearchLabels } from './search-docs'

/** At most this many words of a query are used. */
export const MAX_QUERY_TERMS = 8

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
