/** The app's own lossless file format: a versioned `.kg.json` envelope around the whole graph. */
import { z } from 'zod'
import { version as APP_VERSION } from '../../../package.json'
import type { GraphData } from '../../domain/graph'
import { isUnsafeKey } from '../../domain/node-kinds'
import { fail, ok, type Issue, type Result } from '../../domain/result'
import { validateGraph } from '../../domain/validate'
import { localizeIssues } from '../../i18n/issue-message'
import { MAX_NESTING_DEPTH } from '../limits'

// The envelope's problems are shown with zod's own messages: in Dutch. zod's Dutch names Infinity a
// "getal" too ("verwacht getal, ontving getal"); a number that is not finite is said as such.
z.config({
  ...z.locales.nl(),
  customError: (i) =>
    i.code === 'invalid_type' && i.expected === 'number' && typeof i.input === 'number'
      ? `Ongeldige invoer: verwacht een eindig getal, ontving ${String(i.input)}`
      : undefined
})

/** The `type` every `.kg.json` file carries; anything else is not ours. */
export const KG_JSON_TYPE = 'stadmaken-kennisgraaf'

/**
 * The envelope version this code writes and reads natively. Bump it only together with a new entry
 * in {@link KG_JSON_MIGRATIONS} whose `version` equals the new number.
 */
export const KG_JSON_VERSION = 2

/**
 * A document as read from disk before it is validated: a plain object with at least a numeric
 * `version`. Migrations work on this shape because older files need not match today's schema.
 */
export type KgRawDocument = Record<string, unknown> & { version: number }

/**
 * One step of the file format's history. `apply` upgrades a document of version `version - 1` to
 * `version`; it must be pure (return a new object, never mutate its input) and must not throw on any
 * document that passed the envelope check of the previous version.
 */
export interface KgJsonMigration {
  readonly version: number
  readonly title: string
  readonly description: string
  readonly apply: (doc: KgRawDocument) => KgRawDocument
}

/**
 * Every format migration, oldest first. Invariant (checked when this module loads): versions are
 * integers, strictly increasing, greater than 1, and the last one equals {@link KG_JSON_VERSION}.
 */
export const KG_JSON_MIGRATIONS: readonly KgJsonMigration[] = [
  {
    version: 2,
    title: 'volledige back-ups',
    description:
      'A file may carry the change history (`history`) and soft-deleted records; views and ' +
      'presentations are restored on import. Version 1 files need no change: the new parts are ' +
      'optional. The version is bumped so an older app refuses a file whose history it would drop.',
    apply: (doc) => ({ ...doc })
  }
]

/**
 * Throws (a programmer error, not bad input) when a migration list breaks the ordering invariant of
 * {@link KG_JSON_MIGRATIONS}. Exported so tests can check the rule on made-up lists.
 */
export function assertMigrationsOrdered(
  migrations: readonly KgJsonMigration[],
  currentVersion: number
): void {
  let previous = 1
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(
        `kg-json migrations must have strictly increasing integer versions > 1; got ${m.version} after ${previous}`
      )
    }
    previous = m.version
  }
  if (previous !== currentVersion) {
    throw new Error(
      `kg-json: the last migration (${previous}) must equal KG_JSON_VERSION (${currentVersion})`
    )
  }
}

assertMigrationsOrdered(KG_JSON_MIGRATIONS, KG_JSON_VERSION)

/** A saved view or presentation; its own schema belongs to the views feature, so it travels opaque. */
export type KgOpaqueRecord = Record<string, unknown>

/** A parsed, migrated and validated `.kg.json` document. */
export interface KgDocument extends GraphData {
  type: typeof KG_JSON_TYPE
  version: typeof KG_JSON_VERSION
  /** Which app wrote the file, e.g. `stadmaken-kennisgraaf@0.1.0`. */
  source: string
  /** ISO timestamp of the export (empty when the file did not say). */
  exportedAt: string
  title?: string
  description?: string
  views: KgOpaqueRecord[]
  presentations: KgOpaqueRecord[]
  /** The change history, when the backup includes it (absent: not included, not "none"). */
  history?: KgChange[]
}

/** Optional envelope data for {@link serializeKgJson}. */
export interface KgJsonMeta {
  title?: string
  description?: string
  /** ISO timestamp; defaults to now. Pass a fixed value for reproducible files. */
  exportedAt?: string
  /** Version written into `source`; defaults to the app's package version. */
  appVersion?: string
  views?: readonly KgOpaqueRecord[]
  presentations?: readonly KgOpaqueRecord[]
  /** The change history to include (a full backup with history); omitted when undefined. */
  history?: readonly KgChange[]
}

const NOT_OURS = 'Dit is geen Stadmaken Kennisgraaf-bestand.'

/** A saved view or presentation: any object with an id (restore and merge go by id). */
const opaqueRecord = z.looseObject({ id: z.string().min(1).max(200) })

/**
 * One row of the change log (storage/db.ts `ChangeRow`), as a backup carries it. `entries` stays the
 * JSON text it is in storage; it is checked for syntax and depth like the file itself. Restored
 * history is never undone (a restore is an undo barrier), it is there to be read.
 */
const changeSchema = z.object({
  id: z.string().min(1).max(200),
  at: z.string().max(100),
  author: z.string().max(1000),
  action: z.string().max(200),
  recordIds: z.array(z.string().max(200)),
  count: z.number().int().nonnegative(),
  bulk: z.boolean(),
  entries: z.string(),
  undoneAt: z.string().max(100).nullable().optional(),
  discardedAt: z.string().max(100).nullable().optional(),
  barrier: z.boolean().optional(),
  revertOf: z.string().max(200).optional()
})

/** One change-log row in a backup (see `changeSchema`). */
export type KgChange = z.infer<typeof changeSchema>

/** Every id in `list` once; a file with a duplicate view or presentation id is refused. */
function uniqueIds(list: readonly { id: string }[], ctx: z.RefinementCtx, what: string): void {
  const seen = new Set<string>()
  list.forEach((r, i) => {
    if (seen.has(r.id))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: `${what} "${r.id}" komt twee keer voor.`
      })
    seen.add(r.id)
  })
}

const envelopeSchema = z.object({
  type: z.literal(KG_JSON_TYPE, NOT_OURS),
  version: z.literal(KG_JSON_VERSION),
  source: z.string().max(200).default('onbekend'),
  exportedAt: z.string().max(100).default(''),
  title: z.string().max(500).optional(),
  description: z.string().max(100_000).optional(),
  nodes: z.array(z.unknown(), 'Het bestand mist de lijst "nodes".'),
  edges: z.array(z.unknown(), 'Het bestand mist de lijst "edges".'),
  annotations: z.array(z.unknown()).default([]),
  views: z
    .array(opaqueRecord)
    .default([])
    .superRefine((l, ctx) => uniqueIds(l, ctx, 'Opgeslagen weergave')),
  presentations: z
    .array(opaqueRecord)
    .default([])
    .superRefine((l, ctx) => uniqueIds(l, ctx, 'Presentatie')),
  history: z
    .array(changeSchema)
    .optional()
    .superRefine((l, ctx) => l && uniqueIds(l, ctx, 'Wijziging'))
})

/**
 * Record keys in canonical order: these first, record bookkeeping last, everything else alphabetically
 * in between, so files read well and diff cleanly.
 */
const LEADING_KEYS = ['id', 'kind', 'title', 'source', 'target', 'targetType', 'targetId', 'status']
const TRAILING_KEYS = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']
const KEY_RANK = new Map<string, number>([
  ...LEADING_KEYS.map((k, i): [string, number] => [k, i - 100]),
  ...TRAILING_KEYS.map((k, i): [string, number] => [k, i + 100])
])

function compareKeys(a: string, b: string): number {
  const ra = KEY_RANK.get(a) ?? 0
  const rb = KEY_RANK.get(b) ?? 0
  if (ra !== rb) return ra - rb
  return a < b ? -1 : a > b ? 1 : 0
}

/** A deep copy with object keys in canonical order (`undefined` values dropped as JSON would). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value === null || typeof value !== 'object') return value
  const src = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(src).sort(compareKeys)) {
    const v = src[key]
    if (v !== undefined) out[key] = canonical(v)
  }
  return out
}

/** Records per piece {@link kgJsonChunks} yields. */
const RECORDS_PER_CHUNK = 2000

/** One named list of the envelope, one record per line, in pieces of {@link RECORDS_PER_CHUNK}. */
function* listChunks(name: string, records: readonly unknown[], last: boolean): Generator<string> {
  const end = last ? '}\n' : ',\n'
  if (!records.length) {
    yield `${JSON.stringify(name)}:[]${end}`
    return
  }
  yield `${JSON.stringify(name)}:[\n`
  for (let at = 0; at < records.length; at += RECORDS_PER_CHUNK) {
    const stop = Math.min(at + RECORDS_PER_CHUNK, records.length)
    const lines = new Array<string>(stop - at)
    for (let i = at; i < stop; i++) lines[i - at] = JSON.stringify(canonical(records[i]))
    yield lines.join(',\n') + (stop < records.length ? ',\n' : '\n')
  }
  yield `]${end}`
}

/**
 * The text of {@link serializeKgJson} in pieces (a few thousand records each), so a backup larger
 * than the longest string an engine can hold (V8: about 512 million characters) can still be
 * written: encode and save, or gzip, piece by piece.
 */
export function* kgJsonChunks(graph: GraphData, meta: KgJsonMeta = {}): Generator<string> {
  const head: Record<string, unknown> = {
    type: KG_JSON_TYPE,
    version: KG_JSON_VERSION,
    source: `${KG_JSON_TYPE}@${meta.appVersion ?? APP_VERSION}`,
    exportedAt: meta.exportedAt ?? new Date().toISOString(),
    title: meta.title,
    description: meta.description
  }
  yield `${JSON.stringify(head).slice(0, -1)},\n`
  const lists: [string, readonly unknown[]][] = [
    ['nodes', graph.nodes],
    ['edges', graph.edges],
    ['annotations', graph.annotations],
    ['views', meta.views ?? []],
    ['presentations', meta.presentations ?? []]
  ]
  if (meta.history) lists.push(['history', meta.history])
  for (let i = 0; i < lists.length; i++) {
    const [name, records] = lists[i]!
    yield* listChunks(name, records, i === lists.length - 1)
  }
}

/**
 * Writes a graph as a `.kg.json` document: compact JSON with one record per line (no indentation,
 * so a backup of a million nodes stays within what can be read back; still diffable and every
 * problem names the record's line), a fixed envelope key order and record keys in canonical order,
 * so equal graphs (and equal `meta`) always give identical text. Does not validate; pass graphs
 * that came from the validator or the repository. For very large graphs use {@link kgJsonChunks}.
 */
export function serializeKgJson(graph: GraphData, meta: KgJsonMeta = {}): string {
  let text = ''
  for (const piece of kgJsonChunks(graph, meta)) text += piece
  return text
}

function issue(path: Issue['path'], message: string): Issue {
  return { code: 'invalid_field', path, message }
}

/** A Dutch description of a JSON syntax error, with line and column when the engine tells us where. */
export function syntaxIssue(text: string, error: unknown): Issue {
  const raw = error instanceof Error ? error.message : String(error)
  let where = ''
  const lineCol = /line (\d+) column (\d+)/.exec(raw)
  const pos = /position (\d+)/.exec(raw)
  if (lineCol) {
    where = ` (regel ${lineCol[1]}, kolom ${lineCol[2]})`
  } else if (pos) {
    const offset = Number(pos[1])
    const before = text.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    where = ` (regel ${line}, kolom ${column}, positie ${offset})`
  } else if (/end of (JSON )?input/i.test(raw)) {
    where = ' (het bestand houdt onverwacht op)'
  }
  return issue([], `Het bestand is geen geldige JSON${where}. Is het beschadigd of onvolledig?`)
}

/** How deeply JSON values may nest (the limit table, exchange/limits.ts); re-exported for callers. */
export { MAX_NESTING_DEPTH }

/** A value waiting to be scanned, with a link to its parent so a path is built only when needed. */
interface ScanItem {
  value: object
  key: string | number
  parent: ScanItem | null
  depth: number
}

function pathOf(item: ScanItem | null): (string | number)[] {
  const path: (string | number)[] = []
  for (let at = item; at && at.parent; at = at.parent) path.push(at.key)
  return path.reverse()
}

/**
 * The 1-based line on which `text` first nests deeper than `max` levels (outside strings), or
 * undefined. Iterative: one pass over the characters.
 */
export function lineOfDepth(text: string, max: number): number | undefined {
  let depth = 0
  let line = 1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) line++
    if (inString) {
      if (c === 92)
        i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > max) return line
    } else if (c === 125 || c === 93) depth--
  }
  return undefined
}

/** The Dutch refusal of input nested deeper than {@link MAX_NESTING_DEPTH}. */
export function tooDeepIssue(path: Issue['path'], line?: number): Issue {
  const where = line !== undefined ? ` (regel ${line})` : ''
  return {
    code: 'invalid_json',
    path,
    message:
      `Het bestand is dieper genest dan ${MAX_NESTING_DEPTH} niveaus${where}; zo diep geneste ` +
      'gegevens komen in een kennisgraaf niet voor. Het bestand is geweigerd.'
  }
}

/**
 * Checks a parsed JSON value before anything recursive touches it: keys that could pollute
 * prototypes (`__proto__`, `constructor`, `prototype`) anywhere, and nesting deeper than `maxDepth`
 * (then only that one issue, with the line when `text` is given). Iterative, so deeply nested input
 * cannot overflow the stack.
 */
export function scanJson(
  root: unknown,
  options: { text?: string; maxDepth?: number; limit?: number } = {}
): Issue[] {
  const { text, maxDepth = MAX_NESTING_DEPTH, limit = 20 } = options
  const found: Issue[] = []
  if (root === null || typeof root !== 'object') return found
  const stack: ScanItem[] = [{ value: root, key: '', parent: null, depth: 1 }]
  while (stack.length > 0 && found.length < limit) {
    const item = stack.pop() as ScanItem
    if (item.depth > maxDepth) {
      const line = text !== undefined ? lineOfDepth(text, maxDepth) : undefined
      return [tooDeepIssue(pathOf(item).slice(0, 8), line)]
    }
    const value = item.value
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const child: unknown = value[i]
        if (child !== null && typeof child === 'object') {
          stack.push({ value: child, key: i, parent: item, depth: item.depth + 1 })
        }
      }
      continue
    }
    for (const key of Object.keys(value)) {
      const child: unknown = (value as Record<string, unknown>)[key]
      if (isUnsafeKey(key)) {
        const where = pathOf(item)
        found.push({
          code: 'unsafe_key',
          path: [...where, key],
          message: `Verboden sleutel "${key}" op ${where.length ? where.join('.') : 'het hoogste niveau'}: het bestand is geweigerd.`
        })
      } else if (child !== null && typeof child === 'object') {
        stack.push({ value: child, key, parent: item, depth: item.depth + 1 })
      }
    }
  }
  return found
}

/**
 * Finds keys that could pollute prototypes anywhere in a parsed JSON value (and refuses nesting
 * deeper than {@link MAX_NESTING_DEPTH}); see {@link scanJson}.
 */
export function findUnsafeKeys(root: unknown, limit = 20): Issue[] {
  return scanJson(root, { limit })
}

/**
 * Parses JSON text guarded: a byte order mark is skipped, a syntax error becomes a Dutch issue with
 * line and column, then {@link scanJson} (forbidden keys, depth). Never throws on bad input.
 */
export function parseJsonText(text: string): Result<unknown> {
  let data: unknown
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    // Some engines overflow on deep input inside JSON.parse itself: name the depth, not the stack.
    if (error instanceof RangeError)
      return fail([tooDeepIssue([], lineOfDepth(text, MAX_NESTING_DEPTH))])
    return fail([{ ...syntaxIssue(text, error), code: 'invalid_json' }])
  }
  const problems = scanJson(data, { text })
  return problems.length ? fail(problems) : ok(data)
}

/** Runs every migration newer than the document's version, oldest first. */
function migrate(doc: KgRawDocument): Result<KgRawDocument> {
  let current = doc
  for (const m of KG_JSON_MIGRATIONS) {
    if (m.version <= current.version) continue
    try {
      current = { ...m.apply(current), version: m.version }
    } catch {
      return fail([
        issue(
          ['version'],
          `Het bestand kon niet worden bijgewerkt naar versie ${m.version} (${m.title}).`
        )
      ])
    }
  }
  return ok(current)
}

/**
 * Reads a `.kg.json` text: JSON syntax, forbidden keys, the envelope, format migrations from the
 * file's version, then the domain's `validateGraph`. Returns the migrated, validated document, or
 * every problem found with a Dutch message. Never throws on bad input.
 */
export function parseKgJson(text: string): Result<KgDocument> {
  try {
    const envelope = readEnvelopeUnsafe(text)
    if (!envelope.ok) return envelope
    const env = envelope.value
    const graph = validateGraph({
      nodes: env.nodes,
      edges: env.edges,
      annotations: env.annotations
    })
    return graph.ok ? ok(kgDocument(env, graph.value)) : fail(localizeIssues(graph.issues))
  } catch (error) {
    return fail([unexpected(error)])
  }
}

/**
 * A `.kg.json` envelope whose records are not validated yet (the import validates them against the
 * stored graph, see exchange/import/validate.ts): what {@link parseKgJson} checks before
 * `validateGraph`.
 */
export type KgEnvelope = z.infer<typeof envelopeSchema>

/**
 * The first part of {@link parseKgJson}: JSON syntax, forbidden keys, the envelope and format
 * migrations, but not the records. Never throws on bad input.
 */
export function readKgEnvelope(text: string): Result<KgEnvelope> {
  try {
    return readEnvelopeUnsafe(text)
  } catch (error) {
    return fail([unexpected(error)])
  }
}

function unexpected(error: unknown): Issue {
  const detail = error instanceof Error ? ` (technisch: ${error.message})` : ''
  return issue([], `Het bestand kon door een onverwachte fout niet worden gelezen${detail}.`)
}

/** The document of an envelope whose records validated as `graph`. */
export function kgDocument(env: KgEnvelope, graph: GraphData): KgDocument {
  return {
    type: KG_JSON_TYPE,
    version: KG_JSON_VERSION,
    source: env.source,
    exportedAt: env.exportedAt,
    ...(env.title !== undefined ? { title: env.title } : {}),
    ...(env.description !== undefined ? { description: env.description } : {}),
    ...graph,
    views: env.views,
    presentations: env.presentations,
    ...(env.history ? { history: env.history } : {})
  }
}

function readEnvelopeUnsafe(text: string): Result<KgEnvelope> {
  const parsed = parseJsonText(text)
  if (!parsed.ok) return parsed
  return envelopeOfUnsafe(parsed.value)
}

/**
 * The envelope of an already parsed and scanned (see {@link scanJson}) JSON value: type, version,
 * migrations, the envelope schema, and the history's `entries` texts. Never throws on bad input.
 */
export function envelopeOf(data: unknown): Result<KgEnvelope> {
  try {
    return envelopeOfUnsafe(data)
  } catch (error) {
    return fail([unexpected(error)])
  }
}

function envelopeOfUnsafe(data: unknown): Result<KgEnvelope> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail([issue([], NOT_OURS)])
  }
  const raw = data as Record<string, unknown>
  if (raw.type !== KG_JSON_TYPE) return fail([issue(['type'], NOT_OURS)])
  const version = raw.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail([
      issue(['version'], `Onbekende bestandsversie: ${JSON.stringify(version) ?? 'geen'}.`)
    ])
  }
  if (version > KG_JSON_VERSION) {
    return fail([
      issue(
        ['version'],
        `Dit bestand komt uit een nieuwere versie van Stadmaken Kennisgraaf (bestandsversie ${version}; ` +
          `deze app leest tot en met versie ${KG_JSON_VERSION}). Werk de app bij om het te openen.`
      )
    ])
  }
  const migrated = migrate({ ...raw, version })
  if (!migrated.ok) return migrated
  const envelope = envelopeSchema.safeParse(migrated.value)
  if (!envelope.success) {
    return fail(
      envelope.error.issues.map((i) => {
        const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
        return issue(path, path.length ? `${path.join('.')}: ${i.message}` : i.message)
      })
    )
  }
  for (const [i, change] of (envelope.data.history ?? []).entries()) {
    const entries = parseJsonText(change.entries)
    if (!entries.ok) {
      return fail([
        issue(
          ['history', i, 'entries'],
          `Wijziging ${i + 1} van de geschiedenis is onleesbaar: ${entries.issues[0]?.message ?? ''}`
        )
      ])
    }
  }
  return ok(envelope.data)
}
