/**
 * Issues in the user's language. The domain returns issues with a code, a path and params
 * (domain/result.ts); every form and dialog shows them through `issueMessage`, with the messages
 * under `issues.<code>` in nl.json and en.json. Pure: no i18next instance needed (pass its `t`, or
 * `fixedTranslator` for code that runs without one, such as the import pipeline and the CLI).
 */
import { KIND_SPECS, NODE_KINDS } from '../domain/node-kinds'
import type { Issue } from '../domain/result'
import en from './en.json'
import nl from './nl.json'

/** The part of i18next's `t` the messages need; `useTranslation().t` and `i18next.t` fit. */
export type Translate = (key: string, values?: Record<string, string | number>) => string

export type IssueLanguage = 'nl' | 'en'

/** Label keys of fields that are not kind-specific (those come from the kind files). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'editor.title',
  description: 'editor.description',
  tags: 'editor.tags',
  status: 'editor.status',
  sources: 'editor.sources',
  'sources.title': 'editor.sourceTitle',
  'sources.url': 'editor.sourceUrl',
  fields: 'field.fields',
  kind: 'display.kind',
  id: 'issueLabels.id',
  source: 'issueLabels.end.source',
  target: 'issueLabels.end.target',
  weight: 'field.weight',
  label: 'field.label',
  role: 'field.role',
  participationLevel: 'field.participationLevel',
  topic: 'field.topic',
  evidence: 'field.evidence',
  author: 'issueLabels.author',
  stance: 'annotation.stance',
  confidence: 'annotation.confidence',
  quoteIds: 'annotation.quotes'
}

const KIND_FIELD_LABELS: ReadonlyMap<string, string> = new Map(
  NODE_KINDS.flatMap((k) => KIND_SPECS[k].fields.map((f) => [f.key, f.label] as const))
)

/** The label key of the field an issue's path points at (`sources.0.url` → the source link). */
function fieldLabelKey(path: readonly (string | number)[]): string | undefined {
  const names = path.filter((p): p is string => typeof p === 'string')
  const nested = names.length > 1 ? FIELD_LABELS[names.join('.')] : undefined
  const first = names[0]
  if (first === undefined) return undefined
  return nested ?? FIELD_LABELS[first] ?? KIND_FIELD_LABELS.get(first) ?? `field.${first}`
}

/** A field's label, or "this field" when there is none. */
function fieldLabel(t: Translate, key: string | undefined): string {
  const label = key ? t(key) : undefined
  return label && label !== key ? label : t('issueLabels.thisField')
}

/** Params that are codes, and where their labels live. */
const CODE_PARAMS: Readonly<Record<string, (value: string) => string>> = {
  kind: (v) => `kind.${v}`,
  from: (v) => `kind.${v}`,
  to: (v) => `kind.${v}`,
  edge: (v) => `edge.${v}`,
  end: (v) => `issueLabels.end.${v}`,
  of: (v) => `issueLabels.of.${v}`,
  target: (v) => `issueLabels.target.${v}`
}

/**
 * The message for an issue in `t`'s language. Issues from the domain (with `params`) are translated
 * by code, their code params (kinds, edge kinds, fields) as labels; `{{field}}` is the label of the
 * field the path points at. Issues without params come from code that still writes its own text
 * (storage, exchange): that text is shown as is.
 */
export function issueMessage(t: Translate, issue: Issue): string {
  if (!issue.params) return issue.message || t(`issues.${issue.code}`)
  const values: Record<string, string | number> = {
    field: fieldLabel(t, fieldLabelKey(issue.path))
  }
  for (const [name, value] of Object.entries(issue.params)) {
    const labelKey = typeof value === 'string' ? CODE_PARAMS[name]?.(value) : undefined
    if (name === 'field') values.field = fieldLabel(t, fieldLabelKey([String(value)]))
    else values[name] = labelKey ? t(labelKey) : value
  }
  return t(`issues.${issue.code}`, values)
}

/**
 * One message per form field: issues grouped by their path's first element (`title`, `sources`, …;
 * `_form` for issues about the whole record), the messages of a field joined with a space.
 */
export function fieldIssueMessages(t: Translate, issues: readonly Issue[]): Record<string, string> {
  const byField = new Map<string, string[]>()
  for (const i of issues) {
    const key = String(i.path[0] ?? '_form')
    const messages = byField.get(key) ?? []
    const message = issueMessage(t, i)
    if (!messages.includes(message)) messages.push(message)
    byField.set(key, messages)
  }
  return Object.fromEntries([...byField].map(([key, messages]) => [key, messages.join(' ')]))
}

type Resources = Record<string, unknown>
const RESOURCES: Record<IssueLanguage, Resources> = { nl, en }

function lookup(resources: Resources, key: string): string | undefined {
  let at: unknown = resources
  for (const part of key.split('.')) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<string, unknown>)[part]
  }
  return typeof at === 'string' ? at : undefined
}

/**
 * A translator over nl.json or en.json without i18next (Dutch as fallback, like the app; `{{name}}`
 * interpolation; a missing key comes back as itself). For non-React code and workers.
 */
export function fixedTranslator(language: IssueLanguage): Translate {
  return (key, values) => {
    const template = lookup(RESOURCES[language], key) ?? lookup(nl, key) ?? key
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => {
      const value = values?.[name]
      return value === undefined ? match : String(value)
    })
  }
}

/** The issues with their `message` in `language` (default Dutch), for code that shows `message`. */
export function localizeIssues<T extends Issue>(
  issues: readonly T[],
  language: IssueLanguage = 'nl'
): T[] {
  const t = fixedTranslator(language)
  return issues.map((i) => (i.params ? { ...i, message: issueMessage(t, i) } : i))
}
