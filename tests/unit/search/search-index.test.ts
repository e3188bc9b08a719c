import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import { parseKgJson } from '@renderer/exchange/formats/kg-json'
import { foldText } from '@renderer/search/fold'
import {
  DEFAULT_SEARCH_LABELS,
  sameSearchSource,
  toSearchDoc,
  toSearchSource
} from '@renderer/search/search-docs'
import { editDistance } from '@renderer/search/edit-distance'
import { groupByKind } from '@renderer/search/grouping'
import { parseQuery } from '@renderer/search/query'
import { SearchIndex, type SearchResult } from '@renderer/search/search-index'
import { longText, makeNode } from './helpers'

const ROOT = resolve(__dirname, '../../..')
const demo = (() => {
  const r = parseKgJson(readFileSync(resolve(ROOT, 'resources/stadmaken-demo.kg.json'), 'utf8'))
  if (!r.ok) throw new Error('demo graph does not parse')
  return r.value.nodes
})()

const ids = (results: readonly SearchResult[]): string[] => results.map((r) => r.id)

/** The highlighted parts of a result's snippet, folded. */
const marked = (r: SearchResult): string[] =>
  r.highlights.map(([s, e]) => foldText(r.snippet.slice(s, e)))

describe('toSearchDoc', () => {
  it('collects title, aliases (kind and facet labels in nl and en, role), tags, description, body', () => {
    const actor = makeNode('actor', 'a1', 'Kees', {
      actorType: 'housing_corporation',
      roleDescription: 'gebiedsregisseur Noord',
      tags: ['wonen'],
      description: 'Werkt aan Buiksloterham.'
    })
    const doc = toSearchDoc(actor)
    expect(doc.aliases).toEqual(
      expect.arrayContaining([
        'Actor',
        'Actoren',
        'Actors',
        'Woningcorporatie',
        'Housing corporation',
        'Voorbeeld',
        'Illustrative',
        'gebiedsregisseur Noord'
      ])
    )
    expect(doc.tags).toEqual(['wonen'])
    expect(doc.folded.description).toBe('werkt aan buiksloterham.')
  })

  it('puts quote text, statements, interview lists and transcripts in body, not repeating the title', () => {
    const interview = makeNode('interview', 'i1', 'Gesprek 9: Bewoner over groen', {
      summary: 'Bewoner over groen',
      wentWell: ['Vroeg contact'],
      wentWrong: ['Lange stilte'],
      attentionPoints: ['Blijf bellen'],
      transcript: 'Lang verhaal over het plein.'
    })
    expect(toSearchDoc(interview).body).toEqual([
      'Vroeg contact',
      'Lange stilte',
      'Blijf bellen',
      'Lang verhaal over het plein.'
    ])
    const lesson = makeNode('lesson', 'l1', 'Blijf communiceren', {
      statement: 'Blijf communiceren'
    })
    expect(toSearchDoc(lesson).body).toEqual([])
  })

  it('sameSearchSource ignores positions and sources but not text, tags, facets or deletion', () => {
    const n = makeNode('lesson', 'l1', 'Blijf communiceren', { tags: ['a', 'b'], phase: 'design' })
    expect(sameSearchSource(n, { ...n, position: { x: 1, y: 2 }, sources: [] })).toBe(true)
    expect(sameSearchSource(n, { ...n, tags: ['a', 'b'] })).toBe(true)
    expect(sameSearchSource(n, { ...n, title: 'Blijf praten' })).toBe(false)
    expect(sameSearchSource(n, { ...n, tags: ['a'] })).toBe(false)
    expect(sameSearchSource(n, { ...n, phase: 'management' } as typeof n)).toBe(false)
    expect(sameSearchSource(n, { ...n, deletedAt: '2026-02-01' })).toBe(false)
  })

  it('toSearchSource keeps only what search needs', () => {
    const n = demo.find((x) => x.id === 'L7')
    if (!n) throw new Error('L7')
    const src = toSearchSource(n)
    expect(src).not.toHaveProperty('position')
    expect(src).not.toHaveProperty('sources')
    expect(toSearchDoc(src, DEFAULT_SEARCH_LABELS)).toEqual(toSearchDoc(n, DEFAULT_SEARCH_LABELS))
  })
})

describe('SearchIndex: matching', () => {
  const index = SearchIndex.build(demo)

  it('forgives typos, diacritics both ways, case and IJ', () => {
    expect(ids(index.search('partisipatieverordening', { limit: 3 }))).toContain('pol_pverord')
    expect(ids(index.search('gebeidsontwikkeling', { limit: 5 }))).toContain('r_pm_gem')
    expect(ids(index.search('een stem', { limit: 3 }))[0]).toBe('L3')
    expect(ids(index.search('ÉÉN STEM', { limit: 3 }))[0]).toBe('L3')
    expect(ids(index.search('Ĳplein', { limit: 3 }))).toContain('r_bo_vogel')
    expect(ids(index.search('IJPLEIN', { limit: 3 }))).toContain('r_bo_vogel')
    expect(ids(index.search('Caroline Combe', { limit: 3 }))[0]).toBe('p_combe')
  })

  it('finds words by prefix while typing, and inside Dutch compounds', () => {
    expect(ids(index.search('hamerkw', { limit: 3 }))).toContain('area_hamer')
    expect(ids(index.search('verordening', { limit: 5 }))).toContain('pol_pverord')
  })

  it('matches Dutch and English kind and facet labels', () => {
    const lessons = index.search('lessen', { limit: 20 })
    expect(lessons.length).toBeGreaterThan(0)
    expect(lessons.every((r) => r.kind === 'lesson')).toBe(true)
    expect(index.search('lessons', { limit: 20 }).every((r) => r.kind === 'lesson')).toBe(true)
  })

  it('returns nothing for an empty, blank or punctuation-only query, and never throws', () => {
    expect(index.search('')).toEqual([])
    expect(index.search('   ')).toEqual([])
    expect(index.search('?!…')).toEqual([])
    for (const q of ['a', '((', 'les:', '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'x'.repeat(500)]) {
      expect(() => index.search(q)).not.toThrow()
    }
  })

  it('respects limit', () => {
    expect(index.search('gesprek', { limit: 2 })).toHaveLength(2)
  })
})

describe('SearchIndex: ranking', () => {
  it('ranks a title match above the same word deep in a long transcript', () => {
    const deep = makeNode('interview', 'deep', 'Gesprek 1: Bewoner over de buurt', {
      transcript: longText(5000, 'buurtschouw', 4500)
    })
    const title = makeNode('theme', 'title', 'Buurtschouw in Noord')
    const other = makeNode('lesson', 'other', 'Maak kaders vooraf expliciet')
    const index = SearchIndex.build([deep, other, title])
    const results = index.search('buurtschouw')
    expect(ids(results)).toEqual(['title', 'deep'])
    // …also with a typo, and the deep hit still gets a snippet around the word.
    expect(ids(index.search('buurtscouw'))[0]).toBe('title')
    const hit = results[1] as SearchResult
    expect(hit.field).toBe('body')
    expect(marked(hit)).toEqual(['buurtschouw'])
    expect(hit.snippet.length).toBeLessThan(200)
  })

  it('prefers documents that match every word of the query', () => {
    const index = SearchIndex.build([
      makeNode('ingredient', 'one', 'Leerestafette'),
      makeNode('ingredient', 'both', 'Eigenaarschap bij de leerestafette tussen werkplaatsen')
    ])
    expect(ids(index.search('eigenaarschap leerestafete'))[0]).toBe('both')
  })
})

describe('SearchIndex: kind prefixes', () => {
  const index = SearchIndex.build(demo)

  it('parses Dutch and English prefixes, singular and plural, diacritics-insensitive', () => {
    expect(parseQuery('les: vertrouwen')).toMatchObject({
      kinds: ['lesson'],
      terms: ['vertrouwen']
    })
    expect(parseQuery('Lesson:vertrouwen').kinds).toEqual(['lesson'])
    expect(parseQuery('lessen: x').kinds).toEqual(['lesson'])
    expect(parseQuery('ingrediënt: x').kinds).toEqual(['ingredient'])
    expect(parseQuery('Ingredient: x').kinds).toEqual(['ingredient'])
    expect(parseQuery("thema's: x").kinds).toEqual(['theme'])
    expect(parseQuery('thema: x').kinds).toEqual(['theme'])
    expect(parseQuery('theme: x').kinds).toEqual(['theme'])
    expect(parseQuery('citaat: x').kinds).toEqual(['quote'])
    expect(parseQuery('quote: x').kinds).toEqual(['quote'])
    expect(parseQuery('gesprek: x').kinds).toEqual(['interview'])
    expect(parseQuery('interview: x').kinds).toEqual(['interview'])
    expect(parseQuery('actor: x').kinds).toEqual(['actor'])
    expect(parseQuery('project: x').kinds).toEqual(['project'])
    expect(parseQuery('les: citaat: x').kinds).toEqual(['lesson', 'quote'])
    expect(parseQuery('http: vertrouwen')).toMatchObject({
      kinds: null,
      terms: ['http', 'vertrouwen']
    })
  })

  it('narrows results to the named kind', () => {
    const all = index.search('vertrouwen', { limit: 20 })
    expect(new Set(all.map((r) => r.kind)).size).toBeGreaterThan(1)
    for (const q of ['les: vertrouwen', 'lesson: vertrouwen', 'LESSEN:vertrouwen']) {
      const only = index.search(q, { limit: 20 })
      expect(only.length).toBeGreaterThan(0)
      expect(only.every((r) => r.kind === 'lesson')).toBe(true)
      expect(ids(only)).toContain('L7')
    }
    expect(index.search('ingrediënt: vertrouwen').map((r) => r.kind)).toContain('ingredient')
  })

  it('intersects a prefix with options.kinds', () => {
    expect(index.search('les: vertrouwen', { kinds: ['ingredient'] })).toEqual([])
    expect(
      index.search('vertrouwen', { kinds: ['ingredient'] }).every((r) => r.kind === 'ingredient')
    ).toBe(true)
  })

  it('returns nothing for a prefix without words', () => {
    expect(index.search('les:')).toEqual([])
  })
})

describe('SearchIndex: incremental updates', () => {
  it('reflects add, update and delete at once, without a rebuild', () => {
    const index = SearchIndex.build(demo)
    expect(index.search('zeepkistsessie')).toEqual([])

    index.add(makeNode('theme', 'new1', 'Zeepkistsessie op het Buikslotermeerplein'))
    expect(ids(index.search('zeepkistsessie'))).toEqual(['new1'])
    expect(index.has('new1')).toBe(true)

    index.update(makeNode('theme', 'new1', 'Straatgesprek op het Buikslotermeerplein'))
    expect(index.search('zeepkistsessie')).toEqual([])
    expect(ids(index.search('straatgesprek'))).toEqual(['new1'])

    const l7 = demo.find((n) => n.id === 'L7')
    if (!l7) throw new Error('L7')
    index.applyPatch([{ ...l7, title: 'Kleine successen bouwen vertrouwen op' }])
    expect(ids(index.search('kleine successen'))[0]).toBe('L7')

    index.applyPatch([{ ...l7, deletedAt: '2026-02-01T00:00:00.000Z' }])
    expect(ids(index.search('kleine successen'))).not.toContain('L7')
    expect(index.has('L7')).toBe(false)

    expect(index.remove('new1')).toBe(true)
    expect(index.remove('new1')).toBe(false)
    expect(index.search('straatgesprek')).toEqual([])
    expect(index.size).toBe(demo.length - 1)
  })

  it('gives the same answers after many edits as a fresh build (compaction included)', () => {
    const nodes = generateGraph({ nodes: 3000, seed: 3 }).nodes
    const index = SearchIndex.build(nodes.slice(0, 1000))
    for (const n of nodes.slice(1000)) index.add(n)
    // Edit every other node twice and delete a third: well past the compaction threshold.
    const live = new Map(nodes.map((n) => [n.id as string, n]))
    nodes.forEach((n, i) => {
      if (i % 3 === 0) {
        index.remove(n.id)
        live.delete(n.id)
      } else if (i % 2 === 0) {
        const edited = { ...n, title: `${n.title} herzien` }
        index.update(n)
        index.update(edited)
        live.set(n.id, edited)
      }
    })
    expect(index.stats().deadSlots).toBeLessThan(index.stats().slots)
    const fresh = SearchIndex.build([...live.values()])
    expect(index.size).toBe(fresh.size)
    for (const q of [
      'herzien',
      'transparantie',
      'gesprek 12',
      'ideeen',
      'bewonr',
      'les: vertrouwen'
    ]) {
      expect(ids(index.search(q, { limit: 10 }))).toEqual(ids(fresh.search(q, { limit: 10 })))
    }
  })
})

describe('SearchIndex: snippets and highlights', () => {
  it('highlights the matched words in the title, at the original characters', () => {
    const index = SearchIndex.build(demo)
    const [r] = index.search('een stem')
    expect(r?.id).toBe('L3')
    expect(r?.field).toBe('title')
    expect(r?.snippet).toBe('De gemeente spreekt niet met één stem')
    expect(r?.highlights.map(([s, e]) => r.snippet.slice(s, e))).toEqual(['één', 'stem'])
    expect(r?.titleHighlights).toEqual(r?.highlights)
  })

  it('cuts a snippet around a hit in long text and points highlights into it', () => {
    const text =
      'Inleiding. '.repeat(40) +
      'Toen kwamen de IDEEËN van de buurt op tafel, met   veel\n energie. ' +
      'Slot. '.repeat(40)
    const index = SearchIndex.build([makeNode('theme', 't1', 'Verslag', { description: text })])
    const [r] = index.search('ideeen')
    expect(r?.field).toBe('description')
    expect(r?.snippet.startsWith('…')).toBe(true)
    expect(r?.snippet.endsWith('…')).toBe(true)
    expect(r?.snippet).not.toContain('\n')
    expect(r?.highlights.map(([s, e]) => r.snippet.slice(s, e))).toEqual(['IDEEËN'])
  })

  it('takes the snippet from tags or aliases when the title does not match', () => {
    const index = SearchIndex.build([
      makeNode('lesson', 'l1', 'Begin klein', { tags: ['quick wins', 'vertrouwen'] })
    ])
    const [r] = index.search('vertrouwen')
    expect(r?.field).toBe('tags')
    expect(r?.snippet).toBe('vertrouwen')
    expect(r?.highlights).toEqual([[0, 10]])
    expect(r?.titleHighlights).toEqual([])
  })

  it('highlights a hyphenated compound found by its joined form', () => {
    const index = SearchIndex.build(demo)
    const r = index.search('havenstad').find((x) => x.id === 'area_haven')
    expect(r && marked(r)).toEqual(['haven-stad'])
  })
})

describe('groupByKind', () => {
  it('groups by kind in order of the best result, keeping order within groups', () => {
    const index = SearchIndex.build(demo)
    const results = index.search('vertrouwen', { limit: 20 })
    const groups = groupByKind(results)
    expect(groups.flatMap((g) => g.results)).toHaveLength(results.length)
    expect(groups[0]?.kind).toBe(results[0]?.kind)
    expect(new Set(groups.map((g) => g.kind)).size).toBe(groups.length)
    for (const g of groups) {
      const order = g.results.map((r) => results.indexOf(r))
      expect(order).toEqual([...order].sort((a, b) => a - b))
    }
  })
})

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and transpositions', () => {
    expect(editDistance('partisipatie', 'participatie', 0, 2)).toBe(1)
    expect(editDistance('gebeidsontwikkeling', 'gebiedsontwikkeling', 0, 2)).toBe(1)
    expect(editDistance('particip', 'participatieplan', 1, 1)).toBe(0)
    expect(editDistance('ontwikkeling', 'gebiedsontwikkeling', 2, 1)).toBe(0)
    expect(editDistance('abc', 'xyz', 0, 1)).toBeGreaterThan(1)
  })
})
