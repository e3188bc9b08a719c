import { describe, expect, it } from 'vitest'
import {
  LABEL_LINE_CHARS,
  MIN_LABEL_ZOOM,
  labelPriority,
  labelScale,
  LABEL_PLACES,
  placeBoxes,
  placeLabels,
  type PlaceableLabel,
  overlaps,
  wrapLabel,
  type LabelBox
} from '../../../src-renderer/graph-view/label-layout'

describe('wrapLabel', () => {
  it('keeps a short title on one line', () => {
    expect(wrapLabel('Buurtwerkplaats')).toBe('Buurtwerkplaats')
  })

  it('wraps a long title to two lines at a space instead of cutting it at 20 characters', () => {
    const out = wrapLabel('Betrek bewoners voordat de plannen af zijn')
    expect(out.split('\n')).toEqual(['Betrek bewoners voordat', 'de plannen af zijn'])
  })

  it('ends the second line in an ellipsis only when the title needs a third', () => {
    const out = wrapLabel('Een heel lange titel die echt niet op twee regels van vierentwintig tekens past')
    const lines = out.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]!.endsWith('…')).toBe(true)
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(LABEL_LINE_CHARS)
  })

  it('cuts a word longer than a line', () => {
    const out = wrapLabel('Participatieverordeningsevaluatiecommissie')
    const lines = out.split('\n')
    expect(lines[0]).toHaveLength(LABEL_LINE_CHARS)
    expect(lines.join('').replace('…', '')).toBe('Participatieverordeningsevaluatiecommissie')
  })

  it('never returns more than two lines, each within the width', () => {
    for (const title of ['a '.repeat(60), 'x'.repeat(100), 'kort', '  spaties   rond  ', '']) {
      const lines = wrapLabel(title).split('\n')
      expect(lines.length).toBeLessThanOrEqual(2)
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(LABEL_LINE_CHARS)
    }
  })
})

describe('labelScale', () => {
  it('keeps labels their size on screen from MIN_LABEL_ZOOM up to 1, and lets them grow slower than the map above', () => {
    expect(labelScale(0.5)).toBeCloseTo(2)
    expect(labelScale(1)).toBe(1)
    // At zoom 4 a label is 2× its size on screen while the map is 4×.
    expect(labelScale(4) * 4).toBeCloseTo(2)
    expect(labelScale(0.05)).toBeCloseTo(1 / MIN_LABEL_ZOOM)
  })
})

/** The labels that give way when each has one place (where it is). */
function labelsToHide(
  boxes: readonly LabelBox[],
  tolerance = 1,
  cell = 64,
  obstacles: readonly Omit<LabelBox, 'priority'>[] = []
): Set<string> {
  const labels = boxes.map((b) => ({ id: b.id, priority: b.priority, places: [{ ...b, place: 'below' as const }] }))
  return placeLabels(labels, tolerance, cell, obstacles).hidden
}

const box = (id: string, priority: number, x: number, y: number, w = 80, h = 14): LabelBox => ({
  id,
  priority,
  x1: x,
  y1: y,
  x2: x + w,
  y2: y + h
})

describe('placeLabels with one place per label', () => {
  it('hides the lower-priority label of two that overlap, and none that stand apart', () => {
    const hidden = labelsToHide([
      box('quote', labelPriority('quote', 1, false), 0, 0),
      box('lesson', labelPriority('lesson', 1, false), 20, 5),
      box('far', labelPriority('quote', 0, false), 400, 400)
    ])
    expect([...hidden]).toEqual(['quote'])
  })

  it('a pinned label (selected, hovered, on a path) is always drawn', () => {
    const hidden = labelsToHide([
      box('lesson', labelPriority('lesson', 9, false), 0, 0),
      box('selected', labelPriority('quote', 0, true), 10, 2)
    ])
    expect([...hidden]).toEqual(['lesson'])
  })

  it('breaks ties by id, so the result does not depend on the input order', () => {
    const a = [box('b', 5, 0, 0), box('a', 5, 10, 0)]
    expect([...labelsToHide(a)]).toEqual(['b'])
    expect([...labelsToHide([...a].reverse())]).toEqual(['b'])
  })

  it('leaves no two shown labels overlapping, across a crowded field', () => {
    const boxes: LabelBox[] = []
    for (let i = 0; i < 300; i++)
      boxes.push(box(`n${i}`, (i * 7919) % 97, (i * 37) % 600, (i * 53) % 400, 60 + (i % 5) * 10))
    const hidden = labelsToHide(boxes)
    const shown = boxes.filter((b) => !hidden.has(b.id))
    expect(shown.length).toBeGreaterThan(10)
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) expect(overlaps(shown[i]!, shown[j]!, 1)).toBe(false)
  })

  it('a label gives way rather than cover another node, never for its own node', () => {
    const labels = [box('a', 5, 0, 20), box('b', 5, 300, 20)]
    const bodies = [
      { id: 'a', x1: 30, y1: 0, x2: 50, y2: 20 + 5 },
      { id: 'c', x1: 310, y1: 25, x2: 330, y2: 45 }
    ]
    expect([...labelsToHide(labels, 1, 64, bodies)]).toEqual(['b'])
  })

  it('ranks lessons above quotes and, within a kind, the better connected first', () => {
    expect(labelPriority('lesson', 0, false)).toBeGreaterThan(labelPriority('quote', 50, false))
    expect(labelPriority('actor', 5, false)).toBeGreaterThan(labelPriority('actor', 2, false))
  })
})

describe('placeLabels', () => {
  const node = { x1: 0, y1: 0, x2: 20, y2: 20 }
  const at = (id: string, priority: number, n = node): PlaceableLabel => {
    const boxes = placeBoxes(n, 40, 10, 2)
    return { id, priority, places: LABEL_PLACES.map((place) => ({ ...boxes[place], place })) }
  }

  it('puts the boxes below, above, right and left of the node, the gap away', () => {
    const b = placeBoxes(node, 40, 10, 2)
    expect(b.below).toEqual({ x1: -10, y1: 22, x2: 30, y2: 32 })
    expect(b.above).toEqual({ x1: -10, y1: -12, x2: 30, y2: -2 })
    expect(b.right).toEqual({ x1: 22, y1: 5, x2: 62, y2: 15 })
    expect(b.left).toEqual({ x1: -42, y1: 5, x2: -2, y2: 15 })
  })

  it('a label that has no room below takes the next free place; with none free it gives way', () => {
    // A more important label sits right under the node: the other goes above.
    const under = { id: 'u', priority: 10, places: [{ x1: -10, y1: 22, x2: 30, y2: 32, place: 'below' as const }] }
    const r = placeLabels([under, at('a', 1)])
    expect(r.placed.get('a')).toBe('above')
    expect(r.hidden.size).toBe(0)
    // Node bodies on every side: nowhere to go, so it gives way; its own body never counts.
    const bodies = [
      { id: 'n', ...node },
      { id: 'b1', x1: -10, y1: 22, x2: 30, y2: 40 },
      { id: 'b2', x1: -10, y1: -20, x2: 30, y2: -2 },
      { id: 'b3', x1: 22, y1: 0, x2: 70, y2: 20 },
      { id: 'b4', x1: -50, y1: 0, x2: -2, y2: 20 }
    ]
    const boxed = placeLabels([{ ...at('a', 1), id: 'n' }], 1, 64, bodies)
    expect([...boxed.hidden]).toEqual(['n'])
    // Pinned (selected, hovered, on a path): it stands anyway, in its first place.
    const pinned = placeLabels([{ ...at('n', 1e6 + 1) }], 1, 64, bodies)
    expect(pinned.hidden.size).toBe(0)
    expect(pinned.placed.get('n')).toBe('below')
  })
})
