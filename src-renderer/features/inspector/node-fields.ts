import type { FacetName } from '../../domain/facets'
import type { NodeKind } from '../../domain/node-kinds'

/** A kind-specific field as the inspector shows it: its key, an i18n label key, and its facet if any. */
export interface FieldSpec {
  key: string
  facet?: FacetName
  /** Text lists (went well, …) and long text are shown as blocks. */
  block?: boolean
}

/** The kind-specific fields of DESIGN.md per node kind, in reading order. */
export const NODE_FIELDS: Record<NodeKind, FieldSpec[]> = {
  actor: [
    { key: 'actorType', facet: 'actorType' },
    { key: 'organisation' },
    { key: 'roleDescription' },
    { key: 'consent', facet: 'consent' }
  ],
  interview: [
    { key: 'date' },
    { key: 'interviewer' },
    { key: 'format' },
    { key: 'consent', facet: 'consent' },
    { key: 'summary', block: true },
    { key: 'wentWell', block: true },
    { key: 'wentWrong', block: true },
    { key: 'attentionPoints', block: true }
  ],
  quote: [{ key: 'text', block: true }, { key: 'speakerRole' }, { key: 'locator' }],
  lesson: [
    { key: 'statement', block: true },
    { key: 'polarity', facet: 'polarity' },
    { key: 'reviewStatus', facet: 'reviewStatus' },
    { key: 'phase', facet: 'phase' }
  ],
  ingredient: [
    { key: 'reviewStatus', facet: 'reviewStatus' },
    { key: 'phase', facet: 'phase' }
  ],
  project: [
    { key: 'projectType', facet: 'projectType' },
    { key: 'area' },
    { key: 'district' },
    { key: 'phase', facet: 'phase' },
    { key: 'startDate' },
    { key: 'endDate' }
  ],
  theme: [{ key: 'themeType', facet: 'themeType' }]
}
