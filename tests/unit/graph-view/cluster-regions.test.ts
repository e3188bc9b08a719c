import { describe, expect, it } from 'vitest'
import {
  clusterLegend,
  convexHull,
  hullAround
} from '../../../src-renderer/graph-view/cluster-regions'
import {
  CLUSTER_COLORS,
  CONTESTED_COLOR,
  PATH_COLOR,
  SINGLE_VOICE_COLOR
} from '../../../src-renderer/graph-view/stylesheet'
import type { NodeKind } from '../../../src-renderer/domain/node-kinds'

describe('clusterLegend', () => {
  const kinds: Record<string, NodeKind> = { a: 'lesson', b: 'quote', c: 'theme', d: 'lesson', e: 'actor' }
  it('one entry per cluster, largest first, named by its most central member', () => {
    const clusterOf = new Map([
      ['a', 0],
      ['b', 0],
      ['c', 1],
      ['d', 1],
      ['e', 1]
    ])
    const sizes = new Map([
      ['a', 30],
      ['b', 50],
      ['c', 40],
      ['d', 40],
      ['e', 24]
    ])
    const out = clusterLegend(clusterOf, sizes, (id) => kinds[id])
    expect(out.map((e) => [e.ordinal, e.cluster, e.size, e.leadId])).toEqual([
      [1, 1, 3, 'd'],
      [2, 0, 2, 'b']
    ])
    expect(out[0]!.color).toBe(CLUSTER_COLORS[1])
  })

  it('is empty without clusters', () => {
    expect(clusterLegend(null, null, () => undefined)).toEqual([])
  })
})

describe('cluster colours', () => {
  it('none can be taken for the single-voice, contested or path marker', () => {
    const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    const dist = (a: string, b: string): number => {
      const [x, y] = [rgb(a), rgb(b)]
      return Math.hypot(x[0]! - y[0]!, x[1]! - y[1]!, x[2]! - y[2]!)
    }
    for (const c of CLUSTER_COLORS)
      for (const marker of [SINGLE_VOICE_COLOR, CONTESTED_COLOR, PATH_COLOR])
        expect(dist(c, marker), `${c} vs ${marker}`).toBeGreaterThan(110)
  })
})

describe('hulls', () => {
  it('convexHull drops inner points', () => {
    const hull = convexHull([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
      { x: 5, y: 5 }
    ])
    expect(hull).toHaveLength(4)
    expect(hull).not.toContainEqual({ x: 5, y: 5 })
  })

  it('hullAround encloses every circle', () => {
    const circles = [
      { x: 0, y: 0, r: 10 },
      { x: 100, y: 20, r: 15 },
      { x: 40, y: 90, r: 12 }
    ]
    const hull = hullAround(circles)
    const xs = hull.map((p) => p.x)
    const ys = hull.map((p) => p.y)
    expect(Math.min(...xs)).toBeLessThanOrEqual(-9.9)
    expect(Math.max(...xs)).toBeGreaterThanOrEqual(114.9)
    expect(Math.max(...ys)).toBeGreaterThanOrEqual(101.9)
  })
})
