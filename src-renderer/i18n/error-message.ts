/**
 * Thrown errors in the user's language: the one place that decides what a failed write or import
 * tells the user. Storage (IndexedDB through Dexie), the import worker and zod throw errors of many
 * shapes; {@link classifyError} sorts them into a few kinds by name (DOMException and Dexie errors
 * share their names: `QuotaExceededError`, `AbortError`, …, and Dexie wraps the cause in `inner`),
 * and {@link errorMessage} says each kind in Dutch or English (`errors.<kind>` in nl.json/en.json).
 *
 * A write is one transaction: when it throws, nothing of it was stored. The messages say so.
 * Pure (domain-free, no i18next instance): pass `t`.
 */
import type { Translate } from './issue-message'

/**
 * What went wrong, as the user needs to know it:
 * - `quota`: the disk (or the browser's storage quota) is full;
 * - `cancelled`: the user cancelled (only when the caller's signal was aborted);
 * - `aborted`: the database aborted the transaction without the user asking (an AbortError, with
 *   or without an inner error, while the signal was not aborted);
 * - `closed`: the database connection is closed (another window upgraded it, or it was deleted);
 * - `version`: a newer version of the app changed the database (versionchange, upgrade blocked);
 * - `read_only`: a write into a database that is open read-only;
 * - `invalid`: data that failed a schema check (zod) where none was expected;
 * - `unknown`: anything else (the message carries a short technical detail).
 */
export type ErrorKind =
  'quota' | 'cancelled' | 'aborted' | 'closed' | 'version' | 'read_only' | 'invalid' | 'unknown'

export interface ClassifiedError {
  kind: ErrorKind
  /** A short technical detail (`Name: message`, at most {@link DETAIL_MAX} characters). */
  detail: string
}

/** Longest technical detail shown to the user. */
export const DETAIL_MAX = 200

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'])
const CLOSED_NAMES = new Set(['DatabaseClosedError', 'InvalidStateError', 'MissingAPIError'])
const VERSION_NAMES = new Set(['VersionChangeError', 'VersionError', 'UpgradeError', 'SchemaError'])
const READ_ONLY_NAMES = new Set(['ReadOnlyError'])

interface ErrorLike {
  name?: unknown
  message?: unknown
  code?: unknown
  inner?: unknown
  cause?: unknown
  failures?: unknown
  issues?: unknown
}

/** The error and every error it wraps (Dexie `inner`, `cause`, BulkError `failures`), outermost first. */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = []
  const queue: unknown[] = [error]
  while (queue.length && out.length < 20) {
    const e = queue.shift()
    if (!e || typeof e !== 'object' || out.includes(e as ErrorLike)) continue
    const like = e as ErrorLike
    out.push(like)
    queue.push(like.inner, like.cause)
    if (Array.isArray(like.failures)) queue.push(...(like.failures as unknown[]).slice(0, 5))
  }
  return out
}

function nameOf(e: ErrorLike): string {
  return typeof e.name === 'string' ? e.name : ''
}

function isQuota(e: ErrorLike): boolean {
  // Old WebKit/Gecko report quota as DOMException code 22 (or 1014) with another name.
  return QUOTA_NAMES.has(nameOf(e)) || e.code === 22 || e.code === 1014
}

function detailOf(error: unknown, links: readonly ErrorLike[]): string {
  // The innermost error says most (Dexie's AbortError wraps the QuotaExceededError that caused it).
  const e = links[links.length - 1]
  let text: string
  if (!e) text = String(error)
  else {
    const name = nameOf(e)
    const message = typeof e.message === 'string' ? e.message : ''
    text = name && message ? `${name}: ${message}` : name || message || String(error)
  }
  text = text.replace(/\s+/g, ' ').trim()
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text
}

/**
 * Sorts a thrown error into an {@link ErrorKind}. `signal` is the caller's cancel signal: an
 * AbortError counts as the user's cancel only when that signal was aborted; an abort nobody asked
 * for (a transaction the database aborted, with or without an error object) is a failure.
 */
export function classifyError(
  error: unknown,
  options: { signal?: AbortSignal | undefined } = {}
): ClassifiedError {
  const links = chain(error)
  const names = links.map(nameOf)
  const detail = detailOf(error, links)
  const kind: ErrorKind = links.some(isQuota)
    ? 'quota'
    : names.includes('AbortError') || names.includes('TransactionInactiveError')
      ? options.signal?.aborted
        ? 'cancelled'
        : 'aborted'
      : names.some((n) => VERSION_NAMES.has(n))
        ? 'version'
        : names.some((n) => CLOSED_NAMES.has(n))
          ? 'closed'
          : names.some((n) => READ_ONLY_NAMES.has(n))
            ? 'read_only'
            : names.includes('ZodError') || links.some((l) => Array.isArray(l.issues))
              ? 'invalid'
              : options.signal?.aborted
                ? 'cancelled'
                : 'unknown'
  return { kind, detail }
}

/** Whether `error` is the user's own cancel (see {@link classifyError}). */
export function isCancel(error: unknown, signal: AbortSignal | undefined): boolean {
  return classifyError(error, { signal }).kind === 'cancelled'
}

/**
 * The message for a thrown error in `t`'s language, e.g. "De schijf is vol: …". Every kind but
 * `cancelled` names it a failure; `aborted`, `invalid` and `unknown` end with the technical detail.
 */
export function errorMessage(
  t: Translate,
  error: unknown,
  options: { signal?: AbortSignal | undefined } = {}
): string {
  const { kind, detail } = classifyError(error, options)
  return t(`errors.${kind}`, { detail })
}
