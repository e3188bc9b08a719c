import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BoxIndex,
  boxAt,
  freeSpotNear,
  overlaps,
  placeMany,
  type Box,
  type Extent
} from '../../../src-renderer/domain/queries/placement'
import { nodeExtent } from '../../../src-renderer/graph-view/node-boxes'

const coord = fc.integer({ min: -5000, max: 5000 })
const box: fc.Arbitrary<Box> = fc
  .record({ x: coord, y: coord, w: fc.integer({ min: 1, max: 400 }), h: fc.integer({ min: 1, max: 400 }) })
  .map(({ x, y, w, h }) => ({ x1: x, y1: y, x2: x + w, y2: y + h }))
const extent: fc.Arbitrary<Extent> = fc
  .record({
    l: fc.integer({ min: 1, max: 120 }),
    r: fc.integer({ min: 1, max: 120 }),
    t: fc.integer({ min: 1, max: 60 }),
    b: fc.integer({ min: 1, max: 90 })
  })
  .map(({ l, r, t, b }) => ({ x1: -l, y1: -t, x2: r, y2: b }))
const anchor = fc.record({ x: coord, y: coord })
const options = fc.record(
  {
    gap: fc.integer({ min: 0, max: 40 }),
    step: fc.integer({ min: 1, max: 80 }),
    maxRings: fc.integer({ min: 0, max: 80 })
  },
  { requiredKeys: [] }
)

describe('freeSpotNear', () => {
  it('never returns a spot whose box overlaps a given box', () => {
    fc.assert(
      fc.property(anchor, extent, fc.array(box, { maxLength: 60 }), options, (a, e, taken, o) => {
        const at = freeSpotNear(a, e, taken, o)
        const mine = boxAt(at, e)
        expect(taken.filter((b) => overlaps(mine, b))).toEqual([])
        expect(Number.isInteger(at.x) && Number.isInteger(at.y)).toBe(true)
      }),
      { numRuns: 400 }
    )
  })

  it('keeps the gap to every box', () => {
    fc.assert(
      fc.property(anchor, extent, fc.array(box, { maxLength: 30 }), fc.integer({ min: 0, max: 30 }), (a, e, taken, gap) => {
        const at = freeSpotNear(a, e, taken, { gap })
        const b = boxAt(at, e)
        const grown = { x1: b.x1 - gap, y1: b.y1 - gap, x2: b.x2 + gap, y2: b.y2 + gap }
        expect(taken.some((t) => overlaps(grown, t))).toBe(false)
      })
    )
  })

  it('returns the anchor when it is free, and a spot next to a crowded anchor', () => {
    const e: Extent = { x1: -20, y1: -20, x2: 20, y2: 20 }
    expect(freeSpotNear({ x: 10, y: 10 }, e, [])).toEqual({ x: 10, y: 10 })
    const other = boxAt({ x: 0, y: 0 }, e)
    const at = freeSpotNear({ x: 0, y: 0 }, e, [other], { gap: 10, step: 24 })
    expect(overlaps(boxAt(at, e), other)).toBe(false)
    // Next to it, not far away: within two node widths.
    expect(Math.hypot(at.x, at.y)).toBeLessThanOrEqual(80)
    // The first side tried is the right-hand one.
    expect(at.x).toBeGreaterThan(0)
  })

  it('finds a spot on a crowded map without searching forever', () => {
    const e: Extent = { x1: -20, y1: -20, x2: 20, y2: 40 }
    const taken: Box[] = []
    for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) taken.push(boxAt({ x: i * 50, y: j * 70 }, e))
    const index = new BoxIndex(taken)
    const at = freeSpotNear({ x: 2500, y: 3500 }, e, index)
    expect(taken.some((b) => overlaps(boxAt(at, e), b))).toBe(false)
  })
})

describe('placeMany', () => {
  it('places nodes that overlap neither each other nor the given boxes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ anchor, extent }), { maxLength: 25 }),
        fc.array(box, { maxLength: 30 }),
        options,
        (requests, taken, o) => {
          const spots = placeMany(requests, taken, o)
          const boxes = spots.map((p, i) => boxAt(p, requests[i]!.extent))
          for (let i = 0; i < boxes.length; i++) {
            expect(taken.some((t) => overlaps(boxes[i]!, t))).toBe(false)
            for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false)
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('puts several new nodes around one anchor, close to it', () => {
    const e = nodeExtent('quote', 'Een citaat')
    const anchorBox = boxAt({ x: 0, y: 0 }, nodeExtent('interview', 'Gesprek 1'))
    const spots = placeMany([0, 1, 2, 3].map(() => ({ anchor: { x: 0, y: 0 }, extent: e })), [anchorBox])
    for (const p of spots) expect(Math.hypot(p.x, p.y)).toBeLessThan(250)
  })

  it('keeps a laid-out position that is already free', () => {
    const e = nodeExtent('actor', 'A')
    expect(placeMany([{ anchor: { x: 500, y: 500 }, extent: e }], [boxAt({ x: 0, y: 0 }, e)])).toEqual([{ x: 500, y: 500 }])
  })
})

describe('nodeExtent', () => {
  it('is the shape, plus room below for a label of one or two lines', () => {
    const bare = nodeExtent('lesson')
    expect(bare).toEqual({ x1: -20, y1: -20, x2: 20, y2: 20 })
    const one = nodeExtent('lesson', 'Kort')
    const two = nodeExtent('lesson', 'Een veel langere titel die over twee regels loopt')
    expect(one.y2).toBeGreaterThan(bare.y2)
    expect(two.y2).toBeGreaterThan(one.y2)
    expect(two.x2 - two.x1).toBeGreaterThan(one.x2 - one.x1)
  })
})
