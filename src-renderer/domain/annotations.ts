import { z } from 'zod'
import { STANCES } from './facets'
import type { AnnotationId, NodeId } from './ids'
import { recordFields } from './node-kinds'

/**
 * An expert's note on an edge or node. Annotations are a thread: each author adds their own record,
 * so experts never overwrite each other.
 */
export const annotationSchema = z.object({
  ...recordFields,
  targetId: z.string().min(1),
  targetType: z.enum(['node', 'edge']),
  author: z.string().trim().min(1).max(200),
  stance: z.enum(STANCES),
  confidence: z.number().int().min(1).max(5),
  text: z.string().max(20_000).default(''),
  quoteIds: z.array(z.string().min(1)).default([])
})

export type Annotation = Omit<z.infer<typeof annotationSchema>, 'id' | 'quoteIds'> & {
  id: AnnotationId
  quoteIds: NodeId[]
}
export type AnnotationInput = z.input<typeof annotationSchema>

/**
 * Whether experts disagree about a target: among its live annotations there is a "disagrees" and an
 * "agrees" or "nuances" from someone else. One expert changing their mind does not count.
 */
export function isContested(thread: readonly Pick<Annotation, 'author' | 'stance' | 'deletedAt'>[]): boolean {
  const live = thread.filter((a) => !a.deletedAt)
  return live.some(
    (d) => d.stance === 'disagrees' && live.some((a) => a.author !== d.author && (a.stance === 'agrees' || a.stance === 'nuances'))
  )
}

/** Ids of nodes and edges whose annotation threads are contested. */
export function contestedTargets(annotations: readonly Annotation[]): Set<string> {
  const byTarget = new Map<string, Annotation[]>()
  for (const a of annotations) {
    if (a.deletedAt) continue
    let list = byTarget.get(a.targetId)
    if (!list) byTarget.set(a.targetId, (list = []))
    list.push(a)
  }
  const out = new Set<string>()
  for (const [id, thread] of byTarget) if (isContested(thread)) out.add(id)
  return out
}
