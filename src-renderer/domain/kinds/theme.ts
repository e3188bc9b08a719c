import { z } from 'zod'
import { THEME_TYPES, type ThemeType } from '../facets'
import { commonNodeFields, defineKind, facetField } from './common'

/** A theme, policy, area or source that frames others. Unknown themes are `overig`. */
const defaults = (): { themeType: ThemeType } => ({ themeType: 'overig' })

export const themeSchema = z.object({
  ...commonNodeFields,
  kind: z.literal('theme'),
  themeType: z.enum(THEME_TYPES)
})

export const themeKind = defineKind({
  kind: 'theme',
  schema: themeSchema,
  defaults,
  fields: [facetField('themeType', 'themeType', { required: true })]
})
