import { beforeAll, describe, expect, it } from 'vitest'
import { initI18n, i18next } from '../../../src-renderer/i18n'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'

/** Every leaf key of a bundle, dotted. */
function leaves(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(prefix + k, v)
    else leaves(v as Record<string, unknown>, `${prefix}${k}.`).forEach((s, key) => out.set(key, s))
  }
  return out
}

describe('plural forms', () => {
  beforeAll(async () => {
    await initI18n('nl')
  })
  const t = (lang: 'nl' | 'en', key: string, values: Record<string, unknown>): string => i18next.getFixedT(lang)(key, values)

  it('every _one key has an _other key in both languages, and both languages have the same plural keys', () => {
    const nlKeys = leaves(nl)
    const enKeys = leaves(en)
    for (const keys of [nlKeys, enKeys]) {
      for (const key of keys.keys()) {
        if (key.endsWith('_one')) expect(keys.has(key.replace(/_one$/, '_other')), key).toBe(true)
      }
    }
    const plural = (keys: Map<string, string>): string[] => [...keys.keys()].filter((k) => /_(one|other)$/.test(k)).sort()
    expect(plural(enKeys)).toEqual(plural(nlKeys))
  })

  it('no text outside an _other form puts a number before a plural noun', () => {
    for (const [key, text] of [...leaves(nl), ...leaves(en)]) {
      if (key.endsWith('_other')) continue
      expect(text, key).not.toMatch(/\{\{(n|count)\}\} (citaten|gesprekken|actoren|soorten|rijen|stappen|tekens|verbindingen|knopen|quotes|interviews|actors|types|rows|steps|characters|edges|nodes)\b/)
    }
  })

  it('Dutch: one and many', () => {
    expect(t('nl', 'inspector.voiceQuotes', { count: 1 })).toBe('1 citaat onderbouwt deze les')
    expect(t('nl', 'inspector.voiceQuotes', { count: 3 })).toBe('3 citaten onderbouwen deze les')
    expect(t('nl', 'inspector.voiceInterviews', { count: 1 })).toBe('uit 1 gesprek')
    expect(t('nl', 'inspector.voiceActors', { actors: 1, types: 1 })).toBe('1 actor van 1 soort')
    expect(t('nl', 'inspector.voiceActors', { actors: 4, types: 2 })).toBe('4 actoren van 2 soorten')
    expect(t('nl', 'status.counts', { nodes: 61, edges: 96 })).toBe('61 knopen · 96 verbindingen')
    expect(t('nl', 'status.counts', { nodes: 1, edges: 1 })).toBe('1 knoop · 1 verbinding')
    expect(t('nl', 'display.count', { count: 1 })).toBe('1 rij')
    expect(t('nl', 'display.count', { count: 0 })).toBe('0 rijen')
    expect(t('nl', 'focusBar.label', { title: 'X', depth: 1 })).toBe('Focus: X (1 stap)')
    expect(t('nl', 'filter.visible', { nodes: 1, count: 1 })).toBe('1 van 1 knoop zichtbaar')
    expect(t('nl', 'editor.deleteBody', { title: 'T', edges: 1, annotations: 2 })).toContain('samen met 1 verbinding en 2 annotaties')
    expect(t('nl', 'importDialog.counts', { nodes: 1, edges: 2, annotations: 1 })).toBe('1 knoop, 2 verbindingen, 1 annotatie')
    expect(t('nl', 'importDialog.loopsKept', { n: 1 })).toMatch(/^1 verbinding .* blijft/)
    expect(t('nl', 'workbench.selection', { count: 1 })).toBe('Geselecteerd (1 teken)')
  })

  it('English: one and many', () => {
    expect(t('en', 'inspector.voiceQuotes', { count: 1 })).toBe('1 quote supports this lesson')
    expect(t('en', 'inspector.voiceQuotes', { count: 2 })).toBe('2 quotes support this lesson')
    expect(t('en', 'inspector.voiceInterviews', { count: 1 })).toBe('from 1 interview')
    expect(t('en', 'inspector.voiceActors', { actors: 1, types: 1 })).toBe('1 actor of 1 type')
    expect(t('en', 'status.counts', { nodes: 61, edges: 96 })).toBe('61 nodes · 96 edges')
    expect(t('en', 'status.counts', { nodes: 1, edges: 0 })).toBe('1 node · 0 edges')
    expect(t('en', 'lens.clusters', { count: 1 })).toBe('1 cluster')
    expect(t('en', 'inspector.focusSteps', { count: 2 })).toBe('2 steps')
    expect(t('en', 'search.showAll', { count: 1 })).toBe('Show the match on the map')
    expect(t('en', 'confirm.newEmptyBody', { nodes: 1, edges: 1 })).toMatch(/^All 1 node and 1 edge will be removed/)
  })
})
