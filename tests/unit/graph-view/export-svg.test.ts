import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import type { MapScene, SceneNode } from '../../../src-renderer/graph-view/export-scene'
import { arrowPath, nodeShapePath } from '../../../src-renderer/graph-view/export-shapes'
import { edgeMidpoint, spreadScene, wrapText, writeSvg, type SnapshotFrame } from '../../../src-renderer/graph-view/export-svg'
import { NODE_STYLES } from '../../../src-renderer/graph-view/stylesheet'

/** Roughly Helvetica: half an em per character. */
const measure = (text: string, size: number): number => text.length * size * 0.5

function node(id: string, kind: SceneNode['kind'], x: number, y: number, label: string): SceneNode {
  const s = NODE_STYLES[kind]
  return {
    id,
    kind,
    shape: s.shape,
    x,
    y,
    w: s.size,
    h: s.size,
    fill: s.color,
    fillOpacity: 1,
    opacity: 1,
    border: { width: 2, color: '#333333', style: 'solid', opacity: 1 },
    underlay: null,
    label,
    labelShown: true,
    font: { size: 11, family: 'sans-serif', weight: 'normal', color: '#1e1e1e' },
    labelMaxWidth: 143,
    labelOffset: s.size / 2 + 4,
    classes: [],
    cluster: null
  }
}

const scene: MapScene = {
  nodes: [
    node('a', 'actor', 0, 0, 'Gemeente Amsterdam'),
    node('l', 'lesson', 200, 0, 'Vroege investering in participatie verdient zich terug'),
    node('i', 'ingredient', 0, 200, 'Heldere rolbepaling'),
    node('q', 'quote', 200, 200, 'We hoorden maanden niets, dus dachten we dat alles al besloten was.'),
    node('t', 'theme', 400, 100, 'Omgevingsvisie Amsterdam 2050'),
    node('p', 'project', 400, 300, 'Werkplaats Buiksloterham')
  ],
  edges: [
    {
      id: 'e1',
      kind: 'yields',
      start: { x: 17, y: 0 },
      controls: [{ x: 100, y: -30 }],
      end: { x: 180, y: 0 },
      color: '#E15759',
      width: 1.5,
      line: 'dashed',
      opacity: 1,
      arrow: { shape: 'triangle', color: '#E15759', scale: 0.9 },
      underlay: null,
      classes: []
    }
  ]
}

const frame: SnapshotFrame = {
  title: 'Raadsinformatie: lessen & ingrediënten',
  date: '1 december 2026',
  legend: {
    nodes: [
      { kind: 'actor', label: 'Actoren' },
      { kind: 'lesson', label: 'Lessen' }
    ],
    edges: [
      { kind: 'yields', label: 'levert op' },
      { kind: 'contradicts', label: 'weerspreekt' }
    ]
  }
}

describe('export shapes', () => {
  it('draws round polygons with one arc per corner, like Cytoscape', () => {
    expect(nodeShapePath('round-diamond', 0, 0, 40, 40).match(/A/g)).toHaveLength(4)
    expect(nodeShapePath('round-hexagon', 0, 0, 40, 40).match(/A/g)).toHaveLength(6)
    expect(nodeShapePath('round-octagon', 0, 0, 40, 40).match(/A/g)).toHaveLength(8)
    expect(nodeShapePath('round-tag', 0, 0, 40, 40).match(/A/g)).toHaveLength(5)
    expect(nodeShapePath('diamond', 0, 0, 40, 40)).toBe('M0 20L20 0L0 -20L-20 0Z')
  })

  it('points an arrow head at its tip along the edge', () => {
    // Edge going right: the triangle's base lies left of the tip.
    const d = arrowPath('triangle', { x: 100, y: 0 }, { x: 1, y: 0 }, 20)
    const xs = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => Number(m[1]))
    expect(Math.max(...xs)).toBe(100)
    expect(Math.min(...xs)).toBeCloseTo(94, 5)
    expect(arrowPath('none', { x: 0, y: 0 }, { x: 1, y: 0 }, 20)).toBe('')
  })

  it('fills a diamond where Cytoscape does and leaves its corners empty (rendered)', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="#fff"/><path d="${nodeShapePath('round-diamond', 50, 50, 80, 80)}" fill="#000"/></svg>`
    const img = new Resvg(svg).render()
    const px = (x: number, y: number): number => img.pixels[(y * img.width + x) * 4]!
    expect(px(50, 50)).toBe(0)
    expect(px(15, 15)).toBe(255)
    expect(px(50, 14)).toBe(0)
  })
})

describe('writeSvg', () => {
  it('writes one shape per node, full wrapped labels and a legend of real shapes and arrows', () => {
    const svg = writeSvg(scene, frame, { kind: 'natural', background: 'white', fontFamily: 'sans-serif' }, { measure })
    const shapes = [...svg.matchAll(/class="node" data-id="(\w+)" data-kind="\w+" data-shape="([\w-]+)"/g)].map((m) => [m[1], m[2]])
    expect(shapes).toEqual(scene.nodes.map((n) => [n.id, n.shape]))
    for (const n of scene.nodes) {
      const text = new RegExp(`<text class="label" data-id="${n.id}"[^>]*>(.*?)</text>`).exec(svg)![1]!
      const lines = [...text.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((m) => m[1])
      expect(lines.join(' ')).toBe(n.label)
    }
    expect(svg).toContain('<title>Raadsinformatie: lessen &amp; ingrediënten</title>')
    expect([...svg.matchAll(/class="legend-node" data-kind="\w+" data-shape="([\w-]+)"/g)].map((m) => m[1])).toEqual(['ellipse', 'round-diamond'])
    expect([...svg.matchAll(/class="legend-arrow" data-arrow="(\w+)"/g)].map((m) => m[1])).toEqual(['triangle', 'tee'])
    expect(svg).toMatch(/class="edge"[^>]*stroke-dasharray/)
    // resvg reads it.
    expect(new Resvg(svg).render().width).toBeGreaterThan(400)
  })

  it('keeps page labels at or above the minimum size however large the map', () => {
    const wide: MapScene = { ...scene, nodes: scene.nodes.map((n, i) => ({ ...n, x: n.x * 20 + i, y: n.y * 20 })) }
    const svg = writeSvg(wide, frame, { kind: 'page', width: 841.89, height: 595.28, minFontPt: 7, fontFamily: 'Helvetica' }, { measure })
    const sizes = [...svg.matchAll(/<text class="label"[^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(sizes).toHaveLength(scene.nodes.length)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(7)
    expect(svg).toMatch(/<svg[^>]* width="841.89" height="595.28"/)
    // Every label lies on the page.
    for (const m of svg.matchAll(/<tspan x="([\d.-]+)" y="([\d.-]+)"/g)) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(0)
      expect(Number(m[1])).toBeLessThanOrEqual(841.89)
      expect(Number(m[2])).toBeLessThanOrEqual(595.28)
    }
  })

  it('draws each lesson-map cluster as a named region with a legend entry', () => {
    const clustered: MapScene = {
      ...scene,
      nodes: scene.nodes.map((n, i) => ({ ...n, cluster: i < 4 ? '#2F6DB5' : '#2E8B57', w: n.id === 'l' ? 60 : n.w }))
    }
    const withMarkers = { ...frame, legend: { ...frame.legend, markers: { cluster: 'Groep' } } }
    const svg = writeSvg(clustered, withMarkers, { kind: 'natural', background: 'white', fontFamily: 'sans-serif' }, { measure })
    expect(svg.match(/class="cluster"/g)).toHaveLength(2)
    expect(svg).toContain('Groep 1: Vroege investering in participatie verdient zich terug')
    expect(svg).toContain('Groep 2: ')
    expect(svg.match(/class="legend-cluster"/g)).toHaveLength(2)
  })

  it('draws the contested badge on a contested edge, halfway along it, and in the legend', () => {
    const e1 = scene.edges[0]!
    const contested: MapScene = { ...scene, edges: [{ ...e1, classes: ['contested'] }, { ...e1, id: 'e2', classes: [] }] }
    const withMarkers = { ...frame, legend: { ...frame.legend, markers: { contested: 'Betwist' } } }
    const svg = writeSvg(contested, withMarkers, { kind: 'natural', background: 'white', fontFamily: 'sans-serif' }, { measure })
    // One on the map (only the contested edge), one in the legend; a drawn bolt, no ⚡ character.
    expect(svg.match(/class="contested-badge"/g)).toHaveLength(2)
    expect(svg).not.toContain('⚡')
    expect(svg).toContain('Betwist')
    // Halfway along a one-control curve: t = 0.5 of the quadratic.
    expect(edgeMidpoint(e1.start, e1.controls, e1.end)).toEqual({ x: 99.25, y: -15 })
    expect(edgeMidpoint({ x: 0, y: 0 }, [], { x: 10, y: 4 })).toEqual({ x: 5, y: 2 })
    expect(new Resvg(svg).render().width).toBeGreaterThan(400)
  })

  it('moves a label out of a crowded spot, with a leader line to its node', () => {
    // A lesson ringed by eight quotes: every place beside it is taken by a node.
    const ring = [
      [0, 36], [0, -36], [40, 0], [-40, 0], [40, 36], [-40, 36], [40, -36], [-40, -36]
    ].map(([x, y], i) => node(`q${i}`, 'quote', x!, y!, `C${i}`))
    const crowd: MapScene = { nodes: [node('c', 'lesson', 0, 0, 'Les A'), ...ring], edges: [] }
    // As the canvas has it (no spreading): the label has to stand off.
    const svg = writeSvg(crowd, frame, { kind: 'natural', background: 'white', fontFamily: 'sans-serif' }, { measure, spread: false })
    const m = /<path class="leader" d="M([\d.-]+) ([\d.-]+)L([\d.-]+) ([\d.-]+)"[^>]*\/><text class="label" data-id="c" text-anchor="middle" font-size="([\d.]+)"[^>]*><tspan x="([\d.-]+)" y="([\d.-]+)">Les A<\/tspan>/.exec(svg)
    expect(m, 'the lesson label has a leader').not.toBeNull()
    const [x1, y1, x2, y2, size, tx, ty] = m!.slice(1).map(Number) as [number, number, number, number, number, number, number]
    // The leader runs straight from the node to the label, which stands clear of every other node.
    expect(x1).toBe(x2)
    expect(x1).toBeCloseTo(tx, 1)
    const label = { x1: tx - measure('Les A', size) / 2, x2: tx + measure('Les A', size) / 2, y1: ty - size * 0.9, y2: ty + size * 0.3 }
    expect(Math.abs(y2 - y1)).toBeGreaterThan(size)
    const nodes = [...svg.matchAll(/class="node" data-id="(q\d)"/g)].length
    expect(nodes).toBe(8)
    // Paper coordinates (the natural layout is at scale 1): the lesson's centre is 20 from the
    // leader's start, on the side away from the label.
    const cy = y1 - (ty > y1 ? 20 : -20)
    for (const q of ring) {
      const qx = x1 + q.x
      const qy = cy + q.y
      const clear = label.x2 <= qx - 13 || label.x1 >= qx + 13 || label.y2 <= qy - 13 || label.y1 >= qy + 13
      expect(clear, q.id).toBe(true)
    }
    // An uncrowded map needs none.
    expect(writeSvg(scene, frame, { kind: 'natural', background: 'white', fontFamily: 'sans-serif' }, { measure })).not.toContain('class="leader"')
  })

  it('spreads a crowded map until no node with its label covers another, inside the page when given', () => {
    const grid: MapScene = {
      nodes: Array.from({ length: 9 }, (_, i) =>
        node(`n${i}`, 'lesson', (i % 3) * 45, Math.floor(i / 3) * 45, `Les nummer ${i + 1} over samenwerking`)
      ),
      edges: [{ ...scene.edges[0]!, source: 'n0', target: 'n8', start: { x: 0, y: 20 }, controls: [{ x: 45, y: 45 }], end: { x: 90, y: 70 } }]
    }
    const labels = grid.nodes.map((n) => ({ node: n, lines: [n.label], size: 11, lineHeight: 13.2, width: measure(n.label, 11) }))
    const boxOf = (n: SceneNode): { x1: number; x2: number; y1: number; y2: number } => {
      const half = Math.max(n.w / 2, measure(n.label, 11) / 2)
      return { x1: n.x - half, x2: n.x + half, y1: n.y - n.h / 2, y2: n.y + n.labelOffset + 13.2 }
    }
    const overlaps = (sc: MapScene): number => {
      let count = 0
      sc.nodes.forEach((a, i) =>
        sc.nodes.slice(i + 1).forEach((b) => {
          const p = boxOf(a)
          const q = boxOf(b)
          if (Math.min(p.x2, q.x2) - Math.max(p.x1, q.x1) > 0.01 && Math.min(p.y2, q.y2) - Math.max(p.y1, q.y1) > 0.01) count++
        })
      )
      return count
    }
    expect(overlaps(grid)).toBeGreaterThan(0)
    const spread = spreadScene(grid, labels, 1)
    expect(overlaps(spread)).toBe(0)
    // The arrangement stays: the first column is still left of the last, the top row above the bottom.
    expect(spread.nodes[0]!.x).toBeLessThan(spread.nodes[2]!.x)
    expect(spread.nodes[0]!.y).toBeLessThan(spread.nodes[6]!.y)
    // The edge moved with its ends: start with n0, end with n8, its bend with both.
    const e = spread.edges[0]!
    const d0 = { x: spread.nodes[0]!.x - grid.nodes[0]!.x, y: spread.nodes[0]!.y - grid.nodes[0]!.y }
    const d8 = { x: spread.nodes[8]!.x - grid.nodes[8]!.x, y: spread.nodes[8]!.y - grid.nodes[8]!.y }
    expect(e.start).toEqual({ x: 0 + d0.x, y: 20 + d0.y })
    expect(e.end).toEqual({ x: 90 + d8.x, y: 70 + d8.y })
    expect(e.controls[0]!.x).toBeCloseTo(45 + (d0.x + d8.x) / 2)
    // Within bounds, every node and its label stay inside them.
    const room = { x1: -200, x2: 300, y1: -40, y2: 200 }
    for (const n of spreadScene(grid, labels, 1, room).nodes) {
      const b = boxOf(n)
      expect(b.x1).toBeGreaterThanOrEqual(room.x1 - 3)
      expect(b.x2).toBeLessThanOrEqual(room.x2 + 3)
      expect(b.y1).toBeGreaterThanOrEqual(room.y1 - 3)
      expect(b.y2).toBeLessThanOrEqual(room.y2 + 3)
    }
  })

  it('wraps between words and cuts only a word longer than a line', () => {
    expect(wrapText('amsterdamsstadmaken.nl – De basis', 100, 10, measure)).toEqual(['amsterdamsstadmaken.nl', '– De basis'])
    expect(wrapText('Quick wins (ondernemersvereniging/winkelstraatmanager)', 120, 10, measure)).toEqual([
      'Quick wins',
      '(ondernemersvereniging',
      '/winkelstraatmanager)'
    ])
  })
})
