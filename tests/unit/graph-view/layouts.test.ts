import { describe, expect, it } from 'vitest'
import { generateGraph } from '../../support/generate-graph'
import { refineSteps } from '../../../src-renderer/graph-view/layout-engine'
import {
  FCOSE_FULL_MAX_NODES,
  KIND_RINGS,
  LAYOUTS,
  LAYOUT_NAMES,
  type LayoutName
} from '../../../src-renderer/graph-view/layouts'
import {
  isAbortError,
  runLayout,
  type LayoutGraphInput,
  type LayoutPosition,
  type LayoutProgress
} from '../../../src-renderer/graph-view/run-layout'

/** A generated graph as layout input, plus one isolated node and one dangling edge. */
function graphOf(nodes: number, seed = 3): LayoutGraphInput {
  const g = generateGraph({ nodes, edgesPerNode: 2, seed })
  return {
    nodes: [
      ...g.nodes.map((n) => ({ id: n.id, kind: n.kind, x: n.position?.x, y: n.position?.y })),
      { id: 'lonely', kind: 'theme' }
    ],
    edges: [
      ...g.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
      { id: 'dangling', source: 'lonely', target: 'missing' }
    ]
  }
}

function expectFinite(graph: LayoutGraphInput, positions: Map<string, LayoutPosition>): void {
  expect(positions.size).toBe(graph.nodes.length)
  for (const n of graph.nodes) {
    const p = positions.get(n.id)
    expect(p, n.id).toBeDefined()
    expect(Number.isFinite(p?.x) && Number.isFinite(p?.y), `${n.id} at ${p?.x},${p?.y}`).toBe(true)
  }
}

/**
 * Small enough to stay cheap on a loaded machine (fCoSE at `proof` quality), big enough that every
 * node kind gets its own concentric ring (about 4 nodes of the rarest kinds).
 */
const small = graphOf(60)

describe('LAYOUTS', () => {
  it('names every layout, fcose first', () => {
    expect(Object.keys(LAYOUTS)).toEqual([...LAYOUT_NAMES])
    expect(LAYOUT_NAMES[0]).toBe('fcose')
  })

  it('animates only small graphs and switches fCoSE to draft + refinement when large', () => {
    const smallPlan = LAYOUTS.fcose.plan({ nodeCount: 100, edgeCount: 200 })
    const largePlan = LAYOUTS.fcose.plan({ nodeCount: 5000, edgeCount: 10_000 })
    expect(smallPlan.animate).toBe(true)
    expect(smallPlan.refine).toBeNull()
    expect(largePlan.animate).toBe(false)
    expect(largePlan.layout).toMatchObject({ name: 'fcose', quality: 'draft', animate: false })
    expect(largePlan.refine?.iterations).toBeGreaterThan(0)
    for (const name of LAYOUT_NAMES) {
      expect(LAYOUTS[name].plan({ nodeCount: 10, edgeCount: 0 }).layout).toMatchObject({
        animate: false,
        fit: false
      })
    }
  })
})

describe('runLayout (in-thread: no Worker in Node)', () => {
  it.each(LAYOUT_NAMES.map((name) => [name]))(
    '%s gives every node a finite position',
    async (name: LayoutName) => {
      const rootId = small.nodes[0]?.id
      const positions = await runLayout(name, small, rootId ? { rootId } : {})
      expectFinite(small, positions)
      // Not everything on one spot.
      const xs = new Set([...positions.values()].map((p) => Math.round(p.x)))
      expect(xs.size).toBeGreaterThan(5)
    }
  )

  it('copes with an empty graph and a single node', async () => {
    expect((await runLayout('fcose', { nodes: [], edges: [] })).size).toBe(0)
    for (const name of LAYOUT_NAMES) {
      const one = await runLayout(name, { nodes: [{ id: 'a', kind: 'actor' }], edges: [] })
      expectFinite({ nodes: [{ id: 'a', kind: 'actor' }], edges: [] }, one)
    }
  })

  it('breadthfirst puts the root alone on the top level, unreachable nodes below the tree', async () => {
    const root = small.nodes[5]?.id as string
    const positions = await runLayout('breadthfirst', small, { rootId: root })
    const rootY = positions.get(root)?.y as number
    for (const [id, p] of positions) if (id !== root) expect(p.y, id).toBeGreaterThan(rootY)
    // The isolated node cannot be reached from the root: it sits below every reachable node.
    const lonelyY = positions.get('lonely')?.y as number
    const neighbours = new Set(small.edges.filter((e) => e.source === root).map((e) => e.target))
    for (const id of neighbours) expect(lonelyY).toBeGreaterThan(positions.get(id)?.y as number)
  })

  it('breadthfirst without a (valid) root still lays out every node', async () => {
    expectFinite(small, await runLayout('breadthfirst', small, { rootId: 'no-such-node' }))
    expectFinite(small, await runLayout('breadthfirst', small))
  })

  it('concentric puts each kind on its own ring, themes inside and actors outside', async () => {
    const positions = await runLayout('concentric', small)
    const kindOf = new Map(small.nodes.map((n) => [n.id, n.kind]))
    const byKind = new Map<string, LayoutPosition[]>()
    for (const [id, p] of positions) {
      const kind = kindOf.get(id) as string
      byKind.set(kind, [...(byKind.get(kind) ?? []), p])
    }
    // The centre: the centroid of the biggest (evenly spaced) ring.
    const biggest = [...byKind.values()].sort((a, b) => b.length - a.length)[0] ?? []
    const cx = biggest.reduce((s, p) => s + p.x, 0) / biggest.length
    const cy = biggest.reduce((s, p) => s + p.y, 0) / biggest.length
    const radii: number[] = []
    for (const kind of KIND_RINGS) {
      const ring = byKind.get(kind)
      if (!ring) continue
      const r = ring.map((p) => Math.hypot(p.x - cx, p.y - cy))
      const min = Math.min(...r)
      const max = Math.max(...r)
      expect(max - min, `${kind} ring spread`).toBeLessThan(2)
      radii.push((min + max) / 2)
    }
    expect(radii.length).toBeGreaterThanOrEqual(5)
    for (let i = 1; i < radii.length; i++)
      expect(radii[i] as number).toBeGreaterThan(radii[i - 1] as number)
  })

  it('grid puts nodes on distinct cells', async () => {
    const positions = await runLayout('grid', small)
    const cells = new Set(
      [...positions.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`)
    )
    expect(cells.size).toBe(small.nodes.length)
  })

  it('fCoSE on a large graph (draft + refinement) spreads nodes without piling them up', async () => {
    // Just past the threshold: the smallest graph that takes the draft + refinement path.
    const large = graphOf(FCOSE_FULL_MAX_NODES, 5)
    expect(large.nodes.length).toBeGreaterThan(FCOSE_FULL_MAX_NODES)
    expect(
      LAYOUTS.fcose.plan({ nodeCount: large.nodes.length, edgeCount: 0 }).refine
    ).not.toBeNull()
    const phases: LayoutProgress['phase'][] = []
    const positions = await runLayout('fcose', large, { onProgress: (p) => phases.push(p.phase) })
    expectFinite(large, positions)
    expect(phases).toContain('refine')
    expect(phases.at(-1)).toBe('done')
    const fractions: number[] = []
    await runLayout('grid', small, { onProgress: (p) => fractions.push(p.fraction) })
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions)
    // Nodes closer than 15 px (their discs are 26–40 px) are rare.
    const pts = [...positions.values()]
    let crowded = 0
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i] as LayoutPosition
      for (let j = i + 1; j < pts.length; j++) {
        const b = pts[j] as LayoutPosition
        if (Math.abs(a.x - b.x) < 15 && Math.hypot(a.x - b.x, a.y - b.y) < 15) crowded++
      }
    }
    expect(crowded).toBeLessThan(pts.length * 0.02)
  })

  it('rejects with an AbortError when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const err = await runLayout('fcose', small, { signal: controller.signal }).catch((e) => e)
    expect(isAbortError(err)).toBe(true)
    expect(err).toMatchObject({ name: 'AbortError' })
  })

  it('rejects with an AbortError when cancelled while running', async () => {
    const controller = new AbortController()
    const progress: LayoutProgress[] = []
    // Any non-empty graph reports the layout phase before fCoSE runs; without the abort this one
    // would resolve, so the rejection shows the cancel took effect.
    const running = runLayout('fcose', small, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p)
        if (p.phase === 'layout') controller.abort()
      }
    })
    await expect(running).rejects.toMatchObject({ name: 'AbortError' })
    expect(progress.some((p) => p.phase === 'done')).toBe(false)
  })
})

describe('refineSteps', () => {
  it('separates coincident nodes and keeps connected ones near the ideal length', () => {
    const n = 50
    const pos = new Float64Array(2 * n) // all at the origin
    const radius = new Float64Array(n).fill(18)
    const edges = new Int32Array(2 * (n - 1))
    for (let i = 1; i < n; i++) {
      edges[2 * (i - 1)] = i - 1
      edges[2 * (i - 1) + 1] = i
    }
    for (const _ of refineSteps(pos, radius, edges, {
      iterations: 200,
      idealEdgeLength: 90,
      gravity: 2,
      padding: 12
    }));
    let minD = Infinity
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        minD = Math.min(
          minD,
          Math.hypot(
            (pos[2 * i] as number) - (pos[2 * j] as number),
            (pos[2 * i + 1] as number) - (pos[2 * j + 1] as number)
          )
        )
    expect(minD).toBeGreaterThan(36)
    expect([...pos].every(Number.isFinite)).toBe(true)
  })
})
