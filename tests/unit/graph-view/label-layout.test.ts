import { describe, expect, it } from 'vitest'
import {
  LABEL_LINE_CHARS,
  MIN_LABEL_ZOOM,
  labelPriority,
  labelScale,
  labelsToHide,
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

const box = (id: string, priority: number, x: number, y: number, w = 80, h = 14): LabelBox => ({
  id,
  priority,
  x1: x,
  y1: y,
  x2: x + w,
  y2: y + h
})

describe('labelsToHide', () => {
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
