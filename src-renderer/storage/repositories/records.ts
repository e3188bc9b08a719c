/**
 * Record writes of the graph repository: create, update and delete one node, edge or annotation,
 * each validated with the domain validator and committed as one undoable change. Deletes are soft
 * and cascade in the same change: a node takes its edges and the annotations on both with it.
 */
import type { Annotation, AnnotationInput } from '../../domain/annotations'
import type { EdgeInput, GraphEdge } from '../../domain/edge-kinds'
import { newId, type NodeId } from '../../domain/ids'
import type { GraphNode, NodeInput } from '../../domain/node-kinds'
import { fail, ok, type Issue, type Result } from '../../domain/result'
import { validateAnnotation, validateEdge, validateNode } from '../../domain/validate'
import type { RecordTable } from '../db'
import { commit } from './change-log'
import {
  canonical,
  storedTable,
  type AnyRecord,
  type PendingWrite,
  type RepositoryContext
} from './repository-context'

type RecordFieldKeys = 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'deletedAt'
/** What a form or importer hands in for a new node: record fields are optional and filled in here. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** What a form or importer hands in for a new node of any kind (kind-specific fields included). */
export type NodeDraft = DistributiveOmit<NodeInput, RecordFieldKeys> & { id?: string }
export type EdgeDraft = Omit<EdgeInput, RecordFieldKeys> & { id?: string }
export type AnnotationDraft = Omit<AnnotationInput, RecordFieldKeys | 'author'> & { id?: string }

// ---------- nodes ----------

export function createNode(
  ctx: RepositoryContext,
  draft: NodeDraft,
  action: string
): Promise<Result<GraphNode>> {
  return insert(ctx, 'nodes', validateNode(stamp(ctx, draft, null)), action)
}

export async function updateNode(
  ctx: RepositoryContext,
  id: string,
  patch: Partial<NodeDraft>,
  action: string,
  base?: GraphNode
): Promise<Result<GraphNode>> {
  const before = ctx.store.node(id)
  if (!before) return fail(missing(id))
  const own = ownChanges(base, before, patch)
  if (!own.ok) return own
  const r = validateNode(stamp(ctx, { ...before, ...own.value, kind: before.kind }, before))
  if (!r.ok) return r
  await commit(ctx, action, [{ table: 'nodes', before, after: r.value }])
  return r
}

export async function deleteNode(
  ctx: RepositoryContext,
  id: string,
  action: string
): Promise<Result<{ edges: number; annotations: number }>> {
  const node = ctx.store.node(id)
  if (!node) return fail(missing(id))
  const at = ctx.now()
  const writes: PendingWrite[] = [{ table: 'nodes', before: node, after: tombstone(ctx, node, at) }]
  const goneEdges = new Set<string>()
  for (const e of ctx.store.edges.values()) {
    if (e.deletedAt) continue
    if (e.source === id || e.target === id) {
      goneEdges.add(e.id)
      writes.push({ table: 'edges', before: e, after: tombstone(ctx, e, at) })
    } else if (e.evidence.includes(id as NodeId)) {
      writes.push({
        table: 'edges',
        before: e,
        after: touch(ctx, { ...e, evidence: e.evidence.filter((q) => q !== id) }, at)
      })
    }
  }
  let annotations = 0
  for (const a of ctx.store.annotations.values()) {
    if (a.deletedAt) continue
    if (a.targetId === id || goneEdges.has(a.targetId)) {
      annotations++
      writes.push({ table: 'annotations', before: a, after: tombstone(ctx, a, at) })
    } else if (a.quoteIds.includes(id as NodeId)) {
      writes.push({
        table: 'annotations',
        before: a,
        after: touch(ctx, { ...a, quoteIds: a.quoteIds.filter((q) => q !== id) }, at)
      })
    }
  }
  await commit(ctx, action, writes)
  return ok({ edges: goneEdges.size, annotations })
}

// ---------- edges ----------

export function createEdge(
  ctx: RepositoryContext,
  draft: EdgeDraft,
  action: string
): Promise<Result<GraphEdge>> {
  return insert(
    ctx,
    'edges',
    validateEdge(stamp(ctx, draft, null), (id) => ctx.store.node(id)),
    action
  )
}

export async function updateEdge(
  ctx: RepositoryContext,
  id: string,
  patch: Partial<EdgeDraft>,
  action: string,
  base?: GraphEdge
): Promise<Result<GraphEdge>> {
  const before = ctx.store.edge(id)
  if (!before) return fail(missing(id))
  const own = ownChanges(base, before, patch)
  if (!own.ok) return own
  const r = validateEdge(stamp(ctx, { ...before, ...own.value }, before), (nid) =>
    ctx.store.node(nid)
  )
  if (!r.ok) return r
  await commit(ctx, action, [{ table: 'edges', before, after: r.value }])
  return r
}

export async function deleteEdge(
  ctx: RepositoryContext,
  id: string,
  action: string
): Promise<Result<{ annotations: number }>> {
  const edge = ctx.store.edge(id)
  if (!edge) return fail(missing(id))
  const at = ctx.now()
  const writes: PendingWrite[] = [{ table: 'edges', before: edge, after: tombstone(ctx, edge, at) }]
  for (const a of ctx.store.annotations.values()) {
    if (!a.deletedAt && a.targetId === id)
      writes.push({ table: 'annotations', before: a, after: tombstone(ctx, a, at) })
  }
  await commit(ctx, action, writes)
  return ok({ annotations: writes.length - 1 })
}

// ---------- annotations ----------

export async function addAnnotation(
  ctx: RepositoryContext,
  draft: AnnotationDraft,
  action: string
): Promise<Result<Annotation>> {
  const r = validateAnnotation({ ...stamp(ctx, draft, null), author: ctx.author() }, (t, id) =>
    t === 'edge' ? !!ctx.store.edge(id) : !!ctx.store.node(id)
  )
  if (!r.ok) return r
  await commit(ctx, action, [{ table: 'annotations', before: null, after: r.value }])
  return r
}

export async function updateAnnotation(
  ctx: RepositoryContext,
  id: string,
  patch: Partial<AnnotationDraft>,
  action: string,
  base?: Annotation
): Promise<Result<Annotation>> {
  const before = ctx.store.annotations.get(id)
  if (!before || before.deletedAt) return fail(missing(id))
  if (before.author !== ctx.author()) return fail(notAuthor(id, before.author))
  const own = ownChanges(base, before, patch)
  if (!own.ok) return own
  const r = validateAnnotation(
    stamp(ctx, { ...before, ...own.value, author: before.author }, before),
    (t, tid) => (t === 'edge' ? !!ctx.store.edge(tid) : !!ctx.store.node(tid))
  )
  if (!r.ok) return r
  await commit(ctx, action, [{ table: 'annotations', before, after: r.value }])
  return r
}

export async function deleteAnnotation(
  ctx: RepositoryContext,
  id: string,
  action: string
): Promise<Result<true>> {
  const before = ctx.store.annotations.get(id)
  if (!before || before.deletedAt) return fail(missing(id))
  if (before.author !== ctx.author()) return fail(notAuthor(id, before.author))
  await commit(ctx, action, [
    { table: 'annotations', before, after: tombstone(ctx, before, ctx.now()) }
  ])
  return ok(true)
}

// ---------- record fields ----------

/**
 * A three-way merge of one update: `base` is the record the edit started from, `current` the stored
 * one (perhaps changed since by another window), `patch` what the edit hands in (a form hands in
 * every field). Fields the patch leaves as in `base` are dropped, so another window's change to them
 * stays; a field the edit changed that was also changed to something else since refuses the update.
 */
function ownChanges<P extends object>(
  base: object | undefined,
  current: object,
  patch: P
): Result<Partial<P>> {
  if (!base || base === current) return ok(patch)
  const b = base as Record<string, unknown>
  const c = current as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(patch)) {
    const mine = !same(value, b[key])
    const theirs = !same(c[key], b[key])
    if (!mine) continue
    if (theirs && !same(c[key], value)) return fail(conflict(current, key))
    out[key] = value
  }
  return ok(out as Partial<P>)
}

function same(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b)
}

/** Writes one validated new record, refusing an id that is already taken. */
async function insert<T extends AnyRecord>(
  ctx: RepositoryContext,
  table: RecordTable,
  r: Result<T>,
  action: string
): Promise<Result<T>> {
  if (!r.ok) return r
  if (storedTable(ctx, table).has(r.value.id)) return fail(dupIssue(r.value.id))
  await commit(ctx, action, [{ table, before: null, after: r.value }])
  return r
}

/** Fills record fields: a new id and creation stamp for new records, an update stamp always. */
export function stamp<T extends object>(
  ctx: RepositoryContext,
  draft: T,
  before: { id: string; createdAt: string; createdBy: string } | null
): T & Record<string, unknown> {
  const at = ctx.now()
  const author = ctx.author()
  const d = draft as T & { id?: string }
  return {
    ...draft,
    id: before?.id ?? d.id ?? newId(),
    createdAt: before?.createdAt ?? at,
    createdBy: before?.createdBy ?? author,
    updatedAt: at,
    updatedBy: author,
    deletedAt: null
  }
}

/** `record` with an update stamp (`at`, the current author). */
export function touch<T extends AnyRecord>(ctx: RepositoryContext, record: T, at: string): T {
  return { ...record, updatedAt: at, updatedBy: ctx.author() }
}

/** `record` soft-deleted at `at`. */
function tombstone<T extends AnyRecord>(ctx: RepositoryContext, record: T, at: string): T {
  return { ...touch(ctx, record, at), deletedAt: at }
}

// ---------- issues ----------

function missing(id: string): Issue[] {
  return [
    {
      code: 'missing_node',
      path: ['id'],
      message: `Record ${id} bestaat niet (meer).`,
      recordId: id
    }
  ]
}

export function dupIssue(id: string): Issue[] {
  return [
    {
      code: 'duplicate_id',
      path: ['id'],
      message: `Er bestaat al een record met id ${id}.`,
      recordId: id
    }
  ]
}

function conflict(record: object, field: string): Issue[] {
  const r = record as { id: string; title?: unknown }
  const label = typeof r.title === 'string' ? `"${r.title}"` : `record ${r.id}`
  return [
    {
      code: 'conflict',
      path: [field],
      params: { field },
      message: `${label} is intussen elders gewijzigd (${field}); uw wijziging is niet opgeslagen. Bekijk de nieuwe versie en probeer het opnieuw.`,
      recordId: r.id
    }
  ]
}

function notAuthor(id: string, author: string): Issue[] {
  return [
    {
      code: 'invalid_field',
      path: ['author'],
      message: `Alleen ${author} kan deze annotatie wijzigen of verwijderen.`,
      recordId: id
    }
  ]
}
