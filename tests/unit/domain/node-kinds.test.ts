import { describe, expect, it } from 'vitest'
import { FACETS } from '../../../src-renderer/domain/facets'
import { actorKind } from '../../../src-renderer/domain/kinds/actor'
import { ingredientKind } from '../../../src-renderer/domain/kinds/ingredient'
import { interviewKind } from '../../../src-renderer/domain/kinds/interview'
import { lessonKind } from '../../../src-renderer/domain/kinds/lesson'
import { projectKind } from '../../../src-renderer/domain/kinds/project'
import { quoteKind } from '../../../src-renderer/domain/kinds/quote'
import { themeKind } from '../../../src-renderer/domain/kinds/theme'
import {
  KIND_SPECS,
  NODE_KINDS,
  NODE_SCHEMAS,
  nodeDefaults,
  nodeFields,
  type NodeKind
} from '../../../src-renderer/domain/node-kinds'
import { validateNodeDraft } from '../../../src-renderer/domain/validate'
import { NODE_FIELDS } from '../../../src-renderer/features/inspector/node-fields'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'

const FILES = {
  actor: actorKind,
  interview: interviewKind,
  quote: quoteKind,
  lesson: lessonKind,
  ingredient: ingredientKind,
  project: projectKind,
  theme: themeKind
} as const

function lookup(resources: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], resources)
}

describe('one file per node kind', () => {
  it.each(NODE_KINDS)('%s: node-kinds.ts assembles its schema, defaults and fields', (kind) => {
    const file = FILES[kind]
    expect(file.kind).toBe(kind)
    expect(KIND_SPECS[kind]).toBe(file)
    expect(NODE_SCHEMAS[kind]).toBe(file.schema)
    expect(nodeFields(kind)).toBe(file.fields)
  })

  it.each(NODE_KINDS)('%s: every field is a schema property with labels and options', (kind) => {
    const shape = NODE_SCHEMAS[kind].shape as Record<string, unknown>
    const keys = nodeFields(kind).map((f) => f.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const f of nodeFields(kind)) {
      expect(Object.hasOwn(shape, f.key), f.key).toBe(true)
      expect(typeof lookup(nl, f.label), `nl ${f.label}`).toBe('string')
      expect(typeof lookup(en, f.label), `en ${f.label}`).toBe('string')
      if (f.type === 'facet') {
        expect(f.facet).toBeDefined()
        expect(f.options).toEqual(FACETS[f.facet!])
      } else expect(f.facet).toBeUndefined()
    }
  })
})

describe('one defaults table for form and import', () => {
  it.each(NODE_KINDS)(
    '%s: the defaults plus a title (and a quote text) are a valid node',
    (kind) => {
      const draft = {
        ...nodeDefaults(kind),
        title: 'Iets',
        ...(kind === 'quote' ? { text: 'Zo.' } : {})
      }
      const r = validateNodeDraft(draft)
      expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    }
  )

  it.each(NODE_KINDS)('%s: every required facet has a default', (kind) => {
    const defaults: Record<string, unknown> = { ...nodeDefaults(kind) }
    for (const f of nodeFields(kind).filter((f) => f.type === 'facet' && f.required))
      expect(f.options).toContain(defaults[f.key])
  })

  it('picks the neutral types: actor other, project initiatief, theme overig', () => {
    expect(nodeDefaults('actor')).toMatchObject({ actorType: 'other', isPerson: false })
    expect(nodeDefaults('project')).toMatchObject({ projectType: 'initiatief' })
    expect(nodeDefaults('theme')).toMatchObject({ themeType: 'overig' })
    expect(nodeDefaults('interview')).toMatchObject({ consent: 'pseudonymised', transcript: '' })
    expect(nodeDefaults('lesson')).toMatchObject({ reviewStatus: 'concept', statement: '' })
    for (const kind of NODE_KINDS)
      expect(nodeDefaults(kind)).toMatchObject({ kind, status: 'reported', tags: [], sources: [] })
  })

  it('agrees with the schema defaults, so a parsed node and a new draft say the same', () => {
    for (const kind of NODE_KINDS) {
      const minimal: Record<string, unknown> = {
        id: 'x',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        createdBy: 't',
        updatedBy: 't',
        kind,
        title: 'Iets',
        status: 'reported',
        ...(kind === 'quote' ? { text: 'Zo.' } : {})
      }
      const defaults: Record<string, unknown> = { ...nodeDefaults(kind) }
      // Required fields without a schema default come from the table.
      for (const f of nodeFields(kind))
        if (f.required && f.key in defaults) minimal[f.key] = defaults[f.key]
      const parsed = NODE_SCHEMAS[kind as NodeKind].parse(minimal) as Record<string, unknown>
      for (const [key, value] of Object.entries(defaults))
        expect(parsed[key], `${kind}.${key}`).toEqual(value)
    }
  })

  it('returns a fresh object every time (a draft may be changed in place)', () => {
    const a = nodeDefaults('interview')
    a.wentWell.push('x')
    a.tags.push('y')
    expect(nodeDefaults('interview').wentWell).toEqual([])
    expect(nodeDefaults('interview').tags).toEqual([])
  })
})

describe('the inspector reads the same field lists', () => {
  it.each(NODE_KINDS)('%s', (kind) => {
    const shown = nodeFields(kind).filter((f) => f.inspector !== false)
    expect(NODE_FIELDS[kind].map((f) => f.key)).toEqual(shown.map((f) => f.key))
    for (const f of NODE_FIELDS[kind]) {
      const spec = shown.find((s) => s.key === f.key)!
      expect(f.label).toBe(spec.label)
      expect(f.facet).toBe(spec.facet)
      expect(!!f.block).toBe(!!spec.multiline)
    }
  })

  it('leaves the transcript and the person switch to the form', () => {
    expect(NODE_FIELDS.interview.map((f) => f.key)).not.toContain('transcript')
    expect(NODE_FIELDS.actor.map((f) => f.key)).not.toContain('isPerson')
    expect(nodeFields('interview').map((f) => f.key)).toContain('transcript')
    expect(nodeFields('actor').map((f) => f.key)).toContain('isPerson')
  })
})
