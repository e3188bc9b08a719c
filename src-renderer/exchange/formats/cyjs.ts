/**
 * Cytoscape JSON (`.cyjs`, Cytoscape Desktop): `{ elements: { nodes: [{ data, position }], edges:
 * [{ data }] } }`. Node `data.name` is the title, `data.kind` the app kind (edges also carry it as
 * Cytoscape's `interaction`); app fields and free fields are data keys with native JSON values.
 * Reads Cytoscape Desktop and cytoscape.js exports (`elements` as an object or as one array).
 */
import { EDGE_RULES } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { FieldValue } from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import {
  APP_EDGE_FIELDS,
  APP_NODE_FIELDS,
  assignAttribute,
  codecOf,
  describeLocation,
  encodeAppValue,
  freeColumnName,
  type ImportIssue,
  type RawEdge,
  type RawGraph,
  type RawNode
} from '../raw-graph'
import { parseJsonText } from './kg-json'

/** Options for {@link serializeCyjs}. */
export interface CyjsOptions {
  /** Written as `generated_by`. */
  creator?: string
  title?: string
}

function appData(
  record: object,
  names: readonly string[],
  skip: ReadonlySet<string>
): Record<string, unknown> {
  const rec = record as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const name of names) {
    if (skip.has(name)) continue
    const v = rec[name]
    if (v === undefined || v === null) continue
    if (codecOf(name) === 'list') {
      if (Array.isArray(v) && v.length) out[name] = v
    } else {
      const enc = encodeAppValue(name, v)
      if (enc !== undefined) out[name] = enc
    }
  }
  return out
}

/**
 * Data keys Cytoscape itself reads besides the app and format names of raw-graph.ts: a free field by
 * one of these names is written `fields.<name>`, so it neither overwrites the native key (`directed`)
 * nor means something to Cytoscape (`parent` makes a compound node).
 */
const CYJS_NATIVE = new Set(['directed', 'parent'])

function freeData(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {}
  for (const key of Object.keys(fields).sort()) {
    const name = CYJS_NATIVE.has(key.toLowerCase())
      ? `fields.${key}`
      : freeColumnName(key, 'text', true)
    out[name] = fields[key] as FieldValue
  }
  return out
}

/**
 * Writes a graph as Cytoscape JSON. Every app field and free field is a data key (free fields that
 * clash with app names get the `fields.` prefix), so {@link parseCyjs} plus the import mapping give
 * back the same records (annotations are not part of the format). Deterministic for equal input.
 */
export function serializeCyjs(graph: GraphData, options: CyjsOptions = {}): string {
  const doc = {
    format_version: '1.0',
    generated_by: options.creator ?? 'stadmaken-kennisgraaf',
    target_cytoscapejs_version: '~2.1',
    data: { name: options.title ?? 'Stadmaken Kennisgraaf' },
    elements: {
      nodes: graph.nodes.map((n) => ({
        data: {
          id: n.id,
          name: n.title,
          kind: n.kind,
          ...appData(n, APP_NODE_FIELDS, new Set(['title'])),
          ...freeData(n.fields)
        },
        ...(n.position ? { position: { x: n.position.x, y: n.position.y } } : {})
      })),
      edges: graph.edges.map((e) => ({
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          interaction: e.kind,
          kind: e.kind,
          directed: EDGE_RULES[e.kind].directed,
          ...appData(e, APP_EDGE_FIELDS, new Set()),
          ...freeData(e.fields)
        }
      }))
    }
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

// ---------- reading ----------

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

const NOT_CYJS = 'Dit is geen Cytoscape-JSON-bestand: de lijst "elements" ontbreekt.'

function idString(v: unknown): string | null {
  return typeof v === 'string' && v !== ''
    ? v
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : null
}

/** Splits `elements` into node and edge entries, for both the object and the array form. */
function entries(elements: unknown): { nodes: unknown[]; edges: unknown[] } | null {
  if (Array.isArray(elements)) {
    const nodes: unknown[] = []
    const edges: unknown[] = []
    for (const el of elements) {
      const data = isObject(el) && isObject(el.data) ? el.data : {}
      const isEdge =
        isObject(el) && (el.group === 'edges' || (el.group === undefined && 'source' in data))
      ;(isEdge ? edges : nodes).push(el)
    }
    return { nodes, edges }
  }
  if (!isObject(elements)) return null
  const nodes = elements.nodes ?? []
  const edges = elements.edges ?? []
  return Array.isArray(nodes) && Array.isArray(edges) ? { nodes, edges } : null
}

/**
 * Reads an already JSON-parsed Cytoscape document into raw records. Entries without an id (nodes) or
 * without source/target (edges) are reported with their record number. Never throws.
 */
export function cyjsToRaw(doc: unknown): Result<RawGraph> {
  const parts = isObject(doc) ? entries(doc.elements) : null
  if (!parts) return fail([{ code: 'not_our_format', path: ['elements'], message: NOT_CYJS }])
  const issues: ImportIssue[] = []
  const out: RawGraph = { nodes: [], edges: [], annotations: [] }
  parts.nodes.forEach((el, i) => {
    const at = { record: i + 1 }
    const data = isObject(el) && isObject(el.data) ? el.data : {}
    const id = idString(data.id)
    if (!id) {
      issues.push({
        code: 'invalid_field',
        path: ['elements', 'nodes', i, 'data', 'id'],
        field: 'id',
        message: `${describeLocation('node', at)}: de knoop heeft geen id.`,
        ...at
      })
      return
    }
    const node: RawNode = { id, type: '', app: {}, fields: {}, at }
    const where = describeLocation('node', at, id)
    let typeAttr: string | undefined
    for (const [key, value] of Object.entries(data)) {
      if (key === 'id') continue
      if (key === 'kind' && typeof value === 'string') node.type = value
      else if (
        (key === 'name' || key === 'label') &&
        typeof value === 'string' &&
        !Object.hasOwn(node.app, 'title')
      )
        node.app.title = value
      else {
        if (key.toLowerCase() === 'type' && typeof value === 'string') typeAttr = value
        const issue = assignAttribute(node, 'node', key, value, where)
        if (issue) issues.push(issue)
      }
    }
    if (!node.type && typeAttr !== undefined) node.type = typeAttr
    const pos = isObject(el) ? el.position : undefined
    if (isObject(pos) && typeof pos.x === 'number' && typeof pos.y === 'number')
      node.app.position = { x: pos.x, y: pos.y }
    out.nodes.push(node)
  })
  parts.edges.forEach((el, i) => {
    const at = { record: i + 1 }
    const data = isObject(el) && isObject(el.data) ? el.data : {}
    const id = idString(data.id)
    const source = idString(data.source)
    const target = idString(data.target)
    if (!source || !target) {
      const missing = source ? 'target' : 'source'
      issues.push({
        code: 'invalid_field',
        path: ['elements', 'edges', i, 'data', missing],
        field: missing,
        message: `${describeLocation('edge', at, id)}: de verbinding mist ${missing}.`,
        ...at
      })
      return
    }
    const edge: RawEdge = {
      id,
      type: '',
      source,
      target,
      directed: typeof data.directed === 'boolean' ? data.directed : null,
      app: {},
      fields: {},
      at
    }
    const where = describeLocation('edge', at, id)
    let interaction: string | undefined
    for (const [key, value] of Object.entries(data)) {
      if (key === 'id' || key === 'source' || key === 'target') continue
      // Cytoscape's own flag; any other value is someone's data and stays a free field.
      if (key === 'directed' && typeof value === 'boolean') continue
      if (key === 'kind' && typeof value === 'string') edge.type = value
      else if (key === 'interaction' && typeof value === 'string') interaction = value
      else {
        const issue = assignAttribute(edge, 'edge', key, value, where)
        if (issue) issues.push(issue)
      }
    }
    if (interaction !== undefined && interaction !== edge.type) {
      if (!edge.type) edge.type = interaction
      else edge.fields.interaction = interaction
    }
    out.edges.push(edge)
  })
  return issues.length ? fail(issues) : ok(out)
}

/**
 * Parses `.cyjs` text: JSON syntax (Dutch message with line and column), forbidden keys anywhere
 * (`__proto__`, `constructor`, `prototype`), then {@link cyjsToRaw}. Never throws.
 */
export function parseCyjs(text: string): Result<RawGraph> {
  const parsed = parseJsonGuarded(text)
  return parsed.ok ? cyjsToRaw(parsed.value) : parsed
}

/**
 * JSON.parse with the `.kg.json` reader's guards (`parseJsonText` in kg-json.ts): a Dutch syntax
 * message with line and column (code `invalid_json`), a refusal of prototype-polluting keys anywhere
 * (code `unsafe_key`) and of nesting deeper than `MAX_NESTING_DEPTH` (code `invalid_json`, with the
 * line). A byte order mark is skipped. Never throws.
 */
export function parseJsonGuarded(text: string): Result<unknown> {
  return parseJsonText(text)
}
