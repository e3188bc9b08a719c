/**
 * GEXF (Gephi). Writes GEXF 1.3 with `viz:position`, the app kind as attribute `kind` (and as the
 * native edge `kind`), every app field and every free field as a declared attribute. Reads GEXF
 * 1.1–1.3 from Gephi and from this app: declared attributes with defaults and types, viz positions,
 * colours and sizes (kept in `fields`), edge direction per edge and per graph, parallel edges.
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
  child,
  children,
  descendants,
  escapeText,
  locate,
  parseXml,
  type XmlElement
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
    if (col.app) value = encodeAppValue(col.app, rec[col.app])
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
        ['type', EDGE_RULES[e.kind].directed ? 'directed' : 'undirected'],
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

function typed(value: string, type: string): FieldValue {
  if (NUMERIC.has(type)) {
    const n = Number(value)
    return value.trim() !== '' && Number.isFinite(n) ? n : value
  }
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
  return value
}

function readDefs(graph: XmlElement, cls: 'node' | 'edge'): Map<string, AttrDef> {
  const defs = new Map<string, AttrDef>()
  for (const block of children(graph, 'attributes')) {
    if ((attr(block, 'class') ?? 'node') !== cls) continue
    for (const a of children(block, 'attribute')) {
      const id = attr(a, 'id')
      if (id === undefined) continue
      const def = child(a, 'default')
      defs.set(id, {
        title: attr(a, 'title') ?? id,
        type: (attr(a, 'type') ?? 'string').toLowerCase(),
        ...(def ? { default: def.text } : {})
      })
    }
  }
  return defs
}

function rgba(el: XmlElement): string | undefined {
  const hex = attr(el, 'hex')
  if (hex) return hex
  const [r, g, b] = ['r', 'g', 'b'].map((k) => Number(attr(el, k) ?? 0))
  const a = attr(el, 'a')
  const h = (v: number | undefined): string =>
    Math.max(0, Math.min(255, v ?? 0))
      .toString(16)
      .padStart(2, '0')
  return a !== undefined && Number(a) !== 1
    ? `rgba(${r}, ${g}, ${b}, ${Number(a)})`
    : `#${h(r)}${h(g)}${h(b)}`
}

/** Reads attvalues (with declared defaults) onto a raw record; `kind`/`type` become its type. */
function readAttvalues(
  el: XmlElement,
  defs: Map<string, AttrDef>,
  record: RawNode | RawEdge,
  of: 'node' | 'edge',
  issues: ImportIssue[],
  where: string
): void {
  const values = new Map<string, string>()
  const block = child(el, 'attvalues')
  if (block) {
    for (const av of children(block, 'attvalue')) {
      const key = attr(av, 'for') ?? attr(av, 'id')
      const value = attr(av, 'value')
      if (key !== undefined && value !== undefined) values.set(key, value)
    }
  }
  for (const [id, def] of defs)
    if (!values.has(id) && def.default !== undefined) values.set(id, def.default)
  let typeFromAttr: string | undefined
  for (const [id, raw] of values) {
    const def = defs.get(id)
    const title = def?.title ?? id
    if (title === 'kind') {
      record.type = raw
      continue
    }
    if (title.toLowerCase() === 'type' && typeFromAttr === undefined) typeFromAttr = raw
    const issue = assignAttribute(record, of, title, typed(raw, def?.type ?? 'string'), where)
    if (issue) issues.push(issue)
  }
  if (!record.type && typeFromAttr !== undefined) record.type = typeFromAttr
}

function readViz(el: XmlElement, record: RawNode | RawEdge): void {
  for (const v of children(el)) {
    const name = v.localName
    if (name === 'position' && !('source' in record)) {
      const x = Number(attr(v, 'x'))
      const y = Number(attr(v, 'y'))
      if (Number.isFinite(x) && Number.isFinite(y)) record.app.set('position', { x, y })
    } else if (name === 'color') {
      const c = rgba(v)
      if (c) record.fields.set('viz:color', c)
    } else if (name === 'size' || name === 'thickness') {
      const n = Number(attr(v, 'value'))
      if (Number.isFinite(n)) record.fields.set(`viz:${name}`, n)
    } else if (name === 'shape') {
      const s = attr(v, 'value') ?? attr(v, 'uri')
      if (s) record.fields.set('viz:shape', s)
    }
  }
}

/**
 * Reads GEXF 1.1–1.3 text into raw records. Rejects malformed XML (line and column), a document that
 * is not GEXF, a GEXF 2+ version, nodes or edges without the attributes they need, and unsafe
 * attribute names. Never throws on bad input.
 */
export function parseGexf(text: string): Result<RawGraph> {
  const parsed = parseXml(text, 'GEXF')
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (root.localName !== 'gexf') {
    return fail([
      {
        code: 'not_our_format',
        path: [],
        message: 'Dit is geen GEXF-bestand: het hoofdelement is geen <gexf>.'
      }
    ])
  }
  const version = attr(root, 'version')
  if (version !== undefined && !/^1(\.\d+)?$/.test(version.trim())) {
    return fail([
      {
        code: 'unsupported_version',
        path: ['version'],
        message: `GEXF-versie ${version} wordt niet ondersteund (wel 1.1 tot en met 1.3).`
      }
    ])
  }
  const graph = child(root, 'graph')
  if (!graph)
    return fail([
      { code: 'not_our_format', path: [], message: 'Het GEXF-bestand bevat geen <graph>.' }
    ])
  const defaultDirected = (attr(graph, 'defaultedgetype') ?? 'undirected') !== 'undirected'
  const nodeDefs = readDefs(graph, 'node')
  const edgeDefs = readDefs(graph, 'edge')
  const issues: ImportIssue[] = []
  const out: RawGraph = { nodes: [], edges: [], annotations: [] }

  for (const el of descendants(graph, 'node')) {
    const at = { ...locate(el), record: out.nodes.length + 1 }
    const id = attr(el, 'id')
    if (id === undefined || id === '') {
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
    const label = attr(el, 'label')
    if (label !== undefined) node.app.set('title', label)
    const where = describeLocation('node', at, id)
    readAttvalues(el, nodeDefs, node, 'node', issues, where)
    readViz(el, node)
    out.nodes.push(node)
  }
  for (const el of descendants(graph, 'edge')) {
    const at = { ...locate(el), record: out.edges.length + 1 }
    const source = attr(el, 'source')
    const target = attr(el, 'target')
    const id = attr(el, 'id') ?? null
    if (!source || !target) {
      issues.push({
        code: 'invalid_field',
        path: [source ? 'target' : 'source'],
        field: source ? 'target' : 'source',
        message: `${describeLocation('edge', at, id)}: de verbinding mist ${source ? 'target' : 'source'}.`,
        ...at
      })
      continue
    }
    const type = attr(el, 'type')
    const edge: RawEdge = {
      id,
      type: attr(el, 'kind') ?? '',
      source,
      target,
      directed: type ? type !== 'undirected' : defaultDirected,
      app: new Map(),
      fields: new Map(),
      at
    }
    const label = attr(el, 'label')
    if (label !== undefined) edge.app.set('label', label)
    const weight = attr(el, 'weight')
    if (weight !== undefined) edge.app.set('weight', typed(weight, 'double'))
    readAttvalues(el, edgeDefs, edge, 'edge', issues, describeLocation('edge', at, id))
    readViz(el, edge)
    out.edges.push(edge)
  }
  return issues.length ? fail(issues) : ok(out)
}
