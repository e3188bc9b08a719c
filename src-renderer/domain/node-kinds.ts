/**
 * The node kinds, assembled from one file per kind (kinds/<kind>.ts: schema, defaults, fields). This
 * module is the entry point the rest of the app imports; it adds nothing a kind file should say.
 */
import { z } from 'zod'
import type { NodeId } from './ids'
import { actorKind } from './kinds/actor'
import { commonDefaults, type CommonDefaults, type FieldSpec } from './kinds/common'
import { ingredientKind } from './kinds/ingredient'
import { interviewKind } from './kinds/interview'
import { lessonKind } from './kinds/lesson'
import { projectKind } from './kinds/project'
import { quoteKind } from './kinds/quote'
import { themeKind } from './kinds/theme'

export {
  fieldValueSchema,
  fieldsSchema,
  isUnsafeKey,
  positionSchema,
  recordFields,
  sourceSchema,
  type FieldSpec,
  type FieldValue,
  type Position,
  type SourceRef
} from './kinds/common'

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

/** Every kind's spec (schema, defaults, fields), by kind. */
export const KIND_SPECS = {
  actor: actorKind,
  interview: interviewKind,
  quote: quoteKind,
  lesson: lessonKind,
  ingredient: ingredientKind,
  project: projectKind,
  theme: themeKind
} as const satisfies { [K in NodeKind]: { kind: K } }

/** One zod schema per node kind: the single validator that forms, import, storage and tests share. */
export const NODE_SCHEMAS = {
  actor: actorKind.schema,
  interview: interviewKind.schema,
  quote: quoteKind.schema,
  lesson: lessonKind.schema,
  ingredient: ingredientKind.schema,
  project: projectKind.schema,
  theme: themeKind.schema
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
  ActorNode | InterviewNode | QuoteNode | LessonNode | IngredientNode | ProjectNode | ThemeNode
/** A node as a form or an importer hands it in: without the record fields the repository fills in. */
export type NodeInput = z.input<typeof nodeSchema>

/** Type guard for a node kind string from outside data. */
export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value)
}

/** The defaults of a kind: the common ones plus the kind's own, as in its kind file. */
export type NodeDefaults<K extends NodeKind> = { kind: K } & CommonDefaults &
  ReturnType<(typeof KIND_SPECS)[K]['defaults']>

/**
 * The one defaults table, shared by the form (a new node starts from it) and the import (a record
 * missing a field gets it): status `reported`, empty description, tags, sources and free fields,
 * and per kind e.g. actorType `other`, projectType `initiatief`, themeType `overig`, reviewStatus
 * `concept`, interview consent `pseudonymised`. A fresh object on every call. Title and a quote's
 * text have no default (a form starts them empty; an import uses the id and the title).
 */
export function nodeDefaults<K extends NodeKind>(kind: K): NodeDefaults<K> {
  return { kind, ...commonDefaults(), ...KIND_SPECS[kind].defaults() } as NodeDefaults<K>
}

/** The kind-specific fields of a kind, in reading order (form and inspector). */
export function nodeFields(kind: NodeKind): readonly FieldSpec[] {
  return KIND_SPECS[kind].fields
}
