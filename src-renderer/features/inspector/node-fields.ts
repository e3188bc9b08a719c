import type { FacetName } from '../../domain/facets'
import { NODE_KINDS, nodeFields, type NodeKind } from '../../domain/node-kinds'

/** A kind-specific field as the inspector shows it: its key, an i18n label key, and its facet if any. */
export interface FieldSpec {
  key: string
  /** i18n key of the label. */
  label: string
  facet?: FacetName
  /** Text lists (went well, …) and long text are shown as blocks. */
  block?: boolean
}

/**
 * The kind-specific fields the inspector lists per node kind, in reading order: the kind files'
 * field lists (domain/kinds/<kind>.ts) without the fields shown elsewhere.
 */
export const NODE_FIELDS: Record<NodeKind, FieldSpec[]> = Object.fromEntries(
  NODE_KINDS.map((kind) => [
    kind,
    nodeFields(kind)
      .filter((f) => f.inspector !== false)
      .map((f): FieldSpec => ({
        key: f.key,
        label: f.label,
        ...(f.facet ? { facet: f.facet } : {}),
        ...(f.multiline ? { block: true } : {})
      }))
  ])
) as Record<NodeKind, FieldSpec[]>
