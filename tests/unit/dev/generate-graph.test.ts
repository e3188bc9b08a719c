import { afterEach, describe, expect, it, vi } from 'vitest'
import { GENERATED_KIND_MIX, generateGraph } from '../../support/generate-graph'
import { EDGE_KINDS, isEdgeAllowed } from '../../../src-renderer/domain/edge-kinds'
import { NODE_KINDS, type NodeKind } from '../../../src-renderer/domain/node-kinds'
import { validateGraph } from '../../../src-renderer/domain/validate'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(() => {
  vi.restoreAllMocks()
})

describe('generateGraph', () => {
  it('is deterministic: the same seed gives an identical graph', () => {
    const a = generateGraph({ nodes: 300, seed: 42 })
    const b = generateGraph({ nodes: 300, seed: 42 })
    expect(a).toEqual(b)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  it('gives a different graph for a different seed', () => {
    const a = generateGraph({ nodes: 300, seed: 1 })
    const b = generateGraph({ nodes: 300, seed: 2 })
    expect(a.nodes.map((n) => n.id)).not.toEqual(b.nodes.map((n) => n.id))
    expect(a.nodes.map((n) => n.title)).not.toEqual(b.nodes.map((n) => n.title))
  })

  it('never reads the clock or Math.random', () => {
    const random = vi.spyOn(Math, 'random')
    const now = vi.spyOn(Date, 'now')
    generateGraph({ nodes: 200, seed: 9 })
    expect(random).not.toHaveBeenCalled()
    expect(now).not.toHaveBeenCalled()
  })

  it('produces a valid graph at 1k nodes, already in validated form', () => {
    const graph = generateGraph({ nodes: 1000, seed: 7 })
    const result = validateGraph(graph)
    if (!result.ok)
      throw new Error(
        result.issues
          .slice(0, 5)
          .map((i) => i.message)
          .join('\n')
      )
    expect(result.value).toEqual(graph)
  })

  it('honours the node count exactly, for any size', () => {
    for (const nodes of [0, 1, 2, 7, 100, 1234]) {
      const graph = generateGraph({ nodes, seed: nodes })
      expect(graph.nodes).toHaveLength(nodes)
      expect(validateGraph(graph).ok).toBe(true)
    }
  })

  it('gets close to nodes × edgesPerNode edges', () => {
    for (const [nodes, edgesPerNode] of [
      [1000, 3],
      [1000, 1],
      [2000, 5],
      [500, 0.5]
    ] as const) {
      const graph = generateGraph({ nodes, edgesPerNode, seed: 3 })
      const wanted = nodes * edgesPerNode
      expect(Math.abs(graph.edges.length - wanted)).toBeLessThanOrEqual(wanted * 0.02)
    }
    expect(generateGraph({ nodes: 1000, seed: 3 }).edges).toHaveLength(3000)
    expect(generateGraph({ nodes: 100, edgesPerNode: 0 }).edges).toHaveLength(0)
  })

  it('uses a realistic kind mix', () => {
    const graph = generateGraph({ nodes: 10_000, seed: 5 })
    const counts = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>
    for (const n of graph.nodes) counts[n.kind] += 1
    for (const kind of NODE_KINDS) {
      expect(counts[kind]).toBe(Math.round(10_000 * GENERATED_KIND_MIX[kind]))
    }
  })

  it('draws every edge kind, each allowed by EDGE_RULES, with meaningful kinds most common', () => {
    const graph = generateGraph({ nodes: 5000, seed: 8 })
    const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]))
    const perKind = new Map<string, number>()
    for (const e of graph.edges) {
      const from = kindOf.get(e.source)
      const to = kindOf.get(e.target)
      expect(from && to && isEdgeAllowed(e.kind, from, to)).toBe(true)
      expect(e.source).not.toBe(e.target)
      perKind.set(e.kind, (perKind.get(e.kind) ?? 0) + 1)
    }
    for (const kind of EDGE_KINDS) expect(perKind.get(kind) ?? 0).toBeGreaterThan(0)
    expect(perKind.get('supports') ?? 0).toBeGreaterThan(perKind.get('related') ?? 0)
    const keys = graph.edges.map((e) => `${e.source}|${e.kind}|${e.target}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('gives every quote one interview and participates_in edges a role and level', () => {
    const graph = generateGraph({ nodes: 2000, seed: 4 })
    const quotes = graph.nodes.filter((n) => n.kind === 'quote')
    const contains = graph.edges.filter((e) => e.kind === 'contains')
    expect(contains).toHaveLength(quotes.length)
    expect(new Set(contains.map((e) => e.target)).size).toBe(quotes.length)
    const participation = graph.edges.filter((e) => e.kind === 'participates_in')
    expect(participation.length).toBeGreaterThan(0)
    for (const e of participation) {
      expect(e.role).toBeTruthy()
      expect(e.participationLevel).toBeTruthy()
    }
  })

  it('writes Dutch text, with diacritics, ~60-word descriptions and uuid-shaped ids', () => {
    const graph = generateGraph({ nodes: 1000, seed: 6 })
    const text = graph.nodes.map((n) => `${n.title} ${n.description}`).join(' ')
    expect(text).toMatch(/één|ideeën|ingrediënt|vóór|creëren/)
    expect(text).toMatch(/Hamerkwartier/)
    for (const n of graph.nodes) {
      const words = n.description.split(/\s+/).length
      expect(words).toBeGreaterThanOrEqual(55)
      expect(words).toBeLessThan(90)
      expect(n.id).toMatch(UUID_V7)
      expect(n.position).toBeTruthy()
    }
    const ids = [...graph.nodes, ...graph.edges].map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(graph.nodes.some((n) => n.sources.length > 0)).toBe(true)
    expect(new Set(graph.nodes.map((n) => n.status)).size).toBe(4)
  })

  it('scales linearly: 100k nodes and 300k edges in seconds', () => {
    const started = performance.now()
    const graph = generateGraph({ nodes: 100_000, seed: 1 })
    const elapsed = performance.now() - started
    expect(graph.nodes).toHaveLength(100_000)
    expect(graph.edges).toHaveLength(300_000)
    // ~2 s on a laptop; the bound only catches accidental O(n²) work, not slow CI machines.
    expect(elapsed).toBeLessThan(20_000)
  }, 60_000)
})
