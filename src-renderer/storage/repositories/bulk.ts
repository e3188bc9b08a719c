/**
 * Writes of many records at once: several nodes and edges as one undoable change (`createMany`),
 * node positions (`setPositions`), and whole-graph writes (`replaceGraph`, `mergeGraph`: imports,
 * a new map, the demo), which are barriers undo never reaches past. Whole-graph writes go through
 * the one batched write transaction of change-log.ts, with progress and cancellation.
 */
import type { GraphEdge } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { GraphNode, Position } from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import { validateEdge, validateGraph, validateNode } from '../../domain/validate'
import type { RecordTable } from '../db'
import { chunkIntoPages } from '../page-index'
import { changeRow, commit, writeChange } from './change-log'
import { dupIssue, stamp, touch, type EdgeDraft, type NodeDraft } from './records'
import {
  applyToStore,
  canonical,
  pageRows,
  READ_ONLY,
  storedTable,
  type AnyRecord,
  type PendingWrite,
  type ProgressOptions,
  type RepositoryContext,
  type WriteOptions
} from './repository-context'

/** The records of a whole-graph write, not yet validated. */
export interface GraphInput {
  nodes: readonly unknown[]
  edges: readonly unknown[]
  annotations?: readonly unknown[]
}

/**
 * Creates several nodes and the edges between them (or to existing nodes) as one change: all are
 * validated first (edges against the existing and the new nodes), then written in one transaction,
 * so one undo takes them all back.
 */
export async function createMany(
  ctx: RepositoryContext,
  input: { nodes: NodeDraft[]; edges: EdgeDraft[] },
  action: string
): Promise<Result<{ nodes: GraphNode[]; edges: GraphEdge[] }>> {
  const nodes: GraphNode[] = []
  const fresh = new Map<string, GraphNode>()
  for (const draft of input.nodes) {
    const r = validateNode(stamp(ctx, draft, null))
    if (!r.ok) return r
    if (ctx.store.nodes.has(r.value.id) || fresh.has(r.value.id)) return fail(dupIssue(r.value.id))
    fresh.set(r.value.id, r.value)
    nodes.push(r.value)
  }
  const edges: GraphEdge[] = []
  for (const draft of input.edges) {
    const r = validateEdge(stamp(ctx, draft, null), (id) => fresh.get(id) ?? ctx.store.node(id))
    if (!r.ok) return r
    if (ctx.store.edges.has(r.value.id)) return fail(dupIssue(r.value.id))
    edges.push(r.value)
  }
  await commit(ctx, action, [
    ...nodes.map((n) => ({ table: 'nodes' as const, before: null, after: n })),
    ...edges.map((e) => ({ table: 'edges' as const, before: null, after: e }))
  ])
  return ok({ nodes, edges })
}

/** Saves node positions (after a drag or a layout) as one change of only the position fields. */
export async function setPositions(
  ctx: RepositoryContext,
  positions: ReadonlyMap<string, Position>,
  action: string
): Promise<Result<number>> {
  const at = ctx.now()
  const writes: PendingWrite[] = []
  for (const [id, position] of positions) {
    const n = ctx.store.node(id)
    if (!n) continue
    writes.push({ table: 'nodes', before: n, after: touch(ctx, { ...n, position }, at) })
  }
  if (writes.length) await commit(ctx, action, writes, true)
  return ok(writes.length)
}

/**
 * Replaces the whole stored graph with `input`. Validates everything first (unless
 * `options.prevalidated` vouches for it); writes all pages and one change row in one transaction.
 * Aborting via `progress.signal` rolls it back.
 */
export async function replaceGraph(
  ctx: RepositoryContext,
  input: GraphInput,
  action: string,
  progress: ProgressOptions,
  options: WriteOptions
): Promise<Result<GraphData>> {
  if (ctx.readOnly) return fail([READ_ONLY])
  let graph: GraphData
  if (options.prevalidated?.(ctx.store)) graph = input as GraphData
  else {
    const checked = validateGraph(input)
    if (!checked.ok) return checked
    graph = checked.value
  }
  const chunks = [
    ...chunkIntoPages('nodes', graph.nodes),
    ...chunkIntoPages('edges', graph.edges),
    ...chunkIntoPages('annotations', graph.annotations)
  ]
  const before = {
    nodes: ctx.store.nodes.size,
    edges: ctx.store.edges.size,
    annotations: ctx.store.annotations.size
  }
  const change = changeRow(
    ctx,
    action,
    [],
    true,
    graph.nodes.length + graph.edges.length + graph.annotations.length
  )
  change.entries = JSON.stringify({
    replaced: before,
    counts: {
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      annotations: graph.annotations.length
    }
  })
  change.barrier = true
  await writeChange(
    ctx,
    change,
    chunks.map((c) => c.row),
    { clear: true, progress }
  )
  ctx.pages.load(chunks.map((c) => ({ id: c.row.id, table: c.row.table, ids: c.ids })))
  ctx.store.reset(graph)
  ctx.history.clear()
  return ok(graph)
}

/**
 * Merges `input` into the stored graph by id: records with an id that exists are replaced by the
 * incoming version, new ids are added, everything else stays. The merged graph is validated as a
 * whole (unless `options.prevalidated` vouches for the input); on any issue nothing is written. Then
 * the pages holding changed or new records are written with one bulk change row (a barrier).
 * Records identical to the stored ones are not rewritten.
 */
export async function mergeGraph(
  ctx: RepositoryContext,
  input: GraphInput,
  action: string,
  progress: ProgressOptions,
  options: WriteOptions
): Promise<Result<{ added: number; updated: number; unchanged: number }>> {
  let records: GraphData
  if (options.prevalidated?.(ctx.store)) records = input as GraphData
  else {
    const checked = validateMerged(ctx, input)
    if (!checked.ok) return checked
    records = checked.value
  }
  const writes: { table: RecordTable; record: AnyRecord }[] = []
  let added = 0
  let updated = 0
  let unchanged = 0
  for (const table of ['nodes', 'edges', 'annotations'] as const) {
    const stored = storedTable(ctx, table)
    for (const record of records[table] as AnyRecord[]) {
      const before = stored.get(record.id)
      if (!before) added++
      else if (canonical(before) === canonical(record)) {
        unchanged++
        continue
      } else updated++
      writes.push({ table, record })
    }
  }
  if (!writes.length) return ok({ added, updated, unchanged })
  const plan = ctx.pages.plan(writes.map((w) => ({ table: w.table, id: w.record.id })))
  const rows = pageRows(ctx, plan, new Map(writes.map((w) => [w.record.id, w.record])))
  const change = changeRow(ctx, action, [], true, writes.length)
  change.entries = JSON.stringify({ merged: { added, updated, unchanged } })
  change.barrier = true
  await writeChange(ctx, change, rows, { progress })
  ctx.pages.commit(plan)
  applyToStore(ctx, writes)
  ctx.history.clear()
  return ok({ added, updated, unchanged })
}

/**
 * Validates `input` merged into the stored graph as a whole (so an incoming edge may point at a
 * stored node, and an incoming node may not break a stored edge); returns the incoming records as
 * validated.
 */
function validateMerged(ctx: RepositoryContext, input: GraphInput): Result<GraphData> {
  const incoming = {
    nodes: new Map(input.nodes.map((r) => [idOfRecord(r), r])),
    edges: new Map(input.edges.map((r) => [idOfRecord(r), r])),
    annotations: new Map((input.annotations ?? []).map((r) => [idOfRecord(r), r]))
  }
  const merged = (table: RecordTable): unknown[] => {
    const fresh = incoming[table]
    const out: unknown[] = []
    for (const [id, r] of storedTable(ctx, table)) {
      if (!fresh.has(id)) out.push(r)
    }
    const list =
      table === 'nodes' ? input.nodes : table === 'edges' ? input.edges : (input.annotations ?? [])
    return [...out, ...list]
  }
  const checked = validateGraph({
    nodes: merged('nodes'),
    edges: merged('edges'),
    annotations: merged('annotations')
  })
  if (!checked.ok) return checked
  const only = <T extends AnyRecord>(table: RecordTable, list: T[]): T[] =>
    list.filter((r) => incoming[table].has(r.id))
  return ok({
    nodes: only('nodes', checked.value.nodes),
    edges: only('edges', checked.value.edges),
    annotations: only('annotations', checked.value.annotations)
  })
}

/** The id of an incoming record ('' when it has none; the validator reports that). */
function idOfRecord(record: unknown): string {
  return record && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string'
    ? (record as { id: string }).id
    : ''
}
