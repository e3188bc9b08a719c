import { z } from 'zod'
import { PHASES, PROJECT_TYPES, type ProjectType } from '../facets'
import { commonNodeFields, defineKind, facetField, text } from './common'

/**
 * A project, programme or event. Its type defaults to `initiatief`, the broadest one: a Kumu
 * "Project" row says no more, and a user can narrow it (werkplaats, gebiedsontwikkeling, …).
 */
const defaults = (): { projectType: ProjectType } => ({ projectType: 'initiatief' })

export const projectSchema = z.object({
  ...commonNodeFields,
  kind: z.literal('project'),
  projectType: z.enum(PROJECT_TYPES),
  area: z.string().max(500).optional(),
  district: z.string().max(200).optional(),
  phase: z.enum(PHASES).optional(),
  startDate: z.string().max(40).optional(),
  endDate: z.string().max(40).optional()
})

export const projectKind = defineKind({
  kind: 'project',
  schema: projectSchema,
  defaults,
  fields: [
    facetField('projectType', 'projectType', { required: true }),
    text('area'),
    text('district'),
    facetField('phase', 'phase'),
    text('startDate'),
    text('endDate')
  ]
})
