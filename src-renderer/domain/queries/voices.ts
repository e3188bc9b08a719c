/** How many distinct voices (interviews, actors) carry each lesson. */
import type { ActorType } from '../facets'
import type { NodeId } from '../ids'
import type { NodeKind } from '../node-kinds'
import { incidentOf, sortedIds, type GraphIndex } from './graph-index'

/** How many voices carry one lesson. Id lists are sorted; counts equal their lengths. */
export interface VoiceCount {
  lessonId: NodeId
  /** Quotes with a `supports` edge to the lesson. */
  supportingQuotes: NodeId[]
  /** Quotes with a `qualifies` edge to the lesson (not counted as support). */
  qualifyingQuotes: NodeId[]
  /** Quotes with a `contradicts` edge to the lesson (not counted as support). */
  contradictingQuotes: NodeId[]
  /** Interviews that `yields` the lesson or `contains` a supporting quote. */
  interviews: NodeId[]
  /** Actors `interviewed` in those interviews. */
  actors: NodeId[]
  /** Distinct `actorType`s of those actors. */
  actorTypes: ActorType[]
  quoteCount: number
  interviewCount: number
  actorCount: number
  actorTypeCount: number
  /** At most one distinct actor behind the lesson (also true when there is none). */
  singleVoice: boolean
  /** No interview behind the lesson at all. */
  unsupported: boolean
}

/**
 * For each live lesson: its supporting quotes, qualifying and contradicting quotes (reported
 * apart), the distinct interviews behind it (interviews that `yields` it plus interviews that
 * `contains` a supporting quote), the distinct actors `interviewed` in those interviews and their
 * distinct actor types; `singleVoice` when at most one actor, `unsupported` when no interview.
 * Edges count only in their rule direction (quote → lesson, interview → lesson/quote/actor).
 * O(n + m).
 */
export function voiceCounts(index: GraphIndex): Map<NodeId, VoiceCount> {
  const result = new Map<NodeId, VoiceCount>()
  const kindOf = (id: NodeId): NodeKind | undefined => index.nodes.get(id)?.kind
  for (const lesson of index.nodes.values()) {
    if (lesson.kind !== 'lesson') continue
    const supporting = new Set<NodeId>()
    const qualifying = new Set<NodeId>()
    const contradicting = new Set<NodeId>()
    const interviews = new Set<NodeId>()
    for (const inc of incidentOf(index, lesson.id)) {
      const e = inc.edge
      if (e.target !== lesson.id) continue
      const fromKind = kindOf(e.source)
      if (fromKind === 'quote') {
        if (e.kind === 'supports') supporting.add(e.source)
        else if (e.kind === 'qualifies') qualifying.add(e.source)
        else if (e.kind === 'contradicts') contradicting.add(e.source)
      } else if (fromKind === 'interview' && e.kind === 'yields') {
        interviews.add(e.source)
      }
    }
    for (const q of supporting) {
      for (const inc of incidentOf(index, q)) {
        const e = inc.edge
        if (e.kind === 'contains' && e.target === q && kindOf(e.source) === 'interview') {
          interviews.add(e.source)
        }
      }
    }
    const actors = new Set<NodeId>()
    const actorTypes = new Set<ActorType>()
    for (const iv of interviews) {
      for (const inc of incidentOf(index, iv)) {
        const e = inc.edge
        if (e.kind !== 'interviewed' || e.source !== iv) continue
        const actor = index.nodes.get(e.target)
        if (actor?.kind !== 'actor') continue
        actors.add(actor.id)
        actorTypes.add(actor.actorType)
      }
    }
    result.set(lesson.id, {
      lessonId: lesson.id,
      supportingQuotes: sortedIds(supporting),
      qualifyingQuotes: sortedIds(qualifying),
      contradictingQuotes: sortedIds(contradicting),
      interviews: sortedIds(interviews),
      actors: sortedIds(actors),
      actorTypes: sortedIds(actorTypes),
      quoteCount: supporting.size,
      interviewCount: interviews.size,
      actorCount: actors.size,
      actorTypeCount: actorTypes.size,
      singleVoice: actors.size <= 1,
      unsupported: interviews.size === 0
    })
  }
  return result
}
