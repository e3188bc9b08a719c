/**
 * The import's one validation (see index.ts). A file's records are validated once, while the preview
 * is built, together with the stored nodes they point at ({@link validateImport}); the result travels
 * with the preview (`ImportPreview.checked`) through `applyMapping` to `importInto`, which writes it
 * without validating again as long as nothing it relied on changed in the store meanwhile
 * ({@link stillValid}; otherwise the repository validates as usual).
 *
 * For a file read in the import worker, the stored nodes are looked up on the main thread: the worker
 * asks for {@link referencedIds} and gets those nodes back (worker-read.ts).
 */
import type { GraphEdge } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { GraphNode } from '../../domain/node-kinds'
import { ok, type Issue, type Result } from '../../domain/result'
import { validateGraph, type SizedRecords } from '../../domain/validate'
import { localizeIssues } from '../../i18n/issue-message'
import { describeLocation, type ImportIssue, type Locator } from '../raw-graph'
import type { ReadGraph } from './read'
import type { CheckedImport, ExistingNodes } from './types'

/**
 * The records of a graph to validate: mapped, or straight from a `.kg.json` file. Nodes and edges may
 * be one-pass iterables (mapped records are built as they are validated, see `mapRaw`).
 */
export interface ImportInput {
  nodes: SizedRecords
  edges: Iterable<unknown>
  annotations: readonly unknown[]
}

/**
 * Validates an import's records with `validateGraph`, together with the stored nodes (`existing`,
 * for a merge) that its edges and annotations point at: those take part in the check but are not
 * part of the result. Returns the validated records and the stored nodes they rely on, or every
 * issue (unlocated: see {@link locateIssues}).
 */
export function validateImport(
  input: ImportInput,
  existing: ExistingNodes | undefined
): Result<Omit<CheckedImport, 'mapping'>> {
  const context: GraphNode[] = []
  if (existing) {
    // A merge looks at the records twice (references first): hold them for that.
    input = { nodes: [...input.nodes], edges: [...input.edges], annotations: input.annotations }
    const inFile = new Set<string>()
    for (const n of input.nodes) {
      const id = stringField(n, 'id')
      if (id !== undefined) inFile.add(id)
    }
    const wanted = new Set<string>()
    forEachReference(input, (id) => {
      if (!inFile.has(id)) wanted.add(id)
    })
    for (const id of wanted) {
      const n = existing(id)
      if (n) context.push(n)
    }
  }
  const checked = validateGraph(
    context.length ? { ...input, nodes: [...input.nodes, ...context] } : input
  )
  if (!checked.ok) return checked
  const stored = context.map((n) => ({ id: n.id, kind: n.kind, deleted: !!n.deletedAt }))
  if (!context.length) return ok({ graph: checked.value, stored })
  const outside = new Set(context.map((n) => n.id))
  const graph = { ...checked.value, nodes: checked.value.nodes.filter((n) => !outside.has(n.id)) }
  return ok({ graph, stored })
}

/**
 * The ids a file's records point at (edge ends and evidence, annotation targets and quotes) that it
 * does not define as nodes: the stored nodes its validation may need. A superset is fine.
 */
export function referencedIds(read: ReadGraph): string[] {
  const inFile = new Set<string>()
  const out = new Set<string>()
  const add = (id: string): void => {
    if (!inFile.has(id)) out.add(id)
  }
  if (read.format === 'kg-json') {
    const env = read.envelope
    for (const n of env.nodes) {
      const id = stringField(n, 'id')
      if (id !== undefined) inFile.add(id)
    }
    forEachReference(env, add)
  } else {
    const raw = read.raw
    for (const n of raw.nodes) inFile.add(n.id)
    for (const e of raw.edges) {
      add(e.source)
      add(e.target)
      const evidence = e.app.evidence
      if (Array.isArray(evidence)) for (const q of evidence) if (typeof q === 'string') add(q)
    }
    forEachReference({ nodes: [], edges: [], annotations: raw.annotations }, add)
  }
  return [...out]
}

/** A lookup over the stored nodes a worker was given. */
export function lookupOf(nodes: readonly GraphNode[]): ExistingNodes {
  const byId = new Map<string, GraphNode>(nodes.map((n) => [n.id, n]))
  return (id) => byId.get(id)
}

/** Calls `visit` with every node id the edges and annotations of `input` refer to. */
function forEachReference(input: ImportInput, visit: (id: string) => void): void {
  for (const e of input.edges) {
    for (const key of ['source', 'target'] as const) {
      const id = stringField(e, key)
      if (id !== undefined) visit(id)
    }
    forEachString(e, 'evidence', visit)
  }
  for (const a of input.annotations) {
    const id = stringField(a, 'targetId')
    if (id !== undefined && stringField(a, 'targetType') !== 'edge') visit(id)
    forEachString(a, 'quoteIds', visit)
  }
}

function stringField(record: unknown, key: string): string | undefined {
  if (!record || typeof record !== 'object') return undefined
  const v = (record as Record<string, unknown>)[key]
  return typeof v === 'string' ? v : undefined
}

function forEachString(record: unknown, key: string, visit: (id: string) => void): void {
  if (!record || typeof record !== 'object') return
  const list = (record as Record<string, unknown>)[key]
  if (Array.isArray(list)) for (const v of list) if (typeof v === 'string') visit(v)
}

// ---------- carrying the result forward ----------

/** Graphs handed out by `applyMapping` after the one validation, and what it found. */
const CHECKED = new WeakMap<GraphData, CheckedImport>()

/** Marks `checked.graph` as validated (applyMapping hands it out; importInto looks it up). */
export function markChecked(checked: CheckedImport): GraphData {
  CHECKED.set(checked.graph, checked)
  return checked.graph
}

/** The validation `graph` passed, when it came from `applyMapping`; else undefined. */
export function checkedOf(graph: GraphData): CheckedImport | undefined {
  return CHECKED.get(graph)
}

/** The stored graph as a write sees it (GraphStore fits). */
export interface StoredGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>
  readonly edges: ReadonlyMap<string, GraphEdge>
}

/**
 * Whether a validated import may be written without validating again, judged against the live store
 * at write time (inside the repository's write queue):
 * - replace: only when it relies on no stored node (they are about to go);
 * - merge: when every stored node it relies on is still there with the same kind and state, no
 *   incoming record takes an id the other table uses, and no incoming node changes the kind or the
 *   deleted state of a stored one (stored edges to it stay valid).
 * When false the repository validates the merged graph as a whole, which reports what is wrong.
 */
export function stillValid(
  checked: CheckedImport,
  store: StoredGraph,
  mode: 'merge' | 'replace'
): boolean {
  if (mode === 'replace') return checked.stored.length === 0
  for (const ref of checked.stored) {
    const n = store.nodes.get(ref.id)
    if (!n || n.kind !== ref.kind || !!n.deletedAt !== ref.deleted) return false
  }
  for (const n of checked.graph.nodes) {
    if (store.edges.has(n.id)) return false
    const before = store.nodes.get(n.id)
    if (before && (before.kind !== n.kind || !!before.deletedAt !== !!n.deletedAt)) return false
  }
  for (const e of checked.graph.edges) if (store.nodes.has(e.id)) return false
  return true
}

// ---------- locating issues in the file ----------

/** Where a record is in the file, for messages. */
export type Loc = { of: 'node' | 'edge'; at: Locator; id: string | null }

export function locateIssues(
  issues: readonly Issue[],
  locations: Map<string, Loc[]>
): ImportIssue[] {
  return localizeIssues(issues).map((i) => {
    if (!i.recordId) return i
    const list = locations.get(i.recordId) ?? []
    const preferEdge = EDGE_CODES.has(i.code) || i.params?.of === 'edges'
    const loc =
      i.code === 'duplicate_id'
        ? list[list.length - 1]
        : (list.find((l) => l.of === (preferEdge ? 'edge' : 'node')) ?? list[0])
    if (!loc) return i
    const field = i.path.length ? String(i.path[0]) : undefined
    return {
      ...i,
      ...loc.at,
      ...(field ? { field } : {}),
      message: `${describeLocation(loc.of, loc.at, loc.id)}: ${i.message}`
    }
  })
}

/** Locates `.kg.json` issues by record number (their `recordId` → position in the file's arrays). */
export function locateKgIssues(issues: readonly Issue[], data: unknown): ImportIssue[] {
  const doc = (data ?? {}) as { nodes?: unknown; edges?: unknown }
  const index = new Map<string, { of: 'node' | 'edge'; record: number }>()
  for (const [of, list] of [
    ['node', doc.nodes],
    ['edge', doc.edges]
  ] as const) {
    if (!Array.isArray(list)) continue
    list.forEach((r: unknown, i) => {
      const id = r && typeof r === 'object' && 'id' in r ? (r as { id: unknown }).id : undefined
      if (typeof id === 'string') index.set(`${of}:${id}`, { of, record: i + 1 })
    })
  }
  return localizeIssues(issues).map((i) => {
    if (!i.recordId) return i
    const edgeFirst = EDGE_CODES.has(i.code)
    const hit =
      index.get(`${edgeFirst ? 'edge' : 'node'}:${i.recordId}`) ??
      index.get(`${edgeFirst ? 'node' : 'edge'}:${i.recordId}`)
    if (!hit) return i
    const field = i.path.length ? String(i.path[0]) : undefined
    return {
      ...i,
      record: hit.record,
      ...(field ? { field } : {}),
      message: `${describeLocation(hit.of, { record: hit.record }, i.recordId)}: ${i.message}`
    }
  })
}

const EDGE_CODES = new Set<Issue['code']>([
  'missing_node',
  'edge_not_allowed',
  'extra_not_allowed',
  'evidence_not_quote',
  'self_loop'
])
