import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setActorTypeLabels } from '../../../src-renderer/domain/consent'
import nl from '../../../src-renderer/i18n/nl.json'
import { projectGraph } from '../../../src-renderer/domain/consent-projection'
import type { GraphEdge } from '../../../src-renderer/domain/edge-kinds'
import type { EdgeId, NodeId } from '../../../src-renderer/domain/ids'
import type { GraphNode } from '../../../src-renderer/domain/node-kinds'
import {
  DisplayProjection,
  type ProjectionChange
} from '../../../src-renderer/state/display-projection'
import { GraphStore } from '../../../src-renderer/storage/graph-store'
import { NODE_BASE } from '../../support/records'

const base = NODE_BASE

const henk = {
  ...base,
  id: 'a-henk' as NodeId,
  kind: 'actor',
  title: 'Henk de Vries',
  actorType: 'resident',
  isPerson: true,
  consent: 'anonymous',
  roleDescription: 'buurman van de voorzitter'
} as GraphNode
const roos = {
  ...base,
  id: 'a-roos' as NodeId,
  kind: 'actor',
  title: 'Roos Jansen',
  actorType: 'resident',
  isPerson: true,
  roleDescription: 'bewoner Zonneplein'
} as GraphNode
const caroline = {
  ...base,
  id: 'a-caroline' as NodeId,
  kind: 'actor',
  title: 'Caroline Combé',
  actorType: 'municipality',
  isPerson: true,
  consent: 'named'
} as GraphNode
const interview = (n: number, title: string, id = `i${n}`): GraphNode =>
  ({
    ...base,
    id: id as NodeId,
    kind: 'interview',
    title,
    date: '2021',
    consent: 'pseudonymised',
    summary: `Henk de Vries vertelt; Roos Jansen vult aan.`,
    wentWell: ['Henk kwam elke week'],
    wentWrong: [],
    attentionPoints: [],
    transcript: 'Interviewer: Dag Henk de Vries.'
  }) as GraphNode
const lesson = {
  ...base,
  id: 'l1' as NodeId,
  kind: 'lesson',
  title: 'Blijf communiceren',
  description: 'Zoals Roos Jansen zei: bel terug.',
  statement: 'Henk de Vries hoorde maanden niets.',
  reviewStatus: 'concept',
  tags: ['henk de vries'],
  fields: { bron: 'mail van Roos Jansen', n: 3 }
} as GraphNode
const edge = {
  ...base,
  id: 'e1' as EdgeId,
  kind: 'related',
  source: 'l1' as NodeId,
  target: 'a-caroline' as NodeId,
  label: 'besproken met Henk de Vries',
  evidence: []
} as unknown as GraphEdge

beforeAll(() => setActorTypeLabels(nl.facet.actorType))

let store: GraphStore
let projection: DisplayProjection
let changes: ProjectionChange[]

beforeEach(() => {
  store = new GraphStore()
  store.reset({
    // Ids sort the other way round than the titles: numbering must follow the titles.
    nodes: [
      henk,
      roos,
      caroline,
      interview(2, 'Gesprek 2: Henk de Vries', 'i-a'),
      interview(1, 'Gesprek 1: Roos Jansen', 'i-b'),
      lesson
    ],
    edges: [edge],
    annotations: []
  })
  projection = new DisplayProjection(store)
  changes = []
  projection.subscribe((c) => changes.push(c))
})

/** Every string in a value, nested. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

describe('DisplayProjection', () => {
  it('shows pseudonymised and anonymous people by role in normal mode, everywhere', () => {
    expect(projection.label('a-henk')).toBe('Anonieme bewoner')
    expect(projection.label('a-roos')).toBe('Roos Jansen') // no consent yet: the team sees the name
    expect(projection.label('a-caroline')).toBe('Caroline Combé')
    const shownLesson = projection.node('l1')!
    expect(strings(shownLesson).join(' ')).not.toMatch(/Henk/i)
    expect(strings(projection.node('i-a')).join(' ')).not.toMatch(/Henk/)
    expect(projection.edge('e1')!.label).toBe('besproken met Anonieme bewoner')
    // An anonymous person's role description may identify them: it is not shown.
    expect(projection.node('a-henk')).not.toHaveProperty('roleDescription')
  })

  it('with Presentatieveilig on, nobody without consent appears in any text of any record', () => {
    projection.setPresentationSafe(true)
    expect(changes).toEqual([{ type: 'all' }])
    expect(projection.label('a-roos')).toBe('bewoner Zonneplein')
    const everything = strings(projection.graph()).join('\n')
    expect(everything).not.toMatch(/Henk/)
    expect(everything).not.toMatch(/Roos/)
    expect(everything).not.toMatch(/Jansen/)
    expect(everything).toContain('Caroline Combé')
    // The free field that is not text keeps its value.
    expect(projection.node('l1')!.fields['n']).toBe(3)
    // The same as the pure whole-graph projection that exports use.
    expect(projectGraph(store.toGraphData(), { presentationSafe: true })).toEqual(
      projection.graph()
    )
  })

  it('numbers interviews by their titles, the same whatever the switch', () => {
    projection.setPresentationSafe(true)
    expect(projection.label('i-b')).toBe('Gesprek 1 · 2021')
    expect(projection.label('i-a')).toBe('Gesprek 2 · 2021')
    projection.setPresentationSafe(false)
    expect(projection.label('i-b')).toBe('Gesprek 1: Roos Jansen')
    expect(projection.label('i-a')).toBe('Gesprek 2: Anonieme bewoner')
  })

  it('an ordinary edit re-projects only the record it touched', () => {
    const before = projection.node('l1')
    const other = projection.node('i-a')
    store.apply({
      nodes: [{ ...lesson, title: 'Blijf bellen, Roos Jansen' } as GraphNode],
      edges: [],
      annotations: []
    })
    expect(changes).toHaveLength(1)
    const change = changes[0]!
    expect(change.type).toBe('records')
    if (change.type !== 'records') return
    expect([...change.nodeIds]).toEqual(['l1'])
    expect(projection.node('l1')).not.toBe(before)
    expect(projection.label('l1')).toBe('Blijf bellen, Roos Jansen')
    // Untouched records keep their cached projection.
    expect(projection.node('i-a')).toBe(other)
  })

  it('a change to who is hidden re-projects everything', () => {
    store.apply({
      nodes: [{ ...roos, consent: 'pseudonymised' } as GraphNode],
      edges: [],
      annotations: []
    })
    expect(changes).toEqual([{ type: 'all' }])
    expect(projection.label('a-roos')).toBe('bewoner Zonneplein')
    expect(strings(projection.node('l1')).join(' ')).not.toMatch(/Roos/)
  })

  it('a new interview earlier in the order renumbers the others and says which', () => {
    projection.setPresentationSafe(true)
    changes.length = 0
    store.apply({
      nodes: [{ ...interview(0, 'Gesprek 0: vooraf', 'i-c'), date: '2020' } as GraphNode],
      edges: [],
      annotations: []
    })
    const change = changes[0]!
    expect(change.type).toBe('records')
    if (change.type !== 'records') return
    expect(new Set(change.nodeIds)).toEqual(new Set(['i-a', 'i-b', 'i-c']))
    expect(projection.label('i-b')).toBe('Gesprek 2 · 2021')
  })

  it('removed records are gone from the projection', () => {
    store.apply({
      nodes: [{ ...lesson, deletedAt: '2026-02-01T00:00:00.000Z' } as GraphNode],
      edges: [],
      annotations: []
    })
    expect(projection.node('l1')).toBeUndefined()
    expect(projection.nodes().map((n) => n.id)).not.toContain('l1')
  })

  it('names the form fields that must be left out while names are hidden', () => {
    projection.setPresentationSafe(true)
    expect(projection.hiddenFields('a-roos')).toEqual(new Set(['title']))
    expect(projection.hiddenFields('l1')).toEqual(
      new Set(['description', 'statement', 'tags', 'fields.bron'])
    )
    expect(projection.hiddenFields('a-caroline')).toEqual(new Set())
    expect(projection.isTitleHidden('i-a')).toBe(true)
  })
})
