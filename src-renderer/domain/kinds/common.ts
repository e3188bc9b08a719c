/**
 * What every node kind shares: the record and common node fields, their defaults, and the shape of a
 * kind's field list. Each kind's own file (actor.ts, interview.ts, …) builds on this with `defineKind`.
 */
import { z } from 'zod'
import { FACETS, STATUSES, type FacetName, type Status } from '../facets'

/** A free attribute value: imported or custom attributes keep their primitive type. */
export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
export type FieldValue = z.infer<typeof fieldValueSchema>

/** Keys that must never become object keys from outside data. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
}

/** A free map of attributes (`fields`). `__proto__` and friends are rejected so imports cannot pollute prototypes. */
export const fieldsSchema = z
  .record(z.string().min(1).max(200), fieldValueSchema)
  .refine((rec) => !Object.keys(rec).some(isUnsafeKey), {
    message: 'Forbidden field name (__proto__, constructor or prototype).',
    params: { code: 'unsafe_key' }
  })

export const sourceSchema = z.object({
  title: z.string().min(1).max(500),
  url: z
    .string()
    .url({ abort: true })
    .refine((u) => /^https?:\/\//i.test(u), {
      message: 'Only http and https links are allowed.',
      params: { code: 'url_not_http' }
    })
    .optional(),
  note: z.string().max(2000).optional()
})
export type SourceRef = z.infer<typeof sourceSchema>

const isoDateTime = z.string().min(1)

/** Fields every stored record carries: id, timestamps, author, soft delete. */
export const recordFields = {
  id: z.string().min(1).max(200),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  createdBy: z.string().max(200),
  updatedBy: z.string().max(200),
  deletedAt: isoDateTime.nullable().optional()
}

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() })
export type Position = z.infer<typeof positionSchema>

/** Defaults of the fields every node has (title has none: a form starts empty, an import uses the id). */
export interface CommonDefaults {
  status: Status
  description: string
  tags: string[]
  sources: SourceRef[]
  fields: Record<string, FieldValue>
}

/** A fresh copy of the common defaults (never shared: drafts and imports mutate theirs). */
export function commonDefaults(): CommonDefaults {
  return { status: 'reported', description: '', tags: [], sources: [], fields: {} }
}

export const commonNodeFields = {
  ...recordFields,
  title: z.string().trim().min(1).max(500),
  description: z.string().max(100_000).default(''),
  tags: z.array(z.string().trim().min(1).max(100)).default([]),
  status: z.enum(STATUSES),
  sources: z.array(sourceSchema).default([]),
  fields: fieldsSchema.default({}),
  position: positionSchema.nullable().optional()
}

/** Who moved a lesson or ingredient to its current review status, and when. */
export const reviewFields = {
  reviewedBy: z.string().max(200).optional(),
  reviewedAt: z.string().max(40).optional()
}

/** A list of short texts (went well, went wrong, …), one point each. */
export const textList = z.array(z.string().max(10_000)).default([])

/**
 * One kind-specific field as the form edits it and the inspector shows it.
 * - `text`: one line, or a text area when `multiline`;
 * - `textList`: a list of texts, edited one point per line;
 * - `facet`: one value of `facet`, picked from `options`;
 * - `boolean`: a check box.
 */
export interface FieldSpec<K extends string = string> {
  /** The node property. */
  key: K
  type: 'text' | 'textList' | 'facet' | 'boolean'
  /** i18n key of the field's label. */
  label: string
  /** For `facet` fields: the facet (value labels live under `facet.<facet>.<value>`) and its values. */
  facet?: FacetName
  options?: readonly string[]
  /** Must be filled in: the schema has no default for it (a facet pick list cannot be cleared). */
  required?: boolean
  /** Long text: shown as a block, edited in a text area. */
  multiline?: boolean
  /** Text area rows in the form (long texts); the form's own default otherwise. */
  rows?: { min: number; max?: number }
  /** Listed in the inspector's fields; false for fields shown elsewhere (transcript, person switch). */
  inspector?: boolean
}

/** The i18n label key of a kind-specific field: `field.<key>`. */
const label = (key: string): string => `field.${key}`

/** Field-list helpers, so kind files read as tables. */
export const text = <K extends string>(
  key: K,
  opts: Partial<Omit<FieldSpec<K>, 'key' | 'type'>> = {}
): FieldSpec<K> => ({ key, type: 'text', label: label(key), ...opts })

export const longText = <K extends string>(
  key: K,
  opts: Partial<Omit<FieldSpec<K>, 'key' | 'type' | 'multiline'>> = {}
): FieldSpec<K> => ({ key, type: 'text', label: label(key), multiline: true, ...opts })

export const textListField = <K extends string>(key: K): FieldSpec<K> => ({
  key,
  type: 'textList',
  label: label(key),
  multiline: true
})

export const facetField = <K extends string>(
  key: K,
  facet: FacetName,
  opts: { required?: boolean } = {}
): FieldSpec<K> => ({
  key,
  type: 'facet',
  label: label(key),
  facet,
  options: FACETS[facet],
  ...opts
})

export const booleanField = <K extends string>(
  key: K,
  opts: Partial<Omit<FieldSpec<K>, 'key' | 'type'>> = {}
): FieldSpec<K> => ({ key, type: 'boolean', label: label(key), ...opts })

/** One node kind: its schema, the defaults a new or imported node gets, and its field list. */
export interface KindSpec<
  K extends string,
  S extends z.ZodObject,
  D extends Partial<z.input<S>> = Partial<z.input<S>>
> {
  kind: K
  schema: S
  /** Kind-specific defaults (the common ones come from `commonDefaults`). A fresh object per call. */
  defaults: () => D
  /** Kind-specific fields in reading order (title, description, tags, status, sources are common). */
  fields: readonly FieldSpec<Extract<keyof z.input<S>, string>>[]
}

/** Checks at compile time that a kind's defaults and fields name properties of its schema. */
export function defineKind<K extends string, S extends z.ZodObject, D extends Partial<z.input<S>>>(
  spec: KindSpec<K, S, D>
): KindSpec<K, S, D> {
  return spec
}
