/**
 * GraphML (yEd, Gephi, NetworkX). Writes one `<key>` per attribute: `label` (the title), `kind`,
 * `x`/`y` (the position, as Gephi does), every app field and every free field, with edge direction
 * per edge. Reads typed keys with defaults, `edgedefault` and per-edge `directed`, parallel edges,
 * nested graphs, and yEd's node graphics (label and geometry).
 */
import { EDGE_RULES, type GraphEdge } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { FieldValue, GraphNode } from '../../domain/node-kinds'
import { fail, ok, type Result } from '../../domain/result'
import {
  APP_EDGE_FIELDS,
  APP_NODE_FIELDS,
  assignAttribute,
  codecOf,
  describeLocation,
  encodeAppValue,
  encodeFreeValue,
  freeColumnName,
  freeColumns,
  usedAppFields,
  type ColumnType,
  type ImportIssue,
  type RawEdge,
  type RawGraph,
  type RawNode
} from '../raw-graph'
import {
  attr,
  attrs,
  children,
  descendants,
  escapeText,
  locate,
  parseXml,
  textOf,
  type XmlElement
} from './xml'

/** Options for {@link serializeGraphml}. */
export interface GraphmlOptions {
  /** Written into the graph's description, e.g. `stadmaken-kennisgraaf@0.1.0`. */
  creator?: string
}

type KeyType = 'string' | 'double' | 'boolean'

interface Key {
  id: string
  name: string
  type: KeyType
  /** How the value is read from a record. */
  read: (record: GraphNode | GraphEdge) => string | number | boolean | undefined
}

const KEY_TYPE: Record<ColumnType, KeyType> = {
  text: 'string',
  number: 'double',
  boolean: 'boolean',
  json: 'string'
}

function appKey(id: string, name: string, field = name): Key {
  const c = codecOf(field)
  return {
    id,
    name,
    type: c === 'boolean' ? 'boolean' : c === 'number' ? 'double' : 'string',
    read: (r) => encodeAppValue(field, (r as unknown as Record<string, unknown>)[field])
  }
}

function keysFor(records: readonly (GraphNode | GraphEdge)[], of: 'node' | 'edge'): Key[] {
  const p = of === 'node' ? 'n' : 'e'
  const keys: Key[] = []
  const id = (): string => `${p}${keys.length}`
  if (of === 'node') {
    keys.push(appKey(id(), 'label', 'title'))
    keys.push(appKey(id(), 'kind'))
    keys.push({ id: id(), name: 'x', type: 'double', read: (r) => (r as GraphNode).position?.x })
    keys.push({ id: id(), name: 'y', type: 'double', read: (r) => (r as GraphNode).position?.y })
  } else {
    keys.push(appKey(id(), 'kind'))
  }
  const names = of === 'node' ? APP_NODE_FIELDS : APP_EDGE_FIELDS
  for (const name of usedAppFields(records, names, new Set(['title'])))
    keys.push(appKey(id(), name))
  for (const [key, type] of freeColumns(records)) {
    keys.push({
      id: id(),
      name: freeColumnName(key, type, true),
      type: KEY_TYPE[type],
      read: (r) => {
        if (!Object.hasOwn(r.fields, key)) return undefined
        const v = r.fields[key] as FieldValue
        return type === 'json' ? encodeFreeValue(v, 'json') : (v as string | number | boolean)
      }
    })
  }
  return keys
}

function dataOf(record: GraphNode | GraphEdge, keys: readonly Key[]): string {
  let out = ''
  for (const k of keys) {
    const v = k.read(record)
    if (v === undefined) continue
    out += `      <data key="${k.id}">${escapeText(String(v))}</data>\n`
  }
  return out
}

/**
 * Writes a graph as GraphML with typed keys. Every app field and free field travels as `<data>`, so
 * {@link parseGraphml} plus the import mapping give back the same records (annotations are not part
 * of GraphML). Undirected edge kinds carry `directed="false"`. Deterministic for equal input.
 */
export function serializeGraphml(graph: GraphData, options: GraphmlOptions = {}): string {
  const nodeKeys = keysFor(graph.nodes, 'node')
  const edgeKeys = keysFor(graph.edges, 'edge')
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ',
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
  ]
  for (const [of, keys] of [
    ['node', nodeKeys],
    ['edge', edgeKeys]
  ] as const) {
    for (const k of keys) {
      out.push(
        `  <key${attrs([
          ['id', k.id],
          ['for', of],
          ['attr.name', k.name],
          ['attr.type', k.type]
        ])}/>\n`
      )
    }
  }
  out.push('  <graph id="G" edgedefault="directed">\n')
  out.push(`    <desc>${escapeText(options.creator ?? 'stadmaken-kennisgraaf')}</desc>\n`)
  for (const n of graph.nodes) {
    out.push(`    <node${attrs([['id', n.id]])}>\n${dataOf(n, nodeKeys)}    </node>\n`)
  }
  for (const e of graph.edges) {
    out.push(
      `    <edge${attrs([
        ['id', e.id],
        ['source', e.source],
        ['target', e.target],
        ['directed', EDGE_RULES[e.kind].directed ? undefined : 'false']
      ])}>\n${dataOf(e, edgeKeys)}    </edge>\n`
    )
  }
  out.push('  </graph>\n</graphml>\n')
  return out.join('')
}

// ---------- reading ----------

interface KeyDef {
  name: string
  for: string
  type: string
  default?: string
  yfiles?: string
}

const NUMERIC = new Set(['int', 'long', 'float', 'double'])

function typed(value: string, type: string): FieldValue {
  if (NUMERIC.has(type)) {
    const n = Number(value)
    return value.trim() !== '' && Number.isFinite(n) ? n : value
  }
  if (type === 'boolean') {
    const v = value.trim().toLowerCase()
    return v === 'true' ? true : v === 'false' ? false : value
  }
  return value
}

function readKeys(root: XmlElement): Map<string, KeyDef> {
  const keys = new Map<string, KeyDef>()
  for (const k of children(root, 'key')) {
    const id = attr(k, 'id')
    if (id === undefined) continue
    const def = children(k, 'default')[0]
    const yfiles = attr(k, 'yfiles.type')
    keys.set(id, {
      name: attr(k, 'attr.name') ?? id,
      for: attr(k, 'for') ?? 'all',
      type: (attr(k, 'attr.type') ?? 'string').toLowerCase(),
      ...(def ? { default: textOf(def) } : {}),
      ...(yfiles ? { yfiles } : {})
    })
  }
  return keys
}

/** yEd graphics: the first label becomes the title (nodes) or label (edges); geometry the position. */
function readYFiles(data: XmlElement, record: RawNode | RawEdge): void {
  const labelName = 'source' in record ? 'EdgeLabel' : 'NodeLabel'
  const label = descendants(data, labelName)[0]
  const text = label ? textOf(label).trim() : ''
  const field = 'source' in record ? 'label' : 'title'
  if (text && !record.app.has(field)) record.app.set(field, text)
  if (!('source' in record)) {
    const geo = descendants(data, 'Geometry')[0]
    if (geo) {
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(attr(geo, k) ?? 0))
      if ([x, y, w, h].every((v) => Number.isFinite(v)))
        record.app.set('position', { x: (x ?? 0) + (w ?? 0) / 2, y: (y ?? 0) + (h ?? 0) / 2 })
    }
    const fill = descendants(data, 'Fill')[0]
    const color = fill ? attr(fill, 'color') : undefined
    if (color) record.fields.set('yfiles:color', color)
  }
}

function readData(
  el: XmlElement,
  keys: Map<string, KeyDef>,
  record: RawNode | RawEdge,
  of: 'node' | 'edge',
  issues: ImportIssue[],
  where: string
): void {
  const values = new Map<string, string>()
  for (const d of children(el, 'data')) {
    const keyId = attr(d, 'key')
    if (keyId === undefined) continue
    const def = keys.get(keyId)
    if (def?.yfiles || children(d).length > 0) {
      readYFiles(d, record)
      continue
    }
    values.set(keyId, textOf(d))
  }
  for (const [id, def] of keys) {
    if ((def.for === of || def.for === 'all') && !values.has(id) && def.default !== undefined)
      values.set(id, def.default)
  }
  let x: FieldValue | undefined
  let y: FieldValue | undefined
  let typeAttr: string | undefined
  const hasLabel = [...values.keys()].some((id) => (keys.get(id)?.name ?? id) === 'label')
  for (const [id, raw] of values) {
    const def = keys.get(id)
    const name = def?.name ?? id
    const value = typed(raw, def?.type ?? 'string')
    if (name === 'kind') {
      record.type = raw
    } else if (name === 'label' || (of === 'node' && name === 'name' && !hasLabel)) {
      record.app.set(of === 'node' ? 'title' : 'label', raw)
    } else if (of === 'node' && name === 'x') {
      x = value
    } else if (of === 'node' && name === 'y') {
      y = value
    } else {
      if (name.toLowerCase() === 'type' && typeAttr === undefined) typeAttr = raw
      const issue = assignAttribute(record, of, name, value, where)
      if (issue) issues.push(issue)
    }
  }
  if (typeof x === 'number' && typeof y === 'number') record.app.set('position', { x, y })
  else {
    if (x !== undefined) record.fields.set('x', x)
    if (y !== undefined) record.fields.set('y', y)
  }
  if (!record.type && typeAttr !== undefined) record.type = typeAttr
}

/**
 * Reads GraphML text into raw records: nodes and edges of every (nested) graph, typed key values with
 * defaults, direction per edge (`directed`) or per graph (`edgedefault`). Rejects malformed XML (line
 * and column), a document that is not GraphML, and unsafe key names. Never throws on bad input.
 */
export function parseGraphml(text: string): Result<RawGraph> {
  const parsed = parseXml(text, 'GraphML')
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (root.localName !== 'graphml') {
    return fail([
      {
        code: 'not_our_format',
        path: [],
        message: 'Dit is geen GraphML-bestand: het hoofdelement is geen <graphml>.'
      }
    ])
  }
  if (descendants(root, 'graph').length === 0) {
    return fail([
      { code: 'not_our_format', path: [], message: 'Het GraphML-bestand bevat geen <graph>.' }
    ])
  }
  const keys = readKeys(root)
  const issues: ImportIssue[] = []
  const out: RawGraph = { nodes: [], edges: [], annotations: [] }
  for (const el of descendants(root, 'node')) {
    const at = { ...locate(el), record: out.nodes.length + 1 }
    const id = attr(el, 'id')
    if (!id) {
      issues.push({
        code: 'invalid_field',
        path: ['id'],
        field: 'id',
        message: `${describeLocation('node', at)}: de knoop heeft geen id.`,
        ...at
      })
      continue
    }
    const node: RawNode = { id, type: '', app: new Map(), fields: new Map(), at }
    readData(el, keys, node, 'node', issues, describeLocation('node', at, id))
    out.nodes.push(node)
  }
  for (const el of descendants(root, 'edge')) {
    const at = { ...locate(el), record: out.edges.length + 1 }
    const id = attr(el, 'id') ?? null
    const source = attr(el, 'source')
    const target = attr(el, 'target')
    if (!source || !target) {
      const missing = source ? 'target' : 'source'
      issues.push({
        code: 'invalid_field',
        path: [missing],
        field: missing,
        message: `${describeLocation('edge', at, id)}: de verbinding mist ${missing}.`,
        ...at
      })
      continue
    }
    const parent = el.parent
    const edgedefault =
      parent && parent.localName === 'graph' ? attr(parent, 'edgedefault') : undefined
    const directedAttr = attr(el, 'directed')
    const edge: RawEdge = {
      id,
      type: '',
      source,
      target,
      directed:
        directedAttr !== undefined
          ? directedAttr === 'true'
          : (edgedefault ?? 'directed') === 'directed',
      app: new Map(),
      fields: new Map(),
      at
    }
    readData(el, keys, edge, 'edge', issues, describeLocation('edge', at, id))
    out.edges.push(edge)
  }
  return issues.length ? fail(issues) : ok(out)
}
