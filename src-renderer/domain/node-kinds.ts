import { z } from 'zod'
import {
  ACTOR_TYPES,
  CONSENT_LEVELS,
  PHASES,
  POLARITIES,
  PROJECT_TYPES,
  REVIEW_STATUSES,
  STATUSES,
  THEME_TYPES
} from './facets'
import type { NodeId } from './ids'

/** The seven node kinds, in the order the legend and forms list them. */
export const NODE_KINDS = [
  'actor',
  'interview',
  'quote',
  'lesson',
  'ingredient',
  'project',
  'theme'
] as const
export type NodeKind = (typeof NODE_KINDS)[number]

/** A free attribute value: imported or custom attributes keep their primitive type. */
export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
export type FieldValue = z.infer<typeof fieldValueSchema>

/** A free map of attributes (`fields`). `__proto__` and friends are rejected so imports cannot pollute prototypes. */
export const fieldsSchema = z
  .record(z.string().min(1).max(200), fieldValueSchema)
  .refine((rec) => !Object.keys(rec).some(isUnsafeKey), {
    message: 'Verboden veldnaam (__proto__, constructor of prototype).'
  })

/** Keys that must never become object keys from outside data. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
}

export const sourceSchema = z.object({
  title: z.string().min(1, 'Een bron heeft een titel nodig.').max(500),
  url: z
    .string()
    .url('Geen geldige URL.')
    .refine((u) => /^https?:\/\//i.test(u), 'Alleen http- en https-links zijn toegestaan.')
    .optional(),
  note: z.string().max(2000).optional()
})
export type SourceRef = z.infer<typeof sourceSchema>

const isoDateTime = z.string().min(1)

/** Fields every stored record carries: id, timestamps, author, soft delete. */
export const recordFields = {
  id: z.string().min(1, 'Id ontbreekt.').max(200),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  createdBy: z.string().max(200),
  updatedBy: z.string().max(200),
  deletedAt: isoDateTime.nullable().optional()
}

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() })
export type Position = z.infer<typeof positionSchema>

const commonNodeFields = {
  ...recordFields,
  title: z.string().trim().min(1, 'Titel is verplicht.').max(500, 'Titel is te lang (max. 500).'),
  description: z.string().max(100_000).default(''),
  tags: z.array(z.string().trim().min(1).max(100)).default([]),
  status: z.enum(STATUSES),
  sources: z.array(sourceSchema).default([]),
  fields: fieldsSchema.default({}),
  position: positionSchema.nullable().optional()
}

/** Who moved a lesson or ingredient to its current review status, and when. */
const reviewFields = {
  reviewedBy: z.string().max(200).optional(),
  reviewedAt: z.string().max(40).optional()
}

const textList = z.array(z.string().max(10_000)).default([])

/** One zod schema per node kind: the single validator that forms, import, storage and tests share. */
export const NODE_SCHEMAS = {
  actor: z.object({
    ...commonNodeFields,
    kind: z.literal('actor'),
    actorType: z.enum(ACTOR_TYPES),
    isPerson: z.boolean().default(false),
    organisation: z.string().max(500).optional(),
    roleDescription: z.string().max(500).optional(),
    consent: z.enum(CONSENT_LEVELS).optional()
  }),
  interview: z.object({
    ...commonNodeFields,
    kind: z.literal('interview'),
    date: z.string().max(40).optional(),
    interviewer: z.string().max(200).optional(),
    format: z.string().max(200).optional(),
    consent: z.enum(CONSENT_LEVELS).default('pseudonymised'),
    summary: z.string().max(20_000).default(''),
    wentWell: textList,
    wentWrong: textList,
    attentionPoints: textList,
    transcript: z.string().max(2_000_000).default('')
  }),
  quote: z.object({
    ...commonNodeFields,
    kind: z.literal('quote'),
    text: z.string().trim().min(1, 'Een citaat heeft tekst nodig.').max(20_000),
    speakerRole: z.string().max(500).optional(),
    locator: z.string().max(200).optional()
  }),
  lesson: z.object({
    ...commonNodeFields,
    kind: z.literal('lesson'),
    statement: z.string().max(5_000).default(''),
    polarity: z.enum(POLARITIES).optional(),
    reviewStatus: z.enum(REVIEW_STATUSES).default('concept'),
    ...reviewFields,
    phase: z.enum(PHASES).optional()
  }),
  ingredient: z.object({
    ...commonNodeFields,
    kind: z.literal('ingredient'),
    reviewStatus: z.enum(REVIEW_STATUSES).default('concept'),
    ...reviewFields,
    phase: z.enum(PHASES).optional()
  }),
  project: z.object({
    ...commonNodeFields,
    kind: z.literal('project'),
    projectType: z.enum(PROJECT_TYPES),
    area: z.string().max(500).optional(),
    district: z.string().max(200).optional(),
    phase: z.enum(PHASES).optional(),
    startDate: z.string().max(40).optional(),
    endDate: z.string().max(40).optional()
  }),
  theme: z.object({
    ...commonNodeFields,
    kind: z.literal('theme'),
    themeType: z.enum(THEME_TYPES)
  })
} as const satisfies Record<NodeKind, z.ZodType>

/** Any node, discriminated on `kind`. */
export const nodeSchema = z.discriminatedUnion('kind', [
  NODE_SCHEMAS.actor,
  NODE_SCHEMAS.interview,
  NODE_SCHEMAS.quote,
  NODE_SCHEMAS.lesson,
  NODE_SCHEMAS.ingredient,
  NODE_SCHEMAS.project,
  NODE_SCHEMAS.theme
])

type WithId<T> = Omit<T, 'id'> & { id: NodeId }
export type ActorNode = WithId<z.infer<typeof NODE_SCHEMAS.actor>>
export type InterviewNode = WithId<z.infer<typeof NODE_SCHEMAS.interview>>
export type QuoteNode = WithId<z.infer<typeof NODE_SCHEMAS.quote>>
export type LessonNode = WithId<z.infer<typeof NODE_SCHEMAS.lesson>>
export type IngredientNode = WithId<z.infer<typeof NODE_SCHEMAS.ingredient>>
export type ProjectNode = WithId<z.infer<typeof NODE_SCHEMAS.project>>
export type ThemeNode = WithId<z.infer<typeof NODE_SCHEMAS.theme>>
/** A stored node. `kind` discriminates the kind-specific fields. */
export type GraphNode =
  | ActorNode
  | InterviewNode
  | QuoteNode
  | LessonNode
  | IngredientNode
  | ProjectNode
  | ThemeNode
/** A node as a form or an importer hands it in: without the record fields the repository fills in. */
export type NodeInput = z.input<typeof nodeSchema>

/** Type guard for a node kind string from outside data. */
export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value)
}
