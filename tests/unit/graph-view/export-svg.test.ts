import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import type { MapScene, SceneNode } from '../../../src-renderer/graph-view/export-scene'
import { arrowPath, nodeShapePath } from '../../../src-renderer/graph-view/export-shapes'
import { wrapText, writeSvg, type SnapshotFrame } from '../../../src-renderer/graph-view/export-svg'
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

  it('wraps between words and cuts only a word longer than a line', () => {
    expect(wrapText('amsterdamsstadmaken.nl – De basis', 100, 10, measure)).toEqual(['amsterdamsstadmaken.nl', '– De basis'])
    expect(wrapText('Quick wins (ondernemersvereniging/winkelstraatmanager)', 120, 10, measure)).toEqual([
      'Quick wins',
      '(ondernemersvereniging',
      '/winkelstraatmanager)'
    ])
  })
})
