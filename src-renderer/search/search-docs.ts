/**
 * What search sees of a node (pure: no Fuse, no storage). A {@link SearchDoc} holds the node's
 * searchable text split by field, each with a folded copy (fold.ts), so the index never touches the
 * node itself. Labels of kinds and facets come in as data ({@link SearchLabels}), in every UI language,
 * so `les`, `lesson`, `gebiedsontwikkeling` and `area development` all find what they name.
 */
import en from '../i18n/en.json'
import nl from '../i18n/nl.json'
import { FACETS, type FacetName } from '../domain/facets'
import { NODE_KINDS, type GraphNode, type NodeKind } from '../domain/node-kinds'
import { foldText } from './fold'

/** The fields a match can be in, from most to least telling. */
export const SEARCH_FIELDS = ['title', 'aliases', 'tags', 'description', 'body'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

/**
 * The part of a node search needs: plain data, cheap to post to a worker. Every {@link GraphNode} is
 * a `SearchSource`; {@link toSearchSource} strips the rest (positions, sources, timestamps…).
 */
export interface SearchSource {
  id: string
  kind: NodeKind
  title: string
  description?: string
  tags?: readonly string[]
  deletedAt?: string | null
  // Kind-specific text.
  text?: string
  statement?: string
  summary?: string
  transcript?: string
  wentWell?: readonly string[]
  wentWrong?: readonly string[]
  attentionPoints?: readonly string[]
  roleDescription?: string
  organisation?: string
  speakerRole?: string
  area?: string
  district?: string
  // Facets (values; their labels become aliases).
  actorType?: string
  phase?: string
  projectType?: string
  themeType?: string
  polarity?: string
  reviewStatus?: string
  status?: string
  consent?: string
}

/** The facet fields of a node whose labels are searchable, with the facet each one draws from. */
const FACET_FIELDS = [
  ['actorType', 'actorType'],
  ['phase', 'phase'],
  ['projectType', 'projectType'],
  ['themeType', 'themeType'],
  ['polarity', 'polarity'],
  ['reviewStatus', 'reviewStatus'],
  ['status', 'status'],
  ['consent', 'consent']
] as const satisfies readonly (readonly [keyof SearchSource, FacetName])[]

/** Free-text fields that become aliases as they are. */
const ALIAS_TEXT_FIELDS = [
  'roleDescription',
  'organisation',
  'speakerRole',
  'area',
  'district'
] as const

/** Copies the searchable fields of a node into a plain object (no positions, sources, timestamps). */
export function toSearchSource(node: GraphNode | SearchSource): SearchSource {
  const n = node as SearchSource
  const out: SearchSource = { id: n.id, kind: n.kind, title: n.title }
  if (n.description) out.description = n.description
  if (n.tags && n.tags.length > 0) out.tags = n.tags
  if (n.deletedAt) out.deletedAt = n.deletedAt
  for (const key of [
    'text',
    'statement',
    'summary',
    'transcript',
    ...ALIAS_TEXT_FIELDS,
    ...FACET_FIELDS.map(([k]) => k)
  ] as const) {
    const v = n[key]
    if (typeof v === 'string' && v.length > 0) out[key] = v
  }
  for (const key of ['wentWell', 'wentWrong', 'attentionPoints'] as const) {
    const v = n[key]
    if (v && v.length > 0) out[key] = v
  }
  return out
}

/** Every field of a {@link SearchSource}: what {@link sameSearchSource} compares. */
const SOURCE_STRING_KEYS = [
  'id',
  'kind',
  'title',
  'description',
  'text',
  'statement',
  'summary',
  'transcript',
  ...ALIAS_TEXT_FIELDS,
  ...FACET_FIELDS.map(([k]) => k)
] as const
const SOURCE_LIST_KEYS = ['tags', 'wentWell', 'wentWrong', 'attentionPoints'] as const

/**
 * Whether two versions of a node read the same to search (all searchable fields equal, and both live
 * or both deleted). Moving a node on the canvas, or editing its sources, leaves it unchanged here, so
 * a layout saving 100k positions does not re-index anything.
 */
export function sameSearchSource(
  a: GraphNode | SearchSource,
  b: GraphNode | SearchSource
): boolean {
  const x = a as SearchSource
  const y = b as SearchSource
  if (Boolean(x.deletedAt) !== Boolean(y.deletedAt)) return false
  for (const key of SOURCE_STRING_KEYS) if (x[key] !== y[key]) return false
  for (const key of SOURCE_LIST_KEYS) {
    const p = x[key] ?? EMPTY
    const q = y[key] ?? EMPTY
    if (p === q) continue
    if (p.length !== q.length) return false
    for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return false
  }
  return true
}

/**
 * Labels of kinds and facet values, in every language search should understand. Plain JSON, so it
 * can be posted to the search worker.
 */
export interface SearchLabels {
  /** Per kind: its labels (singular and plural, every language), e.g. `Les`, `Lessen`, `Lesson`. */
  kind: Readonly<Record<NodeKind, readonly string[]>>
  /** Per facet and value: its labels in every language, e.g. `gebiedsontwikkeling` → `Gebiedsontwikkeling`, `Area development`. */
  facet: Readonly<Record<FacetName, Readonly<Record<string, readonly string[]>>>>
}

/** The shape of one i18n bundle that {@link searchLabelsFrom} reads (`kind.*`, `kindPlural.*`, `facet.*`). */
export interface LabelBundle {
  kind: Readonly<Record<string, string>>
  kindPlural: Readonly<Record<string, string>>
  facet: Readonly<Record<string, Readonly<Record<string, string>>>>
}

/** Merges the kind and facet labels of i18n bundles (e.g. `nl.json` and `en.json`), deduplicated. */
export function searchLabelsFrom(...bundles: readonly LabelBundle[]): SearchLabels {
  const kind = {} as Record<NodeKind, string[]>
  for (const k of NODE_KINDS) {
    const labels = new Set<string>()
    for (const b of bundles) {
      const single = b.kind[k]
      const plural = b.kindPlural[k]
      if (single) labels.add(single)
      if (plural) labels.add(plural)
    }
    kind[k] = [...labels]
  }
  const facet = {} as Record<FacetName, Record<string, string[]>>
  for (const name of Object.keys(FACETS) as FacetName[]) {
    const values: Record<string, string[]> = {}
    for (const value of FACETS[name]) {
      const labels = new Set<string>()
      for (const b of bundles) {
        const label = b.facet[name]?.[value]
        if (label) labels.add(label)
      }
      values[value] = [...labels]
    }
    facet[name] = values
  }
  return { kind, facet }
}

/** The app's labels: Dutch and English, from the i18n bundles. */
export const DEFAULT_SEARCH_LABELS: SearchLabels = searchLabelsFrom(nl, en)

/** Folded copies of a {@link SearchDoc}'s text, field by field (same order and length as the originals). */
export interface FoldedFields {
  title: string
  aliases: readonly string[]
  tags: readonly string[]
  description: string
  body: readonly string[]
}

/** A node as search sees it. Originals are kept for snippets; folded copies are what is matched. */
export interface SearchDoc {
  id: string
  kind: NodeKind
  title: string
  /** Kind labels, facet labels (all languages), role description, organisation, speaker, area, district. */
  aliases: readonly string[]
  tags: readonly string[]
  description: string
  /** Longer kind-specific text: quote text, lesson statement, interview summary, lists, transcript. */
  body: readonly string[]
  folded: FoldedFields
}

/** Folds of short, much-repeated strings (labels, tags, areas, roles), bounded. */
const shortFolds = new Map<string, string>()
const SHORT_FOLD_MAX_LENGTH = 120
const SHORT_FOLD_CACHE_SIZE = 20_000

/** `foldText`, memoised for short strings: labels and tags repeat across thousands of nodes. */
function foldShort(text: string): string {
  if (text.length > SHORT_FOLD_MAX_LENGTH) return foldText(text)
  let f = shortFolds.get(text)
  if (f === undefined) {
    f = foldText(text)
    if (shortFolds.size >= SHORT_FOLD_CACHE_SIZE) shortFolds.clear()
    shortFolds.set(text, f)
  }
  return f
}

/**
 * Builds the search document of a node (or of its {@link SearchSource}). Pure and deterministic.
 * Aliases are deduplicated after folding; body parts the title already contains (a lesson's statement,
 * a short quote's text, an interview summary in "Gesprek 3: <summary>") are left out, so one text is
 * not counted twice. Empty strings are dropped everywhere.
 */
export function toSearchDoc(
  node: GraphNode | SearchSource,
  labels: SearchLabels = DEFAULT_SEARCH_LABELS
): SearchDoc {
  const n = node as SearchSource
  const title = n.title ?? ''
  const foldedTitle = foldText(title)
  const { aliases, folded: foldedAliases } = aliasesOf(n, labels)

  let tags: readonly string[] = EMPTY
  let foldedTags: readonly string[] = EMPTY
  if (n.tags && n.tags.length > 0) {
    const original: string[] = []
    const folded: string[] = []
    for (const tag of n.tags) {
      const f = foldShort(tag)
      if (f.length > 0) {
        original.push(tag)
        folded.push(f)
      }
    }
    // Share the node's own array when no tag folded away (the usual case).
    tags = original.length === n.tags.length ? n.tags : original
    foldedTags = folded
  }

  let body: string[] | null = null
  let foldedBody: string[] | null = null
  const parts = [n.text, n.statement, n.summary]
  for (const list of [n.wentWell, n.wentWrong, n.attentionPoints]) if (list) parts.push(...list)
  parts.push(n.transcript)
  for (const text of parts) {
    if (!text) continue
    const f = foldText(text)
    if (f.length === 0 || foldedTitle.includes(f)) continue
    ;(body ??= []).push(text)
    ;(foldedBody ??= []).push(f)
  }

  const description = n.description ?? ''
  return {
    id: n.id,
    kind: n.kind,
    title,
    aliases,
    tags,
    description,
    body: body ?? EMPTY,
    folded: {
      title: foldedTitle,
      aliases: foldedAliases,
      tags: foldedTags,
      description: foldText(description),
      body: foldedBody ?? EMPTY
    }
  }
}

const EMPTY: readonly string[] = Object.freeze([])

/** Alias lists by their source strings: most nodes share one with many others, so they share it. */
const aliasLists = new Map<string, { aliases: readonly string[]; folded: readonly string[] }>()
const ALIAS_LIST_CACHE_SIZE = 20_000

/** The aliases of a node, deduplicated after folding, as a shared frozen list. */
function aliasesOf(
  n: SearchSource,
  labels: SearchLabels
): { aliases: readonly string[]; folded: readonly string[] } {
  const sources: string[] = [...(labels.kind[n.kind] ?? [])]
  for (const [field, facet] of FACET_FIELDS) {
    const value = n[field]
    if (typeof value === 'string')
      for (const l of labels.facet[facet]?.[value] ?? []) sources.push(l)
  }
  for (const field of ALIAS_TEXT_FIELDS) {
    const v = n[field]
    if (v) sources.push(v)
  }
  const key = sources.join('\u0001')
  let list = aliasLists.get(key)
  if (list === undefined) {
    const aliases: string[] = []
    const folded: string[] = []
    for (const text of sources) {
      const f = foldShort(text)
      if (f.length === 0 || folded.includes(f)) continue
      aliases.push(text)
      folded.push(f)
    }
    list = { aliases: Object.freeze(aliases), folded: Object.freeze(folded) }
    if (aliasLists.size >= ALIAS_LIST_CACHE_SIZE) aliasLists.clear()
    aliasLists.set(key, list)
  }
  return list
}
