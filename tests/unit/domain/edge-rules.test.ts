import { describe, expect, it } from 'vitest'
import { EDGE_KINDS, allowsSelfLoop, type EdgeKind } from '../../../src-renderer/domain/edge-kinds'
import { NODE_KINDS, type NodeKind } from '../../../src-renderer/domain/node-kinds'
import type { Issue } from '../../../src-renderer/domain/result'
import { validateEdge, validateNode, type NodeLookup } from '../../../src-renderer/domain/validate'
import { fixedTranslator, issueMessage } from '../../../src-renderer/i18n/issue-message'

/** An issue as a Dutch or English user reads it. */
const nl = (i: Issue | undefined): string => (i ? issueMessage(fixedTranslator('nl'), i) : '')
const en = (i: Issue | undefined): string => (i ? issueMessage(fixedTranslator('en'), i) : '')

/**
 * DESIGN.md "Edge kinds", written out by hand (not derived from EDGE_RULES): for each edge kind, the
 * (from, to) node-kind pairs it may connect. `*` is any kind.
 */
const ANY = '*'
type K = NodeKind | typeof ANY
const DESIGN_TABLE: Record<EdgeKind, readonly (readonly [K[], K[]])[]> = {
  interviewed: [[['interview'], ['actor']]],
  contains: [[['interview'], ['quote']]],
  yields: [[['interview'], ['lesson']]],
  supports: [
    [
      ['quote', 'lesson'],
      ['lesson', 'ingredient']
    ]
  ],
  contradicts: [
    [
      ['quote', 'lesson'],
      ['lesson', 'ingredient']
    ]
  ],
  qualifies: [
    [
      ['quote', 'lesson'],
      ['lesson', 'ingredient']
    ]
  ],
  reinforces: [[['lesson'], ['lesson']]],
  informs: [[['lesson'], ['ingredient']]],
  // "ingredient → ingredient; project → project; theme → theme; ingredient, lesson → theme"
  part_of: [
    [['ingredient'], ['ingredient']],
    [['project'], ['project']],
    [['theme'], ['theme']],
    [['ingredient', 'lesson'], ['theme']]
  ],
  applied_in: [[['ingredient', 'lesson'], ['project']]],
  learned_in: [[['lesson', 'interview'], ['project']]],
  participates_in: [[['actor'], ['project']]],
  commissions: [[['actor'], ['project']]],
  member_of: [[['actor'], ['actor']]],
  represents: [[['actor'], ['actor']]],
  has_stake_in: [[['actor'], ['project', 'theme']]],
  in_tension_with: [[['actor'], ['actor']]],
  passes_on_to: [[['project'], ['project']]],
  about: [[[ANY], [ANY]]],
  conducted_by: [[['interview'], ['actor', 'project']]],
  frames: [[['theme'], ['theme', 'project']]],
  located_in: [
    [
      ['project', 'theme'],
      ['theme', 'actor']
    ]
  ],
  sourced_from: [[[ANY], ['theme']]],
  related: [[[ANY], [ANY]]]
}

function designAllows(kind: EdgeKind, from: NodeKind, to: NodeKind): boolean {
  const has = (list: K[], k: NodeKind): boolean => list.includes(ANY) || list.includes(k)
  return DESIGN_TABLE[kind].some(([froms, tos]) => has(froms, from) && has(tos, to))
}

const STAMP = '2026-01-01T00:00:00.000Z'
const record = (id: string): Record<string, unknown> => ({
  id,
  createdAt: STAMP,
  updatedAt: STAMP,
  createdBy: 'test',
  updatedBy: 'test'
})

/** A minimal valid node of each kind (checked below, so the edge tests test only edges). */
function makeNode(kind: NodeKind, id: string): Record<string, unknown> {
  const base = { ...record(id), kind, title: `${kind} ${id}`, status: 'illustrative' }
  switch (kind) {
    case 'actor':
      return { ...base, actorType: 'resident' }
    case 'quote':
      return { ...base, text: 'Zeg gewoon eerlijk wat niet meer kan veranderen.' }
    case 'project':
      return { ...base, projectType: 'werkplaats' }
    case 'theme':
      return { ...base, themeType: 'gebied' }
    default:
      return base
  }
}

const nodes = new Map<string, { kind: NodeKind }>()
for (const kind of NODE_KINDS) {
  nodes.set(`${kind}-a`, { kind })
  nodes.set(`${kind}-b`, { kind })
}
const lookup: NodeLookup = (id) => nodes.get(id)

function edge(kind: EdgeKind, from: NodeKind, to: NodeKind, extra = {}): Record<string, unknown> {
  return {
    ...record(`e-${kind}-${from}-${to}`),
    kind,
    source: `${from}-a`,
    target: `${to}-b`,
    status: 'inferred',
    ...extra
  }
}

describe('edge rules follow the DESIGN.md table', () => {
  it('the test fixtures are valid nodes', () => {
    for (const kind of NODE_KINDS) expect(validateNode(makeNode(kind, 'x')).ok).toBe(true)
  })

  it('covers all 24 edge kinds', () => {
    expect(EDGE_KINDS).toHaveLength(24)
    expect([...EDGE_KINDS].sort()).toEqual(Object.keys(DESIGN_TABLE).sort())
  })

  it.each(EDGE_KINDS)('%s: accepted exactly for the pairs the table allows', (kind) => {
    const mismatches: string[] = []
    for (const from of NODE_KINDS) {
      for (const to of NODE_KINDS) {
        const result = validateEdge(edge(kind, from, to), lookup)
        const expected = designAllows(kind, from, to)
        if (result.ok !== expected) {
          mismatches.push(`${from} → ${to}: expected ${expected ? 'allowed' : 'rejected'}`)
        }
        if (!result.ok && !expected) {
          expect(result.issues).toHaveLength(1)
          expect(result.issues[0]).toMatchObject({
            code: 'edge_not_allowed',
            params: { edge: kind, from, to }
          })
          expect(nl(result.issues[0])).toMatch(/^"[^"]+" mag niet van .+ naar .+\.$/)
        }
      }
    }
    expect(mismatches).toEqual([])
  })
})

describe('edge fields', () => {
  it('rejects an extra field the kind does not allow', () => {
    const result = validateEdge(
      edge('supports', 'quote', 'lesson', { participationLevel: 'co_deciding' }),
      lookup
    )
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'extra_not_allowed',
          path: ['participationLevel'],
          params: { field: 'participationLevel', edge: 'supports' }
        })
      ])
      expect(nl(result.issues[0])).toBe('Veld Participatieniveau hoort niet bij "onderbouwt".')
      expect(en(result.issues[0])).toBe('Field Participation level does not belong to "supports".')
    }
    for (const extra of [{ role: 'deelnemer' }, { topic: 'huur' }]) {
      const r = validateEdge(edge('reinforces', 'lesson', 'lesson', extra), lookup)
      expect(r.ok).toBe(false)
    }
  })

  it('accepts the extra fields a kind does allow', () => {
    const participates = validateEdge(
      edge('participates_in', 'actor', 'project', {
        role: 'deelnemer',
        participationLevel: 'co_creating'
      }),
      lookup
    )
    expect(participates.ok).toBe(true)
    const tension = validateEdge(
      edge('in_tension_with', 'actor', 'actor', { topic: 'huur' }),
      lookup
    )
    expect(tension.ok).toBe(true)
  })

  it('rejects an unknown participation level, in Dutch and English', () => {
    const result = validateEdge(
      edge('participates_in', 'actor', 'project', { participationLevel: 'zelfbeheer' }),
      lookup
    )
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.issues[0]).toMatchObject({ code: 'invalid_enum', path: ['participationLevel'] })
      expect(nl(result.issues[0])).toBe('Participatieniveau: kies een van de mogelijkheden.')
      expect(en(result.issues[0])).toBe('Participation level: choose one of the options.')
    }
  })

  it('requires evidence to reference existing quotes', () => {
    const withEvidence = (evidence: string[]): ReturnType<typeof validateEdge> =>
      validateEdge(edge('supports', 'lesson', 'lesson', { evidence }), lookup)
    expect(withEvidence(['quote-a', 'quote-b']).ok).toBe(true)
    for (const bad of ['lesson-a', 'actor-b', 'bestaat-niet']) {
      const result = withEvidence(['quote-a', bad])
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.issues).toEqual([
          expect.objectContaining({
            code: 'evidence_not_quote',
            path: ['evidence', 1],
            params: { id: bad }
          })
        ])
        expect(nl(result.issues[0])).toBe(`Bewijs ${bad} is geen bestaand citaat.`)
      }
    }
  })

  it('rejects missing ends, self loops and a bad weight, in Dutch and English', () => {
    const missing = validateEdge({ ...edge('about', 'actor', 'theme'), target: 'weg' }, lookup)
    const issues = (r: ReturnType<typeof validateEdge>): Issue[] => (r.ok ? [] : r.issues)
    expect(issues(missing).map((i) => [i.code, i.params])).toEqual([
      ['missing_node', { id: 'weg', end: 'target' }]
    ])
    expect(issues(missing).map(nl)).toEqual(['Eindknoop weg bestaat niet.'])
    expect(issues(missing).map(en)).toEqual(['End node weg does not exist.'])
    const loop = validateEdge({ ...edge('member_of', 'actor', 'actor'), target: 'actor-a' }, lookup)
    expect(issues(loop).map((i) => i.code)).toEqual(['self_loop'])
    expect(issues(loop).map(nl)).toEqual([
      'Een verbinding ‘werkt bij / lid van’ kan niet naar dezelfde knoop lopen (alleen ‘hangt samen met’ mag dat).'
    ])
    // `related` is the one kind that may loop (imported data keeps its self-loops).
    const related = validateEdge({ ...edge('related', 'actor', 'actor'), target: 'actor-a' }, lookup)
    expect(related.ok).toBe(true)
    expect(EDGE_KINDS.filter(allowsSelfLoop)).toEqual(['related'])
    const heavy = validateEdge(edge('about', 'actor', 'theme', { weight: 7 }), lookup)
    expect(issues(heavy).map((i) => [i.code, i.path, i.params])).toEqual([
      ['too_big', ['weight'], { max: 5 }]
    ])
    expect(issues(heavy).map(nl)).toEqual(['Gewicht mag hoogstens 5 zijn.'])
    expect(issues(heavy).map(en)).toEqual(['Weight must be at most 5.'])
    const half = validateEdge(edge('about', 'actor', 'theme', { weight: 2.5 }), lookup)
    expect(issues(half).map((i) => i.code)).toEqual(['not_integer'])
  })

  it('rejects an unknown edge kind, with a code and no UI text', () => {
    const result = validateEdge({ ...edge('about', 'actor', 'theme'), kind: 'likes' }, lookup)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.issues[0]).toMatchObject({ code: 'invalid_enum', path: ['kind'] })
      expect(nl(result.issues[0])).toBe('Soort: kies een van de mogelijkheden.')
      // The domain's own message is an English developer note, not a sentence for users.
      expect(result.issues[0]?.message).toMatch(/^kind: invalid_enum/)
    }
  })
})
