import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EdgeKind, GraphEdge } from '../../../src-renderer/domain/edge-kinds'
import { nodeAdjacency } from '../../../src-renderer/domain/queries/adjacency'
import { centrality, clusters } from '../../../src-renderer/domain/queries/centrality-clusters'
import { buildGraphIndex, type GraphIndex } from '../../../src-renderer/domain/queries/graph-index'
import { lessonMapSubgraph, tensionsSubgraph } from '../../../src-renderer/domain/queries/lenses'
import { expand, neighbourhood } from '../../../src-renderer/domain/queries/neighbourhood'
import {
  describePath,
  truncateTitle,
  type PathLabels
} from '../../../src-renderer/domain/queries/path-sentences'
import { shortestPaths, type GraphPath } from '../../../src-renderer/domain/queries/paths'
import { voiceCounts } from '../../../src-renderer/domain/queries/voices'
import type { EdgeId, NodeId } from '../../../src-renderer/domain/ids'
import type { GraphNode, NodeKind } from '../../../src-renderer/domain/node-kinds'
import { parseKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const T = '2024-01-01T00:00:00.000Z'
const record = { createdAt: T, updatedAt: T, createdBy: 'test', updatedBy: 'test' }

const KIND_EXTRA: Record<NodeKind, Record<string, unknown>> = {
  actor: { actorType: 'resident', isPerson: false },
  interview: {
    consent: 'pseudonymised',
    summary: '',
    wentWell: [],
    wentWrong: [],
    attentionPoints: [],
    transcript: ''
  },
  quote: { text: 'tekst' },
  lesson: { statement: '', reviewStatus: 'concept' },
  ingredient: { reviewStatus: 'concept' },
  project: { projectType: 'werkplaats' },
  theme: { themeType: 'overig' }
}

function node(
  id: string,
  kind: NodeKind,
  extra: Record<string, unknown> = {},
  title: string = id
): GraphNode {
  return {
    ...record,
    id,
    kind,
    title,
    description: '',
    tags: [],
    status: 'illustrative',
    sources: [],
    fields: {},
    ...KIND_EXTRA[kind],
    ...extra
  } as unknown as GraphNode
}

function edge(
  id: string,
  kind: EdgeKind,
  source: string,
  target: string,
  extra: Partial<GraphEdge> = {}
): GraphEdge {
  return {
    ...record,
    id: id as EdgeId,
    kind,
    source: source as NodeId,
    target: target as NodeId,
    status: 'illustrative',
    sources: [],
    evidence: [],
    fields: {},
    ...extra
  }
}

const ids = (xs: readonly string[]): string[] => [...xs].sort()
const labelsNl: PathLabels = {
  kind: (k) => nl.kind[k],
  edge: (k) => nl.edge[k],
  lang: 'nl'
}
const labelsEn: PathLabels = {
  kind: (k) => en.kind[k],
  edge: (k) => en.edge[k],
  lang: 'en'
}

/** Checks that a path is a simple walk whose consecutive nodes are joined by the listed edge. */
function expectValidWalk(index: GraphIndex, path: GraphPath, from: string, to: string): void {
  expect(path.nodes[0]).toBe(from)
  expect(path.nodes[path.nodes.length - 1]).toBe(to)
  expect(path.nodes.length).toBe(path.edges.length + 1)
  expect(path.steps.length).toBe(path.edges.length)
  expect(new Set(path.nodes).size).toBe(path.nodes.length)
  path.steps.forEach((s, i) => {
    const e = index.edges.get(s.edge)
    expect(e).toBeDefined()
    if (!e) return
    expect(s.edge).toBe(path.edges[i])
    expect(s.from).toBe(path.nodes[i])
    expect(s.to).toBe(path.nodes[i + 1])
    expect([e.source, e.target].sort()).toEqual([s.from, s.to].sort())
  })
}

// ---------------------------------------------------------------------------------------------
// The demo graph
// ---------------------------------------------------------------------------------------------

const DEMO_PATH = resolve(__dirname, '../../../resources/stadmaken-demo.kg.json')

describe('graph queries on the demo graph', () => {
  let nodes: GraphNode[]
  let edges: GraphEdge[]
  let index: GraphIndex
  /** Id of the one live edge `source -kind-> target` (demo edge ids are generated). */
  let edgeId: (source: string, kind: EdgeKind, target: string) => EdgeId

  beforeAll(() => {
    const parsed = parseKgJson(readFileSync(DEMO_PATH, 'utf8'))
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 5)))
    nodes = parsed.value.nodes
    edges = parsed.value.edges
    index = buildGraphIndex(nodes, edges)
    edgeId = (source, kind, target) => {
      const found = edges.filter(
        (e) => e.source === source && e.kind === kind && e.target === target && !e.deletedAt
      )
      if (found.length !== 1) throw new Error(`edge ${source} ${kind} ${target}: ${found.length}`)
      return (found[0] as GraphEdge).id
    }
  })

  it('indexes all 61 nodes and 96 edges', () => {
    expect(index.nodes.size).toBe(61)
    expect(index.edges.size).toBe(96)
  })

  it('depth 1 around L1 is exactly its direct neighbours', () => {
    const n1 = neighbourhood(index, ['L1' as NodeId], 1)
    // From demo-outline.json: int1 levert_op L1, q1 onderbouwt L1, L5 weerspreekt L1,
    // L2 versterkt L1, L7 versterkt L1, L1 voedt ing_contact.
    expect(n1.nodeIds).toEqual(ids(['L1', 'int1', 'q1', 'L5', 'L2', 'L7', 'ing_contact']))
    expect(n1.edgeIds).toEqual(
      ids([
        edgeId('int1', 'yields', 'L1'),
        edgeId('q1', 'supports', 'L1'),
        edgeId('L5', 'contradicts', 'L1'),
        edgeId('L2', 'reinforces', 'L1'),
        edgeId('L7', 'reinforces', 'L1'),
        edgeId('L1', 'informs', 'ing_contact')
      ])
    )
    const ex = expand(index, 'L1' as NodeId)
    expect(ex.nodeIds).toEqual(ids(['int1', 'q1', 'L5', 'L2', 'L7', 'ing_contact']))
    expect(ex.edgeIds).toEqual(n1.edgeIds)
  })

  it('depth 2 is a superset of depth 1, depth 3 of depth 2', () => {
    const n1 = neighbourhood(index, ['L1' as NodeId], 1)
    const n2 = neighbourhood(index, ['L1' as NodeId], 2)
    const n3 = neighbourhood(index, ['L1' as NodeId], 3)
    expect(n2.nodeIds).toEqual(expect.arrayContaining(n1.nodeIds))
    expect(n2.edgeIds).toEqual(expect.arrayContaining(n1.edgeIds))
    expect(n2.nodeIds.length).toBeGreaterThan(n1.nodeIds.length)
    expect(n3.nodeIds).toEqual(expect.arrayContaining(n2.nodeIds))
    // Depth 2 reaches through L5, L2, L7, int1 and ing_contact.
    expect(n2.nodeIds).toEqual(
      expect.arrayContaining(['q5', 'int5', 'L3', 'ing_kaders', 'q7', 'wp_zonne', 'ing_transp'])
    )
    // L5 -> L2 joins two depth-1 nodes: a step of length 2, so it is in depth 2, not in depth 1.
    expect(n1.edgeIds).not.toContain(edgeId('L5', 'contradicts', 'L2'))
    expect(n2.edgeIds).toContain(edgeId('L5', 'contradicts', 'L2'))
    const induced = neighbourhood(index, ['L1' as NodeId], 1, { induced: true })
    expect(induced.nodeIds).toEqual(n1.nodeIds)
    expect(induced.edgeIds).toContain(edgeId('L5', 'contradicts', 'L2'))
  })

  it('finds q1 → L1 → ing_contact → wp_zonne and says it in Dutch and English', () => {
    const paths = shortestPaths(index, 'q1' as NodeId, 'wp_zonne' as NodeId)
    const first = paths[0]
    expect(first?.nodes).toEqual(['q1', 'L1', 'ing_contact', 'wp_zonne'])
    expect(first?.edges).toEqual([
      edgeId('q1', 'supports', 'L1'),
      edgeId('L1', 'informs', 'ing_contact'),
      edgeId('ing_contact', 'applied_in', 'wp_zonne')
    ])
    expect(first?.steps.every((s) => s.forward)).toBe(true)
    if (!first) return
    expect(describePath(first, index, labelsNl)).toBe(
      'Het citaat "We hoorden maanden niets, …" onderbouwt de les "Blijf communiceren, ook zonder nieuws", ' +
        'die het ingrediënt "In contact blijven" voedt, dat in het project "Werkplaats Zonneplein" wordt toegepast.'
    )
    expect(describePath(first, index, labelsEn)).toBe(
      'The quote "We hoorden maanden niets, …" supports the lesson "Blijf communiceren, ook zonder nieuws", ' +
        'which informs the ingredient "In contact blijven", which is applied in the project "Werkplaats Zonneplein".'
    )
  })

  it('returns the three length-3 paths from q1 to wp_zonne in id order', () => {
    const paths = shortestPaths(index, 'q1' as NodeId, 'wp_zonne' as NodeId, { max: 3 })
    expect(paths.map((p) => p.nodes)).toEqual([
      ['q1', 'L1', 'ing_contact', 'wp_zonne'],
      ['q1', 'int1', 'prog', 'wp_zonne'],
      ['q1', 'int1', 'r_bew_noord', 'wp_zonne']
    ])
    for (const p of paths) expectValidWalk(index, p, 'q1', 'wp_zonne')
    // The interview path walks `contains` forward and `part_of` (wp_zonne → prog) backwards.
    expect(paths[1]?.steps.map((s) => s.forward)).toEqual([false, true, false])
    const more = shortestPaths(index, 'q1' as NodeId, 'wp_zonne' as NodeId, { max: 10 })
    expect(more.length).toBe(10)
    expect(new Set(more.map((p) => p.edges.join())).size).toBe(10)
    for (let i = 1; i < more.length; i++) {
      expect((more[i] as GraphPath).edges.length).toBeGreaterThanOrEqual(
        (more[i - 1] as GraphPath).edges.length
      )
    }
    for (const p of more) expectValidWalk(index, p, 'q1', 'wp_zonne')
  })

  it('writes backward steps in the passive, without arrows', () => {
    const [p] = shortestPaths(index, 'L1' as NodeId, 'q1' as NodeId)
    expect(p?.nodes).toEqual(['L1', 'q1'])
    if (!p) return
    expect(describePath(p, index, labelsNl)).toBe(
      'De les "Blijf communiceren, ook zonder nieuws" wordt onderbouwd door het citaat "We hoorden maanden niets, …".'
    )
    expect(describePath(p, index, labelsEn)).toBe(
      'The lesson "Blijf communiceren, ook zonder nieuws" is supported by the quote "We hoorden maanden niets, …".'
    )
    // An interview titled "Gesprek 1: …" is not called 'het gesprek "Gesprek 1: …"'; a step against
    // part_of reads as "omvat".
    const via = shortestPaths(index, 'q1' as NodeId, 'wp_zonne' as NodeId, { max: 3 })[1]
    if (!via) throw new Error('no second path')
    expect(describePath(via, index, labelsNl)).toBe(
      'Het citaat "We hoorden maanden niets, …" komt uit "Gesprek 1: Bewoner over sloop/renovatieplannen en …", ' +
        'dat door het project "Amsterdams Stadmaken (Leer- en Ontwikkeltraject)" werd gehouden, ' +
        'dat het project "Werkplaats Zonneplein" omvat.'
    )
  })

  it('lesson map: all 8 lessons, 6 + 1 ingredients and only lesson-map edge kinds', () => {
    const map = lessonMapSubgraph(index)
    expect(map.nodeIds).toEqual(
      ids([
        ...['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8'],
        ...['ing_transp', 'ing_vertr', 'ing_rol', 'ing_contact', 'ing_agenda', 'ing_kaders'],
        'm_quickwins'
      ])
    )
    const kinds = new Set(map.edgeIds.map((id) => index.edges.get(id)?.kind))
    for (const k of kinds) {
      expect(['reinforces', 'contradicts', 'qualifies', 'informs', 'supports']).toContain(k)
    }
    // 4 reinforces + 2 contradicts + 1 qualifies + 5 informs in the outline.
    expect(map.edgeIds.length).toBe(12)
  })

  it('tensions lens holds both contradicts edges of L5 and the actor tensions', () => {
    const t = tensionsSubgraph(index)
    expect(t.edgeIds).toEqual(
      ids([
        edgeId('L5', 'contradicts', 'L1'),
        edgeId('L5', 'contradicts', 'L2'),
        edgeId('r_ond_hamer', 'in_tension_with', 'r_ontw'),
        edgeId('r_ond_haven', 'in_tension_with', 'r_pm_gem')
      ])
    )
    expect(t.nodeIds).toEqual(
      ids(['L5', 'L1', 'L2', 'r_ond_hamer', 'r_ontw', 'r_ond_haven', 'r_pm_gem'])
    )
  })

  it('clusters are deterministic, cover every node and are numbered by size', () => {
    const all = [...index.nodes.keys()]
    const allEdges = [...index.edges.keys()]
    const a = clusters(index, all, allEdges)
    const shuffled = buildGraphIndex([...nodes].reverse(), [...edges].reverse())
    const b = clusters(shuffled, [...all].reverse(), [...allEdges].reverse())
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort())
    expect(a.size).toBe(61)
    const sizes = new Map<number, number>()
    for (const c of a.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1)
    const count = sizes.size
    expect([...sizes.keys()].sort((x, y) => x - y)).toEqual([...Array(count).keys()])
    for (let c = 1; c < count; c++) {
      expect(sizes.get(c) ?? 0).toBeLessThanOrEqual(sizes.get(c - 1) ?? 0)
    }
    expect(count).toBeGreaterThan(1)
    const map = lessonMapSubgraph(index)
    const lm = clusters(index, map.nodeIds, map.edgeIds)
    expect(lm.size).toBe(15)
  })

  it('degree centrality peaks at 1; betweenness on the lesson map stays in 0..1', () => {
    const deg = centrality(index, index.nodes.keys(), index.edges.keys(), 'degree')
    const values = [...deg.values()]
    expect(Math.max(...values)).toBe(1)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(deg.size).toBe(61)
    // prog has the most distinct neighbours (interviews, werkplaatsen, policies, ...).
    expect(deg.get('prog' as NodeId)).toBe(1)
    const map = lessonMapSubgraph(index)
    const btw = centrality(index, map.nodeIds, map.edgeIds, 'betweenness')
    expect(Math.max(...btw.values())).toBe(1)
    expect(Math.min(...btw.values())).toBe(0)
    // L1 sits between the L2/L5/L7 side and ing_contact.
    expect(btw.get('L1' as NodeId)).toBeGreaterThan(0)
  })

  it('voice counts, derived by hand from the outline', () => {
    const v = voiceCounts(index)
    expect(v.size).toBe(8)
    const l1 = v.get('L1' as NodeId)
    expect(l1).toMatchObject({
      supportingQuotes: ['q1'],
      qualifyingQuotes: [],
      contradictingQuotes: [],
      interviews: ['int1'],
      actors: ['r_bew_noord'],
      actorTypes: ['resident'],
      quoteCount: 1,
      interviewCount: 1,
      actorCount: 1,
      actorTypeCount: 1,
      singleVoice: true,
      unsupported: false
    })
    // L2 and L8 both come out of int2 (bewonersorganisatie IJplein/Vogelbuurt).
    expect(v.get('L2' as NodeId)).toMatchObject({
      supportingQuotes: ['q2'],
      interviews: ['int2'],
      actors: ['r_bo_vogel'],
      actorTypes: ['residents_org'],
      singleVoice: true,
      unsupported: false
    })
    expect(v.get('L8' as NodeId)).toMatchObject({
      supportingQuotes: ['q8'],
      interviews: ['int2'],
      actors: ['r_bo_vogel'],
      actorTypes: ['residents_org'],
      singleVoice: true
    })
    // L3 and L7 share int3 (creatief ondernemer Hamerkwartier).
    expect(v.get('L7' as NodeId)).toMatchObject({
      supportingQuotes: ['q7'],
      interviews: ['int3'],
      actors: ['r_ond_hamer']
    })
    expect(v.get('L5' as NodeId)).toMatchObject({
      supportingQuotes: ['q5'],
      interviews: ['int5'],
      actors: ['r_pm_gem']
    })
    for (const c of v.values()) {
      expect(c.singleVoice).toBe(true)
      expect(c.unsupported).toBe(false)
    }
  })

  it('inspector adjacency of L1 is grouped by kind, then direction, then title', () => {
    const adj = nodeAdjacency(index, 'L1' as NodeId)
    expect(adj.map((a) => [a.kind, a.direction, a.node.id])).toEqual([
      ['yields', 'in', 'int1'],
      ['supports', 'in', 'q1'],
      ['contradicts', 'in', 'L5'],
      ['reinforces', 'in', 'L2'],
      ['reinforces', 'in', 'L7'],
      ['informs', 'out', 'ing_contact']
    ])
    // L2 "Benoem vooraf…" sorts before L7 "Quick wins…".
    expect(adj.every((a) => a.directed)).toBe(true)
  })

  it('ignores soft-deleted records', () => {
    const gone = nodes.map((n) => (n.id === 'int1' ? { ...n, deletedAt: T } : n))
    const cut = edges.map((e) =>
      e.source === 'L1' && e.kind === 'informs' ? { ...e, deletedAt: T } : e
    )
    const idx = buildGraphIndex(gone, cut)
    expect(idx.nodes.has('int1' as NodeId)).toBe(false)
    const n1 = neighbourhood(idx, ['L1' as NodeId], 1)
    expect(n1.nodeIds).toEqual(ids(['L1', 'q1', 'L5', 'L2', 'L7']))
    // Without int1 and L1 → ing_contact, the q1 → wp_zonne route runs through another lesson.
    const [p] = shortestPaths(idx, 'q1' as NodeId, 'wp_zonne' as NodeId)
    expect(p?.nodes).not.toContain('int1')
    expect(p?.nodes).not.toContain('ing_contact')
    if (p) expectValidWalk(idx, p, 'q1', 'wp_zonne')
    const l1 = voiceCounts(idx).get('L1' as NodeId)
    expect(l1).toMatchObject({
      supportingQuotes: ['q1'],
      interviews: [],
      actors: [],
      singleVoice: true,
      unsupported: true
    })
    expect(neighbourhood(idx, ['int1' as NodeId], 2).nodeIds).toEqual([])
    expect(nodeAdjacency(idx, 'int1' as NodeId)).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Small hand-made graphs
// ---------------------------------------------------------------------------------------------

describe('graph queries on small graphs', () => {
  it('finds no path between disconnected nodes', () => {
    const idx = buildGraphIndex(
      [node('a', 'lesson'), node('b', 'lesson'), node('c', 'lesson'), node('d', 'lesson')],
      [edge('e1', 'reinforces', 'a', 'b'), edge('e2', 'reinforces', 'c', 'd')]
    )
    expect(shortestPaths(idx, 'a' as NodeId, 'd' as NodeId)).toEqual([])
    expect(shortestPaths(idx, 'a' as NodeId, 'zz' as NodeId)).toEqual([])
    expect(shortestPaths(idx, 'a' as NodeId, 'b' as NodeId, { max: 0 })).toEqual([])
    expect(shortestPaths(idx, 'a' as NodeId, 'a' as NodeId)).toEqual([
      { nodes: ['a'], edges: [], steps: [] }
    ])
  })

  it('drops edges with a missing or deleted end, and respects maxLength', () => {
    const idx = buildGraphIndex(
      [node('a', 'lesson'), node('b', 'lesson'), node('c', 'lesson', { deletedAt: T })],
      [
        edge('e1', 'reinforces', 'a', 'c'),
        edge('e2', 'reinforces', 'c', 'b'),
        edge('e3', 'reinforces', 'a', 'x'),
        edge('e4', 'reinforces', 'a', 'b', { deletedAt: T })
      ]
    )
    expect(idx.edges.size).toBe(0)
    expect(shortestPaths(idx, 'a' as NodeId, 'b' as NodeId)).toEqual([])
    const chain = buildGraphIndex(
      ['a', 'b', 'c', 'd'].map((id) => node(id, 'lesson')),
      [
        edge('e1', 'reinforces', 'a', 'b'),
        edge('e2', 'reinforces', 'b', 'c'),
        edge('e3', 'reinforces', 'c', 'd')
      ]
    )
    expect(shortestPaths(chain, 'a' as NodeId, 'd' as NodeId, { maxLength: 2 })).toEqual([])
    expect(shortestPaths(chain, 'a' as NodeId, 'd' as NodeId, { maxLength: 3 })).toHaveLength(1)
  })

  it('k-shortest paths are distinct, in non-decreasing length, ties by id', () => {
    //   a - b - d
    //   a - c - d      (two paths of length 2)
    //   a - e - f - d  (one of length 3), plus a parallel edge b = d
    const idx = buildGraphIndex(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => node(id, 'theme')),
      [
        edge('ab', 'related', 'a', 'b'),
        edge('bd', 'related', 'b', 'd'),
        edge('bd2', 'about', 'd', 'b'),
        edge('ac', 'related', 'c', 'a'),
        edge('cd', 'related', 'c', 'd'),
        edge('ae', 'related', 'a', 'e'),
        edge('ef', 'related', 'e', 'f'),
        edge('fd', 'related', 'f', 'd')
      ]
    )
    const paths = shortestPaths(idx, 'a' as NodeId, 'd' as NodeId, { max: 10 })
    expect(paths.map((p) => p.edges)).toEqual([
      ['ab', 'bd'],
      ['ab', 'bd2'],
      ['ac', 'cd'],
      ['ae', 'ef', 'fd']
    ])
    expect(paths[1]?.steps[1]?.forward).toBe(false) // bd2 runs d → b
    expect(paths[2]?.steps[0]?.forward).toBe(true) // related is undirected: always forward
    const keys = paths.map((p) => p.edges.join())
    expect(new Set(keys).size).toBe(keys.length)
    for (const p of paths) expectValidWalk(idx, p, 'a', 'd')
  })

  it('describes backward and undirected steps and cuts long titles', () => {
    const long =
      'Een heel lange titel die veel meer dan zestig tekens telt en dus ingekort wordt hier'
    const idx = buildGraphIndex(
      [
        node('int', 'interview', {}, 'Gesprek 1'),
        node('act', 'actor', { isPerson: true }, 'Bewoner Noord'),
        node('act2', 'actor', {}, 'Ontwikkelaar'),
        node('p', 'project', {}, long)
      ],
      [
        edge('e1', 'interviewed', 'int', 'act'),
        edge('e2', 'in_tension_with', 'act2', 'act'),
        edge('e3', 'participates_in', 'act2', 'p'),
        edge('e4', 'related', 'int', 'p', { label: 'spreekt in' })
      ]
    )
    const [p] = shortestPaths(idx, 'act' as NodeId, 'p' as NodeId, { max: 2 })
    expect(p?.nodes).toEqual(['act', 'act2', 'p'])
    if (!p) return
    expect(describePath(p, idx, labelsNl)).toBe(
      'De actor "Bewoner Noord" staat op gespannen voet met de actor "Ontwikkelaar", die aan het project ' +
        '"Een heel lange titel die veel meer dan zestig tekens telt en …" deelneemt.'
    )
    const [q] = shortestPaths(idx, 'act' as NodeId, 'int' as NodeId)
    if (!q) throw new Error('no path')
    expect(describePath(q, idx, labelsEn)).toBe(
      'The actor "Bewoner Noord" was interviewed in the interview "Gesprek 1".'
    )
    const paths = shortestPaths(idx, 'int' as NodeId, 'act2' as NodeId, { max: 3 })
    const viaLabel = paths.find((x) => x.edges[0] === 'e4')
    if (!viaLabel) throw new Error('no path via e4')
    expect(describePath(viaLabel, idx, labelsNl)).toBe(
      '"Gesprek 1" is verbonden met het project "Een heel lange titel die veel meer dan zestig tekens telt en …" ("spreekt in"), ' +
        'dat de actor "Ontwikkelaar" als deelnemer heeft.'
    )
  })

  it('uses a relative clause with the right Dutch pronoun and English who/which', () => {
    const idx = buildGraphIndex(
      [
        node('q', 'quote', {}, 'Citaat een'),
        node('l1', 'lesson', {}, 'Les een'),
        node('l2', 'lesson', {}, 'Les twee'),
        node('i', 'ingredient', {}, 'Ingrediënt een'),
        node('l3', 'lesson', {}, 'Les drie')
      ],
      [
        edge('a', 'supports', 'q', 'l1'),
        edge('b', 'reinforces', 'l1', 'l2'),
        edge('c', 'informs', 'l2', 'i'),
        edge('d', 'supports', 'l3', 'i')
      ]
    )
    const [p] = shortestPaths(idx, 'q' as NodeId, 'i' as NodeId)
    if (!p) throw new Error('no path')
    expect(describePath(p, idx, labelsNl)).toBe(
      '"Citaat een" onderbouwt "Les een", die "Les twee" versterkt, die "Ingrediënt een" voedt.'
    )
    expect(describePath(p, idx, labelsEn)).toBe(
      'The quote "Citaat een" supports the lesson "Les een", which reinforces the lesson "Les twee", ' +
        'which informs the ingredient "Ingrediënt een".'
    )
  })

  it('truncates titles at a clause, else a word, else hard', () => {
    expect(truncateTitle('kort')).toBe('kort')
    expect(
      truncateTitle('We hoorden maanden niets, dus dachten we dat alles al besloten was.')
    ).toBe('We hoorden maanden niets, …')
    expect(truncateTitle('a'.repeat(80))).toBe(`${'a'.repeat(59)}…`)
    const words = 'woord '.repeat(20).trim()
    const cut = truncateTitle(words)
    expect(cut.endsWith(' …')).toBe(true)
    expect(cut.length).toBeLessThanOrEqual(62)
  })

  it('voice counts: several actors, qualifying and contradicting quotes, no interview', () => {
    const idx = buildGraphIndex(
      [
        node('L', 'lesson'),
        node('Lbare', 'lesson'),
        node('i1', 'interview'),
        node('i2', 'interview'),
        node('i3', 'interview'),
        node('q1', 'quote'),
        node('q2', 'quote'),
        node('q3', 'quote'),
        node('q4', 'quote'),
        node('a1', 'actor', { actorType: 'resident' }),
        node('a2', 'actor', { actorType: 'resident' }),
        node('a3', 'actor', { actorType: 'developer' })
      ],
      [
        edge('s1', 'supports', 'q1', 'L'),
        edge('s2', 'supports', 'q2', 'L'),
        edge('qu', 'qualifies', 'q3', 'L'),
        edge('co', 'contradicts', 'q4', 'L'),
        edge('c1', 'contains', 'i1', 'q1'),
        edge('c2', 'contains', 'i2', 'q2'),
        edge('c3', 'contains', 'i3', 'q3'),
        edge('y1', 'yields', 'i1', 'L'),
        edge('v1', 'interviewed', 'i1', 'a1'),
        edge('v2', 'interviewed', 'i2', 'a2'),
        edge('v2b', 'interviewed', 'i2', 'a3'),
        edge('v3', 'interviewed', 'i3', 'a3'),
        edge('sb', 'supports', 'q1', 'Lbare')
      ]
    )
    const v = voiceCounts(idx)
    expect(v.get('L' as NodeId)).toEqual({
      lessonId: 'L',
      supportingQuotes: ['q1', 'q2'],
      qualifyingQuotes: ['q3'],
      contradictingQuotes: ['q4'],
      interviews: ['i1', 'i2'],
      actors: ['a1', 'a2', 'a3'],
      actorTypes: ['developer', 'resident'],
      quoteCount: 2,
      interviewCount: 2,
      actorCount: 3,
      actorTypeCount: 2,
      singleVoice: false,
      unsupported: false
    })
    // A quote alone still leads to its interview.
    expect(v.get('Lbare' as NodeId)).toMatchObject({ interviews: ['i1'], singleVoice: true })
    const none = voiceCounts(buildGraphIndex([node('X', 'lesson')], [])).get('X' as NodeId)
    expect(none).toMatchObject({ quoteCount: 0, singleVoice: true, unsupported: true })
  })

  it('clusters split two cliques joined by one edge; centrality on an empty set', () => {
    const left = ['a', 'b', 'c', 'd']
    const right = ['w', 'x', 'y', 'z']
    const es: GraphEdge[] = []
    for (const grp of [left, right]) {
      for (let i = 0; i < grp.length; i++) {
        for (let j = i + 1; j < grp.length; j++) {
          es.push(edge(`${grp[i]}${grp[j]}`, 'related', grp[i] as string, grp[j] as string))
        }
      }
    }
    es.push(edge('dw', 'related', 'd', 'w'))
    const idx = buildGraphIndex(
      [...left, ...right, 'lonely'].map((id) => node(id, 'theme')),
      es
    )
    const c = clusters(idx, idx.nodes.keys(), idx.edges.keys())
    expect(c.size).toBe(9)
    expect(new Set(left.map((id) => c.get(id as NodeId))).size).toBe(1)
    expect(new Set(right.map((id) => c.get(id as NodeId))).size).toBe(1)
    expect(c.get('a' as NodeId)).toBe(0) // equal size: the cluster holding the smaller id first
    expect(c.get('w' as NodeId)).toBe(1)
    expect(c.get('lonely' as NodeId)).toBe(2)
    expect(centrality(idx, [], [], 'betweenness').size).toBe(0)
    const pair = centrality(idx, ['a' as NodeId, 'b' as NodeId], ['ab' as EdgeId], 'betweenness')
    expect([...pair.values()]).toEqual([0, 0])
    const deg = centrality(idx, idx.nodes.keys(), idx.edges.keys(), 'degree')
    expect(deg.get('d' as NodeId)).toBe(1) // 4 distinct neighbours
    expect(deg.get('a' as NodeId)).toBe(0.75)
    expect(deg.get('lonely' as NodeId)).toBe(0)
    const iso = centrality(idx, ['a' as NodeId, 'lonely' as NodeId], [], 'degree')
    expect([...iso.values()]).toEqual([0, 0])
    const btw = centrality(idx, idx.nodes.keys(), idx.edges.keys(), 'betweenness')
    expect(btw.get('d' as NodeId)).toBe(1)
    expect(btw.get('w' as NodeId)).toBe(1)
    expect(btw.get('a' as NodeId)).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/** Every simple path length from a to b, by brute force (small graphs only). */
function allSimplePathLengths(index: GraphIndex, from: NodeId, to: NodeId): number[] {
  const out: number[] = []
  const seen = new Set<NodeId>([from])
  const walk = (at: NodeId, len: number): void => {
    if (at === to) {
      out.push(len)
      return
    }
    for (const inc of index.incident.get(at) ?? []) {
      if (seen.has(inc.other)) continue
      seen.add(inc.other)
      walk(inc.other, len + 1)
      seen.delete(inc.other)
    }
  }
  walk(from, 0)
  return out.sort((a, b) => a - b)
}

const KINDS: EdgeKind[] = ['related', 'supports', 'in_tension_with', 'about']

const graphArb = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: n - 1 }),
        fc.constantFrom(...KINDS),
        fc.boolean()
      ),
      { maxLength: 12 }
    ),
    from: fc.integer({ min: 0, max: n - 1 }),
    to: fc.integer({ min: 0, max: n - 1 }),
    max: fc.integer({ min: 1, max: 6 })
  })
)

describe('shortestPaths properties', () => {
  it('every path is a valid simple walk; lengths are the k smallest, in order', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges: raw, from, to, max }) => {
        const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`, 'theme'))
        const es = raw
          .filter(([s, t]) => s !== t)
          .map(([s, t, kind, deleted], i) =>
            edge(`e${i}`, kind, `n${s}`, `n${t}`, deleted && i % 3 === 0 ? { deletedAt: T } : {})
          )
        const idx = buildGraphIndex(nodes, es)
        const a = `n${from}` as NodeId
        const b = `n${to}` as NodeId
        const paths = shortestPaths(idx, a, b, { max })
        for (const p of paths) {
          expectValidWalk(idx, p, a, b)
          p.steps.forEach((s) => {
            const e = idx.edges.get(s.edge) as GraphEdge
            const directed = e.kind !== 'related' && e.kind !== 'in_tension_with'
            expect(s.forward).toBe(!directed || e.source === s.from)
          })
        }
        const keys = paths.map((p) => p.edges.join())
        expect(new Set(keys).size).toBe(keys.length)
        const expected = allSimplePathLengths(idx, a, b)
          .filter((len) => len <= 8)
          .slice(0, max)
        expect(paths.map((p) => p.edges.length)).toEqual(expected)
        expect(shortestPaths(idx, a, b, { max })).toEqual(paths)
      }),
      { numRuns: 300 }
    )
  })
})
