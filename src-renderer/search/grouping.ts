/** Grouping of search results for the UI. */
import type { NodeKind } from '../domain/node-kinds'
import type { SearchResult } from './search-index'

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
