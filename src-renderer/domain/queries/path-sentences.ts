/**
 * A path told as one plain Dutch or English sentence for lay readers, with titles shortened at a
 * clause break. Each edge kind has its own wording, forward and against its direction (passive or
 * reversed), in a main clause and, in Dutch, in a relative clause (verb last).
 */
import { EDGE_RULES, type EdgeKind } from '../edge-kinds'
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

/** Dutch article and relative pronoun by the kind's gender: de-words `de … die`, het-words `het … dat`. */
const NL_GENDER: Record<NodeKind, 'de' | 'het'> = {
  actor: 'de',
  interview: 'het',
  quote: 'het',
  lesson: 'de',
  ingredient: 'het',
  project: 'het',
  theme: 'het'
}

/**
 * How one step reads, `{o}` standing for the node it leads to. `nl` is [main clause, relative
 * clause] (Dutch puts the verb last in a relative clause: `die {o} voedt`); `en` serves both.
 * `back` is the same edge walked against its direction: the node we are at is the edge's target.
 */
interface Phrase {
  nl: [string, string]
  en: string
}
const PHRASES: Record<EdgeKind, { fwd: Phrase; back: Phrase }> = {
  interviewed: {
    fwd: { nl: ['werd gevoerd met {o}', 'met {o} werd gevoerd'], en: 'was held with {o}' },
    back: { nl: ['werd geïnterviewd in {o}', 'in {o} werd geïnterviewd'], en: 'was interviewed in {o}' }
  },
  contains: {
    fwd: { nl: ['bevat {o}', '{o} bevat'], en: 'contains {o}' },
    back: { nl: ['komt uit {o}', 'uit {o} komt'], en: 'comes from {o}' }
  },
  yields: {
    fwd: { nl: ['levert {o} op', '{o} oplevert'], en: 'yields {o}' },
    back: { nl: ['komt voort uit {o}', 'uit {o} voortkomt'], en: 'comes from {o}' }
  },
  supports: {
    fwd: { nl: ['onderbouwt {o}', '{o} onderbouwt'], en: 'supports {o}' },
    back: { nl: ['wordt onderbouwd door {o}', 'door {o} wordt onderbouwd'], en: 'is supported by {o}' }
  },
  contradicts: {
    fwd: { nl: ['weerspreekt {o}', '{o} weerspreekt'], en: 'contradicts {o}' },
    back: { nl: ['wordt weersproken door {o}', 'door {o} wordt weersproken'], en: 'is contradicted by {o}' }
  },
  qualifies: {
    fwd: { nl: ['nuanceert {o}', '{o} nuanceert'], en: 'qualifies {o}' },
    back: { nl: ['wordt genuanceerd door {o}', 'door {o} wordt genuanceerd'], en: 'is qualified by {o}' }
  },
  reinforces: {
    fwd: { nl: ['versterkt {o}', '{o} versterkt'], en: 'reinforces {o}' },
    back: { nl: ['wordt versterkt door {o}', 'door {o} wordt versterkt'], en: 'is reinforced by {o}' }
  },
  informs: {
    fwd: { nl: ['voedt {o}', '{o} voedt'], en: 'informs {o}' },
    back: { nl: ['wordt gevoed door {o}', 'door {o} wordt gevoed'], en: 'is informed by {o}' }
  },
  part_of: {
    fwd: { nl: ['maakt deel uit van {o}', 'deel uitmaakt van {o}'], en: 'is part of {o}' },
    back: { nl: ['omvat {o}', '{o} omvat'], en: 'includes {o}' }
  },
  applied_in: {
    fwd: { nl: ['wordt toegepast in {o}', 'in {o} wordt toegepast'], en: 'is applied in {o}' },
    back: { nl: ['past {o} toe', '{o} toepast'], en: 'applies {o}' }
  },
  learned_in: {
    fwd: { nl: ['is geleerd in {o}', 'in {o} is geleerd'], en: 'was learned in {o}' },
    back: { nl: ['leerde ons {o}', 'ons {o} leerde'], en: 'taught {o}' }
  },
  participates_in: {
    fwd: { nl: ['neemt deel aan {o}', 'aan {o} deelneemt'], en: 'takes part in {o}' },
    back: { nl: ['heeft {o} als deelnemer', '{o} als deelnemer heeft'], en: 'has {o} taking part' }
  },
  commissions: {
    fwd: { nl: ['is opdrachtgever van {o}', 'opdrachtgever is van {o}'], en: 'commissions {o}' },
    back: { nl: ['loopt in opdracht van {o}', 'in opdracht van {o} loopt'], en: 'is commissioned by {o}' }
  },
  member_of: {
    fwd: { nl: ['hoort bij {o}', 'bij {o} hoort'], en: 'belongs to {o}' },
    back: { nl: ['heeft {o} als lid of medewerker', '{o} als lid of medewerker heeft'], en: 'has {o} as a member' }
  },
  represents: {
    fwd: { nl: ['vertegenwoordigt {o}', '{o} vertegenwoordigt'], en: 'represents {o}' },
    back: { nl: ['wordt vertegenwoordigd door {o}', 'door {o} wordt vertegenwoordigd'], en: 'is represented by {o}' }
  },
  has_stake_in: {
    fwd: { nl: ['heeft belang bij {o}', 'belang heeft bij {o}'], en: 'has a stake in {o}' },
    back: { nl: ['is van belang voor {o}', 'van belang is voor {o}'], en: 'matters to {o}' }
  },
  in_tension_with: {
    fwd: { nl: ['staat op gespannen voet met {o}', 'op gespannen voet staat met {o}'], en: 'is at odds with {o}' },
    back: { nl: ['staat op gespannen voet met {o}', 'op gespannen voet staat met {o}'], en: 'is at odds with {o}' }
  },
  passes_on_to: {
    fwd: { nl: ['geeft door aan {o}', 'aan {o} doorgeeft'], en: 'passes on to {o}' },
    back: { nl: ['krijgt door van {o}', 'van {o} doorkrijgt'], en: 'receives from {o}' }
  },
  about: {
    fwd: { nl: ['gaat over {o}', 'over {o} gaat'], en: 'is about {o}' },
    back: { nl: ['is het onderwerp van {o}', 'het onderwerp is van {o}'], en: 'is the subject of {o}' }
  },
  conducted_by: {
    fwd: { nl: ['werd gehouden door {o}', 'door {o} werd gehouden'], en: 'was conducted by {o}' },
    back: { nl: ['hield {o}', '{o} hield'], en: 'conducted {o}' }
  },
  frames: {
    fwd: { nl: ['is een kader voor {o}', 'een kader is voor {o}'], en: 'frames {o}' },
    back: { nl: ['valt binnen {o}', 'binnen {o} valt'], en: 'falls within {o}' }
  },
  located_in: {
    fwd: { nl: ['ligt in {o}', 'in {o} ligt'], en: 'is located in {o}' },
    back: { nl: ['is de plek van {o}', 'de plek is van {o}'], en: 'is where {o} is' }
  },
  sourced_from: {
    fwd: { nl: ['is ontleend aan {o}', 'aan {o} is ontleend'], en: 'is taken from {o}' },
    back: { nl: ['is de bron van {o}', 'de bron is van {o}'], en: 'is the source of {o}' }
  },
  related: {
    fwd: { nl: ['hangt samen met {o}', 'met {o} samenhangt'], en: 'is related to {o}' },
    back: { nl: ['hangt samen met {o}', 'met {o} samenhangt'], en: 'is related to {o}' }
  }
}

/** An edge's own label cannot be conjugated: it is quoted after a neutral verb. */
const OWN_LABEL: { fwd: Phrase; back: Phrase } = {
  fwd: { nl: ['is verbonden met {o} ({l})', 'met {o} is verbonden ({l})'], en: 'is connected to {o} ({l})' },
  back: { nl: ['is verbonden met {o} ({l})', 'met {o} is verbonden ({l})'], en: 'is connected to {o} ({l})' }
}

const upperFirst = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1)

/**
 * One plain sentence for a path, e.g. (nl) `Het citaat "We hoorden maanden niets, …" onderbouwt
 * de les "Blijf communiceren, ook zonder nieuws", die het ingrediënt "In contact blijven" voedt,
 * dat wordt toegepast in het project "Werkplaats Zonneplein".` and (en) `The quote "…" supports
 * the lesson "…", which informs the ingredient "…", which is applied in the project "…".`
 * - Each node reads `<article> <kind> "<title>"` (titles cut by {@link truncateTitle}); when the
 *   title already starts with the kind's name ("Gesprek 1: …") the kind is left out.
 * - The first step is a main clause; every later step is a relative clause on the node before it
 *   (nl `die`/`dat` by the kind's gender, verb last; en `which`, `who` after a person).
 * - Each edge kind has its own wording; a step walked against the edge's direction reads in the
 *   passive or the reverse verb (`wordt onderbouwd door`, `is supported by`). Undirected kinds read
 *   the same both ways. An edge's own label is quoted after "is verbonden met" / "is connected to".
 * Nodes missing from the index read as their id.
 */
export function describePath(path: GraphPath, index: GraphIndex, labels: PathLabels): string {
  const nl = labels.lang === 'nl'
  const nodeText = (id: NodeId): string => {
    const n = index.nodes.get(id)
    if (!n) return `"${truncateTitle(id)}"`
    const title = truncateTitle((labels.title ? labels.title(id) : n.title) ?? '')
    const kind = labels.kind(n.kind).toLocaleLowerCase(labels.lang)
    const article = nl ? NL_GENDER[n.kind] : 'the'
    if (title.toLocaleLowerCase(labels.lang).startsWith(kind)) return `"${title}"`
    return `${article} ${kind} "${title}"`
  }
  const first = path.nodes[0]
  if (first === undefined) return ''
  let out = nodeText(first)
  path.steps.forEach((step, i) => {
    const edge = index.edges.get(step.edge)
    const own = edge ? (labels.edgeLabel ? labels.edgeLabel(edge.id) : edge.label)?.trim() : undefined
    const table = own || !edge ? OWN_LABEL : PHRASES[edge.kind]
    const backward = !step.forward && (edge ? EDGE_RULES[edge.kind].directed : true)
    const phrase = backward ? table.back : table.fwd
    const fill = (template: string): string =>
      template.replace('{o}', nodeText(step.to)).replace('{l}', `"${own || (edge ? labels.edge(edge.kind) : '—')}"`)
    if (i === 0) {
      out += ` ${fill(nl ? phrase.nl[0] : phrase.en)}`
      return
    }
    const prev = index.nodes.get(step.from)
    if (nl) out += `, ${prev && NL_GENDER[prev.kind] === 'het' ? 'dat' : 'die'} ${fill(phrase.nl[1])}`
    else out += `, ${prev?.kind === 'actor' && prev.isPerson ? 'who' : 'which'} ${fill(phrase.en)}`
  })
  return `${upperFirst(out)}.`
}
