import { z } from 'zod'
import { commonNodeFields, defineKind, longText, text } from './common'

/** A passage someone said. Its text has no default: an import uses the title, a form asks for it. */
export const quoteSchema = z.object({
  ...commonNodeFields,
  kind: z.literal('quote'),
  text: z.string().trim().min(1).max(20_000),
  speakerRole: z.string().max(500).optional(),
  locator: z.string().max(200).optional()
})

export const quoteKind = defineKind({
  kind: 'quote',
  schema: quoteSchema,
  defaults: () => ({}),
  fields: [longText('text', { required: true }), text('speakerRole'), text('locator')]
})
