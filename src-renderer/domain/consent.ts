/**
 * Consent rules: what the screen (and, later, exports) may show of people. Pure functions of nodes.
 *
 * | node                         | normal                       | presentation-safe            |
 * |------------------------------|------------------------------|------------------------------|
 * | organisation (isPerson off)  | title                        | title                        |
 * | person, consent named        | title                        | title                        |
 * | person, consent missing      | title                        | role description ¹           |
 * | person, pseudonymised        | role description ¹           | role description ¹           |
 * | person, anonymous            | "Anonieme bewoner" ²         | "Anonieme bewoner" ²         |
 * | interview, consent named     | title                        | title                        |
 * | interview, other consent     | title, hidden names redacted | "Gesprek 3 · 5 maart 2024" ³ |
 * | any other node               | title, hidden names redacted | title, hidden names redacted |
 * | quote speaker                | speakerRole, never a name    | speakerRole, never a name    |
 *
 * ¹ `roleDescription`, or else the Dutch actor type label ("Bewoner", see `setActorTypeLabels`).
 * ² "Anonieme " + the lower-cased type label for types that describe a person (bewoner, bestuurder,
 *   ondernemer, expert), otherwise "Anonieme persoon (woningcorporatie)"; never the role description,
 *   which may identify someone.
 * ³ "Gesprek" + the interview's ordinal among all interviews (`interviewOrdinals`, when given) + its
 *   date when it is a plain ISO date or year; "Gesprek" alone when neither is known. The title is
 *   dropped entirely because interview titles often name the interviewee.
 *
 * A person without a consent level has not consented: the team sees the name while working, but
 * presentation-safe mode hides it. Names that are hidden on screen are also redacted from free text
 * (descriptions, quotes, transcripts) with `hiddenNames` + `redactText`.
 */
import type { ActorType } from './facets'
import type { ActorNode, GraphNode, InterviewNode, QuoteNode } from './node-kinds'

/** The one switch of the consent rules. */
export interface ConsentOptions {
  /** Hide the names of everyone who did not explicitly consent to being named ('named'). */
  presentationSafe: boolean
}

/** Options for `displayName`: the switch plus the context some labels need. */
export interface DisplayOptions extends ConsentOptions {
  /** Names to redact from titles of lessons, quotes, projects etc. (from `hiddenNames`). */
  hidden?: readonly HiddenName[]
  /** The interview's 1-based number among all interviews (from `interviewOrdinals`). */
  ordinal?: number
}

/** A name that may not be shown, and what is shown in its place. */
export interface HiddenName {
  name: string
  substitute: string
  /**
   * Match only with this capitalisation (diacritics still folded). Set on single name parts such as
   * a first name "Roos", so the noun "roos" in a sentence stays; full names match in any case.
   */
  matchCase?: boolean
}

/** Actor types that describe a person rather than an organisation: "Anonieme bewoner" reads well. */
const PERSON_TYPES: ReadonlySet<ActorType> = new Set<ActorType>([
  'resident',
  'administrator',
  'entrepreneur',
  'expert'
])

/** Dutch name particles (tussenvoegsels): never hidden on their own. */
const PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  "'t",
  '’t',
  'ter',
  'ten',
  'te',
  'in',
  "'s",
  'op',
  'la',
  'le',
  'du',
  'da',
  'di',
  'von',
  'el',
  'al',
  'bin',
  'ibn'
])

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december'
] as const

/** Shown for a quote whose speaker role is not filled in. */
export const UNKNOWN_SPEAKER = 'Onbekende spreker'

/** Names actor types in substitutes. The domain has no UI text: see `setActorTypeLabels`. */
export type ActorTypeLabels = Readonly<Record<ActorType, string>>

let actorTypeLabels: ActorTypeLabels | null = null

/**
 * Gives the consent rules the Dutch actor type labels their substitutes are made of ("Bewoner",
 * "Anonieme bewoner"): i18n nl.json `facet.actorType`. The app sets them once at start
 * (i18n/index.ts), tests set them themselves. Until then a substitute uses the type code.
 */
export function setActorTypeLabels(labels: ActorTypeLabels): void {
  actorTypeLabels = labels
}

/** The Dutch label of an actor type ("Bewoner"), as set with `setActorTypeLabels`. */
export function actorTypeLabel(type: ActorType): string {
  return actorTypeLabels?.[type] ?? type
}

/** A person (an actor with `isPerson`), to whom consent applies; organisations are not. */
export function isPersonNode(node: GraphNode): node is ActorNode {
  return node.kind === 'actor' && node.isPerson === true
}

/**
 * Whether a node's title may be shown as is. False only for persons who did not consent to being
 * named under the given mode, and for non-named interviews in presentation-safe mode.
 */
export function showsTitle(node: GraphNode, opts: ConsentOptions): boolean {
  if (node.kind === 'interview') return !opts.presentationSafe || node.consent === 'named'
  if (!isPersonNode(node)) return true
  if (node.consent === 'named') return true
  return node.consent === undefined && !opts.presentationSafe
}

/** What a person is shown as when their name is hidden (depends only on consent and type). */
export function personSubstitute(actor: ActorNode): string {
  const label = actorTypeLabel(actor.actorType)
  if (actor.consent === 'anonymous') {
    if (actor.actorType === 'other') return 'Anonieme persoon'
    return PERSON_TYPES.has(actor.actorType)
      ? `Anonieme ${label.toLowerCase()}`
      : `Anonieme persoon (${label.toLowerCase()})`
  }
  const role = actor.roleDescription?.trim()
  return role ? role : label
}

/**
 * The label of a node everywhere on screen (canvas, inspector, lists, search results), under the
 * consent rules in this module's table. Never returns an empty string.
 */
export function displayName(node: GraphNode, opts: DisplayOptions): string {
  if (node.kind === 'actor') {
    if (!node.isPerson || showsTitle(node, opts)) return node.title
    return personSubstitute(node)
  }
  if (node.kind === 'interview' && !showsTitle(node, opts))
    return interviewLabel(node, opts.ordinal)
  // A shown interview title still loses the names of people who are hidden.
  if (node.kind === 'interview') return redactText(node.title, opts.hidden ?? [])
  return redactText(node.title, opts.hidden ?? [])
}

/** Who said a quote: its speaker role (names in it redacted), never the speaker's name. */
export function speakerLabel(quote: QuoteNode, hidden: readonly HiddenName[] = []): string {
  const role = quote.speakerRole?.trim()
  return role ? redactText(role, hidden) : UNKNOWN_SPEAKER
}

/**
 * "Gesprek" + ordinal + date for an interview whose title may not be shown. The date is used only
 * when it is an ISO date, year-month or year (free text could hold a name).
 */
export function interviewLabel(interview: InterviewNode, ordinal?: number): string {
  const parts = ['Gesprek']
  if (ordinal !== undefined && ordinal > 0) parts.push(String(ordinal))
  const date = formatDate(interview.date)
  if (ordinal !== undefined && ordinal > 0 && date) return `${parts.join(' ')} · ${date}`
  if (date) parts.push(date)
  return parts.join(' ')
}

const TITLE_ORDER = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' })

/**
 * Numbers the (not deleted) interviews 1, 2, 3… by date, then creation time, then title (numbers in
 * titles as numbers), then id, so a presentation can say "Gesprek 3" without the title. The numbers
 * depend only on the interviews, never on the presentation-safe switch. They shift when an interview
 * is added before others.
 */
export function interviewOrdinals(nodes: Iterable<GraphNode>): Map<string, number> {
  const interviews: InterviewNode[] = []
  for (const n of nodes) if (n.kind === 'interview' && !n.deletedAt) interviews.push(n)
  interviews.sort(
    (a, b) =>
      cmp(a.date ?? '', b.date ?? '') ||
      cmp(a.createdAt, b.createdAt) ||
      // Interviews entered together (an import, the demo) keep the order of their titles, numbers
      // compared as numbers: "Gesprek 2: …" before "Gesprek 10: …".
      TITLE_ORDER.compare(a.title, b.title) ||
      cmp(a.id, b.id)
  )
  return new Map(interviews.map((n, i) => [n.id, i + 1]))
}

/**
 * The names that are hidden under `opts`, each with what is shown instead: for every person whose
 * title is not shown, the full title (any case) and, when the title looks like a personal name
 * ("Jan de Vries"), each capitalised part of three letters or more except particles (same
 * capitalisation only). Parts that also occur in a shown person's name or in the substitute are left
 * out. Deleted persons count too: their names may still occur in text. A title equal to its
 * substitute (a pseudonym already) hides nothing.
 */
export function hiddenNames(nodes: Iterable<GraphNode>, opts: ConsentOptions): HiddenName[] {
  const hidden: HiddenName[] = []
  const shownParts = new Set<string>()
  const partsOf: { parts: string[]; substitute: string }[] = []
  for (const n of nodes) {
    if (!isPersonNode(n)) continue
    if (showsTitle(n, opts)) {
      for (const w of words(n.title)) shownParts.add(fold(w))
      continue
    }
    const name = n.title.trim()
    const substitute = personSubstitute(n)
    if (!name || fold(name).toLowerCase() === fold(substitute).toLowerCase()) continue
    hidden.push({ name, substitute })
    const ws = words(name)
    if (ws.length >= 2 && ws.length <= 5 && ws.every(isNameWord)) {
      const inSubstitute = new Set(words(substitute).map((w) => fold(w).toLowerCase()))
      const parts = ws.filter(
        (w) =>
          !PARTICLES.has(w.toLowerCase()) &&
          /^\p{Lu}/u.test(w) &&
          [...w].length >= 3 &&
          !inSubstitute.has(fold(w).toLowerCase())
      )
      partsOf.push({ parts, substitute })
    }
  }
  const seen = new Set(hidden.map((h) => fold(h.name).toLowerCase()))
  for (const { parts, substitute } of partsOf) {
    for (const p of parts) {
      const key = fold(p)
      if (shownParts.has(key) || seen.has(key.toLowerCase())) continue
      seen.add(key.toLowerCase())
      hidden.push({ name: p, substitute, matchCase: true })
    }
  }
  return hidden
}

/**
 * Replaces every occurrence of a hidden name in free text with its substitute: whole words only,
 * case-insensitive (except entries with `matchCase`), diacritics folded ("Combe" matches "Combé"),
 * any run of whitespace inside a name matching any other. Longer names win over their parts. A plain
 * string is replaced by "[naam]". One pass: substitutes are never redacted again.
 */
export function redactText(text: string, names: readonly (HiddenName | string)[]): string {
  if (!text || !names.length) return text
  const entries = names
    .map((n) => (typeof n === 'string' ? { name: n, substitute: '[naam]' } : n))
    .filter((n) => n.name.trim().length > 0)
  if (!entries.length) return text
  const anyCase = new Map<string, string>()
  const exactCase = new Map<string, string>()
  for (const e of entries) {
    const key = normalise(e.name)
    if (e.matchCase) {
      if (!exactCase.has(key)) exactCase.set(key, e.substitute)
    } else if (!anyCase.has(key.toLowerCase())) anyCase.set(key.toLowerCase(), e.substitute)
  }
  const patterns = [...new Set(entries.map((e) => e.name.trim()))]
    .sort((a, b) => b.length - a.length)
    .map(namePattern)
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${patterns.join('|')})(?![\\p{L}\\p{N}_])`, 'giu')
  return text.replace(re, (match) => {
    const key = normalise(match)
    return anyCase.get(key.toLowerCase()) ?? exactCase.get(key) ?? match
  })
}

// ---------- internals ----------

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function formatDate(date: string | undefined): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date?.trim() ?? '')
  if (!m) return null
  const [, year, month, day] = m
  const monthName = month ? MONTHS[Number(month) - 1] : undefined
  if (month && !monthName) return null
  if (day && monthName) return `${Number(day)} ${monthName} ${year}`
  return monthName ? `${monthName} ${year}` : (year ?? null)
}

function words(text: string): string[] {
  return text.split(/\s+/u).filter(Boolean)
}

/** A word that can be part of a personal name: letters with apostrophes, hyphens or a dot. */
function isNameWord(w: string): boolean {
  return /^[\p{L}'’.-]+$/u.test(w) && (PARTICLES.has(w.toLowerCase()) || /^\p{Lu}/u.test(w))
}

/** Strips diacritics (NFD, combining marks removed), keeping case. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '')
}

/** The lookup key of a name or a match: diacritics folded, whitespace collapsed, ’ as '. */
function normalise(s: string): string {
  return fold(s).trim().replace(/\s+/gu, ' ').replace(/’/g, "'")
}

const VARIANTS: Record<string, string> = {
  a: 'aàáâãäå',
  c: 'cç',
  e: 'eèéêë',
  i: 'iìíîï',
  n: 'nñ',
  o: 'oòóôõö',
  u: 'uùúûü',
  y: 'yýÿ'
}

/** A regex source matching `name` with folded diacritics, flexible whitespace and either apostrophe. */
function namePattern(name: string): string {
  let out = ''
  for (const ch of name) {
    if (/\s/u.test(ch)) {
      if (!out.endsWith('\\s+')) out += '\\s+'
      continue
    }
    if (ch === "'" || ch === '’') {
      out += "['’]"
      continue
    }
    const base = fold(ch).toLowerCase()
    const variants = VARIANTS[base]
    if (variants) out += `[${variants}]`
    else out += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
  }
  return out
}
