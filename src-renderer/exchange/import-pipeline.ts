/**
 * One import pipeline for every format, and the matching exports:
 * read (size limit, encoding) → parse (format by extension, `.json` sniffed) → raw records →
 * preview (counts per kind, every problem with its line or record and field, unknown node and edge
 * types with a suggested kind) → {@link applyMapping} (the user's kind mapping, defaults, foreign
 * attributes into `fields`, `validateGraph` on everything) → {@link importInto} (one transaction,
 * merge by id or replace). Nothing here throws on bad input; a bad file never reaches storage.
 */
import { strToU8, unzipSync, zipSync } from 'fflate'
import { MAX_IMPORT_BYTES } from '../../src-main/shared/ipc-contract'
import {
  EDGE_KINDS,
  EDGE_RULES,
  edgeSchema,
  isEdgeAllowed,
  isEdgeKind,
  type EdgeKind
} from '../domain/edge-kinds'
import type { GraphData } from '../domain/graph'
import {
  NODE_KINDS,
  NODE_SCHEMAS,
  isNodeKind,
  positionSchema,
  type FieldValue,
  type GraphNode,
  type NodeKind
} from '../domain/node-kinds'
import { fail, ok, type Issue, type Result } from '../domain/result'
import { validateGraph } from '../domain/validate'
import en from '../i18n/en.json'
import nl from '../i18n/nl.json'
import {
  csvRole,
  csvToRaw,
  parseCsvTable,
  serializeCsvConnections,
  serializeCsvElements,
  type CsvOptions,
  type CsvTable
} from './formats/csv'
import { cyjsToRaw, parseJsonGuarded, serializeCyjs } from './formats/cyjs'
import { parseGexf, serializeGexf } from './formats/gexf'
import { parseGraphml, serializeGraphml } from './formats/graphml'
import {
  KG_JSON_TYPE,
  parseKgJson,
  serializeKgJson,
  type KgDocument,
  type KgJsonMeta
} from './formats/kg-json'
import {
  describeLocation,
  toFieldValue,
  type ImportIssue,
  type Locator,
  type RawEdge,
  type RawGraph,
  type RawNode
} from './raw-graph'

export type { ImportIssue, RawGraph, RawNode, RawEdge } from './raw-graph'

/** Largest file the pipeline reads (the same limit main applies when it opens a file). */
export const IMPORT_MAX_BYTES = MAX_IMPORT_BYTES

/** Formats the pipeline reads. */
export type ImportFormat = 'kg-json' | 'csv' | 'gexf' | 'graphml' | 'cyjs'

/** One file handed to the pipeline: its base name and bytes. */
export interface ImportFile {
  name: string
  bytes: Uint8Array
}

/** Node counts per (mapped) kind, plus totals. */
export interface ImportCounts {
  nodes: number
  edges: number
  annotations: number
  byKind: Record<NodeKind, number>
}

/** A node type from another tool, how often it occurs and the kind it maps to unless the user chooses. */
export interface UnknownType {
  /** The type as the file spells it; '' when the file gives no type. */
  type: string
  count: number
  suggested: NodeKind
}

/** An edge type that is not an app edge kind; `suggested` is `related` when nothing fits. */
export interface UnknownEdgeType {
  type: string
  count: number
  suggested: EdgeKind
}

/**
 * What the user sees before anything is written. `problems` is empty when the file imports as it is
 * (with the suggested mapping); otherwise {@link applyMapping} fails with the same problems.
 */
export interface ImportPreview {
  format: ImportFormat
  name: string
  counts: ImportCounts
  problems: ImportIssue[]
  unknownTypes: UnknownType[]
  unknownEdgeTypes: UnknownEdgeType[]
  /** The file's records before mapping. */
  graph: RawGraph
  /** For `.kg.json`: the validated document (views and presentations included). */
  document?: KgDocument
  /** The clock and author that fill missing record fields, fixed at read time. */
  stamp: { now: string; author: string }
  /** The stored nodes the preview was checked against (merge), if any. */
  existing?: ExistingNodes
}

/**
 * Looks up a node already in the map (for a merge: a file's edges may point at stored nodes, and
 * their kind decides which edge kinds fit). `repo.store.node.bind(repo.store)` fits.
 */
export type ExistingNodes = (id: string) => GraphNode | undefined

/** Options for {@link readImport}. */
export interface ReadOptions {
  /** Merge: stored nodes the file's edges may point at (see {@link ExistingNodes}). */
  existing?: ExistingNodes
  /** Size limit in bytes; default {@link IMPORT_MAX_BYTES}. */
  maxBytes?: number
  /** ISO time for records without timestamps; default now. */
  now?: string
  /** Author for records without `createdBy`/`updatedBy`; default ''. */
  author?: string
}

// ---------- reading ----------

function issue(code: Issue['code'], message: string, path: Issue['path'] = []): ImportIssue {
  return { code, path, message }
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0).replace('.', ',')} MB`
}

function tooLarge(name: string, size: number, max: number): ImportIssue {
  return issue(
    'too_large',
    `Het bestand ${name} is te groot (${megabytes(size)}); de grens is ${megabytes(max)}. Er is niets geïmporteerd.`
  )
}

/** Which format a file name points at; `.json` and `.xml` are decided by their content. */
export function formatFromName(name: string): ImportFormat | 'zip' | 'json' | 'xml' | null {
  const n = name.toLowerCase()
  if (n.endsWith('.kg.json')) return 'kg-json'
  if (n.endsWith('.cyjs')) return 'cyjs'
  if (n.endsWith('.json')) return 'json'
  if (n.endsWith('.csv') || n.endsWith('.tsv') || n.endsWith('.txt')) return 'csv'
  if (n.endsWith('.zip')) return 'zip'
  if (n.endsWith('.gexf')) return 'gexf'
  if (n.endsWith('.graphml')) return 'graphml'
  if (n.endsWith('.xml')) return 'xml'
  return null
}

const UNKNOWN_EXTENSION =
  'Onbekend bestandstype. Kies een .kg.json-, .csv-, .zip-, .gexf-, .graphml- of .cyjs-bestand.'

/**
 * Decodes bytes as text: a byte order mark decides (UTF-8, UTF-16), then strict UTF-8. CSV files that
 * are not valid UTF-8 are read as Windows-1252 (older Excel on Windows); XML honours its declared
 * encoding. Other invalid text is refused.
 */
function decodeText(bytes: Uint8Array, name: string, kind: 'csv' | 'xml' | 'json'): Result<string> {
  const b0 = bytes[0]
  const b1 = bytes[1]
  try {
    if (b0 === 0xff && b1 === 0xfe) return ok(new TextDecoder('utf-16le').decode(bytes.subarray(2)))
    if (b0 === 0xfe && b1 === 0xff) return ok(new TextDecoder('utf-16be').decode(bytes.subarray(2)))
    if (kind === 'xml') {
      const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
      const declared = /<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase()
      if (declared && declared !== 'utf-8' && declared !== 'utf8') {
        return ok(new TextDecoder(declared).decode(bytes))
      }
    }
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    if (kind === 'csv') return ok(new TextDecoder('windows-1252').decode(bytes))
    return fail([
      issue(
        'invalid_field',
        `Het bestand ${name} is geen geldige tekst (UTF-8). Is het beschadigd?`
      )
    ])
  }
}

function sniffText(text: string): 'json' | 'xml' | 'unknown' {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{') || start.startsWith('[')) return 'json'
  if (start.startsWith('<')) return 'xml'
  return 'unknown'
}

/** Locates `.kg.json` issues by record number (their `recordId` → position in the file's arrays). */
function locateKgIssues(issues: readonly Issue[], data: unknown): ImportIssue[] {
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
  return issues.map((i) => {
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

function kgToRaw(doc: KgDocument): RawGraph {
  const toRaw = (
    record: object,
    i: number
  ): { app: Map<string, unknown>; fields: Map<string, FieldValue>; at: Locator } => {
    const app = new Map<string, unknown>()
    for (const [k, v] of Object.entries(record)) {
      if (k !== 'id' && k !== 'kind' && k !== 'fields' && k !== 'source' && k !== 'target')
        app.set(k, v)
    }
    const fields = new Map(
      Object.entries((record as { fields?: Record<string, FieldValue> }).fields ?? {})
    )
    return { app, fields, at: { record: i + 1 } }
  }
  return {
    nodes: doc.nodes.map((n, i) => ({ id: n.id, type: n.kind, ...toRaw(n, i) })),
    edges: doc.edges.map((e, i) => ({
      id: e.id,
      type: e.kind,
      source: e.source,
      target: e.target,
      directed: null,
      ...toRaw(e, i)
    })),
    annotations: [...doc.annotations]
  }
}

function readJson(
  text: string,
  name: string,
  declared: 'kg-json' | 'cyjs' | 'json'
): Result<{ format: ImportFormat; raw: RawGraph; document?: KgDocument }> {
  const parsed = parseJsonGuarded(text)
  if (!parsed.ok) return parsed
  const data = parsed.value
  const isKg =
    !!data && typeof data === 'object' && (data as { type?: unknown }).type === KG_JSON_TYPE
  const isCy = !!data && typeof data === 'object' && 'elements' in data
  if (isKg || (declared === 'kg-json' && !isCy)) {
    const doc = parseKgJson(text)
    if (!doc.ok) return fail(locateKgIssues(doc.issues, data))
    return ok({ format: 'kg-json', raw: kgToRaw(doc.value), document: doc.value })
  }
  if (isCy || declared === 'cyjs') {
    const raw = cyjsToRaw(data)
    return raw.ok ? ok({ format: 'cyjs', raw: raw.value }) : raw
  }
  return fail([
    issue(
      'not_our_format',
      `${name} is geen Stadmaken Kennisgraaf-bestand en geen Cytoscape-JSON (.cyjs).`
    )
  ])
}

function readCsvTables(files: readonly { name: string; text: string }[]): Result<RawGraph> {
  let elements: CsvTable | null = null
  let connections: CsvTable | null = null
  const issues: ImportIssue[] = []
  for (const f of files) {
    const table = parseCsvTable(f.text, `CSV-bestand ${f.name}`)
    if (!table.ok) {
      issues.push(...table.issues)
      continue
    }
    const role = csvRole(table.value.header)
    if (role === 'elements') {
      if (elements)
        issues.push(
          issue(
            'invalid_field',
            'Er zijn twee elementenbestanden gekozen; kies er één, met hooguit één verbindingenbestand.'
          )
        )
      elements = table.value
    } else {
      if (connections)
        issues.push(
          issue(
            'invalid_field',
            'Er zijn twee verbindingenbestanden gekozen; kies er één, met hooguit één elementenbestand.'
          )
        )
      connections = table.value
    }
  }
  if (issues.length) return fail(issues)
  return csvToRaw(elements, connections)
}

function unzip(file: ImportFile, maxBytes: number): Result<{ name: string; bytes: Uint8Array }[]> {
  let total = 0
  let over = false
  try {
    const entries = unzipSync(file.bytes, {
      filter: (f) => {
        if (!/\.csv$/i.test(f.name) || f.name.startsWith('__MACOSX/')) return false
        total += f.originalSize
        if (total > maxBytes) over = true
        return !over
      }
    })
    if (over) return fail([tooLarge(file.name, total, maxBytes)])
    const list = Object.entries(entries).map(([name, bytes]) => ({ name, bytes }))
    if (!list.length) {
      return fail([
        issue('not_our_format', `Het ZIP-bestand ${file.name} bevat geen CSV-bestanden.`)
      ])
    }
    return ok(list)
  } catch (error) {
    const detail = error instanceof Error ? ` (technisch: ${error.message})` : ''
    return fail([
      issue('invalid_field', `Het ZIP-bestand ${file.name} is beschadigd of onvolledig${detail}.`)
    ])
  }
}

/**
 * Reads one or more files as one import: a single file of any format, a `.zip` holding an elements
 * and/or a connections CSV, or two CSV files (elements and connections). Checks the size limit,
 * decodes the text, picks the format by extension (`.json`, `.xml` and unknown extensions by
 * content) and parses. Fails (Dutch issues, nothing to preview) when the file cannot be read at all:
 * too large, malformed, forbidden keys, not a graph file. Content problems (dangling edges, duplicate
 * ids, invalid fields) come back as `problems` in an ok preview. Never throws.
 */
export function readImportFiles(
  files: readonly ImportFile[],
  options: ReadOptions = {}
): Result<ImportPreview> {
  const maxBytes = options.maxBytes ?? IMPORT_MAX_BYTES
  const first = files[0]
  if (!first) return fail([issue('invalid_field', 'Er is geen bestand gekozen.')])
  const total = files.reduce((s, f) => s + f.bytes.length, 0)
  if (total > maxBytes)
    return fail([tooLarge(files.length > 1 ? 'samen' : first.name, total, maxBytes)])
  const name = files.map((f) => f.name).join(' + ')

  const kinds = files.map((f) => formatFromName(f.name))
  let read: Result<{ format: ImportFormat; raw: RawGraph; document?: KgDocument }>
  if (files.length > 1) {
    if (!kinds.every((k) => k === 'csv')) {
      return fail([
        issue(
          'invalid_field',
          'Meerdere bestanden tegelijk kan alleen met CSV: een elementen- en een verbindingenbestand.'
        )
      ])
    }
    const texts: { name: string; text: string }[] = []
    for (const f of files) {
      const t = decodeText(f.bytes, f.name, 'csv')
      if (!t.ok) return t
      texts.push({ name: f.name, text: t.value })
    }
    const raw = readCsvTables(texts)
    read = raw.ok ? ok({ format: 'csv', raw: raw.value }) : raw
  } else {
    read = readOne(first, kinds[0] ?? null, maxBytes)
  }
  if (!read.ok) return read
  return ok(buildPreview(read.value.format, name, read.value.raw, read.value.document, options))
}

function readOne(
  file: ImportFile,
  kind: ReturnType<typeof formatFromName>,
  maxBytes: number
): Result<{ format: ImportFormat; raw: RawGraph; document?: KgDocument }> {
  if (kind === 'zip') {
    const entries = unzip(file, maxBytes)
    if (!entries.ok) return entries
    const texts: { name: string; text: string }[] = []
    for (const e of entries.value) {
      const t = decodeText(e.bytes, e.name, 'csv')
      if (!t.ok) return t
      texts.push({ name: e.name, text: t.value })
    }
    const raw = readCsvTables(texts)
    return raw.ok ? ok({ format: 'csv', raw: raw.value }) : raw
  }
  const textKind =
    kind === 'csv'
      ? 'csv'
      : kind === 'gexf' || kind === 'graphml' || kind === 'xml'
        ? 'xml'
        : 'json'
  const decoded = decodeText(file.bytes, file.name, textKind)
  if (!decoded.ok) return decoded
  const text = decoded.value
  let resolved = kind
  if (resolved === null) {
    const sniff = sniffText(text)
    if (sniff === 'unknown') return fail([issue('not_our_format', UNKNOWN_EXTENSION)])
    resolved = sniff
  }
  if (resolved === 'xml') {
    const head = text.slice(0, 2000)
    resolved = /<gexf[\s>]/.test(head) ? 'gexf' : /<graphml[\s>]/.test(head) ? 'graphml' : null
    if (!resolved) {
      return fail([issue('not_our_format', `${file.name} is geen GEXF- of GraphML-bestand.`)])
    }
  }
  switch (resolved) {
    case 'kg-json':
    case 'cyjs':
    case 'json':
      return readJson(text, file.name, resolved)
    case 'gexf': {
      const raw = parseGexf(text)
      return raw.ok ? ok({ format: 'gexf', raw: raw.value }) : raw
    }
    case 'graphml': {
      const raw = parseGraphml(text)
      return raw.ok ? ok({ format: 'graphml', raw: raw.value }) : raw
    }
    case 'csv': {
      const raw = readCsvTables([{ name: file.name, text }])
      return raw.ok ? ok({ format: 'csv', raw: raw.value }) : raw
    }
    default:
      return fail([issue('not_our_format', UNKNOWN_EXTENSION)])
  }
}

/** Reads one file; see {@link readImportFiles}. */
export function readImport(
  name: string,
  bytes: Uint8Array,
  options: ReadOptions = {}
): Result<ImportPreview> {
  return readImportFiles([{ name, bytes }], options)
}

// ---------- types and kinds ----------

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
}

const KIND_NAMES = new Map<string, NodeKind>()
for (const k of NODE_KINDS) {
  for (const n of [k, nl.kind[k], en.kind[k]]) KIND_NAMES.set(fold(n), k)
}
const EDGE_NAMES = new Map<string, EdgeKind>()
for (const k of EDGE_KINDS) {
  for (const n of [k, k.replace(/_/g, ' '), nl.edge[k], en.edge[k]]) EDGE_NAMES.set(fold(n), k)
}

/** The app kind a type names exactly (code, Dutch or English label, any case), else undefined. */
export function kindFromType(type: string): NodeKind | undefined {
  return KIND_NAMES.get(fold(type))
}

/** The app edge kind a type names exactly (code, Dutch or English label, any case), else undefined. */
export function edgeKindFromType(type: string): EdgeKind | undefined {
  return EDGE_NAMES.get(fold(type))
}

/** Words in foreign type names that point at a kind. */
const KIND_WORDS: readonly (readonly [NodeKind, readonly string[]])[] = [
  [
    'actor',
    [
      'actor',
      'actors',
      'person',
      'persoon',
      'people',
      'personen',
      'organisation',
      'organization',
      'organisatie',
      'org',
      'stakeholder',
      'company',
      'bedrijf',
      'resident',
      'bewoner',
      'gemeente',
      'municipality',
      'institution',
      'instelling',
      'user',
      'member',
      'lid',
      'group',
      'groep',
      'team'
    ]
  ],
  ['interview', ['interview', 'interviews', 'gesprek', 'gesprekken', 'conversation']],
  ['quote', ['quote', 'quotes', 'citaat', 'citaten', 'uitspraak']],
  [
    'lesson',
    ['lesson', 'lessons', 'les', 'lessen', 'insight', 'inzicht', 'learning', 'finding', 'bevinding']
  ],
  [
    'ingredient',
    [
      'ingredient',
      'ingredients',
      'ingrediënt',
      'method',
      'methode',
      'tool',
      'instrument',
      'practice',
      'werkwijze'
    ]
  ],
  [
    'project',
    [
      'project',
      'projects',
      'projecten',
      'werkplaats',
      'event',
      'bijeenkomst',
      'programme',
      'program',
      'programma',
      'initiative',
      'initiatief',
      'activity',
      'activiteit'
    ]
  ],
  [
    'theme',
    [
      'theme',
      'thema',
      'topic',
      'onderwerp',
      'area',
      'gebied',
      'policy',
      'beleid',
      'source',
      'bron',
      'issue',
      'category',
      'categorie',
      'concept'
    ]
  ]
]

/** The kind suggested for a foreign node type; 'theme' (themeType `overig`) when nothing fits. */
export function suggestKind(type: string): NodeKind {
  const exact = kindFromType(type)
  if (exact) return exact
  const words = fold(type)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  for (const [kind, list] of KIND_WORDS) {
    if (list.some((w) => words.includes(fold(w)))) return kind
  }
  return 'theme'
}

const PERSON_WORDS = /\b(person|persoon|people|personen|resident|bewoner|member|lid|user)\b/

// ---------- mapping ----------

/** Options for {@link applyMapping}. */
export interface MappingOptions {
  /** Overrides the preview's stamp. */
  now?: string
  author?: string
  /** Merge: stored nodes the file's edges may point at. Omit for replace. */
  existing?: ExistingNodes
}

type Loc = { of: 'node' | 'edge'; at: Locator; id: string | null }

interface Mapped {
  input: {
    nodes: Record<string, unknown>[]
    edges: Record<string, unknown>[]
    annotations: unknown[]
  }
  locations: Map<string, Loc[]>
}

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

function fieldsOf(raw: RawNode | RawEdge): Record<string, FieldValue> {
  return Object.fromEntries(raw.fields) as Record<string, FieldValue>
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
  for (const [name, value] of raw.app) {
    if (name === 'position') {
      if (isApp || positionSchema.safeParse(value).success) rec.position = value
      else if (!(name in fields)) fields[name] = toFieldValue(value)
    } else if (Object.hasOwn(shape, name) && (isApp || shape[name]?.safeParse(value).success)) {
      rec[name] = value
    } else if (!Object.hasOwn(fields, name)) {
      fields[name] = toFieldValue(value)
    }
  }
  if (typeof rec.title !== 'string' || rec.title.trim() === '') rec.title = raw.id
  if (raw.type !== '' && !kindFromType(raw.type) && !Object.hasOwn(fields, 'type'))
    fields.type = raw.type
  // Missing required facets get neutral defaults (a Kumu "Project" row has no projectType); values
  // that are present but invalid are not replaced: app records report them.
  if (kind === 'actor') {
    rec.actorType ??= 'other'
    if (rec.isPerson === undefined && PERSON_WORDS.test(fold(raw.type))) rec.isPerson = true
  }
  if (kind === 'project') rec.projectType ??= 'initiatief'
  if (kind === 'theme') rec.themeType ??= 'overig'
  if (kind === 'quote' && rec.text === undefined) rec.text = rec.title
  rec.fields = fields
  stampDefaults(rec, stamp)
  return rec
}

function mapEdge(
  raw: RawEdge,
  id: string,
  ends: { from?: NodeKind; to?: NodeKind; app: boolean },
  edgeMapping: Readonly<Record<string, EdgeKind>>,
  stamp: { now: string; author: string }
): Record<string, unknown> {
  const exact = edgeKindFromType(raw.type)
  const isApp = isEdgeKind(raw.type) && ends.app
  let kind: EdgeKind
  let fallback = false
  if (isApp && exact) {
    kind = exact
  } else {
    const wanted = exact ?? edgeMapping[raw.type] ?? undefined
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
  for (const [name, value] of raw.app) {
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

function mapRaw(
  raw: RawGraph,
  mapping: Readonly<Record<string, NodeKind>>,
  edgeMapping: Readonly<Record<string, EdgeKind>>,
  stamp: { now: string; author: string },
  existing: ExistingNodes | undefined
): Mapped {
  const locations = new Map<string, Loc[]>()
  const remember = (id: string, loc: Loc): void => {
    const list = locations.get(id)
    if (list) list.push(loc)
    else locations.set(id, [loc])
  }
  const kindOf = new Map<string, { kind: NodeKind; app: boolean }>()
  const nodes = raw.nodes.map((n) => {
    // Only the exact kind code (as this app writes it) makes an app record, checked strictly; a
    // label such as "Project" or "Les" names the kind but its attributes are treated as foreign.
    const isApp = isNodeKind(n.type)
    const kind = kindFromType(n.type) ?? mapping[n.type] ?? suggestKind(n.type)
    if (!kindOf.has(n.id)) kindOf.set(n.id, { kind, app: isApp })
    remember(n.id, { of: 'node', at: n.at, id: n.id })
    return mapNode(n, kind, isApp, stamp)
  })
  const nodeIds = new Set(raw.nodes.map((n) => n.id))
  const fileEdgeIds = new Set(raw.edges.map((e) => e.id).filter((id): id is string => id !== null))
  const assigned = new Set<string>()
  const edges = raw.edges.map((e) => {
    let id: string
    if (e.id !== null && !nodeIds.has(e.id)) id = e.id
    else {
      const base = e.id !== null ? `edge-${e.id}` : `${e.source}->${e.target}`
      id = base
      for (let n = 2; nodeIds.has(id) || assigned.has(id) || fileEdgeIds.has(id); n++)
        id = `${base}#${n}`
    }
    assigned.add(id)
    remember(id, { of: 'edge', at: e.at, id })
    const stored = (id: string): { kind: NodeKind; app: boolean } | undefined => {
      const n = existing?.(id)
      return n ? { kind: n.kind, app: true } : undefined
    }
    const from = kindOf.get(e.source) ?? stored(e.source)
    const to = kindOf.get(e.target) ?? stored(e.target)
    return mapEdge(
      e,
      id,
      {
        ...(from ? { from: from.kind } : {}),
        ...(to ? { to: to.kind } : {}),
        app: !!from?.app && !!to?.app
      },
      edgeMapping,
      stamp
    )
  })
  return { input: { nodes, edges, annotations: raw.annotations }, locations }
}

function locateIssues(issues: readonly Issue[], locations: Map<string, Loc[]>): ImportIssue[] {
  return issues.map((i) => {
    if (!i.recordId) return i
    const list = locations.get(i.recordId) ?? []
    const preferEdge = EDGE_CODES.has(i.code) || i.message.includes('verbindingen')
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

/**
 * Maps a preview's raw records to app records and validates the whole graph with `validateGraph`.
 * Records whose type is an app kind code (`actor`, as this app writes) are app records: their fields
 * are checked strictly and every problem is reported. A type that names a kind by its label
 * (`Project`, `Les`, any case) takes that kind; other types take `mapping[type]`, else their
 * suggested kind, and keep the original type as `fields.type`. For all but app records, attributes
 * are used where they fit the kind's fields and kept in `fields` otherwise. Missing required facets get defaults (actorType `other`, projectType `initiatief`,
 * themeType `overig`, a quote's text = its title, a missing title = the id). An edge type that no rule allows between the mapped kinds becomes
 * `related` with the type as its label. Missing status becomes `reported`, missing timestamps and
 * authors come from the preview's stamp. Edge ids that clash with node ids (Gephi numbers both from
 * 0) become `edge-<id>`; missing edge ids become `<source>-><target>` (the file's id in `fields.id`).
 * Issues carry the line or record number and field.
 */
export function applyMapping(
  preview: ImportPreview,
  mapping: Readonly<Record<string, NodeKind>> = {},
  edgeMapping: Readonly<Record<string, EdgeKind>> = {},
  options: MappingOptions = {}
): Result<GraphData> {
  if (preview.document) {
    const d = preview.document
    return ok({ nodes: d.nodes, edges: d.edges, annotations: d.annotations })
  }
  const stamp = {
    now: options.now ?? preview.stamp.now,
    author: options.author ?? preview.stamp.author
  }
  const existing = options.existing ?? preview.existing
  const mapped = mapRaw(preview.graph, mapping, edgeMapping, stamp, existing)
  // Stored nodes the file's edges point at take part in validation but are not part of the result.
  const context: GraphNode[] = []
  if (existing) {
    const inFile = new Set(preview.graph.nodes.map((n) => n.id))
    const wanted = new Set<string>()
    for (const e of mapped.input.edges) {
      const refs = [e.source, e.target, ...(Array.isArray(e.evidence) ? e.evidence : [])]
      for (const id of refs) if (typeof id === 'string' && !inFile.has(id)) wanted.add(id)
    }
    for (const id of wanted) {
      const n = existing(id)
      if (n) context.push(n)
    }
  }
  const checked = validateGraph({ ...mapped.input, nodes: [...mapped.input.nodes, ...context] })
  if (!checked.ok) return fail(locateIssues(checked.issues, mapped.locations))
  if (!context.length) return checked
  const outside = new Set(context.map((n) => n.id))
  return ok({ ...checked.value, nodes: checked.value.nodes.filter((n) => !outside.has(n.id)) })
}

/** Node counts per kind under a mapping (unknown types under their mapped or suggested kind). */
export function countsFor(
  preview: Pick<ImportPreview, 'graph'>,
  mapping: Readonly<Record<string, NodeKind>> = {}
): ImportCounts {
  const byKind = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>
  for (const n of preview.graph.nodes) {
    const kind = kindFromType(n.type) ?? mapping[n.type] ?? suggestKind(n.type)
    byKind[kind] += 1
  }
  return {
    nodes: preview.graph.nodes.length,
    edges: preview.graph.edges.length,
    annotations: preview.graph.annotations.length,
    byKind
  }
}

function buildPreview(
  format: ImportFormat,
  name: string,
  raw: RawGraph,
  document: KgDocument | undefined,
  options: ReadOptions
): ImportPreview {
  const unknown = new Map<string, number>()
  for (const n of raw.nodes)
    if (!kindFromType(n.type)) unknown.set(n.type, (unknown.get(n.type) ?? 0) + 1)
  const unknownEdges = new Map<string, number>()
  for (const e of raw.edges)
    if (!edgeKindFromType(e.type)) unknownEdges.set(e.type, (unknownEdges.get(e.type) ?? 0) + 1)
  const preview: ImportPreview = {
    format,
    name,
    counts: countsFor({ graph: raw }),
    problems: [],
    unknownTypes: [...unknown].map(([type, count]) => ({
      type,
      count,
      suggested: suggestKind(type)
    })),
    unknownEdgeTypes: [...unknownEdges].map(([type, count]) => ({
      type,
      count,
      suggested: 'related' as const
    })),
    graph: raw,
    ...(document ? { document } : {}),
    stamp: { now: options.now ?? new Date().toISOString(), author: options.author ?? '' },
    ...(options.existing ? { existing: options.existing } : {})
  }
  const dry = applyMapping(preview)
  if (!dry.ok) preview.problems = dry.issues
  return preview
}

// ---------- writing to the repository ----------

/** Progress reporting and cancellation for a long import. */
export interface ImportProgress {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** The repository methods an import needs (GraphRepository has both). */
export interface ImportTarget {
  replaceGraph(
    input: GraphData,
    action: string,
    progress?: ImportProgress
  ): Promise<Result<GraphData>>
  mergeGraph(
    input: GraphData,
    action: string,
    progress?: ImportProgress
  ): Promise<Result<{ added: number; updated: number; unchanged: number }>>
}

/** What an import wrote. */
export interface ImportReport {
  mode: 'merge' | 'replace'
  nodes: number
  edges: number
  annotations: number
  /** Merge only: records new to the map, records changed, records identical to what was stored. */
  added?: number
  updated?: number
  unchanged?: number
}

/**
 * Writes a mapped graph in one transaction: `replace` swaps the whole stored graph for it; `merge`
 * updates records with the same id and adds the others (everything else stays). Validation failures
 * come back as issues; cancelling through `signal` rolls back and returns a Dutch issue. In every
 * failure nothing is written.
 */
export async function importInto(
  repo: ImportTarget,
  graph: GraphData,
  mode: 'merge' | 'replace',
  progress: ImportProgress = {}
): Promise<Result<ImportReport>> {
  const counts = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    annotations: graph.annotations.length
  }
  try {
    if (mode === 'replace') {
      const r = await repo.replaceGraph(graph, 'import.replace', progress)
      return r.ok ? ok({ mode, ...counts }) : r
    }
    const r = await repo.mergeGraph(graph, 'import.merge', progress)
    return r.ok ? ok({ mode, ...counts, ...r.value }) : r
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      return fail([issue('invalid_field', 'Het importeren is afgebroken; er is niets veranderd.')])
    }
    throw error
  }
}

// ---------- export ----------

/** Formats the exporter writes; `csv` gives two files (elements, connections), `csv-zip` one zip. */
export type ExportFormat =
  'kg-json' | 'csv' | 'csv-elements' | 'csv-connections' | 'csv-zip' | 'gexf' | 'graphml' | 'cyjs'

/** Options for {@link exportGraph} and {@link exportFiles}. */
export interface ExportOptions extends CsvOptions {
  /** ISO timestamp written into the file; default now. Fix it for reproducible files. */
  exportedAt?: string
  title?: string
  description?: string
  /** App version for `source`/`creator`; defaults to the package version (kg-json) or none. */
  appVersion?: string
  /** `.kg.json` only: saved views and presentations to include. */
  views?: KgJsonMeta['views']
  presentations?: KgJsonMeta['presentations']
  /** Base name (without extension) for the files inside a CSV zip; default `kennisgraaf`. */
  baseName?: string
}

/** Keeps the given nodes and the edges (and annotations) between them: "what the filter shows". */
export function subgraph(graph: GraphData, nodeIds: ReadonlySet<string>): GraphData {
  const edges = graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target))
  const kept = new Set<string>([...nodeIds, ...edges.map((e) => e.id)])
  return {
    nodes: graph.nodes.filter((n) => nodeIds.has(n.id)),
    edges,
    annotations: graph.annotations.filter((a) => kept.has(a.targetId))
  }
}

function creator(options: ExportOptions): string {
  return options.appVersion
    ? `stadmaken-kennisgraaf@${options.appVersion}`
    : 'stadmaken-kennisgraaf'
}

function zipTime(options: ExportOptions): Date {
  const d = new Date(options.exportedAt ?? Date.now())
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : d
}

/**
 * Writes a graph in one format: text for every format but `csv-zip` (a zip holding
 * `<base>-elements.csv` and `<base>-connections.csv`). Export the graph the caller passes: the whole
 * map, or {@link subgraph} for what a filter shows. `csv` alone is not one file: use
 * {@link exportFiles}.
 */
export function exportGraph(
  graph: GraphData,
  format: Exclude<ExportFormat, 'csv'>,
  options: ExportOptions = {}
): string | Uint8Array {
  switch (format) {
    case 'kg-json':
      return serializeKgJson(graph, {
        ...(options.exportedAt ? { exportedAt: options.exportedAt } : {}),
        ...(options.title ? { title: options.title } : {}),
        ...(options.description ? { description: options.description } : {}),
        ...(options.appVersion ? { appVersion: options.appVersion } : {}),
        ...(options.views ? { views: options.views } : {}),
        ...(options.presentations ? { presentations: options.presentations } : {})
      })
    case 'csv-elements':
      return serializeCsvElements(graph, options)
    case 'csv-connections':
      return serializeCsvConnections(graph, options)
    case 'csv-zip': {
      const base = options.baseName ?? 'kennisgraaf'
      const mtime = zipTime(options)
      return zipSync(
        {
          [`${base}-elements.csv`]: [strToU8(serializeCsvElements(graph, options)), { mtime }],
          [`${base}-connections.csv`]: [strToU8(serializeCsvConnections(graph, options)), { mtime }]
        },
        { level: 6 }
      )
    }
    case 'gexf':
      return serializeGexf(graph, {
        creator: creator(options),
        ...(options.exportedAt ? { exportedAt: options.exportedAt } : {}),
        ...(options.title ? { title: options.title } : {})
      })
    case 'graphml':
      return serializeGraphml(graph, { creator: creator(options) })
    case 'cyjs':
      return serializeCyjs(graph, {
        creator: creator(options),
        ...(options.title ? { title: options.title } : {})
      })
  }
}

/** The file extension each export format writes. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  'kg-json': '.kg.json',
  csv: '.csv',
  'csv-elements': '-elements.csv',
  'csv-connections': '-connections.csv',
  'csv-zip': '.zip',
  gexf: '.gexf',
  graphml: '.graphml',
  cyjs: '.cyjs'
}

/**
 * The files an export produces, named after `baseName`: one file per format, two for `csv`
 * (`<base>-elements.csv` and `<base>-connections.csv`).
 */
export function exportFiles(
  graph: GraphData,
  format: ExportFormat,
  baseName: string,
  options: ExportOptions = {}
): { name: string; data: string | Uint8Array }[] {
  if (format === 'csv') {
    return [
      { name: `${baseName}-elements.csv`, data: serializeCsvElements(graph, options) },
      { name: `${baseName}-connections.csv`, data: serializeCsvConnections(graph, options) }
    ]
  }
  return [
    {
      name: `${baseName}${EXPORT_EXTENSIONS[format]}`,
      data: exportGraph(graph, format, { baseName, ...options })
    }
  ]
}
