/**
 * The consent rules applied to whole records: what any surface or export may show of a node, an edge
 * or an annotation. `projectNode` gives the title its display form (consent.ts `displayName`) and
 * redacts every hidden name from every text the record carries (descriptions, quotes, transcripts,
 * lists, tags, sources, free fields). Pure; records that need no change come back as the same object.
 */
import type { Annotation } from './annotations'
import {
  displayName,
  hiddenNames,
  interviewOrdinals,
  isPersonNode,
  redactText,
  showsTitle,
  type ConsentOptions,
  type HiddenName
} from './consent'
import type { GraphEdge } from './edge-kinds'
import type { GraphData } from './graph'
import type { FieldValue, GraphNode, SourceRef } from './node-kinds'

/** What the projection of one record needs to know about the whole graph. */
export interface ProjectionContext extends ConsentOptions {
  hidden: readonly HiddenName[]
  /** Interview numbers (stable, whatever the switch). */
  ordinals: ReadonlyMap<string, number>
}

/** The context for a set of nodes (deleted persons count: their names may still occur in text). */
export function projectionContext(
  nodes: Iterable<GraphNode>,
  opts: ConsentOptions
): ProjectionContext {
  const all = [...nodes]
  return { ...opts, hidden: hiddenNames(all, opts), ordinals: interviewOrdinals(all) }
}

/** Whether the node's own title is replaced (a person or interview whose name may not be shown). */
export function titleHidden(node: GraphNode, opts: ConsentOptions): boolean {
  if (node.kind === 'interview') return !showsTitle(node, opts)
  return isPersonNode(node) && !showsTitle(node, opts)
}

/** The node as it may be shown: display title, hidden names redacted everywhere. */
export function projectNode(node: GraphNode, ctx: ProjectionContext): GraphNode {
  const ordinal = ctx.ordinals.get(node.id)
  const title = displayName(node, {
    presentationSafe: ctx.presentationSafe,
    hidden: ctx.hidden,
    ...(ordinal !== undefined ? { ordinal } : {})
  })
  const hidden = ctx.hidden
  if (title === node.title && hidden.length === 0) return node
  const r = (text: string): string => redactText(text, hidden)
  const out: Record<string, unknown> = { ...node, title }
  let changed = title !== node.title
  const set = (key: string, value: unknown, before: unknown): void => {
    if (value !== before) {
      out[key] = value
      changed = true
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'title' || key === 'id' || !TEXT_KEYS.has(key)) continue
    if (typeof value === 'string') set(key, r(value), value)
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const next = redactList(value as string[], r)
      set(key, next, value)
    }
  }
  const sources = redactSources(node.sources, r)
  set('sources', sources, node.sources)
  const fields = redactFields(node.fields, r)
  set('fields', fields, node.fields)
  // An anonymous person's role description may identify them: it is not shown.
  if (isPersonNode(node) && node.consent === 'anonymous' && node.roleDescription) {
    delete out['roleDescription']
    changed = true
  }
  return changed ? (out as unknown as GraphNode) : node
}

/** The edge as it may be shown: its label, role and sources redacted. */
export function projectEdge(edge: GraphEdge, ctx: ProjectionContext): GraphEdge {
  if (ctx.hidden.length === 0) return edge
  const r = (text: string): string => redactText(text, ctx.hidden)
  const label = edge.label !== undefined ? r(edge.label) : undefined
  const role = edge.role !== undefined ? r(edge.role) : undefined
  const sources = redactSources(edge.sources, r)
  if (label === edge.label && role === edge.role && sources === edge.sources) return edge
  return {
    ...edge,
    ...(label !== undefined ? { label } : {}),
    ...(role !== undefined ? { role } : {}),
    sources
  }
}

/** The annotation as it may be shown: its text redacted. */
export function projectAnnotation(annotation: Annotation, ctx: ProjectionContext): Annotation {
  if (ctx.hidden.length === 0) return annotation
  const text = redactText(annotation.text, ctx.hidden)
  return text === annotation.text ? annotation : { ...annotation, text }
}

/** A whole graph as it may be shown (exports of every format read this). */
export function projectGraph(data: GraphData, opts: ConsentOptions): GraphData {
  const ctx = projectionContext(data.nodes, opts)
  return {
    nodes: data.nodes.map((n) => projectNode(n, ctx)),
    edges: data.edges.map((e) => projectEdge(e, ctx)),
    annotations: data.annotations.map((a) => projectAnnotation(a, ctx))
  }
}

/**
 * The form fields of `node` whose shown value differs from the stored one under `ctx`: an edit form
 * leaves them out while the switch is on (and keeps their stored value on save), so it can neither
 * show a hidden name nor write a redacted text back.
 */
export function redactedFields(node: GraphNode, ctx: ProjectionContext): Set<string> {
  const shown = projectNode(node, ctx) as unknown as Record<string, unknown>
  const stored = node as unknown as Record<string, unknown>
  const out = new Set<string>()
  for (const key of new Set([...Object.keys(stored), ...Object.keys(shown)])) {
    if (key === 'fields') {
      for (const [name, value] of Object.entries(node.fields))
        if ((shown['fields'] as Record<string, FieldValue>)[name] !== value)
          out.add(`fields.${name}`)
      continue
    }
    if (JSON.stringify(shown[key]) !== JSON.stringify(stored[key])) out.add(key)
  }
  return out
}

// ---------- internals ----------

/** Keys of node records that hold free text (strings or string lists) a name can occur in. */
const TEXT_KEYS: ReadonlySet<string> = new Set([
  'description',
  'tags',
  'organisation',
  'roleDescription',
  'interviewer',
  'format',
  'summary',
  'wentWell',
  'wentWrong',
  'attentionPoints',
  'transcript',
  'text',
  'speakerRole',
  'locator',
  'statement',
  'area',
  'district'
])

function redactList(values: readonly string[], r: (s: string) => string): readonly string[] {
  let changed = false
  const out = values.map((v) => {
    const next = r(v)
    if (next !== v) changed = true
    return next
  })
  return changed ? out : values
}

function redactSources(sources: readonly SourceRef[], r: (s: string) => string): SourceRef[] {
  let changed = false
  const out = sources.map((s) => {
    const title = r(s.title)
    const note = s.note !== undefined ? r(s.note) : undefined
    if (title === s.title && note === s.note) return s
    changed = true
    return { ...s, title, ...(note !== undefined ? { note } : {}) }
  })
  return changed ? out : (sources as SourceRef[])
}

function redactFields(
  fields: Readonly<Record<string, FieldValue>>,
  r: (s: string) => string
): Record<string, FieldValue> {
  let changed = false
  const out: Record<string, FieldValue> = {}
  for (const [k, v] of Object.entries(fields)) {
    const next = typeof v === 'string' ? r(v) : v
    if (next !== v) changed = true
    out[k] = next
  }
  return changed ? out : (fields as Record<string, FieldValue>)
}
