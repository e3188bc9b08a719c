import { z } from 'zod'
import { PHASES, REVIEW_STATUSES, type ReviewStatus } from '../facets'
import { commonNodeFields, defineKind, facetField, reviewFields } from './common'

/** An ingredient of the method. New ingredients are concepts until reviewed. */
const defaults = (): { reviewStatus: ReviewStatus } => ({ reviewStatus: 'concept' })

export const ingredientSchema = z.object({
  ...commonNodeFields,
  kind: z.literal('ingredient'),
  reviewStatus: z.enum(REVIEW_STATUSES).default(defaults().reviewStatus),
  ...reviewFields,
  phase: z.enum(PHASES).optional()
})

export const ingredientKind = defineKind({
  kind: 'ingredient',
  schema: ingredientSchema,
  defaults,
  fields: [facetField('reviewStatus', 'reviewStatus'), facetField('phase', 'phase')]
})
