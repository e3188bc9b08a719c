import { z } from 'zod'
import { PHASES, POLARITIES, REVIEW_STATUSES, type ReviewStatus } from '../facets'
import { commonNodeFields, defineKind, facetField, longText, reviewFields } from './common'

/** A lesson learned. New lessons are concepts until reviewed. */
const defaults = (): { statement: string; reviewStatus: ReviewStatus } => ({
  statement: '',
  reviewStatus: 'concept'
})

export const lessonSchema = z.object({
  ...commonNodeFields,
  kind: z.literal('lesson'),
  statement: z.string().max(5_000).default(''),
  polarity: z.enum(POLARITIES).optional(),
  reviewStatus: z.enum(REVIEW_STATUSES).default(defaults().reviewStatus),
  ...reviewFields,
  phase: z.enum(PHASES).optional()
})

export const lessonKind = defineKind({
  kind: 'lesson',
  schema: lessonSchema,
  defaults,
  fields: [
    longText('statement'),
    facetField('polarity', 'polarity'),
    facetField('reviewStatus', 'reviewStatus'),
    facetField('phase', 'phase')
  ]
})
