/**
 * The import pipeline's intermediate form: records as a file describes them, before node types are
 * mapped to the app's kinds, plus the naming and value conventions every flat format (CSV, GEXF,
 * GraphML, Cytoscape JSON) shares so that app → file → app is lossless.
 */
import { edgeSchema } from '../domain/edge-kinds'
import { NODE_KINDS, NODE_SCHEMAS, isUnsafeKey, type FieldValue } from '../domain/node-kinds'
import type { Issue } from '../domain/result'

/** Where a record or problem sits in its file: a line (text formats) or a record number (JSON). */
export interface Locator {
  /** 1-based line in the file. */
  line?: number
  /** 1-based column, when the parser knows it. */
  column?: number
  /** 1-based position among the file's nodes or edges. */
  record?: number
}

/** An {@link Issue} that also says where in the file it was found and which attribute it concerns. */
export type ImportIssue = Issue & Locator & { field?: string }

/**
 * A node as read from a file. `type` is an app kind or a foreign type ('' when the file has none);
 * `app` holds attributes named like app fields (values already decoded: lists as arrays, JSON as
 * objects, booleans and numbers typed); `fields` holds every other attribute. Both are plain objects
 * (a Map costs ~190 bytes even when empty, a small object ~60; a million-record file holds two per
 * record). Their keys never include `__proto__`, `constructor` or `prototype`: readers refuse the
 * file instead (assignAttribute), and set only such checked names or fixed ones.
 */
export interface RawNode {
  id: string
  type: string
  app: Record<string, unknown>
  fields: Record<string, FieldValue>
  at: Locator
}

/** An edge as read from a file; `id` is null when the file gives none, `directed` null when unsaid. */
export interface RawEdge {
  id: string | null
  type: string
  source: string
  target: string
  directed: boolean | null
  app: Record<string, unknown>
  fields: Record<string, FieldValue>
  at: Locator
}

/** A whole file's records before mapping. Annotations only travel in `.kg.json` and pass through. */
export interface RawGraph {
  nodes: RawNode[]
  edges: RawEdge[]
  annotations: unknown[]
  /**
   * What the reader changed or noticed without refusing the file (Dutch), for the import preview:
   * e.g. edges with a missing or repeated id that get a fresh one.
   */
  notes?: ImportIssue[]
}

// ---------- app fields ----------

/** How an app field is written as one flat value. */
export type FieldCodec = 'string' | 'boolean' | 'number' | 'list' | 'json'

const CODECS: Readonly<Record<string, FieldCodec>> = {
  tags: 'list',
  wentWell: 'list',
  wentWrong: 'list',
  attentionPoints: 'list',
  evidence: 'list',
  sources: 'json',
  isPerson: 'boolean',
  weight: 'number'
}

/** The codec of an app field (string unless the table says otherwise). */
export function codecOf(name: string): FieldCodec {
  return CODECS[name] ?? 'string'
}

/** Keys each format writes natively rather than as an attribute. */
const STRUCTURAL = new Set(['id', 'kind', 'fields', 'position', 'source', 'target'])
const RECORD_TAIL = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']

function orderedNames(shapes: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>()
  for (const shape of shapes) for (const key of Object.keys(shape)) seen.add(key)
  const names = [...seen].filter((k) => !STRUCTURAL.has(k) && !RECORD_TAIL.includes(k))
  return [...names, ...RECORD_TAIL]
}

/**
 * Every node field a flat format writes as an attribute, in column order: title first, record
 * bookkeeping last. Derived from NODE_SCHEMAS, so a new field is exported without touching this file.
 */
export const APP_NODE_FIELDS: readonly string[] = orderedNames(
  NODE_KINDS.map((k) => NODE_SCHEMAS[k].shape)
)
/** Every edge field a flat format writes as an attribute (from `edgeSchema`). */
export const APP_EDGE_FIELDS: readonly string[] = orderedNames([edgeSchema.shape])
const NODE_FIELD_SET = new Set(APP_NODE_FIELDS)
const EDGE_FIELD_SET = new Set(APP_EDGE_FIELDS)

/** Whether `name` is an app field of nodes (`'node'`) or edges (`'edge'`). */
export function isAppField(name: string, of: 'node' | 'edge'): boolean {
  return (of === 'node' ? NODE_FIELD_SET : EDGE_FIELD_SET).has(name)
}

/**
 * Writes a string list as one value: `a|b|c` (Kumu's and Gephi's list convention) when that reads
 * back unambiguously, else a JSON array. Empty lists give `''`.
 */
export function encodeList(list: readonly string[]): string {
  if (list.length === 0) return ''
  const joined = list.join('|')
  const plain = joined !== '' && !joined.startsWith('[') && list.every((i) => !i.includes('|'))
  return plain ? joined : JSON.stringify(list)
}

/** Reads a value written by {@link encodeList} (or a hand-made `a | b` list). */
export function decodeList(text: string): string[] {
  if (text === '') return []
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed) && parsed.every((i) => typeof i === 'string')) return parsed
    } catch {
      // not JSON: a plain list that happens to start with '['
    }
  }
  return text.split('|')
}

/** The flat value of an app field, or undefined when nothing needs writing (absent, null, empty list). */
export function encodeAppValue(
  name: string,
  value: unknown
): string | number | boolean | undefined {
  if (value === undefined || value === null) return undefined
  switch (codecOf(name)) {
    case 'list':
      return Array.isArray(value) && value.length ? encodeList(value as string[]) : undefined
    case 'json':
      return Array.isArray(value) && value.length === 0 ? undefined : JSON.stringify(value)
    default:
      return typeof value === 'number' || typeof value === 'boolean' ? value : String(value)
  }
}

const TRUE_WORDS = new Set(['true', '1', 'ja', 'yes', 'waar', 'wahr'])
const FALSE_WORDS = new Set(['false', '0', 'nee', 'no', 'onwaar'])

/**
 * Decodes a flat value of an app field. Values that do not decode are returned as they are, so the
 * validator (app records) or the mapper (foreign records: into `fields`) can deal with them.
 * Returns undefined for an empty value of a non-string field (the field is then absent).
 */
export function decodeAppValue(name: string, value: FieldValue): unknown {
  if (typeof value !== 'string') return value
  switch (codecOf(name)) {
    case 'list':
      return decodeList(value)
    case 'json': {
      if (value === '') return undefined
      try {
        return JSON.parse(value) as unknown
      } catch {
        return value
      }
    }
    case 'boolean': {
      const w = value.trim().toLowerCase()
      if (w === '') return undefined
      return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : value
    }
    case 'number': {
      if (value.trim() === '') return undefined
      return parseDecimal(value.trim().replace(',', '.')) ?? value
    }
    default:
      return value
  }
}

/**
 * A number as files write one: plain decimal (`12`, `-0.5`, `1e-3`). Hex (`0x10`), empty or padded
 * text, `Infinity` and `NaN` give undefined (`Number()` would read `0x10` as 16 and `''` as 0).
 */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

// ---------- free fields (the `fields` map) ----------

/** The value type of one free-field column across all records. */
export type ColumnType = 'text' | 'number' | 'boolean' | 'json'

/** The type suffix a column name may carry: `aantal #number`. */
const TYPE_SUFFIX = / #(text|number|boolean|json)$/
/** Prefix that marks a free field whose name would otherwise clash with an app or format name. */
export const FIELDS_PREFIX = 'fields.'

/** Names formats use natively besides app fields; a free field by that name is written prefixed. */
const FORMAT_NAMES = [
  'id',
  'kind',
  'type',
  'label',
  'name',
  'from',
  'to',
  'direction',
  'directed',
  'x',
  'y',
  'source',
  'target',
  'interaction',
  'position',
  'fields'
]
const RESERVED_LOWER = new Set(
  [...APP_NODE_FIELDS, ...APP_EDGE_FIELDS, ...FORMAT_NAMES].map((n) => n.toLowerCase())
)

/** The narrowest column type that holds every value (null or mixed types need JSON). */
export function columnTypeOf(values: Iterable<FieldValue>): ColumnType {
  let type: ColumnType | null = null
  for (const v of values) {
    const t: ColumnType =
      v === null
        ? 'json'
        : typeof v === 'number'
          ? 'number'
          : typeof v === 'boolean'
            ? 'boolean'
            : 'text'
    if (type === null) type = t
    else if (type !== t) return 'json'
  }
  return type ?? 'text'
}

/**
 * The column (attribute) name for free field `key`. Keys that clash with an app or format name (case
 * insensitive) or start with `fields.` get the `fields.` prefix. A type suffix is added when the
 * format cannot type values itself (`nativeTypes: false`, CSV), for JSON columns, and whenever the key
 * itself ends like a suffix. {@link parseColumnName} reverses this exactly.
 */
export function freeColumnName(key: string, type: ColumnType, nativeTypes: boolean): string {
  const clash = RESERVED_LOWER.has(key.toLowerCase()) || key.startsWith(FIELDS_PREFIX)
  const base = clash ? FIELDS_PREFIX + key : key
  const needsSuffix = TYPE_SUFFIX.test(base) || type === 'json' || (!nativeTypes && type !== 'text')
  return needsSuffix ? `${base} #${type}` : base
}

/** What a column name means: a free field (with its declared type, if any) or an app/format name. */
export function parseColumnName(name: string): { base: string; free: boolean; type?: ColumnType } {
  const m = TYPE_SUFFIX.exec(name)
  const type = m ? (m[1] as ColumnType) : undefined
  const base = m ? name.slice(0, m.index) : name
  if (base.startsWith(FIELDS_PREFIX)) {
    return { base: base.slice(FIELDS_PREFIX.length), free: true, ...(type ? { type } : {}) }
  }
  return { base, free: type !== undefined, ...(type ? { type } : {}) }
}

/** A free-field value as flat text for a column of `type`. */
export function encodeFreeValue(value: FieldValue, type: ColumnType): string {
  if (type === 'json') return JSON.stringify(value)
  return String(value)
}

/** Reads a free-field value from flat text; values that do not match `type` stay text. */
export function decodeFreeValue(text: string, type: ColumnType | undefined): FieldValue {
  switch (type) {
    case 'number':
      return parseDecimal(text) ?? text
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text
    case 'json':
      try {
        const v: unknown = JSON.parse(text)
        return toFieldValue(v)
      } catch {
        return text
      }
    default:
      return text
  }
}

/** A value as a `fields` entry: primitives stay, anything else becomes its JSON text. */
export function toFieldValue(value: unknown): FieldValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (value === undefined) return null
  return JSON.stringify(value)
}

// ---------- building raw records ----------

/** A node or edge under construction. */
export type RawRecord = RawNode | RawEdge

/** An unsafe attribute name: files that carry one are rejected whole. */
export function unsafeKeyIssue(key: string, at: Locator, where: string): ImportIssue {
  return {
    code: 'unsafe_key',
    path: [key],
    message: `${where}: verboden naam "${key}" (__proto__, constructor of prototype); het bestand is geweigerd.`,
    field: key,
    ...at
  }
}

/** Parsed column names: files repeat the same few names on every record. */
const COLUMN_CACHE = new Map<string, ReturnType<typeof parseColumnName>>()

/**
 * Stores one attribute on a raw record by its column name: `fields.x` and suffixed names go to
 * `fields` (decoded by their type suffix), app field names go to `app` (decoded by their codec), any
 * other name goes to `fields` as it is. Returns an issue for an unsafe name instead of storing it.
 * `value` undefined means the attribute is absent and nothing is stored.
 */
export function assignAttribute(
  record: RawRecord,
  of: 'node' | 'edge',
  name: string,
  value: unknown,
  where: string
): ImportIssue | null {
  if (value === undefined) return null
  let col = COLUMN_CACHE.get(name)
  if (!col) {
    col = parseColumnName(name)
    if (COLUMN_CACHE.size > 10_000) COLUMN_CACHE.clear()
    COLUMN_CACHE.set(name, col)
  }
  if (isUnsafeKey(col.base)) return unsafeKeyIssue(col.base, record.at, where)
  if (!col.free && isAppField(col.base, of)) {
    const decoded = isPrimitive(value) ? decodeAppValue(col.base, value) : value
    if (decoded !== undefined) record.app[col.base] = decoded
    return null
  }
  const fieldValue =
    typeof value === 'string' ? decodeFreeValue(value, col.type) : toFieldValue(value)
  record.fields[col.base] = fieldValue
  return null
}

function isPrimitive(value: unknown): value is FieldValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

/** How a record is named in messages: `Regel 12`, `Knoop 4` or `Verbinding 7`, plus its id. */
export function describeLocation(of: 'node' | 'edge', at: Locator, id?: string | null): string {
  const noun = of === 'node' ? 'knoop' : 'verbinding'
  const head =
    at.line !== undefined
      ? `Regel ${at.line}${id ? `, ${noun} ${id}` : ''}`
      : `${noun === 'knoop' ? 'Knoop' : 'Verbinding'} ${at.record ?? '?'}${id ? ` (${id})` : ''}`
  return head
}

/** The `app` or `fields` of a raw record that has none: one object for all, frozen. */
const NONE = Object.freeze({}) as Record<string, never>

/**
 * Lets the records of a whole file share one frozen empty object for every empty `app` and
 * `fields` (most edges of Gephi and NetworkX files have no attributes: two empty objects are ~100
 * bytes an edge), so the preview holds less while it validates. Call it once reading is done: a
 * record's `app` and `fields` may not be written after that (mapping copies them).
 */
export function shareEmpty(raw: RawGraph): RawGraph {
  const compact = (r: RawRecord): void => {
    if (isEmpty(r.app)) r.app = NONE
    if (isEmpty(r.fields)) r.fields = NONE
  }
  raw.nodes.forEach(compact)
  raw.edges.forEach(compact)
  return raw
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false
  return true
}

/** Whether an attribute names a record's type (`kind`, or `type` in any case): values to intern. */
export function isTypeName(name: string): boolean {
  return name === 'kind' || name.toLowerCase() === 'type'
}

/**
 * Gives one string object per distinct value, for values files repeat on every record (a type,
 * a node id an edge points at): a million edges to a thousand types then hold a thousand strings.
 * Forgets everything when it has seen `max` values (a column of unique values gains nothing).
 */
export function interner(max = 10_000): (value: string) => string {
  const seen = new Map<string, string>()
  return (value) => {
    const known = seen.get(value)
    if (known !== undefined) return known
    if (seen.size >= max) seen.clear()
    seen.set(value, value)
    return value
  }
}

/** Free-field columns of a set of records: key → type, sorted by key for stable files. */
export function freeColumns(
  records: readonly { fields: Record<string, FieldValue> }[]
): Map<string, ColumnType> {
  const values = new Map<string, FieldValue[]>()
  for (const r of records) {
    for (const [k, v] of Object.entries(r.fields)) {
      let list = values.get(k)
      if (!list) values.set(k, (list = []))
      list.push(v)
    }
  }
  const out = new Map<string, ColumnType>()
  for (const k of [...values.keys()].sort()) out.set(k, columnTypeOf(values.get(k) ?? []))
  return out
}

/** App fields of a record kind that carry a value in at least one record, in column order. */
export function usedAppFields(
  records: readonly object[],
  names: readonly string[],
  skip: ReadonlySet<string>
): string[] {
  const used = new Set<string>()
  for (const r of records) {
    const rec = r as Record<string, unknown>
    for (const n of names) if (!used.has(n) && encodeAppValue(n, rec[n]) !== undefined) used.add(n)
  }
  return names.filter((n) => used.has(n) && !skip.has(n))
}
