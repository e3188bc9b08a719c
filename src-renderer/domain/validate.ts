import { z } from 'zod'
import { annotationSchema, type Annotation } from './annotations'
import {
  EDGE_RULES,
  allowsSelfLoop,
  edgeSchema,
  isEdgeAllowed,
  isEdgeKind,
  type GraphEdge
} from './edge-kinds'
import type { GraphData } from './graph'
import { NODE_SCHEMAS, isNodeKind, type GraphNode, type NodeKind } from './node-kinds'
import { ISSUE_CODES, fail, issue, ok, type Issue, type IssueCode, type Result } from './result'

type ZodIssue = z.ZodError['issues'][number]

const isIssueCode = (value: unknown): value is IssueCode =>
  typeof value === 'string' && (ISSUE_CODES as readonly string[]).includes(value)

/** The value at `path` inside `input`, or undefined. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at = input
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/** One zod issue as a coded issue: what is wrong and the values a message needs. */
function codeOf(
  i: ZodIssue,
  input: unknown
): { code: IssueCode; params: Record<string, string | number> } {
  // A value that is not there at all (a missing title, an unpicked facet) is simply required.
  const missing = valueAt(input, i.path) === undefined
  switch (i.code) {
    case 'invalid_type':
      if (missing) return { code: 'required', params: {} }
      if (i.expected === 'int') return { code: 'not_integer', params: {} }
      return { code: 'invalid_type', params: { expected: i.expected } }
    case 'too_small': {
      const min = Number(i.minimum)
      if (i.origin === 'string')
        return min <= 1 ? { code: 'required', params: {} } : { code: 'too_short', params: { min } }
      if (i.origin === 'array' || i.origin === 'set') return { code: 'too_few', params: { min } }
      return { code: 'too_small', params: { min } }
    }
    case 'too_big': {
      const max = Number(i.maximum)
      if (i.origin === 'string') return { code: 'too_long', params: { max } }
      if (i.origin === 'array' || i.origin === 'set') return { code: 'too_many', params: { max } }
      return { code: 'too_big', params: { max } }
    }
    case 'invalid_value':
      if (missing) return { code: 'required', params: {} }
      return { code: 'invalid_enum', params: { options: i.values.map(String).join(', ') } }
    case 'invalid_format':
      return i.format === 'url'
        ? { code: 'invalid_url', params: {} }
        : { code: 'invalid_field', params: { format: i.format } }
    case 'invalid_key':
      return { code: 'invalid_key', params: { key: String(i.path[i.path.length - 1] ?? '') } }
    case 'invalid_union':
      return { code: 'invalid_type', params: {} }
    case 'custom': {
      const code: unknown = i.params?.code
      return { code: isIssueCode(code) ? code : 'invalid_field', params: {} }
    }
    default:
      return { code: 'invalid_field', params: {} }
  }
}

/**
 * Turns a zod error into coded issues (`required`, `too_long` with `{ max }`, `invalid_enum`, …).
 * `input` is what was parsed: a missing value is `required`, a wrong one `invalid_type`.
 */
export function issuesFromZod(error: z.ZodError, input: unknown, recordId?: string): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
    const { code, params } = codeOf(i, input)
    return issue(code, path, params, recordId)
  })
}

function idOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string')
    return value.id
  return undefined
}

/** Checks one node's fields against its kind's schema. Returns the parsed node (defaults filled). */
export function validateNode(input: unknown): Result<GraphNode> {
  const id = idOf(input)
  const kind = input && typeof input === 'object' && 'kind' in input ? input.kind : undefined
  if (!isNodeKind(kind)) return fail([issue('unknown_kind', ['kind'], { value: String(kind) }, id)])
  const parsed = NODE_SCHEMAS[kind].safeParse(input)
  return parsed.success
    ? ok(parsed.data as GraphNode)
    : fail(issuesFromZod(parsed.error, input, id))
}

/** Looks up nodes by id: a Map, or any function that answers the same question. */
export type NodeLookup = (id: string) => Pick<GraphNode, 'kind' | 'deletedAt'> | undefined

/**
 * Checks one edge: its fields, that both ends exist (and are not deleted), that EDGE_RULES allows its
 * kind between those node kinds, that only the kind's extra fields are set and that evidence points at quotes.
 */
export function validateEdge(input: unknown, lookup: NodeLookup): Result<GraphEdge> {
  const id = idOf(input)
  const parsed = edgeSchema.safeParse(input)
  if (!parsed.success) return fail(issuesFromZod(parsed.error, input, id))
  const edge = parsed.data as GraphEdge
  const issues: Issue[] = []
  const from = lookup(edge.source)
  const to = lookup(edge.target)
  // A deleted edge may point at deleted nodes (exports keep soft-deleted records for merging).
  const live = (n: typeof from): boolean => !!n && (!n.deletedAt || !!edge.deletedAt)
  if (!live(from))
    issues.push(issue('missing_node', ['source'], { id: edge.source, end: 'source' }, id))
  if (!live(to))
    issues.push(issue('missing_node', ['target'], { id: edge.target, end: 'target' }, id))
  if (edge.source === edge.target && !allowsSelfLoop(edge.kind))
    issues.push(issue('self_loop', ['target'], { edge: edge.kind }, id))
  if (from && to && !isEdgeAllowed(edge.kind, from.kind, to.kind))
    issues.push(
      issue('edge_not_allowed', ['kind'], { edge: edge.kind, from: from.kind, to: to.kind }, id)
    )
  const allowedExtra: readonly string[] = EDGE_RULES[edge.kind].extra
  for (const field of ['role', 'participationLevel', 'topic'] as const) {
    if (edge[field] !== undefined && !allowedExtra.includes(field))
      issues.push(issue('extra_not_allowed', [field], { field, edge: edge.kind }, id))
  }
  edge.evidence.forEach((quoteId, i) => {
    const q = lookup(quoteId)
    // A deleted edge may keep a deleted quote as evidence (it was deleted first): backups hold both.
    if (!q || (q.deletedAt && !edge.deletedAt) || q.kind !== 'quote')
      issues.push(issue('evidence_not_quote', ['evidence', i], { id: quoteId }, id))
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
  if (!parsed.success) return fail(issuesFromZod(parsed.error, input, id))
  const a = parsed.data as Annotation
  if (!exists(a.targetType, a.targetId))
    return fail([
      issue('missing_target', ['targetId'], { id: a.targetId, target: a.targetType }, id)
    ])
  return ok(a)
}

/**
 * Nodes to validate: an array, or a one-pass iterable with its count (records built while they are
 * checked, as the import's mapping does).
 */
export type SizedRecords = readonly unknown[] | (Iterable<unknown> & { readonly length: number })

/**
 * Checks a whole graph: every record, duplicate ids, dangling references and edge rules.
 * Returns the parsed graph or every issue found (not just the first), so an import can report them all.
 * A duplicate id says among which records (`params.of`: nodes, edges or annotations).
 * Nodes, edges and annotations are each read once, in that order (one-pass iterables are fine).
 */
export function validateGraph(input: {
  nodes: SizedRecords
  edges: Iterable<unknown>
  annotations?: Iterable<unknown>
}): Result<GraphData> {
  const issues: Issue[] = []
  const nodes: GraphNode[] = []
  const byId = new Map<string, { kind: NodeKind; deletedAt?: string | null | undefined }>()
  const dup = (id: string, of: 'nodes' | 'edges' | 'annotations'): void => {
    issues.push(issue('duplicate_id', ['id'], { id, of }, id))
  }
  for (const raw of input.nodes) {
    const r = validateNode(raw)
    if (!r.ok) {
      issues.push(...r.issues)
      continue
    }
    if (byId.has(r.value.id)) {
      dup(r.value.id, 'nodes')
      continue
    }
    byId.set(r.value.id, r.value)
    nodes.push(r.value)
  }
  const lookup: NodeLookup = (id) => byId.get(id)
  const edges: GraphEdge[] = []
  const edgeIds = new Set<string>()
  for (const raw of input.edges) {
    const r = validateEdge(raw, lookup)
    if (!r.ok) {
      issues.push(...r.issues)
      continue
    }
    if (edgeIds.has(r.value.id) || byId.has(r.value.id)) {
      dup(r.value.id, 'edges')
      continue
    }
    edgeIds.add(r.value.id)
    edges.push(r.value)
  }
  const annotations: Annotation[] = []
  const annotationIds = new Set<string>()
  for (const raw of input.annotations ?? []) {
    const r = validateAnnotation(raw, (t, id) => (t === 'edge' ? edgeIds.has(id) : byId.has(id)))
    if (!r.ok) {
      issues.push(...r.issues)
      continue
    }
    if (annotationIds.has(r.value.id)) {
      dup(r.value.id, 'annotations')
      continue
    }
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
  return validateNode({
    ...DRAFT_STAMP,
    ...draft,
    id: (draft as { id?: string }).id ?? DRAFT_STAMP.id
  })
}
