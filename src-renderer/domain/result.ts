/** A problem found in data. `message` is Dutch, for the user; `code` is stable, for code and tests. */
export interface Issue {
  code: IssueCode
  /** Path inside the record, e.g. `['title']` or `['sources', 0, 'url']`. */
  path: (string | number)[]
  message: string
  recordId?: string
}

export type IssueCode =
  | 'invalid_field'
  | 'unknown_kind'
  | 'duplicate_id'
  | 'missing_node'
  | 'edge_not_allowed'
  | 'extra_not_allowed'
  | 'evidence_not_quote'
  | 'missing_target'
  | 'self_loop'
  | 'read_only'
  | 'invalid_json'
  | 'unsafe_key'
  | 'not_our_format'
  | 'unsupported_version'
  | 'too_large'

/** Validation and repository results: never thrown, always returned. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(issues: Issue[]): Result<T> => ({ ok: false, issues })
