import { z } from 'zod'
import { annotationSchema, type Annotation } from './annotations'
import { EDGE_RULES, edgeSchema, isEdgeAllowed, isEdgeKind, type GraphEdge } from './edge-kinds'
import type { GraphData } from './graph'
import { NODE_SCHEMAS, isNodeKind, type GraphNode, type NodeKind } from './node-kinds'
import { fail, ok, type Issue, type Result } from './result'
import { nodeKindLabelNl, edgeKindLabelNl } from './labels-nl'

z.config(z.locales.nl())

function zodIssues(error: z.ZodError, recordId: string | undefined): Issue[] {
  return error.issues.map((i) => ({
    code: 'invalid_field' as const,
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
    ...(recordId !== undefined ? { recordId } : {})
  }))
}

function idOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string') return value.id
  return undefined
}

/** Checks one node's fields against its kind's schema. Returns the parsed node (defaults filled). */
export function validateNode(input: unknown): Result<GraphNode> {
  const id = idOf(input)
  const kind = input && typeof input === 'object' && 'kind' in input ? input.kind : undefined
  if (!isNodeKind(kind)) {
    return fail([
      {
        code: 'unknown_kind',
        path: ['kind'],
        message: `Onbekende knoopsoort: ${String(kind)}.`,
        ...(id ? { recordId: id } : {})
      }
    ])
  }
  const parsed = NODE_SCHEMAS[kind].safeParse(input)
  return parsed.success ? ok(parsed.data as GraphNode) : fail(zodIssues(parsed.error, id))
}

/** Looks up nodes by id: a Map, or any function that answers the same question. */
export type NodeLookup = (id: string) => Pick<GraphNode, 'kind' | 'deletedAt'> | undefined

/**
 * Checks one edge: its fields, that both ends exist (and are not deleted), that EDGE_RULES allows its
 * kind between those node kinds, that only the kind's extra fields are set and that evidence points at quotes.
 */
export function validateEdge(input: unknown, lookup: NodeLookup): Result<GraphEdge> {
  const id = idOf(input)
  const rid = id ? { recordId: id } : {}
  const parsed = edgeSchema.safeParse(input)
  if (!parsed.success) return fail(zodIssues(parsed.error, id))
  const edge = parsed.data as GraphEdge
  const issues: Issue[] = []
  const from = lookup(edge.source)
  const to = lookup(edge.target)
  // A deleted edge may point at deleted nodes (exports keep soft-deleted records for merging).
  const live = (n: typeof from): boolean => !!n && (!n.deletedAt || !!edge.deletedAt)
  if (!live(from))
    issues.push({ code: 'missing_node', path: ['source'], message: `Beginknoop ${edge.source} bestaat niet.`, ...rid })
  if (!live(to))
    issues.push({ code: 'missing_node', path: ['target'], message: `Eindknoop ${edge.target} bestaat niet.`, ...rid })
  if (edge.source === edge.target)
    issues.push({ code: 'self_loop', path: ['target'], message: 'Een verbinding kan niet naar dezelfde knoop lopen.', ...rid })
  if (from && to && !isEdgeAllowed(edge.kind, from.kind, to.kind)) {
    issues.push({
      code: 'edge_not_allowed',
      path: ['kind'],
      message: `"${edgeKindLabelNl(edge.kind)}" mag niet van ${nodeKindLabelNl(from.kind)} naar ${nodeKindLabelNl(to.kind)}.`,
      ...rid
    })
  }
  const allowedExtra: readonly string[] = EDGE_RULES[edge.kind].extra
  for (const field of ['role', 'participationLevel', 'topic'] as const) {
    if (edge[field] !== undefined && !allowedExtra.includes(field)) {
      issues.push({
        code: 'extra_not_allowed',
        path: [field],
        message: `Veld ${field} hoort niet bij "${edgeKindLabelNl(edge.kind)}".`,
        ...rid
      })
    }
  }
  edge.evidence.forEach((quoteId, i) => {
    const q = lookup(quoteId)
    if (!q || q.deletedAt || q.kind !== 'quote')
      issues.push({ code: 'evidence_not_quote', path: ['evidence', i], message: `Bewijs ${quoteId} is geen bestaand citaat.`, ...rid })
  })
  return issues.length ? fail(issues) : ok(edge)
}

/** Checks an annotation's fields and that its target exists. */
export function validateAnnotation(
  input: unknown,
  exists: (targetType: 'node' | 'edge', id: string) => boolean
): Result<Annotation> {
  const id = idOf(input)
  const parsed = annotationSchema.safeParse(input)
  if (!parsed.success) return fail(zodIssues(parsed.error, id))
  const a = parsed.data as Annotation
  if (!exists(a.targetType, a.targetId))
    return fail([{ code: 'missing_target', path: ['targetId'], message: `Annotatie verwijst naar onbekende ${a.targetType === 'edge' ? 'verbinding' : 'knoop'} ${a.targetId}.`, ...(id ? { recordId: id } : {}) }])
  return ok(a)
}

/**
 * Checks a whole graph: every record, duplicate ids, dangling references and edge rules.
 * Returns the parsed graph or every issue found (not just the first), so an import can report them all.
 */
export function validateGraph(input: {
  nodes: readonly unknown[]
  edges: readonly unknown[]
  annotations?: readonly unknown[]
}): Result<GraphData> {
  const issues: Issue[] = []
  const nodes: GraphNode[] = []
  const byId = new Map<string, { kind: NodeKind; deletedAt?: string | null | undefined }>()
  const dup = (id: string, what: string): void => {
    issues.push({ code: 'duplicate_id', path: ['id'], message: `Dubbel id bij ${what}: ${id}.`, recordId: id })
  }
  for (const raw of input.nodes) {
    const r = validateNode(raw)
    if (!r.ok) { issues.push(...r.issues); continue }
    if (byId.has(r.value.id)) { dup(r.value.id, 'knopen'); continue }
    byId.set(r.value.id, r.value)
    nodes.push(r.value)
  }
  const lookup: NodeLookup = (id) => byId.get(id)
  const edges: GraphEdge[] = []
  const edgeIds = new Set<string>()
  for (const raw of input.edges) {
    const r = validateEdge(raw, lookup)
    if (!r.ok) { issues.push(...r.issues); continue }
    if (edgeIds.has(r.value.id) || byId.has(r.value.id)) { dup(r.value.id, 'verbindingen'); continue }
    edgeIds.add(r.value.id)
    edges.push(r.value)
  }
  const annotations: Annotation[] = []
  const annotationIds = new Set<string>()
  for (const raw of input.annotations ?? []) {
    const r = validateAnnotation(raw, (t, id) => (t === 'edge' ? edgeIds.has(id) : byId.has(id)))
    if (!r.ok) { issues.push(...r.issues); continue }
    if (annotationIds.has(r.value.id)) { dup(r.value.id, 'annotaties'); continue }
    annotationIds.add(r.value.id)
    annotations.push(r.value)
  }
  return issues.length ? fail(issues) : ok({ nodes, edges, annotations })
}

export { isEdgeKind }

const DRAFT_STAMP = {
  id: 'draft',
  createdAt: '1970-01-01T00:00:00.000Z',
  updatedAt: '1970-01-01T00:00:00.000Z',
  createdBy: 'draft',
  updatedBy: 'draft'
}

/**
 * Checks a form's draft before it is saved: the same rules as validateNode, with placeholder record
 * fields. Issues map to form fields by their first path element.
 */
export function validateNodeDraft(draft: object): Result<GraphNode> {
  return validateNode({ ...DRAFT_STAMP, ...draft, id: (draft as { id?: string }).id ?? DRAFT_STAMP.id })
}

/** Groups issues by their first path element (a form field) into one Dutch message each. */
export function fieldErrors(issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = String(i.path[0] ?? '_form')
    const message = i.message.replace(/^[\w.]+: /, '')
    out[key] = out[key] ? `${out[key]} ${message}` : message
  }
  return out
}
