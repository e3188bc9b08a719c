/**
 * The stable issue codes. The domain says what is wrong with a code, a path and params; the UI says
 * it in the user's language (i18n `issues.<code>`, see i18n/issue-message.ts). Never rename a code:
 * import, storage and tests match on them.
 */
export const ISSUE_CODES = [
  // A field's value (from the schemas; `path` names the field).
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_big',
  'not_integer',
  'invalid_type',
  'invalid_enum',
  'invalid_url',
  'url_not_http',
  'invalid_key',
  'unsafe_key',
  'invalid_field',
  // A record among others.
  'unknown_kind',
  'duplicate_id',
  'missing_node',
  'self_loop',
  'edge_not_allowed',
  'extra_not_allowed',
  'evidence_not_quote',
  'missing_target',
  // Storage and files.
  'read_only',
  'conflict',
  'invalid_json',
  'not_our_format',
  'unsupported_version',
  'too_large'
] as const

export type IssueCode = (typeof ISSUE_CODES)[number]

/**
 * Values a message needs, e.g. `{ max: 500 }` or `{ edge: 'supports', from: 'actor', to: 'theme' }`.
 * Codes of node kinds (`kind`, `from`, `to`), edge kinds (`edge`) and field names (`field`) are
 * passed as codes; the UI turns them into labels.
 */
export type IssueParams = Readonly<Record<string, string | number>>

/**
 * A problem found in data, for code, tests and (through i18n) the user: a stable `code`, where it
 * is (`path`) and the values its message needs (`params`). The domain writes no UI text.
 */
export interface Issue {
  code: IssueCode
  /** Path inside the record, e.g. `['title']` or `['sources', 0, 'url']`. */
  path: (string | number)[]
  /** Set on every issue the domain makes (possibly `{}`); the UI translates those by code. */
  params?: IssueParams
  /**
   * A developer fallback for logs and tests: English for issues the domain makes. Producers that do
   * not set `params` yet (storage, exchange) put their user text here, and the UI shows it as is.
   */
  message: string
  recordId?: string
}

/** Validation and repository results: never thrown, always returned. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(issues: Issue[]): Result<T> => ({ ok: false, issues })

/**
 * An issue made by the domain: code, path, params and an English developer message built from them
 * (`title: too_long (max 500)`), never user text.
 */
export function issue(
  code: IssueCode,
  path: (string | number)[],
  params: IssueParams = {},
  recordId?: string
): Issue {
  const where = path.length ? `${path.join('.')}: ` : ''
  const values = Object.entries(params)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ')
  return {
    code,
    path,
    params,
    message: `${where}${code}${values ? ` (${values})` : ''}`,
    ...(recordId !== undefined ? { recordId } : {})
  }
}
