/**
 * What an export draws, read from the canvas: every visible node with its shape, size, colours,
 * border, markers and full label, every visible edge with its curve, line style and arrow head. Plain
 * data, so the SVG/PDF writer (export-svg.ts) is pure and testable without Cytoscape.
 *
 * Styles come from a headless copy of the visible elements under the light stylesheet, carrying only
 * the view's classes (hidden, faded, path, single voice, contested, centrality size, cluster): the
 * selection, hover and keyboard highlight are never baked into an export, and a dark UI still exports
 * for white paper. Positions and edge curves come from the live canvas (so a lens's temporary
 * positions are what is drawn).
 */
import cytoscape, { type Core, type EdgeSingular, type NodeSingular } from 'cytoscape'
import type { EdgeKind } from '../domain/edge-kinds'
import type { NodeKind } from '../domain/node-kinds'
import type { Point } from './export-shapes'
import { buildStylesheet } from './stylesheet'

/** The classes of a view that an export keeps; every other class (hover, dimmed, keyboard…) is dropped. */
export const EXPORT_CLASSES = ['faded', 'path', 'single-voice', 'contested', 'sized', 'clustered'] as const

/** Width at which export labels wrap, in font sizes. */
export const LABEL_WRAP_EMS = 13

export type DashStyle = 'solid' | 'dashed' | 'dotted' | 'double'

export interface SceneNode {
  id: string
  kind: NodeKind
  shape: string
  x: number
  y: number
  w: number
  h: number
  fill: string
  fillOpacity: number
  /** Element opacity (faded elements are nearly transparent). */
  opacity: number
  border: { width: number; color: string; style: DashStyle; opacity: number }
  /** A glow behind the node (experts disagree). */
  underlay: { color: string; opacity: number; padding: number } | null
  /** The full label (the display projection's name: presentation-safe where that is on). */
  label: string
  /** Whether the label is drawn (faded elements hide theirs). */
  labelShown: boolean
  font: { size: number; family: string; weight: string; color: string }
  /** Width at which the label wraps, in model units. */
  labelMaxWidth: number
  /** Top of the label below the node centre: half the height plus the margin. */
  labelOffset: number
  classes: string[]
  /** The colour of the lesson-map cluster the node belongs to, or null. */
  cluster: string | null
}

export interface SceneEdge {
  id: string
  kind: EdgeKind
  /** The end nodes' ids (an export that moves nodes moves their edges along). */
  source?: string
  target?: string
  /** Start, quadratic control points (Cytoscape's bezier), end (the arrow tip). */
  start: Point
  controls: Point[]
  end: Point
  color: string
  width: number
  line: 'solid' | 'dashed' | 'dotted'
  opacity: number
  arrow: { shape: string; color: string; scale: number }
  underlay: { color: string; opacity: number; padding: number } | null
  classes: string[]
}

export interface MapScene {
  nodes: SceneNode[]
  edges: SceneEdge[]
}

function num(v: unknown, fallback = 0): number {
  const n = typeof v === 'number' ? v : parseFloat(String(v))
  return Number.isFinite(n) ? n : fallback
}

/** Reads the visible map of a live canvas into a scene. */
export function readScene(cy: Core, options: { large?: boolean } = {}): MapScene {
  const live = cy.elements().not('.hidden')
  const keep = new Set<string>(EXPORT_CLASSES)
  const jsons = live.map((el) => {
    const j = el.json() as cytoscape.ElementDefinition & { classes?: string | string[] }
    const classes = el.classes().filter((c) => keep.has(c))
    return { group: j.group, data: j.data, position: j.position, classes, selected: false }
  })
  const copy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: jsons as cytoscape.ElementDefinition[],
    layout: { name: 'preset' },
    style: buildStylesheet({ large: options.large ?? false })
  })
  try {
    const nodes: SceneNode[] = []
    copy.nodes().forEach((n) => {
      if (n.style('display') === 'none' || n.style('visibility') === 'hidden') return
      nodes.push(sceneNode(n, cy.getElementById(n.id()).position()))
    })
    const edges: SceneEdge[] = []
    copy.edges().forEach((e) => {
      if (e.style('display') === 'none' || e.style('visibility') === 'hidden') return
      const geometry = edgeGeometry(cy.getElementById(e.id()) as EdgeSingular)
      if (geometry) edges.push({ ...sceneEdge(e), ...geometry })
    })
    return { nodes, edges }
  } finally {
    copy.destroy()
  }
}

function underlayOf(el: NodeSingular | EdgeSingular): SceneNode['underlay'] {
  const opacity = num(el.style('underlay-opacity'))
  if (opacity <= 0) return null
  return {
    color: String(el.style('underlay-color')),
    opacity,
    padding: num(el.style('underlay-padding'))
  }
}

function sceneNode(n: NodeSingular, p: Point): SceneNode {
  const h = n.height()
  const borderStyle = String(n.style('border-style'))
  return {
    id: n.id(),
    kind: n.data('kind') as NodeKind,
    shape: String(n.style('shape')),
    x: p.x,
    y: p.y,
    w: n.width(),
    h,
    fill: String(n.style('background-color')),
    fillOpacity: num(n.style('background-opacity'), 1),
    opacity: num(n.style('opacity'), 1),
    border: {
      width: num(n.style('border-width')),
      color: String(n.style('border-color')),
      style: (['dashed', 'dotted', 'double'].includes(borderStyle) ? borderStyle : 'solid') as DashStyle,
      opacity: num(n.style('border-opacity'), 1)
    },
    underlay: underlayOf(n),
    label: String(n.data('label') ?? ''),
    labelShown: num(n.style('text-opacity'), 1) > 0 && String(n.style('label')) !== '',
    font: {
      size: num(n.style('font-size'), 11),
      family: String(n.style('font-family')),
      weight: String(n.style('font-weight')),
      color: String(n.style('color'))
    },
    // About 24 characters a line, whatever the canvas wraps at (it may break by screen size).
    labelMaxWidth: Math.min(num(n.style('text-max-width'), 140), LABEL_WRAP_EMS * num(n.style('font-size'), 11)),
    labelOffset: h / 2 + num(n.style('text-margin-y')) + num(n.style('border-width')) / 2,
    classes: n.classes(),
    cluster: n.hasClass('clustered') && n.data('clusterColor') ? String(n.data('clusterColor')) : null
  }
}

function sceneEdge(e: EdgeSingular): Omit<SceneEdge, 'start' | 'controls' | 'end'> {
  const line = String(e.style('line-style'))
  return {
    id: e.id(),
    kind: e.data('kind') as EdgeKind,
    source: e.source().id(),
    target: e.target().id(),
    color: String(e.style('line-color')),
    width: num(e.style('width'), 1),
    line: line === 'dashed' || line === 'dotted' ? line : 'solid',
    opacity: num(e.style('opacity'), 1),
    arrow: {
      shape: String(e.style('target-arrow-shape')),
      color: String(e.style('target-arrow-color')),
      scale: num(e.style('arrow-scale'), 1)
    },
    underlay: underlayOf(e),
    classes: e.classes()
  }
}

/** The drawn curve of a live edge; straight between the node centres on a canvas without a renderer. */
function edgeGeometry(e: EdgeSingular): Pick<SceneEdge, 'start' | 'controls' | 'end'> | null {
  if (e.empty()) return null
  try {
    const start = e.sourceEndpoint()
    const end = e.targetEndpoint()
    if (!Number.isFinite(start.x) || !Number.isFinite(end.x)) throw new Error('no geometry')
    const controls = (e.controlPoints() as Point[] | undefined) ?? []
    return { start: { ...start }, controls: controls.map((c) => ({ ...c })), end: { ...end } }
  } catch {
    return { start: { ...e.source().position() }, controls: [], end: { ...e.target().position() } }
  }
}
