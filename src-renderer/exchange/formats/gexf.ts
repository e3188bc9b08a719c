/**
 * GEXF (Gephi, NetworkX). Writes GEXF 1.3 with `viz:position`, the app kind as attribute `kind` (and
 * as the native edge `kind`), every edge in a directed graph with its direction as attribute
 * `directed`, every app field and every free field as a declared attribute. Reads GEXF 1.1–1.3 from
 * Gephi, NetworkX and this app as a stream (no document tree): declared attributes with defaults
 * and types, viz positions, colours and sizes (kept in `fields`), edge direction per edge and per
 * graph, parallel edges.
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

/** Options for {@link serializeGexf}. */
export interface GexfOptions {
  /** ISO timestamp for `lastmodifieddate`; defaults to now. */
  exportedAt?: string
  /** Written as the creator, e.g. `stadmaken-kennisgraaf@0.1.0`. */
  creator?: string
  title?: string
}

interface Column {
  id: string
  title: string
  type: 'string' | 'double' | 'boolean'
  /** App field name, or null for a free field. */
  app: string | null
  /** Free field key and type. */
  free?: { key: string; type: ColumnType }
  /** A value that is neither an app field nor a free field (the edge's direction). */
  value?: (record: GraphEdge) => boolean
}

const GEXF_TYPE: Record<ColumnType, Column['type']> = {
  text: 'string',
  number: 'double',
  boolean: 'boolean',
  json: 'string'
}

function columnsFor(
  records: readonly (GraphNode | GraphEdge)[],
  appNames: readonly string[],
  native: ReadonlySet<string>,
  prefix: string
): Column[] {
  const cols: Column[] = [{ id: `${prefix}0`, title: 'kind', type: 'string', app: 'kind' }]
  if (prefix === 'e') cols.push(DIRECTED_COLUMN)
  for (const name of usedAppFields(records, appNames, native)) {
    const c = codecOf(name)
    cols.push({
      id: `${prefix}${cols.length}`,
      title: name,
      type: c === 'boolean' ? 'boolean' : c === 'number' ? 'double' : 'string',
      app: name
    })
  }
  for (const [key, type] of freeColumns(records)) {
    cols.push({
      id: `${prefix}${cols.length}`,
      title: freeColumnName(key, type, true),
      type: GEXF_TYPE[type],
      app: null,
      free: { key, type }
    })
  }
  return cols
}

function attvalues(record: GraphNode | GraphEdge, cols: readonly Column[], pad: string): string {
  const rec = record as unknown as Record<string, unknown>
  let out = ''
  for (const col of cols) {
    let value: string | number | boolean | undefined
    if (col.value) value = col.value(record as GraphEdge)
    else if (col.app) value = encodeAppValue(col.app, rec[col.app])
    else if (col.free && Object.hasOwn(record.fields, col.free.key)) {
      const v = record.fields[col.free.key] as FieldValue
      value =
        col.free.type === 'json' ? encodeFreeValue(v, 'json') : (v as string | number | boolean)
    }
    if (value === undefined) continue
    out += `${pad}  <attvalue${attrs([
      ['for', col.id],
      ['value', String(value)]
    ])}/>\n`
  }
  return out ? `${pad}<attvalues>\n${out}${pad}</attvalues>\n` : ''
}

function declare(cls: 'node' | 'edge', cols: readonly Column[]): string {
  const lines = cols.map(
    (c) =>
      `      <attribute${attrs([
        ['id', c.id],
        ['title', c.title],
        ['type', c.type]
      ])}/>\n`
  )
  return `    <attributes class="${cls}" mode="static">\n${lines.join('')}    </attributes>\n`
}

/**
 * Every edge is written in a directed graph, its own direction in the boolean attribute `directed`
 * (false for undirected kinds such as "spanning met"): NetworkX and other readers that cannot hold
 * directed and undirected edges in one graph refuse a mixed file. {@link createGexfReader} reads the
 * attribute back as the edge's direction.
 */
const DIRECTED_COLUMN: Column = {
  id: 'e1',
  title: 'directed',
  type: 'boolean',
  app: null,
  value: (e) => EDGE_RULES[e.kind].directed
}

const NODE_NATIVE = new Set(['title'])
const EDGE_NATIVE = new Set(['label', 'weight'])

/**
 * Writes a graph as GEXF 1.3. Ids, kinds, titles, positions, every app field and every free field
 * travel as native attributes or declared attributes, so {@link parseGexf} plus the import mapping
 * give back the same records (annotations are not part of GEXF). Deterministic for equal input.
 */
export function serializeGexf(graph: GraphData, options: GexfOptions = {}): string {
  const nodeCols = columnsFor(graph.nodes, APP_NODE_FIELDS, NODE_NATIVE, 'n')
  const edgeCols = columnsFor(graph.edges, APP_EDGE_FIELDS, EDGE_NATIVE, 'e')
  const date = (options.exportedAt ?? new Date().toISOString()).slice(0, 10)
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" ',
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
    `  <meta${attrs([['lastmodifieddate', date]])}>\n`,
    `    <creator>${escapeText(options.creator ?? 'stadmaken-kennisgraaf')}</creator>\n`,
    options.title ? `    <title>${escapeText(options.title)}</title>\n` : '',
    '  </meta>\n',
    '  <graph defaultedgetype="directed" mode="static">\n',
    declare('node', nodeCols),
    declare('edge', edgeCols),
    '    <nodes>\n'
  ]
  for (const n of graph.nodes) {
    out.push(
      `      <node${attrs([
        ['id', n.id],
        ['label', n.title]
      ])}>\n`
    )
    out.push(attvalues(n, nodeCols, '        '))
    if (n.position) {
      out.push(
        `        <viz:position${attrs([
          ['x', n.position.x],
          ['y', n.position.y],
          ['z', 0]
        ])}/>\n`
      )
    }
    out.push('      </node>\n')
  }
  out.push('    </nodes>\n    <edges>\n')
  for (const e of graph.edges) {
    out.push(
      `      <edge${attrs([
        ['id', e.id],
        ['source', e.source],
        ['target', e.target],
        ['kind', e.kind],
        ['label', e.label],
        ['weight', e.weight]
      ])}>\n`
    )
    out.push(attvalues(e, edgeCols, '        '))
    out.push('      </edge>\n')
  }
  out.push('    </edges>\n  </graph>\n</gexf>\n')
  return out.join('')
}

// ---------- reading ----------

interface AttrDef {
  title: string
  type: string
  default?: string
}

const NUMERIC = new Set([
  'integer',
  'long',
  'float',
  'double',
  'short',
  'byte',
  'bigdecimal',
  'biginteger'
])

/** A declared value as its type says; values that do not fit stay text (nothing is guessed). */
function typed(value: string, type: string): FieldValue {
  if (NUMERIC.has(type)) return parseDecimal(value) ?? value
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
  return value
}

function rgba(attributes: Readonly<Record<string, string>>): string | undefined {
  const hex = attributes.hex
  if (hex) return hex
  const [r, g, b] = ['r', 'g', 'b'].map((k) => parseDecimal(attributes[k] ?? '0') ?? 0)
  const a = attributes.a
  const h = (v: number | undefined): string =>
    Math.round(Math.max(0, Math.min(255, v ?? 0)))
      .toString(16)
      .padStart(2, '0')
  const alpha = a === undefined ? 1 : (parseDecimal(a) ?? 1)
  return alpha !== 1 ? `rgba(${r}, ${g}, ${b}, ${alpha})` : `#${h(r)}${h(g)}${h(b)}`
}

/** The boolean an edge's `directed` attribute holds, or undefined when it holds none. */
function directedValue(value: FieldValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === '1') return true
  if (value === 'false' || value === '0') return false
  return undefined
}

/** A node or edge whose element is open. */
interface Frame {
  /** The record, or null when the element is refused (no id) and only its depth matters. */
  record: RawNode | RawEdge | null
  of: 'node' | 'edge'
  depth: number
  /** Depth of its first `<attvalues>` block while open; -1 before, -2 after it. */
  attvalues: number
  /** Attribute values by declared id, in file order (declared defaults are added at the end). */
  values: Map<string, string> | null
}

/**
 * A streaming GEXF 1.1–1.3 reader (see chunk-reader.ts): records are built from the parser's events
 * as the text arrives, with no document tree. Reads declared attributes with defaults and types, viz
 * positions, colours, sizes and shapes (kept in `fields`), edge direction per edge and per graph (or
 * as the `directed` attribute this app writes), parallel edges and nested nodes. Refuses malformed
 * XML (line and column), too deep nesting or too long values, a document that is not GEXF, a GEXF 2+
 * version, nodes or edges without the attributes they need, numbers that are not plain decimals
 * where a number is required, and unsafe attribute names. Edges with a missing or repeated id are
 * kept and get a fresh id later (mapping.ts); `notes` says how many.
 */
export function createGexfReader(limits: XmlReaderLimits = {}): ChunkReader<RawGraph> {
  const maxRecords = limits.maxRecords ?? XML_MAX_RECORDS
  const out: RawGraph = { nodes: [], edges: [], annotations: [] }
  /** Node ids by value, so an edge's ends share the node's id string; types likewise. */
  const nodeIds = new Map<string, string>()
  const intern = interner()
  const issues: ImportIssue[] = []
  const edgeIds = edgeIdTracker()
  const defs = { node: new Map<string, AttrDef>(), edge: new Map<string, AttrDef>() }
  /** Depth of the graph that is read (the first `<graph>` under the root); 0 before, -1 after. */
  let graphDepth = 0
  let defaultDirected = false
  /** The open `<attributes>` block's class and depth, the open `<attribute>` and its default. */
  let attrClass: 'node' | 'edge' | null = null
  let attributesDepth = 0
  let attribute: { id: string; def: AttrDef; depth: number } | null = null
  let defaultDepth = 0
  let defaultText = ''
  let defaultHasChildren = false
  /** Depth of the innermost open element (text belongs to it). */
  let current = 0
  const frames: Frame[] = []

  const handler: XmlHandler = {
    open(tag) {
      const a = tag.attributes
      const depth = tag.depth
      current = depth
      if (defaultDepth) defaultHasChildren = true
      if (depth === 1) {
        if (tag.local !== 'gexf') {
          xml.refuse({
            code: 'not_our_format',
            path: [],
            message: 'Dit is geen GEXF-bestand: het hoofdelement is geen <gexf>.'
          })
        }
        const version = a.version
        if (version !== undefined && !/^1(\.\d+)?$/.test(version.trim())) {
          xml.refuse({
            code: 'unsupported_version',
            path: ['version'],
            message: `GEXF-versie ${version} wordt niet ondersteund (wel 1.1 tot en met 1.3).`
          })
        }
        return
      }
      if (graphDepth === 0) {
        if (depth === 2 && tag.local === 'graph') {
          graphDepth = depth
          defaultDirected = (a.defaultedgetype ?? 'undirected') !== 'undirected'
        }
        return
      }
      if (graphDepth < 0 || depth <= graphDepth) return
      const local = tag.local
      if (depth === graphDepth + 1 && local === 'attributes') {
        const cls = a.class ?? 'node'
        attrClass = cls === 'edge' ? 'edge' : cls === 'node' ? 'node' : null
        attributesDepth = depth
        return
      }
      if (attributesDepth > 0) {
        if (depth === attributesDepth + 1 && local === 'attribute' && a.id !== undefined) {
          attribute = {
            id: a.id,
            def: { title: a.title ?? a.id, type: (a.type ?? 'string').toLowerCase() },
            depth
          }
        } else if (attribute && depth === attribute.depth + 1 && local === 'default') {
          defaultDepth = depth
          defaultText = ''
          defaultHasChildren = false
        }
        return
      }
      if (local === 'node') return openNode(tag)
      if (local === 'edge') return openEdge(tag)
      const frame = frames[frames.length - 1]
      if (!frame || !frame.record) return
      if (depth === frame.depth + 1) {
        if (local === 'attvalues' && frame.attvalues === -1) frame.attvalues = depth
        else readViz(tag, frame)
      } else if (depth === frame.attvalues + 1 && local === 'attvalue') {
        const key = a.for ?? a.id
        const value = a.value
        if (key !== undefined && value !== undefined)
          (frame.values ??= new Map()).set(key, detach(value))
      }
    },
    text(text) {
      if (defaultDepth && current === defaultDepth) defaultText += text
    },
    close(local, depth) {
      current = depth - 1
      if (graphDepth <= 0) return
      if (depth === graphDepth) {
        graphDepth = -1
        return
      }
      if (attributesDepth > 0) {
        if (depth === defaultDepth) {
          // Its own text is the value; indentation between child elements is not content.
          if (attribute)
            attribute.def.default =
              defaultHasChildren && defaultText.trim() === '' ? '' : defaultText
          defaultDepth = 0
        } else if (attribute && depth === attribute.depth) {
          if (attrClass) defs[attrClass].set(attribute.id, attribute.def)
          attribute = null
        } else if (depth === attributesDepth) {
          attributesDepth = 0
          attrClass = null
        }
        return
      }
      const frame = frames[frames.length - 1]
      if (!frame) return
      if (depth === frame.attvalues) frame.attvalues = -2
      else if (depth === frame.depth && (local === 'node' || local === 'edge')) {
        frames.pop()
        if (frame.record) finish(frame)
      }
    }
  }
  const xml = createXmlStream('GEXF', handler)
  let records = 0

  /** Refuses the file once it holds more than `maxRecords` nodes and edges. */
  function countRecord(tag: XmlTag): void {
    if (++records > maxRecords) xml.refuse(tooManyRecordsIssue('GEXF', tag.line, maxRecords))
  }

  const refuse = (issue: ImportIssue): never => xml.refuse(issue)

  function openNode(tag: XmlTag): void {
    const a = tag.attributes
    const at = { line: tag.line, column: tag.column, record: out.nodes.length + 1 }
    countRecord(tag)
    const id = a.id === undefined ? undefined : detach(a.id)
    const frame: Frame = { record: null, of: 'node', depth: tag.depth, attvalues: -1, values: null }
    frames.push(frame)
    if (id === undefined || id === '') {
      issues.push(missingNodeIdIssue(at))
      return
    }
    const node: RawNode = { id, type: '', app: {}, fields: {}, at: recordAt(at) }
    if (!nodeIds.has(id)) nodeIds.set(id, id)
    if (a.label !== undefined) node.app.title = detach(a.label)
    frame.record = node
    out.nodes.push(node)
  }

  function openEdge(tag: XmlTag): void {
    const a = tag.attributes
    const at = { line: tag.line, column: tag.column, record: out.edges.length + 1 }
    countRecord(tag)
    const source = a.source === undefined ? undefined : (nodeIds.get(a.source) ?? detach(a.source))
    const target = a.target === undefined ? undefined : (nodeIds.get(a.target) ?? detach(a.target))
    let id = a.id === undefined ? null : detach(a.id)
    const frame: Frame = { record: null, of: 'edge', depth: tag.depth, attvalues: -1, values: null }
    frames.push(frame)
    if (!source || !target) {
      issues.push(missingEndpointIssue(at, id, source))
      return
    }
    const fields: Record<string, FieldValue> = {}
    id = edgeIds.keep(id, fields)
    const type = a.type
    const edge: RawEdge = {
      id,
      type: a.kind === undefined ? '' : intern(detach(a.kind)),
      source,
      target,
      directed: type ? type !== 'undirected' : defaultDirected,
      app: {},
      fields,
      at: recordAt(at)
    }
    if (a.label !== undefined) edge.app.label = detach(a.label)
    if (a.weight !== undefined) edge.app.weight = typed(a.weight, 'double')
    frame.record = edge
    out.edges.push(edge)
  }

  function number(tag: XmlTag, frame: Frame, name: string): number | undefined {
    const raw = tag.attributes[name]
    if (raw === undefined) return undefined
    const n = parseDecimal(raw)
    if (n !== undefined) return n
    const record = frame.record as RawNode | RawEdge
    return refuse(numberAttributeIssue(tag, frame.of, record.id, name, raw))
  }

  function readViz(tag: XmlTag, frame: Frame): void {
    const record = frame.record as RawNode | RawEdge
    switch (tag.local) {
      case 'position': {
        if (frame.of !== 'node') return
        const x = number(tag, frame, 'x')
        const y = number(tag, frame, 'y')
        number(tag, frame, 'z')
        if (x !== undefined && y !== undefined) record.app.position = { x, y }
        return
      }
      case 'color': {
        const c = rgba(tag.attributes)
        if (c) record.fields['viz:color'] = detach(c)
        return
      }
      case 'size':
      case 'thickness': {
        const n = number(tag, frame, 'value')
        if (n !== undefined) record.fields[`viz:${tag.local}`] = n
        return
      }
      case 'shape': {
        const s = tag.attributes.value ?? tag.attributes.uri
        if (s) record.fields['viz:shape'] = detach(s)
      }
    }
  }

  /** Attribute values (with declared defaults) onto the record; `kind`/`type` become its type. */
  function finish(frame: Frame): void {
    const record = frame.record as RawNode | RawEdge
    const of = frame.of
    const declared = defs[of]
    const values = frame.values ?? new Map<string, string>()
    for (const [id, def] of declared)
      if (def.default !== undefined && !values.has(id)) values.set(id, def.default)
    if (values.size === 0) return
    const where = describeLocation(of, record.at, record.id)
    let typeFromAttr: string | undefined
    for (const [id, text] of values) {
      const def = declared.get(id)
      const title = def?.title ?? id
      const raw = isTypeName(title) ? intern(text) : text
      if (title === 'kind') {
        record.type = raw
        continue
      }
      const value = typed(raw, def?.type ?? 'string')
      if (of === 'edge' && title === 'directed') {
        const d = directedValue(value)
        if (d !== undefined) {
          ;(record as RawEdge).directed = d
          continue
        }
      }
      if (title.toLowerCase() === 'type' && typeFromAttr === undefined) typeFromAttr = raw
      const issue = assignAttribute(record, of, title, value, where)
      if (issue) issues.push(issue)
    }
    if (!record.type && typeFromAttr !== undefined) record.type = typeFromAttr
  }

  return xmlGraphReader(xml, 'GEXF', () => ({
    sawGraph: graphDepth !== 0,
    out,
    issues,
    missingIds: edgeIds.missing,
    duplicateIds: edgeIds.duplicate
  }))
}

/**
 * Reads GEXF 1.1–1.3 text into raw records (the whole text at once; see {@link createGexfReader}).
 * Never throws on bad input.
 */
export function parseGexf(text: string): Result<RawGraph> {
  return readWhole(createGexfReader(), text)
}
