import { beforeAll, describe, expect, it } from 'vitest'
import {
  UNKNOWN_SPEAKER,
  displayName,
  hiddenNames,
  interviewOrdinals,
  redactText,
  setActorTypeLabels,
  speakerLabel
} from '../../../src-renderer/domain/consent'
import type { ConsentLevel } from '../../../src-renderer/domain/facets'
import type { NodeId } from '../../../src-renderer/domain/ids'
import type {
  ActorNode,
  GraphNode,
  InterviewNode,
  LessonNode,
  QuoteNode
} from '../../../src-renderer/domain/node-kinds'
import nl from '../../../src-renderer/i18n/nl.json'

// The domain has no UI text: the substitutes' Dutch actor type labels come from the caller (the app
// sets them in i18n/index.ts).
beforeAll(() => setActorTypeLabels(nl.facet.actorType))

const base = {
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 't',
  updatedBy: 't',
  description: '',
  tags: [],
  sources: [],
  fields: {},
  status: 'reported' as const
}

let seq = 0
function actor(title: string, extra: Partial<Omit<ActorNode, 'id' | 'kind'>> = {}): ActorNode {
  return {
    ...base,
    id: `a${++seq}` as NodeId,
    kind: 'actor',
    title,
    actorType: 'resident',
    isPerson: true,
    ...extra
  } as ActorNode
}
function interview(
  title: string,
  consent: ConsentLevel,
  extra: Partial<InterviewNode> = {}
): InterviewNode {
  return {
    ...base,
    id: `i${++seq}` as NodeId,
    kind: 'interview',
    title,
    consent,
    summary: '',
    wentWell: [],
    wentWrong: [],
    attentionPoints: [],
    transcript: '',
    ...extra
  } as InterviewNode
}
function quote(text: string, speakerRole?: string): QuoteNode {
  return {
    ...base,
    id: `q${++seq}` as NodeId,
    kind: 'quote',
    title: text,
    text,
    ...(speakerRole !== undefined ? { speakerRole } : {})
  } as QuoteNode
}
function lesson(title: string): LessonNode {
  return {
    ...base,
    id: `l${++seq}` as NodeId,
    kind: 'lesson',
    title,
    statement: '',
    reviewStatus: 'concept'
  } as LessonNode
}

const OFF = { presentationSafe: false }
const ON = { presentationSafe: true }

describe('displayName: the consent rules table', () => {
  const jan = actor('Jan de Vries', { consent: 'named' })
  const pseudo = actor('Fatima El Amrani', {
    consent: 'pseudonymised',
    roleDescription: 'bewoner Noord'
  })
  const pseudoNoRole = actor('Piet Klaassen', {
    consent: 'pseudonymised',
    actorType: 'entrepreneur'
  })
  const anon = actor('Els Bakker', {
    consent: 'anonymous',
    roleDescription: 'buurvrouw van de wethouder'
  })
  const anonOrg = actor('Karin Smit', { consent: 'anonymous', actorType: 'housing_corporation' })
  const anonOther = actor('Kees Mol', { consent: 'anonymous', actorType: 'other' })
  const unknown = actor('Sanne Visser', { roleDescription: 'ondernemer Hamerkwartier' })
  const org = actor('Ymere', {
    isPerson: false,
    actorType: 'housing_corporation',
    consent: 'anonymous'
  })
  const orgNoConsent = actor('Gemeente Amsterdam', { isPerson: false, actorType: 'municipality' })

  it.each([
    ['named person', jan, 'Jan de Vries', 'Jan de Vries'],
    ['pseudonymised person with role', pseudo, 'bewoner Noord', 'bewoner Noord'],
    ['pseudonymised person without role → type label', pseudoNoRole, 'Ondernemer', 'Ondernemer'],
    [
      'anonymous resident (role description not used)',
      anon,
      'Anonieme bewoner',
      'Anonieme bewoner'
    ],
    [
      'anonymous person of an organisation type',
      anonOrg,
      'Anonieme persoon (woningcorporatie)',
      'Anonieme persoon (woningcorporatie)'
    ],
    ['anonymous person of type other', anonOther, 'Anonieme persoon', 'Anonieme persoon'],
    ['person without consent', unknown, 'Sanne Visser', 'ondernemer Hamerkwartier'],
    ['organisation (consent ignored)', org, 'Ymere', 'Ymere'],
    ['organisation without consent', orgNoConsent, 'Gemeente Amsterdam', 'Gemeente Amsterdam']
  ] as const)('%s', (_what, node, normal, safe) => {
    expect(displayName(node, OFF)).toBe(normal)
    expect(displayName(node, ON)).toBe(safe)
  })

  it('a person without consent and without role shows the actor type label in presentation-safe mode', () => {
    expect(displayName(actor('Mo Ali', { actorType: 'expert' }), ON)).toBe('Expert')
  })

  it('interviews: named keeps its title; others become "Gesprek" + ordinal + date when presentation-safe', () => {
    const named = interview('Gesprek met Jan de Vries', 'named', { date: '2024-03-05' })
    const pseud = interview('Gesprek met Fatima', 'pseudonymised', { date: '2024-03-05' })
    const anonYear = interview('Gesprek met Els', 'anonymous', { date: '2021' })
    const freeDate = interview('Gesprek met Kees', 'pseudonymised', { date: 'bij Kees thuis' })
    expect(displayName(named, ON)).toBe('Gesprek met Jan de Vries')
    expect(displayName(pseud, OFF)).toBe('Gesprek met Fatima')
    expect(displayName(pseud, ON)).toBe('Gesprek 5 maart 2024')
    expect(displayName(pseud, { ...ON, ordinal: 3 })).toBe('Gesprek 3 · 5 maart 2024')
    expect(displayName(anonYear, ON)).toBe('Gesprek 2021')
    expect(displayName(freeDate, ON)).toBe('Gesprek')
    expect(displayName(freeDate, { ...ON, ordinal: 2 })).toBe('Gesprek 2')
    expect(displayName(interview('x', 'anonymous', { date: '2024-06' }), ON)).toBe(
      'Gesprek juni 2024'
    )
  })

  it('numbers interviews by date, then creation, skipping deleted ones', () => {
    const a = interview('A', 'named', { date: '2024-02-01' })
    const b = interview('B', 'named', { date: '2023-01-01' })
    const gone = interview('C', 'named', {
      date: '2022-01-01',
      deletedAt: '2026-01-02T00:00:00.000Z'
    })
    const c = interview('D', 'named')
    const ord = interviewOrdinals([a, b, gone, c, lesson('x')])
    expect([...ord]).toEqual([
      [c.id, 1],
      [b.id, 2],
      [a.id, 3]
    ])
  })

  it('quotes show the speaker role, never a name; other titles get hidden names redacted', () => {
    const nodes = [
      actor('Fatima El Amrani', { consent: 'pseudonymised', roleDescription: 'bewoner Noord' })
    ]
    const hidden = hiddenNames(nodes, OFF)
    expect(speakerLabel(quote('Tekst', 'bewoner'))).toBe('bewoner')
    expect(speakerLabel(quote('Tekst'))).toBe(UNKNOWN_SPEAKER)
    expect(speakerLabel(quote('Tekst', 'buurvrouw van Fatima El Amrani'), hidden)).toBe(
      'buurvrouw van bewoner Noord'
    )
    expect(displayName(quote('Fatima zei: niemand luisterde'), { ...OFF, hidden })).toBe(
      'bewoner Noord zei: niemand luisterde'
    )
    expect(displayName(lesson('Luister naar Fatima El Amrani'), { ...ON, hidden })).toBe(
      'Luister naar bewoner Noord'
    )
    expect(displayName(lesson('Luister naar Fatima'), OFF)).toBe('Luister naar Fatima')
  })
})

describe('hiddenNames', () => {
  const jan = actor('Jan de Vries', { consent: 'named' })
  const fatima = actor('Fatima El Amrani', {
    consent: 'pseudonymised',
    roleDescription: 'bewoner Noord'
  })
  const sanne = actor('Sanne Visser')
  const pseudonymTitle = actor('bewoner, Tuindorp Oostzaan (Noord)', {
    consent: 'pseudonymised',
    roleDescription: 'bewoner, Tuindorp Oostzaan (Noord)'
  })
  const descriptive = actor('projectleider Sluisbuurt', {
    consent: 'anonymous',
    actorType: 'municipality'
  })
  const jantje = actor('Jan Bakker', { consent: 'anonymous' })
  const org = actor('Woonstichting De Key', { isPerson: false, actorType: 'housing_corporation' })

  it('normal mode hides pseudonymised and anonymous persons, with their parts', () => {
    const h = hiddenNames([jan, fatima, sanne, pseudonymTitle, descriptive, jantje, org], OFF)
    expect(h).toEqual([
      { name: 'Fatima El Amrani', substitute: 'bewoner Noord' },
      { name: 'projectleider Sluisbuurt', substitute: 'Anonieme persoon (gemeente)' },
      { name: 'Jan Bakker', substitute: 'Anonieme bewoner' },
      { name: 'Fatima', substitute: 'bewoner Noord', matchCase: true },
      { name: 'Amrani', substitute: 'bewoner Noord', matchCase: true },
      // "Jan" is left out: Jan de Vries is shown by name.
      { name: 'Bakker', substitute: 'Anonieme bewoner', matchCase: true }
    ])
  })

  it('presentation-safe mode also hides persons without consent', () => {
    const h = hiddenNames([jan, sanne], ON)
    expect(h).toEqual([
      { name: 'Sanne Visser', substitute: 'Bewoner' },
      { name: 'Sanne', substitute: 'Bewoner', matchCase: true },
      { name: 'Visser', substitute: 'Bewoner', matchCase: true }
    ])
    expect(hiddenNames([jan, sanne], OFF)).toEqual([])
  })
})

describe('redactText', () => {
  const hidden = hiddenNames(
    [
      actor('Roos van Dijk', {
        consent: 'pseudonymised',
        roleDescription: 'ondernemer Hamerkwartier'
      }),
      actor('Caroline Combé', { consent: 'anonymous', actorType: 'expert' })
    ],
    ON
  )

  it('replaces whole names in any case and whitespace, longest first', () => {
    expect(redactText('Gesprek met ROOS  VAN\nDIJK over de kade.', hidden)).toBe(
      'Gesprek met ondernemer Hamerkwartier over de kade.'
    )
    expect(redactText('roos van dijk en Roos van Dijk', hidden)).toBe(
      'ondernemer Hamerkwartier en ondernemer Hamerkwartier'
    )
  })

  it('replaces name parts only with their capitalisation, and only whole words', () => {
    expect(redactText('Roos zei dat een roos mooi is; Dijkstra is iemand anders.', hidden)).toBe(
      'ondernemer Hamerkwartier zei dat een roos mooi is; Dijkstra is iemand anders.'
    )
    expect(redactText('Volgens Dijk, niet dijken.', hidden)).toBe(
      'Volgens ondernemer Hamerkwartier, niet dijken.'
    )
  })

  it('folds diacritics and keeps letters next to the name intact', () => {
    expect(redactText('Caroline Combe en CAROLINE COMBÉ; Combéé niet.', hidden)).toBe(
      'Anonieme expert en Anonieme expert; Combéé niet.'
    )
    expect(redactText('Combé’s idee', hidden)).toBe('Anonieme expert’s idee')
  })

  it('never redacts a substitute again, and leaves text without names alone', () => {
    const h = [
      { name: 'Anna', substitute: 'Anna’s buurvrouw' },
      { name: 'buurvrouw', substitute: 'X' }
    ]
    expect(redactText('Anna en de buurvrouw', h)).toBe('Anna’s buurvrouw en de X')
    expect(redactText('Niets te zien.', hidden)).toBe('Niets te zien.')
    expect(redactText('', hidden)).toBe('')
    expect(redactText('Jan (1.5) zei', [])).toBe('Jan (1.5) zei')
  })

  it('accepts plain strings and escapes regex characters in names', () => {
    expect(redactText('Zoals J. (Jos) Smit zei, en jos.', ['J. (Jos) Smit', 'Jos'])).toBe(
      'Zoals [naam] zei, en [naam].'
    )
  })
})

describe('all node kinds get a label', () => {
  it('never returns an empty label', () => {
    const nodes: GraphNode[] = [
      actor('A', { consent: 'pseudonymised', roleDescription: '  ' }),
      interview('x', 'anonymous'),
      quote('q'),
      lesson('l')
    ]
    for (const n of nodes) {
      expect(displayName(n, ON).length).toBeGreaterThan(0)
      expect(displayName(n, OFF).length).toBeGreaterThan(0)
    }
  })
})
