/** A path told as a Dutch or English sentence, with titles shortened at a clause break. */
import type { EdgeKind } from '../edge-kinds'
import type { EdgeId, NodeId } from '../ids'
import type { NodeKind } from '../node-kinds'
import type { GraphIndex } from './graph-index'
import type { GraphPath } from './paths'

/** Label functions the UI passes in (its i18n `kind.*` and `edge.*`), plus the language. */
export interface PathLabels {
  kind: (kind: NodeKind) => string
  edge: (kind: EdgeKind) => string
  lang: 'nl' | 'en'
  /** How a node is named (the app passes its display projection); default its stored title. */
  title?: (id: NodeId) => string
  /** An edge's own label as it may be shown; default its stored label. */
  edgeLabel?: (id: EdgeId) => string | undefined
}

/** Longest title, in characters, that a path sentence quotes in full. */
export const PATH_TITLE_MAX = 60

const CLAUSE_BREAK = /[,;:]\s|\s[–—-]\s/g

/**
 * Shortens `text` to at most `max` characters plus an ellipsis. It cuts after the last clause
 * break (`, ; :` or a dash) that keeps at least a third of `max`, else at the last word break,
 * and appends ` …`; a single over-long word is cut hard with `…`. Whitespace runs fold to one
 * space. Text within `max` comes back unchanged (apart from that folding).
 */
export function truncateTitle(text: string, max: number = PATH_TITLE_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const head = clean.slice(0, max + 1)
  let clauseCut = -1
  for (const m of head.matchAll(CLAUSE_BREAK)) {
    const end = (m.index ?? 0) + (m[0].startsWith(' ') ? 0 : 1)
    if (end <= max) clauseCut = end
  }
  if (clauseCut >= max / 3) return `${clean.slice(0, clauseCut).trimEnd()} …`
  const wordCut = head.lastIndexOf(' ')
  if (wordCut > 0) return `${clean.slice(0, wordCut).trimEnd()} …`
  return `${clean.slice(0, max - 1)}…`
}

/** Dutch relative pronoun after a node of this kind: de-words take `die`, het-words `dat`. */
const NL_RELATIVE: Record<NodeKind, 'die' | 'dat'> = {
  actor: 'die',
  interview: 'dat',
  quote: 'dat',
  lesson: 'die',
  ingredient: 'dat',
  project: 'dat',
  theme: 'dat'
}

/**
 * One readable sentence for a path, e.g. (nl) `Citaat "We hoorden maanden niets, …" onderbouwt
 * Les "Blijf communiceren, ook zonder nieuws", die Ingrediënt "In contact blijven" voedt,
 * toegepast in Project "Werkplaats Zonneplein".` Each node reads `<Kind> "<title>"`, titles cut
 * by {@link truncateTitle}; an edge's own `label` overrides its kind label. Grammar, per step:
 * - the first forward step is a main clause: `A <label> B`;
 * - a later forward step whose label is one word (a finite verb: `voedt`, `supports`) becomes a
 *   relative clause on the node before it: nl `, die|dat B <label>` (verb last, pronoun by the
 *   kind's gender), en `, which|who <label> B`;
 * - a later forward step with a multi-word label (a participle or phrase: `toegepast in`,
 *   `onderdeel van`, `part of`) becomes an apposition: `, <label> B`;
 * - a step walked against the edge's direction is written with arrows, the same in both
 *   languages: `A ← <label> ← B` (first step) or `, ← <label> ← B` — reading "B <label> A".
 *   Rephrasing every verb into the passive is not reliable, so the arrow form is used throughout.
 * Undirected kinds always read forward. Nodes missing from the index read as their id.
 */
export function describePath(path: GraphPath, index: GraphIndex, labels: PathLabels): string {
  const nodeText = (id: NodeId): string => {
    const n = index.nodes.get(id)
    const title = labels.title ? labels.title(id) : n?.title
    return n ? `${labels.kind(n.kind)} "${truncateTitle(title ?? '')}"` : `"${truncateTitle(id)}"`
  }
  const first = path.nodes[0]
  if (first === undefined) return ''
  let out = nodeText(first)
  path.steps.forEach((step, i) => {
    const edge = index.edges.get(step.edge)
    const own = edge ? (labels.edgeLabel ? labels.edgeLabel(edge.id) : edge.label) : undefined
    const label = own?.trim() || (edge ? labels.edge(edge.kind) : '—')
    const target = nodeText(step.to)
    if (!step.forward) {
      out += `${i === 0 ? ' ' : ', '}← ${label} ← ${target}`
    } else if (i === 0) {
      out += ` ${label} ${target}`
    } else if (!/\s/.test(label)) {
      const prev = index.nodes.get(step.from)
      if (labels.lang === 'nl') {
        out += `, ${prev ? NL_RELATIVE[prev.kind] : 'die'} ${target} ${label}`
      } else {
        const who = prev?.kind === 'actor' && prev.isPerson ? 'who' : 'which'
        out += `, ${who} ${label} ${target}`
      }
    } else {
      out += `, ${label} ${target}`
    }
  })
  return `${out}.`
}
