import { z } from 'zod'
import { PARTICIPATION_LEVELS, STATUSES } from './facets'
import type { EdgeId, NodeId } from './ids'
import { NODE_KINDS, fieldsSchema, recordFields, sourceSchema, type NodeKind } from './node-kinds'

/** Extra fields an edge kind may carry beyond the common ones. */
export const EDGE_EXTRA_FIELDS = ['role', 'participationLevel', 'topic'] as const
export type EdgeExtraField = (typeof EDGE_EXTRA_FIELDS)[number]

/** One edge rule: which node kinds it may connect, whether it is directed, and extra fields it allows. */
export interface EdgeRule {
  readonly from: readonly NodeKind[]
  readonly to: readonly NodeKind[]
  readonly directed: boolean
  readonly extra: readonly EdgeExtraField[]
  /** For rules whose allowed `to` depends on `from` (part_of): pairs that are allowed. */
  readonly pairs?: readonly (readonly [NodeKind, NodeKind])[]
  /** Whether an edge of this kind may run from a node to itself (see {@link allowsSelfLoop}). */
  readonly selfLoops: boolean
}

const ANY = NODE_KINDS
const rule = (
  from: readonly NodeKind[],
  to: readonly NodeKind[],
  opts: { directed?: boolean; extra?: readonly EdgeExtraField[]; selfLoops?: boolean } = {}
): EdgeRule => ({
  from,
  to,
  directed: opts.directed ?? true,
  extra: opts.extra ?? [],
  selfLoops: opts.selfLoops ?? false
})

/**
 * The 24 edge kinds and their from → to rules, as data. Forms offer only the kinds allowed between two
 * nodes, import checks against it and validation uses it: nothing else decides what may connect.
 */
export const EDGE_RULES = {
  interviewed: rule(['interview'], ['actor']),
  contains: rule(['interview'], ['quote']),
  yields: rule(['interview'], ['lesson']),
  supports: rule(['quote', 'lesson'], ['lesson', 'ingredient']),
  contradicts: rule(['quote', 'lesson'], ['lesson', 'ingredient']),
  qualifies: rule(['quote', 'lesson'], ['lesson', 'ingredient']),
  reinforces: rule(['lesson'], ['lesson']),
  informs: rule(['lesson'], ['ingredient']),
  part_of: {
    ...rule(['ingredient', 'project', 'theme', 'lesson'], ['ingredient', 'project', 'theme']),
    pairs: [
      ['ingredient', 'ingredient'],
      ['project', 'project'],
      ['theme', 'theme'],
      ['ingredient', 'theme'],
      ['lesson', 'theme']
    ]
  },
  applied_in: rule(['ingredient', 'lesson'], ['project']),
  learned_in: rule(['lesson', 'interview'], ['project']),
  participates_in: rule(['actor'], ['project'], { extra: ['role', 'participationLevel'] }),
  commissions: rule(['actor'], ['project']),
  member_of: rule(['actor'], ['actor']),
  represents: rule(['actor'], ['actor']),
  has_stake_in: rule(['actor'], ['project', 'theme']),
  in_tension_with: rule(['actor'], ['actor'], { directed: false, extra: ['topic'] }),
  passes_on_to: rule(['project'], ['project']),
  about: rule(ANY, ANY),
  conducted_by: rule(['interview'], ['actor', 'project']),
  frames: rule(['theme'], ['theme', 'project']),
  located_in: rule(['project', 'theme'], ['theme', 'actor']),
  sourced_from: rule(ANY, ['theme']),
  // The one kind that may loop: see allowsSelfLoop.
  related: rule(ANY, ANY, { directed: false, selfLoops: true })
} as const satisfies Record<string, EdgeRule>

export type EdgeKind = keyof typeof EDGE_RULES
/** All edge kinds in table order. */
export const EDGE_KINDS = Object.keys(EDGE_RULES) as EdgeKind[]

/** Whether `kind` may run from a node of kind `from` to one of kind `to`. */
export function isEdgeAllowed(kind: EdgeKind, from: NodeKind, to: NodeKind): boolean {
  const r: EdgeRule = EDGE_RULES[kind]
  if (r.pairs) return r.pairs.some(([a, b]) => a === from && b === to)
  return r.from.includes(from) && r.to.includes(to)
}

/**
 * Whether an edge of `kind` may run from a node to itself. Only `related` ("hangt samen met"): it
 * claims nothing but that the records are connected, and it is the kind every foreign edge type
 * falls back to, so a loop in another tool's data (a protein that binds itself, a self-citation)
 * is kept as the fact it is. Every other kind states a relation between two different things (an
 * interview of an actor, a lesson that supports another, a part of a whole): a loop there is a
 * mistake, refused by the validator and left out (or kept as `related`) by the import. The app's
 * editor draws no loops at all: its target list leaves the source out.
 */
export function allowsSelfLoop(kind: EdgeKind): boolean {
  const r: EdgeRule = EDGE_RULES[kind]
  return r.selfLoops
}

/** The edge kinds a user may draw from a `from` node to a `to` node, in table order. */
export function allowedEdgeKinds(from: NodeKind, to: NodeKind): EdgeKind[] {
  return EDGE_KINDS.filter((k) => isEdgeAllowed(k, from, to))
}

export function isEdgeKind(value: unknown): value is EdgeKind {
  return typeof value === 'string' && Object.hasOwn(EDGE_RULES, value)
}

/** The stored shape of every edge; kind-specific extras are checked against EDGE_RULES by the validator. */
export const edgeSchema = z.object({
  ...recordFields,
  kind: z.enum(EDGE_KINDS as [EdgeKind, ...EdgeKind[]]),
  source: z.string().min(1),
  target: z.string().min(1),
  label: z.string().max(500).optional(),
  weight: z.number().int().min(1).max(5).optional(),
  status: z.enum(STATUSES),
  sources: z.array(sourceSchema).default([]),
  evidence: z.array(z.string().min(1)).default([]),
  fields: fieldsSchema.default({}),
  role: z.string().max(200).optional(),
  participationLevel: z.enum(PARTICIPATION_LEVELS).optional(),
  topic: z.string().max(500).optional()
})

/** A stored edge. */
export type GraphEdge = Omit<z.infer<typeof edgeSchema>, 'id' | 'source' | 'target' | 'evidence'> & {
  id: EdgeId
  source: NodeId
  target: NodeId
  /** Ids of quote nodes that carry this relationship. */
  evidence: NodeId[]
}
export type EdgeInput = z.input<typeof edgeSchema>
