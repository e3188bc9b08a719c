/**
 * GraphML (yEd, Gephi, NetworkX). Writes one `<key>` per attribute: `label` (the title), `kind`,
 * `x`/`y` (the position, as Gephi does), `directed` (the edge's direction, every edge in a directed
 * graph), every app field and every free field. Reads as a stream (no document tree): typed keys
 * with defaults, `edgedefault` and per-edge `directed`, parallel edges, nested graphs, and yEd's
 * node graphics (label and geometry).
 */
import { EDGE_RULES, type GraphEdge } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { FieldValue, GraphNode } from '../../domain/node-kinds'
import type { Result } from '../../domain/result'
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
  interner,
  isTypeName,
  usedAppFields,
  type ColumnType,
  type ImportIssue,
  type RawEdge,
  type RawGraph,
  type RawNode
} from '../raw-graph'
import { readWhole, type ChunkReader } from '../import/chunk-reader'
import {
  attrs,
  createXmlStream,
  detach,
  edgeIdTracker,
  escapeText,
  missingEndpointIssue,
  missingNodeIdIssue,
  numberAttributeIssue,
  parseDecimal,
  recordAt,
  tooManyRecordsIssue,
  xmlGraphReader,
  XML_MAX_RECORDS,
  type XmlHandler,
  type XmlReaderLimits,
  type XmlTag
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
    keys.push({
      id: id(),
      name: 'directed',
      type: 'boolean',
      read: (r) => EDGE_RULES[(r as GraphEdge).kind].directed
    })
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
 * of GraphML). Every edge is written in a directed graph with its direction as the boolean value
 * `directed` (false for undirected kinds such as "spanning met"), because NetworkX and others refuse
 * a `directed="false"` edge in a directed graph. Deterministic for equal input.
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
        ['target', e.target]
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

/** A typed value as its key says; values that do not fit stay text (nothing is guessed). */
function typed(value: string, type: string): FieldValue {
  if (NUMERIC.has(type)) return parseDecimal(value) ?? value
  if (type === 'boolean') {
    const v = value.trim().toLowerCase()
    return v === 'true' ? true : v === 'false' ? false : value
  }
  return value
}

/** The boolean an edge's `directed` value holds, or undefined when it holds none. */
function directedValue(value: FieldValue): boolean | undefined {
  if (typeof value === 'boolean') return value
  const v = typeof value === 'string' ? value.trim().toLowerCase() : value
  if (v === 'true' || v === '1') return true
  if (v === 'false' || v === '0') return false
  return undefined
}

/** A node or edge whose element is open. */
interface Frame {
  /** The record, or null when the element is refused (no id, no ends) and only its depth matters. */
  record: RawNode | RawEdge | null
  of: 'node' | 'edge'
  depth: number
  /** `<data>` values by key id, in file order (key defaults are added at the end). */
  values: Map<string, string> | null
}

/** The open `<data>` element of the innermost record. */
interface DataState {
  depth: number
  key: string | undefined
  /** yEd graphics (a yfiles key, or any child element): read for label, geometry and fill. */
  graphics: boolean
  text: string
  /** Depth of the first label element while it is read, -1 before, -2 after. */
  label: number
  labelText: string
  geometry: boolean
  fill: boolean
}

/**
 * A streaming GraphML reader (see chunk-reader.ts): records are built from the parser's events as the
 * text arrives, with no document tree. Reads nodes and edges of every (nested) graph, typed key values
 * with defaults, direction per edge (`directed` attribute, or the `directed` value this app writes)
 * or per graph (`edgedefault`), parallel edges, and yEd's graphics (first label, geometry, fill).
 * Refuses malformed XML (line and column), too deep nesting or too long values, a document that is
 * not GraphML, yEd geometry that is not plain decimal, and unsafe key names. Edges with a missing or
 * repeated id (NetworkX writes its multigraph keys as ids) are kept and get a fresh id later
 * (mapping.ts); `notes` says how many.
 */
export function createGraphmlReader(limits: XmlReaderLimits = {}): ChunkReader<RawGraph> {
  const maxRecords = limits.maxRecords ?? XML_MAX_RECORDS
  const out: RawGraph = { nodes: [], edges: [], annotations: [] }
  /** Node ids by value, so an edge's ends share the node's id string; types likewise. */
  const nodeIds = new Map<string, string>()
  const intern = interner()
  const issues: ImportIssue[] = []
  const keys = new Map<string, KeyDef>()
  const edgeIds = edgeIdTracker()
  let sawGraph = false
  /** Open `<graph>` elements: depth and edgedefault. */
  const graphs: { depth: number; edgedefault: string | undefined }[] = []
  /** The open `<key>` and its first `<default>`. */
  let key: { id: string; def: KeyDef; depth: number; defaultDepth: number; text: string } | null =
    null
  const frames: Frame[] = []
  let data: DataState | null = null

  const handler: XmlHandler = {
    open(tag) {
      const a = tag.attributes
      const depth = tag.depth
      const local = tag.local
      if (depth === 1) {
        if (local !== 'graphml') {
          xml.refuse({
            code: 'not_our_format',
            path: [],
            message: 'Dit is geen GraphML-bestand: het hoofdelement is geen <graphml>.'
          })
        }
        return
      }
      if (key) {
        // Inside <key>: only its first <default> matters, with all the text inside it.
        if (depth === key.depth + 1 && local === 'default' && key.defaultDepth === 0) {
          key.defaultDepth = depth
          key.text = ''
        }
        return
      }
      if (depth === 2 && local === 'key') {
        if (a.id === undefined) return
        const def: KeyDef = {
          name: a['attr.name'] ?? a.id,
          for: a.for ?? 'all',
          type: (a['attr.type'] ?? 'string').toLowerCase()
        }
        const yfiles = a['yfiles.type']
        if (yfiles) def.yfiles = yfiles
        key = { id: a.id, def, depth, defaultDepth: 0, text: '' }
        return
      }
      if (data) return openInData(tag)
      if (local === 'graph') {
        sawGraph = true
        graphs.push({ depth, edgedefault: a.edgedefault })
        return
      }
      if (local === 'node') return openNode(tag)
      if (local === 'edge') return openEdge(tag)
      const frame = frames[frames.length - 1]
      if (local === 'data' && frame?.record && depth === frame.depth + 1) {
        const k = a.key
        data = {
          depth,
          key: k,
          graphics: k !== undefined && !!keys.get(k)?.yfiles,
          text: '',
          label: -1,
          labelText: '',
          geometry: false,
          fill: false
        }
      }
    },
    text(text) {
      if (key) {
        if (key.defaultDepth > 0) key.text += text
      } else if (data) {
        if (!data.graphics) data.text += text
        else if (data.label > 0) data.labelText += text
      }
    },
    close(local, depth) {
      if (key) {
        if (depth === key.defaultDepth) {
          key.def.default = key.text
          key.defaultDepth = -1
        } else if (depth === key.depth) {
          keys.set(key.id, key.def)
          key = null
        }
        return
      }
      if (data) {
        if (depth === data.label) closeLabel(data)
        if (depth === data.depth) {
          closeData(data)
          data = null
        }
        return
      }
      const graph = graphs[graphs.length - 1]
      if (graph && graph.depth === depth && local === 'graph') {
        graphs.pop()
        return
      }
      const frame = frames[frames.length - 1]
      if (frame && depth === frame.depth && (local === 'node' || local === 'edge')) {
        frames.pop()
        if (frame.record) finish(frame)
      }
    }
  }
  const xml = createXmlStream('GraphML', handler)
  let records = 0

  /** Refuses the file once it holds more than `maxRecords` nodes and edges. */
  function countRecord(tag: XmlTag): void {
    if (++records > maxRecords) xml.refuse(tooManyRecordsIssue('GraphML', tag.line, maxRecords))
  }

  function openNode(tag: XmlTag): void {
    const at = { line: tag.line, column: tag.column, record: out.nodes.length + 1 }
    countRecord(tag)
    const id = tag.attributes.id === undefined ? undefined : detach(tag.attributes.id)
    const frame: Frame = { record: null, of: 'node', depth: tag.depth, values: null }
    frames.push(frame)
    if (!id) {
      issues.push(missingNodeIdIssue(at))
      return
    }
    const node: RawNode = { id, type: '', app: {}, fields: {}, at: recordAt(at) }
    if (!nodeIds.has(id)) nodeIds.set(id, id)
    frame.record = node
    out.nodes.push(node)
  }

  function openEdge(tag: XmlTag): void {
    const a = tag.attributes
    const at = { line: tag.line, column: tag.column, record: out.edges.length + 1 }
    countRecord(tag)
    let id = a.id === undefined ? null : detach(a.id)
    const source = a.source === undefined ? undefined : (nodeIds.get(a.source) ?? detach(a.source))
    const target = a.target === undefined ? undefined : (nodeIds.get(a.target) ?? detach(a.target))
    const frame: Frame = { record: null, of: 'edge', depth: tag.depth, values: null }
    frames.push(frame)
    if (!source || !target) {
      issues.push(missingEndpointIssue(at, id, source))
      return
    }
    const fields: Record<string, FieldValue> = {}
    id = edgeIds.keep(id, fields)
    const graph = graphs[graphs.length - 1]
    const edgedefault = graph && graph.depth === tag.depth - 1 ? graph.edgedefault : undefined
    const directedAttr = a.directed
    const edge: RawEdge = {
      id,
      type: '',
      source,
      target,
      directed:
        directedAttr !== undefined
          ? directedAttr === 'true'
          : (edgedefault ?? 'directed') === 'directed',
      app: {},
      fields,
      at: recordAt(at)
    }
    frame.record = edge
    out.edges.push(edge)
  }

  /** An element inside `<data>`: yEd graphics (a data value with child elements is graphics). */
  function openInData(tag: XmlTag): void {
    const d = data as DataState
    if (!d.graphics) {
      d.graphics = true
      d.text = ''
    }
    const frame = frames[frames.length - 1] as Frame
    const record = frame.record as RawNode | RawEdge
    const local = tag.local
    if (d.label === -1 && local === (frame.of === 'edge' ? 'EdgeLabel' : 'NodeLabel')) {
      d.label = tag.depth
      d.labelText = ''
    } else if (frame.of === 'node' && !d.geometry && local === 'Geometry') {
      d.geometry = true
      const x = decimal(tag, frame, 'x')
      const y = decimal(tag, frame, 'y')
      const w = decimal(tag, frame, 'width')
      const h = decimal(tag, frame, 'height')
      record.app.position = { x: x + w / 2, y: y + h / 2 }
    } else if (frame.of === 'node' && !d.fill && local === 'Fill') {
      d.fill = true
      const color = tag.attributes.color
      if (color) record.fields['yfiles:color'] = detach(color)
    }
  }

  /** A number yEd graphics require (absent: 0); anything but a plain decimal refuses the file. */
  function decimal(tag: XmlTag, frame: Frame, name: string): number {
    const raw = tag.attributes[name]
    if (raw === undefined) return 0
    const n = parseDecimal(raw)
    if (n !== undefined) return n
    return xml.refuse(numberAttributeIssue(tag, frame.of, frame.record?.id, name, raw))
  }

  function closeLabel(d: DataState): void {
    const frame = frames[frames.length - 1] as Frame
    const record = frame.record as RawNode | RawEdge
    const field = frame.of === 'edge' ? 'label' : 'title'
    const text = d.labelText.trim()
    if (text && !Object.hasOwn(record.app, field)) record.app[field] = detach(text)
    d.label = -2
    d.labelText = ''
  }

  function closeData(d: DataState): void {
    if (d.graphics || d.key === undefined) return
    const frame = frames[frames.length - 1] as Frame
    ;(frame.values ??= new Map()).set(d.key, detach(d.text))
  }

  /** Key values (with defaults) onto the record: kind, label, position, app and free fields. */
  function finish(frame: Frame): void {
    const record = frame.record as RawNode | RawEdge
    const of = frame.of
    const values = frame.values ?? new Map<string, string>()
    for (const [id, def] of keys) {
      if ((def.for === of || def.for === 'all') && def.default !== undefined && !values.has(id))
        values.set(id, def.default)
    }
    if (values.size === 0) return
    const where = describeLocation(of, record.at, record.id)
    let x: FieldValue | undefined
    let y: FieldValue | undefined
    let typeAttr: string | undefined
    let hasLabel = false
    for (const id of values.keys()) if ((keys.get(id)?.name ?? id) === 'label') hasLabel = true
    for (const [id, text] of values) {
      const def = keys.get(id)
      const name = def?.name ?? id
      const raw = isTypeName(name) ? intern(text) : text
      const value = typed(raw, def?.type ?? 'string')
      if (name === 'kind') {
        record.type = raw
      } else if (name === 'label' || (of === 'node' && name === 'name' && !hasLabel)) {
        record.app[of === 'node' ? 'title' : 'label'] = raw
      } else if (of === 'node' && name === 'x') {
        x = value
      } else if (of === 'node' && name === 'y') {
        y = value
      } else {
        if (of === 'edge' && name === 'directed') {
          const d = directedValue(value)
          if (d !== undefined) {
            ;(record as RawEdge).directed = d
            continue
          }
        }
        if (name.toLowerCase() === 'type' && typeAttr === undefined) typeAttr = raw
        const issue = assignAttribute(record, of, name, value, where)
        if (issue) issues.push(issue)
      }
    }
    if (typeof x === 'number' && typeof y === 'number') record.app.position = { x, y }
    else {
      if (x !== undefined) record.fields.x = x
      if (y !== undefined) record.fields.y = y
    }
    if (!record.type && typeAttr !== undefined) record.type = typeAttr
  }

  return xmlGraphReader(xml, 'GraphML', () => ({
    sawGraph,
    out,
    issues,
    missingIds: edgeIds.missing,
    duplicateIds: edgeIds.duplicate
  }))
}

/**
 * Reads GraphML text into raw records (the whole text at once; see {@link createGraphmlReader}).
 * Never throws on bad input.
 */
export function parseGraphml(text: string): Result<RawGraph> {
  return readWhole(createGraphmlReader(), text)
}
