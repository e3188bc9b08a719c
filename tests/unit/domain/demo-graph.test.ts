import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { GraphNode } from '../../../src-renderer/domain/node-kinds'
import { validateGraph } from '../../../src-renderer/domain/validate'
import { parseKgJson, type KgDocument } from '../../../src-renderer/exchange/formats/kg-json'

const ROOT = resolve(__dirname, '../../..')
const DEMO = resolve(ROOT, 'resources/stadmaken-demo.kg.json')
const OUTLINE = resolve(ROOT, '../shared/domain/demo-outline.json')

/** The outline, when this checkout sits next to it (it does in the project workspace, not in CI). */
interface Outline {
  nodes: { id: string; kind: string; status: string; sources?: string[]; url?: string }[]
  edges: [string, unknown, string, string][]
}
const outline: Outline | null = existsSync(OUTLINE)
  ? (JSON.parse(readFileSync(OUTLINE, 'utf8')) as Outline)
  : null

function loadDemo(): KgDocument {
  const result = parseKgJson(readFileSync(DEMO, 'utf8'))
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'))
  return result.value
}

const demo = loadDemo()
const node = (id: string): GraphNode => {
  const found = demo.nodes.find((n) => n.id === id)
  if (!found) throw new Error(`demo has no node ${id}`)
  return found
}
const count = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1
  return out
}

describe('the shipped demo graph', () => {
  it('loads through parseKgJson with exactly 61 nodes and 96 edges', () => {
    expect(demo.nodes).toHaveLength(61)
    expect(demo.edges).toHaveLength(96)
    expect(demo.annotations).toHaveLength(0)
    expect(demo.title).toBe('Amsterdams Stadmaken – demo graaf')
  })

  it('passes validateGraph unchanged (the file already holds every default)', () => {
    const result = validateGraph(demo)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.value.nodes).toEqual(demo.nodes)
      expect(result.value.edges).toEqual(demo.edges)
    }
  })

  it('maps the outline kinds onto the seven app kinds', () => {
    expect(count(demo.nodes, (n) => n.kind)).toEqual({
      actor: 15,
      interview: 6,
      quote: 8,
      lesson: 8,
      ingredient: 7,
      project: 5,
      theme: 12
    })
    expect(node('m_quickwins')).toMatchObject({ kind: 'ingredient', tags: ['methode'] })
    expect(node('wp_zonne')).toMatchObject({ kind: 'project', projectType: 'werkplaats' })
    expect(node('ev_denktank')).toMatchObject({ kind: 'project', projectType: 'bijeenkomst' })
    expect(node('prog')).toMatchObject({ kind: 'project', projectType: 'programma' })
    expect(node('area_hamer')).toMatchObject({ kind: 'theme', themeType: 'gebied' })
    expect(node('disc1')).toMatchObject({ kind: 'theme', themeType: 'schijf' })
    expect(node('pol_ov2050')).toMatchObject({ kind: 'theme', themeType: 'beleid' })
    expect(node('vid_eijkhof')).toMatchObject({ kind: 'theme', themeType: 'bron' })
  })

  it('has no phase or participation-level nodes left', () => {
    for (const id of ['ph1', 'ph2', 'ph3', 'ph4', 'ph5', 'lv1', 'lv2', 'lv3', 'lv4']) {
      expect(demo.nodes.some((n) => n.id === id)).toBe(false)
      expect(demo.edges.some((e) => e.source === id || e.target === id)).toBe(false)
    }
  })

  it('keeps the statuses: counts per status match the outline after the drop', () => {
    expect(count(demo.nodes, (n) => n.status)).toEqual({
      confirmed: 23,
      reported: 4,
      inferred: 9,
      illustrative: 25
    })
    expect(count(demo.edges, (e) => e.status)).toEqual({
      confirmed: 19,
      reported: 5,
      inferred: 12,
      illustrative: 60
    })
  })

  it.skipIf(!outline)('matches the outline it was built from, status by status', () => {
    if (!outline) return
    const letter = { C: 'confirmed', B: 'reported', I: 'inferred', F: 'illustrative' } as const
    const facetKinds = new Set(['Phase', 'ParticipationLevel'])
    const dropped = new Set(outline.nodes.filter((n) => facetKinds.has(n.kind)).map((n) => n.id))
    const kept = outline.nodes.filter((n) => !dropped.has(n.id))
    expect(demo.nodes.map((n) => n.id).sort()).toEqual(kept.map((n) => n.id).sort())
    for (const n of kept) expect(node(n.id).status).toBe(letter[n.status as keyof typeof letter])
    const keptEdges = outline.edges.filter(([s, , t]) => !dropped.has(s) && !dropped.has(t))
    expect(count(demo.edges, (e) => e.status)).toEqual(
      count(keptEdges, (e) => letter[e[3] as keyof typeof letter])
    )
    const urls = new Set(
      outline.nodes.flatMap((n) => [...(n.sources ?? []), ...(n.url ? [n.url] : [])])
    )
    const demoUrls = new Set(demo.nodes.flatMap((n) => n.sources.map((s) => s.url)))
    for (const url of urls) expect(demoUrls).toContain(url)
  })

  it('keeps source URLs as {title, url}', () => {
    expect(node('org_oram').sources).toEqual([
      { title: 'oram.nl – Ruimte voor werk', url: 'https://oram.nl/themas/ruimte-voor-werk/' }
    ])
    expect(node('src_basis').sources).toEqual([
      {
        title: 'amsterdamsstadmaken.nl – De basis',
        url: 'https://amsterdamsstadmaken.nl/de-basis/'
      }
    ])
    const urls = demo.nodes.flatMap((n) => n.sources.map((s) => s.url))
    expect(new Set(urls).size).toBe(9)
    for (const n of demo.nodes) for (const s of n.sources) expect(s.title.length).toBeGreaterThan(3)
  })

  it('turns relevant_in_fase edges into lesson phases', () => {
    const phases = Object.fromEntries(
      demo.nodes.filter((n) => n.kind === 'lesson').map((n) => [n.id, n.phase])
    )
    expect(phases).toEqual({
      L1: undefined,
      L2: 'exploration',
      L3: undefined,
      L4: 'feasibility',
      L5: 'feasibility',
      L6: undefined,
      L7: 'management',
      L8: undefined
    })
  })

  it('puts role and participation level on participates_in edges', () => {
    const participation = demo.edges
      .filter((e) => e.kind === 'participates_in')
      .map((e) => [e.source, e.target, e.role, e.participationLevel])
    expect(participation).toEqual([
      ['r_bew_noord', 'wp_zonne', 'deelnemer', 'co_creating'],
      ['r_ond_hamer', 'wp_hamer', 'deelnemer', 'consulting'],
      ['r_pm_gem', 'wp_hamer', 'opdrachtgever', undefined],
      ['r_ond_haven', 'wp_haven', 'deelnemer', 'consulting'],
      ['r_kennis', 'ev_denktank', 'expert', undefined],
      ['r_ontw', 'ev_denktank', 'expert', undefined]
    ])
  })

  it('maps relations by meaning, including the two senses of uitgevoerd_door', () => {
    const edge = (id: string): unknown => demo.edges.find((e) => e.id === id)
    expect(edge('e-org_gem-commissions-prog')).toBeDefined()
    expect(edge('e-int1-conducted_by-prog')).toBeDefined()
    expect(edge('e-p_combe-related-vid_combe')).toMatchObject({
      kind: 'related',
      label: 'spreekt in'
    })
    expect(edge('e-ing_transp-part_of-disc1')).toMatchObject({ kind: 'part_of' })
    expect(count(demo.edges, (e) => e.kind)).toMatchObject({
      interviewed: 6,
      contains: 8,
      yields: 8,
      supports: 8,
      part_of: 10,
      participates_in: 6,
      commissions: 2
    })
  })

  it('gives actors the right type, and never names an invented person', () => {
    expect(node('org_veban')).toMatchObject({ actorType: 'business_association', isPerson: false })
    expect(node('p_combe')).toMatchObject({
      actorType: 'municipality',
      isPerson: true,
      consent: 'named',
      organisation: 'Gemeente Amsterdam',
      roleDescription: 'planner'
    })
    expect(node('p_eijkhof')).toMatchObject({
      actorType: 'business_association',
      organisation: 'ORAM'
    })
    expect(node('r_bew_noord')).toMatchObject({
      title: 'bewoner, Tuindorp Oostzaan (Noord)',
      roleDescription: 'bewoner, Tuindorp Oostzaan (Noord)',
      actorType: 'resident',
      isPerson: true,
      consent: 'pseudonymised',
      status: 'illustrative'
    })
  })

  it('fills kind fields from the outline texts', () => {
    expect(node('int1')).toMatchObject({
      title: 'Gesprek 1: Bewoner over sloop/renovatieplannen en onduidelijke rol gemeente',
      summary: 'Bewoner over sloop/renovatieplannen en onduidelijke rol gemeente',
      date: '2021',
      consent: 'pseudonymised'
    })
    expect(node('q5')).toMatchObject({ speakerRole: 'projectmanager' })
    expect(node('L3')).toMatchObject({ statement: 'De gemeente spreekt niet met één stem' })
    expect(node('L1').description).toBe('afgeleid van ingrediënt Transparantie')
    expect(node('pol_pverord').fields).toEqual({ in_force_from: '2024-09-15' })
    expect(node('area_hamer').fields).toEqual({ homes: '≈6.500–6.700', stadsdeel: 'Noord' })
    expect(node('wp_hamer')).toMatchObject({ area: 'Hamerkwartier', district: 'Noord' })
  })

  it('is deterministic and ready to show: fixed stamps, distinct positions', () => {
    for (const r of [...demo.nodes, ...demo.edges]) {
      expect(r.createdAt).toBe('2026-01-01T00:00:00.000Z')
      expect(r.createdBy).toBe('Amsterdams Stadmaken (demo)')
    }
    const spots = demo.nodes.map((n) => `${n.position?.x},${n.position?.y}`)
    expect(new Set(spots).size).toBe(61)
  })
})
