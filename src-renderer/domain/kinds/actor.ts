import { z } from 'zod'
import { ACTOR_TYPES, CONSENT_LEVELS, type ActorType } from '../facets'
import { booleanField, commonNodeFields, defineKind, facetField, text } from './common'

/**
 * A person or organisation. A new or imported actor whose type is not known is `other`: the form
 * preselects it and the user picks the real type; an import never guesses "resident".
 */
const defaults = (): { actorType: ActorType; isPerson: boolean } => ({
  actorType: 'other',
  isPerson: false
})

export const actorSchema = z.object({
  ...commonNodeFields,
  kind: z.literal('actor'),
  actorType: z.enum(ACTOR_TYPES),
  isPerson: z.boolean().default(defaults().isPerson),
  organisation: z.string().max(500).optional(),
  roleDescription: z.string().max(500).optional(),
  consent: z.enum(CONSENT_LEVELS).optional()
})

export const actorKind = defineKind({
  kind: 'actor',
  schema: actorSchema,
  defaults,
  fields: [
    facetField('actorType', 'actorType', { required: true }),
    text('organisation'),
    text('roleDescription'),
    facetField('consent', 'consent'),
    booleanField('isPerson', { label: 'editor.isPerson', inspector: false })
  ]
})
