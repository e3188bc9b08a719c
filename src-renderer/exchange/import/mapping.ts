/**
 * Mapping (the pipeline's second stage): a file's raw records → app records, with the user's kind
 * mapping, defaults, and foreign attributes kept in `fields`.
 */
import {
  EDGE_RULES,
  allowsSelfLoop,
  edgeSchema,
  isEdgeAllowed,
  isEdgeKind,
  type EdgeKind
} from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import {
  NODE_KINDS,
  NODE_SCHEMAS,
  isNodeKind,
  nodeDefaults,
  positionSchema,
  type FieldValue,
  type NodeKind
} from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import { toFieldValue, type RawEdge, type RawGraph, type RawNode } from '../raw-graph'
import { chosenFor, edgeKindFromType, isPersonType, kindFromType, suggestKind } from './kinds'
import type {
  CheckedImport,
  ExistingNodes,
  ImportPreview,
  MappingOptions,
  SelfLoopChoice,
  SelfLoopCount
} from './types'
import { locateIssues, markChecked, validateImport, type Loc } from './validate'

/**
 * Mapped records, produced while they are consumed: `input.nodes` and `input.edges` are one-pass
 * iterables (each record is built when the validator asks for it and can be dropped right after), so
 * a large file never holds its raw, mapped and validated records at once. Iterate nodes before
 * edges, once each. `selfLoops` is complete once the edges have been iterated.
 */
export interface Mapped {
  input: {
    nodes: Iterable<Record<string, unknown>> & { readonly length: number }
    edges: Iterable<Record<string, unknown>>
    annotations: unknown[]
  }
  /** Where each mapped record is in the file, by id (built on demand: only issues need it). */
  locations: () => Map<string, Loc[]>
  /** Self-loops met while mapping (forbidden ones left out or made `related`, per the choice). */
  selfLoops: SelfLoopCount
}

/** What an edge end needs to know of its node: its kind, and whether it is an app record. */
interface EndKind {
  kind: NodeKind
  app: boolean
}
const END_KINDS = Object.fromEntries(
  NODE_KINDS.map((kind) => [kind, [{ kind, app: false }, { kind, app: true }] as const])
) as unknown as Record<NodeKind, readonly [EndKind, EndKind]>

function shapeOf(
  kind: NodeKind
): Record<string, { safeParse: (v: unknown) => { success: boolean } }> {
  return NODE_SCHEMAS[kind].shape as unknown as Record<
    string,
    { safeParse: (v: unknown) => { success: boolean } }
  >
}
const EDGE_SHAPE = edgeSchema.shape as unknown as Record<
  string,
  { safeParse: (v: unknown) => { success: boolean } }
>
const EXTRAS = new Set(['role', 'participationLevel', 'topic'])

/** A copy of the raw record's free fields, which mapping adds to (the raw record stays as read). */
function fieldsOf(raw: RawNode | RawEdge): Record<string, FieldValue> {
  return { ...raw.fields }
}

/**
 * A kind's defaults as entries, made once per kind: a million-node file would otherwise build the
 * same object a million times. Mapped records may share these values (a default `[]`): validation
 * gives every record its own copy.
 */
const DEFAULTS = new Map<NodeKind, readonly (readonly [string, unknown])[]>()
function defaultsOf(kind: NodeKind): readonly (readonly [string, unknown])[] {
  let entries = DEFAULTS.get(kind)
  if (!entries) DEFAULTS.set(kind, (entries = Object.entries(nodeDefaults(kind))))
  return entries
}

function stampDefaults(rec: Record<string, unknown>, stamp: { now: string; author: string }): void {
  if (typeof rec.status !== 'string' || rec.status === '') rec.status = 'reported'
  if (rec.createdAt === undefined) rec.createdAt = stamp.now
  if (rec.updatedAt === undefined) rec.updatedAt = rec.createdAt
  if (rec.createdBy === undefined) rec.createdBy = stamp.author
  if (rec.updatedBy === undefined) rec.updatedBy = rec.createdBy
  if (rec.deletedAt === undefined) rec.deletedAt = null
}

function mapNode(
  raw: RawNode,
  kind: NodeKind,
  isApp: boolean,
  stamp: { now: string; author: string }
): Record<string, unknown> {
  const shape = shapeOf(kind)
  const fields = fieldsOf(raw)
  const rec: Record<string, unknown> = { id: raw.id, kind }
  for (const [name, value] of Object.entries(raw.app)) {
    if (name === 'position') {
      if (isApp || positionSchema.safeParse(value).success) rec.position = value
      else if (!Object.hasOwn(fields, name)) fields[name] = toFieldValue(value)
    } else if (Object.hasOwn(shape, name) && (isApp || shape[name]?.safeParse(value).success)) {
      rec[name] = value
    } else if (!Object.hasOwn(fields, name)) {
      fields[name] = toFieldValue(value)
    }
  }
  if (typeof rec.title !== 'string' || rec.title.trim() === '') rec.title = raw.id
  if (raw.type !== '' && !kindFromType(raw.type) && !Object.hasOwn(fields, 'type'))
    fields.type = raw.type
  if (kind === 'actor' && rec.isPerson === undefined && isPersonType(raw.type))
    rec.isPerson = true
  // Missing fields get the kind's defaults, the same table the form starts from (a Kumu "Project"
  // row has no projectType); values that are present but invalid are not replaced: app records
  // report them.
  for (const [name, value] of defaultsOf(kind)) rec[name] ??= value
  if (kind === 'quote' && rec.text === undefined) rec.text = rec.title
  rec.fields = fields
  stampDefaults(rec, stamp)
  return rec
}

function mapEdge(
  raw: RawEdge,
  id: string,
  ends: { from: NodeKind | undefined; to: NodeKind | undefined; app: boolean },
  edgeMapping: Readonly<Record<string, EdgeKind>>,
  stamp: { now: string; author: string },
  /** A self-loop of a kind that may not loop, kept: it becomes `related`, its type the label. */
  loop = false
): Record<string, unknown> {
  const exact = edgeKindFromType(raw.type)
  const isApp = isEdgeKind(raw.type) && ends.app && !loop
  let kind: EdgeKind
  let fallback = false
  if (loop) {
    kind = 'related'
    fallback = true
  } else if (isApp && exact) {
    kind = exact
  } else {
    const wanted = exact ?? chosenFor(edgeMapping, raw.type)
    if (wanted && (!ends.from || !ends.to || isEdgeAllowed(wanted, ends.from, ends.to)))
      kind = wanted
    else {
      kind = 'related'
      fallback = true
    }
  }
  const fields = fieldsOf(raw)
  const rec: Record<string, unknown> = { id, kind, source: raw.source, target: raw.target }
  const rule = EDGE_RULES[kind]
  for (const [name, value] of Object.entries(raw.app)) {
    const fits =
      Object.hasOwn(EDGE_SHAPE, name) &&
      (isApp ||
        (name !== 'evidence' &&
          (!EXTRAS.has(name) || (rule.extra as readonly string[]).includes(name)) &&
          EDGE_SHAPE[name]?.safeParse(value).success))
    if (fits) rec[name] = value
    else if (!Object.hasOwn(fields, name)) fields[name] = toFieldValue(value)
  }
  if (!isApp && raw.type !== '') {
    if (fallback && rec.label === undefined) rec.label = raw.type.slice(0, 500)
    else if (exact !== kind && !Object.hasOwn(fields, 'type')) fields.type = raw.type
  }
  if (
    !isApp &&
    raw.directed !== null &&
    raw.directed !== rule.directed &&
    !Object.hasOwn(fields, 'directed')
  )
    fields.directed = raw.directed
  if (raw.id !== null && raw.id !== id && !Object.hasOwn(fields, 'id')) fields.id = raw.id
  rec.fields = fields
  stampDefaults(rec, stamp)
  return rec
}

export function mapRaw(
  raw: RawGraph,
  mapping: Readonly<Record<string, NodeKind>>,
  edgeMapping: Readonly<Record<string, EdgeKind>>,
  stamp: { now: string; author: string },
  existing: ExistingNodes | undefined,
  selfLoops: SelfLoopChoice = 'drop'
): Mapped {
  const loops: SelfLoopCount = { allowed: 0, forbidden: 0 }
  // Kinds first (one pass over the raw nodes), so edges can be mapped independently of nodes. The
  // entries are shared (one per kind and app flag), not one object per node.
  const kindOf = new Map<string, EndKind>()
  const nodeKinds: NodeKind[] = new Array<NodeKind>(raw.nodes.length)
  raw.nodes.forEach((n, i) => {
    // Only the exact kind code (as this app writes it) makes an app record, checked strictly; a
    // label such as "Project" or "Les" names the kind but its attributes are treated as foreign.
    const kind = kindFromType(n.type) ?? chosenFor(mapping, n.type) ?? suggestKind(n.type)
    nodeKinds[i] = kind
    if (!kindOf.has(n.id)) kindOf.set(n.id, END_KINDS[kind][isNodeKind(n.type) ? 1 : 0])
  })
  function* nodes(): Generator<Record<string, unknown>> {
    for (let i = 0; i < raw.nodes.length; i++) {
      const n = raw.nodes[i] as RawNode
      yield mapNode(n, nodeKinds[i] as NodeKind, isNodeKind(n.type), stamp)
    }
  }
  // The id each raw edge gets, by position (for locating issues). A file's own id is kept unless a
  // node has it; a made id takes none that a node, a file edge or another made id has.
  const edgeIds: string[] = new Array<string>(raw.edges.length)
  let fileEdgeIds: Set<string> | null = null
  const made = new Set<string>()
  raw.edges.forEach((e, i) => {
    let id: string
    if (e.id !== null && !kindOf.has(e.id)) id = e.id
    else {
      fileEdgeIds ??= new Set(raw.edges.flatMap((f) => (f.id !== null ? [f.id] : [])))
      const base = e.id !== null ? `edge-${e.id}` : `${e.source}->${e.target}`
      id = base
      for (let n = 2; kindOf.has(id) || made.has(id) || fileEdgeIds.has(id); n++)
        id = `${base}#${n}`
      made.add(id)
    }
    edgeIds[i] = id
  })
  const stored = (id: string): { kind: NodeKind; app: boolean } | undefined => {
    const n = existing?.(id)
    return n ? { kind: n.kind, app: true } : undefined
  }
  function* edges(): Generator<Record<string, unknown>> {
    for (let i = 0; i < raw.edges.length; i++) {
      const e = raw.edges[i] as RawEdge
      const id = edgeIds[i] as string
      const from = kindOf.get(e.source) ?? stored(e.source)
      const to = kindOf.get(e.target) ?? stored(e.target)
      const ends = { from: from?.kind, to: to?.kind, app: !!from?.app && !!to?.app }
      let rec = mapEdge(e, id, ends, edgeMapping, stamp)
      if (e.source === e.target) {
        if (allowsSelfLoop(rec.kind as EdgeKind)) loops.allowed++
        else {
          loops.forbidden++
          if (selfLoops === 'drop') continue
          rec = mapEdge(e, id, ends, edgeMapping, stamp, true)
        }
      }
      yield rec
    }
  }
  const locations = (): Map<string, Loc[]> => {
    const out = new Map<string, Loc[]>()
    const remember = (id: string, loc: Loc): void => {
      const list = out.get(id)
      if (list) list.push(loc)
      else out.set(id, [loc])
    }
    for (const n of raw.nodes) remember(n.id, { of: 'node', at: n.at, id: n.id })
    raw.edges.forEach((e, i) => {
      const id = edgeIds[i] as string
      remember(id, { of: 'edge', at: e.at, id })
    })
    return out
  }
  return {
    input: { nodes: once(nodes(), raw.nodes.length), edges: once(edges()), annotations: raw.annotations },
    locations,
    selfLoops: loops
  }
}

/**
 * A generator as an iterable that refuses a second pass (it would silently yield nothing), with the
 * number of records it yields when that is known up front (nodes; edges may drop self-loops).
 */
function once<T>(gen: Generator<T>): Iterable<T>
function once<T>(gen: Generator<T>, length: number): Iterable<T> & { readonly length: number }
function once<T>(gen: Generator<T>, length?: number): Iterable<T> & { readonly length?: number } {
  let used = false
  return {
    ...(length !== undefined ? { length } : {}),
    [Symbol.iterator]() {
      if (used) throw new Error('mapped records can be iterated once')
      used = true
      return gen
    }
  }
}

/**
 * What decides the mapped records besides the file: the kind each unknown node type maps to, and the
 * edge kind chosen for each unknown edge type (none: the suggestion). Equal keys, equal records.
 */
export function mappingKey(
  preview: Pick<ImportPreview, 'unknownTypes' | 'unknownEdgeTypes'>,
  mapping: Readonly<Record<string, NodeKind>>,
  edgeMapping: Readonly<Record<string, EdgeKind>>,
  selfLoops: SelfLoopChoice = 'drop'
): string {
  return JSON.stringify([
    preview.unknownTypes.map((t) => chosenFor(mapping, t.type) ?? t.suggested),
    preview.unknownEdgeTypes.map((t) => chosenFor(edgeMapping, t.type) ?? null),
    selfLoops
  ])
}

/**
 * Maps and validates `preview`'s raw records: the import's one validation for that mapping. The
 * self-loops met are counted into `loops` (valid or not, so the preview can show them).
 */
export function checkMapping(
  preview: Pick<ImportPreview, 'graph' | 'unknownTypes' | 'unknownEdgeTypes'>,
  mapping: Readonly<Record<string, NodeKind>>,
  edgeMapping: Readonly<Record<string, EdgeKind>>,
  stamp: { now: string; author: string },
  existing: ExistingNodes | undefined,
  selfLoops: SelfLoopChoice = 'drop',
  loops?: SelfLoopCount
): Result<CheckedImport> {
  const mapped = mapRaw(preview.graph, mapping, edgeMapping, stamp, existing, selfLoops)
  const checked = validateImport(mapped.input, existing)
  // The loops are counted while the validator consumes the edges.
  if (loops) Object.assign(loops, mapped.selfLoops)
  if (!checked.ok) return fail(locateIssues(checked.issues, mapped.locations()))
  return ok({ mapping: mappingKey(preview, mapping, edgeMapping, selfLoops), ...checked.value })
}

/**
 * Maps a preview's raw records to app records and validates them (validate.ts: the records with the
 * stored nodes they point at).
 * Records whose type is an app kind code (`actor`, as this app writes) are app records: their fields
 * are checked strictly and every problem is reported. A type that names a kind by its label
 * (`Project`, `Les`, any case) takes that kind; other types take `mapping[type]`, else their
 * suggested kind, and keep the original type as `fields.type`. For all but app records, attributes
 * are used where they fit the kind's fields and kept in `fields` otherwise. Missing required facets get defaults (actorType `other`, projectType `initiatief`,
 * themeType `overig`, a quote's text = its title, a missing title = the id). An edge type that no rule allows between the mapped kinds becomes
 * `related` with the type as its label. Missing status becomes `reported`, missing timestamps and
 * authors come from the preview's stamp. Edge ids that clash with node ids (Gephi numbers both from
 * 0) become `edge-<id>`; missing edge ids become `<source>-><target>` (the file's id in `fields.id`).
 * Issues carry the line or record number and field. An edge from a node to itself is kept when its
 * kind may loop (`related`); otherwise it is left out (`options.selfLoops` 'drop', the default) or
 * kept as `related` with its type as label ('keep'), so such a file imports either way.
 *
 * The preview was validated with the suggested mapping while it was read: when `mapping` and
 * `edgeMapping` give the same kinds (and `options` changes nothing), that result is returned without
 * validating again, and importInto writes it as it is.
 */
export function applyMapping(
  preview: ImportPreview,
  mapping: Readonly<Record<string, NodeKind>> = {},
  edgeMapping: Readonly<Record<string, EdgeKind>> = {},
  options: MappingOptions = {}
): Result<GraphData> {
  const unchanged =
    (options.now === undefined || options.now === preview.stamp.now) &&
    (options.author === undefined || options.author === preview.stamp.author) &&
    (options.existing === undefined || options.existing === preview.existing)
  const selfLoops = options.selfLoops ?? 'drop'
  const before = preview.checked
  if (
    before &&
    unchanged &&
    before.mapping === mappingKey(preview, mapping, edgeMapping, selfLoops)
  ) {
    return ok(markChecked(before))
  }
  if (preview.document) {
    const d = preview.document
    return ok({ nodes: d.nodes, edges: d.edges, annotations: d.annotations })
  }
  const stamp = {
    now: options.now ?? preview.stamp.now,
    author: options.author ?? preview.stamp.author
  }
  const checked = checkMapping(
    preview,
    mapping,
    edgeMapping,
    stamp,
    options.existing ?? preview.existing,
    selfLoops
  )
  return checked.ok ? ok(markChecked(checked.value)) : checked
}
