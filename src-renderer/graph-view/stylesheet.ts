import type { StylesheetJson } from 'cytoscape'
import type { EdgeKind } from '../domain/edge-kinds'
import type { Status } from '../domain/facets'
import type { NodeKind } from '../domain/node-kinds'
import { LABEL_SCREEN_PX, MIN_LABEL_PX } from './label-layout'

/** Colour and shape of each node kind: the canvas and the legend both read this table. */
export const NODE_STYLES: Record<NodeKind, { color: string; shape: string; size: number }> = {
  actor: { color: '#4E79A7', shape: 'ellipse', size: 34 },
  interview: { color: '#F28E2B', shape: 'round-rectangle', size: 32 },
  quote: { color: '#B07AA1', shape: 'round-tag', size: 26 },
  lesson: { color: '#E15759', shape: 'round-diamond', size: 40 },
  ingredient: { color: '#59A14F', shape: 'round-hexagon', size: 38 },
  project: { color: '#D4A017', shape: 'round-rectangle', size: 40 },
  theme: { color: '#5B9A96', shape: 'round-octagon', size: 36 }
}

/** Highlight of a path found by "How does A lead to B?". */
export const PATH_COLOR = '#EC0000'
/** Marker of edges and nodes where experts' annotations disagree. */
export const CONTESTED_COLOR = '#9B30FF'
/** Marker of lessons that rest on one voice. */
export const SINGLE_VOICE_COLOR = '#E67E00'
/** Colours of clusters on the lesson map (repeats after eight). */
/**
 * Colours of cluster regions on the lesson map (repeats after eight). Drawn as light fills with a
 * thin edge behind the nodes; none is orange (single voice), purple (experts disagree) or red
 * (selection, path).
 */
export const CLUSTER_COLORS = ['#2F6DB5', '#2E8B57', '#0E8C8C', '#5B6B7F', '#7A8A1E', '#B5527A', '#7A5C3E', '#4A5FC1']
/** Outline of the selected node: drawn outside every other border, so it always wins. */
export const SELECTION_COLOR = '#EC0000'

export type LineStyle = 'solid' | 'dashed' | 'dotted'
export type ArrowShape = 'triangle' | 'tee' | 'vee' | 'circle' | 'none' | 'diamond' | 'square'

/** Colour, line and arrow of each edge kind. Contradicts and qualifies are meant to stand out. */
export const EDGE_STYLES: Record<EdgeKind, { color: string; line: LineStyle; arrow: ArrowShape; width: number }> = {
  interviewed: { color: '#F28E2B', line: 'solid', arrow: 'triangle', width: 1.5 },
  contains: { color: '#B07AA1', line: 'solid', arrow: 'circle', width: 1.5 },
  yields: { color: '#E15759', line: 'solid', arrow: 'triangle', width: 1.5 },
  supports: { color: '#2E8B57', line: 'solid', arrow: 'triangle', width: 2.5 },
  contradicts: { color: '#D62728', line: 'solid', arrow: 'tee', width: 4 },
  qualifies: { color: '#E67E00', line: 'dashed', arrow: 'diamond', width: 3 },
  reinforces: { color: '#1B7F3B', line: 'solid', arrow: 'vee', width: 3 },
  informs: { color: '#59A14F', line: 'dashed', arrow: 'triangle', width: 2 },
  part_of: { color: '#7F7F7F', line: 'solid', arrow: 'diamond', width: 1.5 },
  applied_in: { color: '#D4A017', line: 'solid', arrow: 'triangle', width: 2 },
  learned_in: { color: '#C08A00', line: 'dashed', arrow: 'triangle', width: 1.5 },
  participates_in: { color: '#4E79A7', line: 'solid', arrow: 'triangle', width: 1.5 },
  commissions: { color: '#1F4E79', line: 'solid', arrow: 'square', width: 2 },
  member_of: { color: '#6B8FB8', line: 'dotted', arrow: 'triangle', width: 1.5 },
  represents: { color: '#6B8FB8', line: 'dashed', arrow: 'vee', width: 1.5 },
  has_stake_in: { color: '#9C755F', line: 'dashed', arrow: 'triangle', width: 1.5 },
  in_tension_with: { color: '#D62728', line: 'dotted', arrow: 'none', width: 3 },
  passes_on_to: { color: '#D4A017', line: 'dashed', arrow: 'vee', width: 2.5 },
  about: { color: '#A0A0A0', line: 'dotted', arrow: 'triangle', width: 1 },
  conducted_by: { color: '#BAB0AC', line: 'dotted', arrow: 'triangle', width: 1 },
  frames: { color: '#5B9A96', line: 'solid', arrow: 'triangle', width: 2 },
  located_in: { color: '#8CB8B4', line: 'dotted', arrow: 'triangle', width: 1.5 },
  sourced_from: { color: '#BAB0AC', line: 'dashed', arrow: 'circle', width: 1 },
  related: { color: '#A0A0A0', line: 'solid', arrow: 'none', width: 1 }
}

/** How provenance shows on a node: confirmed solid, reported and inferred dotted/dashed, illustrative faded and dashed. */
export const STATUS_STYLES: Record<Status, { borderStyle: LineStyle; borderWidth: number; opacity: number }> = {
  confirmed: { borderStyle: 'solid', borderWidth: 2, opacity: 1 },
  reported: { borderStyle: 'solid', borderWidth: 1, opacity: 1 },
  inferred: { borderStyle: 'dotted', borderWidth: 2, opacity: 1 },
  illustrative: { borderStyle: 'dashed', borderWidth: 2, opacity: 0.75 }
}

export interface StylesheetOptions {
  dark?: boolean
  /** Large graphs hide labels sooner when zoomed out. */
  large?: boolean
  /**
   * The factor label sizes are multiplied by (see label-layout labelScale): read each time the
   * style is updated, so labels keep their size on screen as the view zooms. Default 1.
   */
  labelScale?: () => number
}

/** The Cytoscape stylesheet, built from the tables above. Pure data. */
export function buildStylesheet(options: StylesheetOptions = {}): StylesheetJson {
  const text = options.dark ? '#E8E8E8' : '#1E1E1E'
  const outline = options.dark ? '#1E1E1E' : '#FFFFFF'
  const k = options.labelScale ?? ((): number => 1)
  const sheet: StylesheetJson = [
    {
      selector: 'node',
      style: {
        // Titles come broken into at most two lines (label-layout wrapLabel); large graphs use the
        // short single-line label.
        label: options.large ? 'data(label)' : 'data(wrapped)',
        'font-size': (() => LABEL_SCREEN_PX * k()) as never,
        'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
        color: text,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': (() => 3 * k()) as never,
        'text-wrap': 'wrap',
        'text-max-width': '2000px',
        'line-height': 1.15,
        'text-outline-color': outline,
        'text-outline-width': (() => 2 * k()) as never,
        'min-zoomed-font-size': MIN_LABEL_PX,
        'border-color': '#333333'
      }
    },
    {
      selector: 'edge',
      style: {
        'curve-style': 'bezier',
        'target-arrow-fill': 'filled',
        'arrow-scale': 0.9,
        opacity: 0.85
      }
    }
  ]
  for (const [kind, s] of Object.entries(NODE_STYLES)) {
    sheet.push({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': s.color, shape: s.shape as never, width: s.size, height: s.size }
    })
  }
  for (const [status, s] of Object.entries(STATUS_STYLES)) {
    sheet.push({
      selector: `node[status = "${status}"]`,
      style: { 'border-style': s.borderStyle, 'border-width': s.borderWidth, 'background-opacity': s.opacity }
    })
  }
  for (const [kind, s] of Object.entries(EDGE_STYLES)) {
    sheet.push({
      selector: `edge[kind = "${kind}"]`,
      style: {
        'line-color': s.color,
        'target-arrow-color': s.color,
        'target-arrow-shape': s.arrow,
        'line-style': s.line,
        width: s.width
      }
    })
  }
  sheet.push(
    { selector: 'edge[status = "illustrative"]', style: { opacity: 0.6 } },
    { selector: 'edge:selected', style: { 'line-color': '#EC0000', 'target-arrow-color': '#EC0000', width: 4 } },
    { selector: '.hidden', style: { display: 'none' } },
    ...(options.large
      ? ([
          { selector: 'node', style: { 'text-wrap': 'none' } },
          { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } },
          // Haystack cannot draw a loop (a `related` edge from a node to itself): those stay bezier.
          { selector: 'edge:loop', style: { 'curve-style': 'bezier' } }
        ] as StylesheetJson)
      : []),
    { selector: 'node.single-voice', style: { 'border-color': SINGLE_VOICE_COLOR, 'border-width': 4, 'border-style': 'double' } },
    {
      selector: 'edge.contested',
      style: {
        'underlay-color': CONTESTED_COLOR,
        'underlay-opacity': 0.45,
        'underlay-padding': 5,
        label: '⚡',
        'font-size': 14,
        'text-background-color': '#FFFFFF',
        'text-background-opacity': 1,
        'text-background-shape': 'roundrectangle'
      }
    },
    { selector: 'node.contested', style: { 'underlay-color': CONTESTED_COLOR, 'underlay-opacity': 0.45, 'underlay-padding': 8 } },
    { selector: 'node.sized', style: { width: 'data(size)', height: 'data(size)' } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
    { selector: '.dimmed', style: { opacity: 0.2 } },
    { selector: 'node.hover', style: { 'border-width': 3, 'border-color': '#EC0000', 'z-index': 10 } },
    { selector: 'edge.hover', style: { opacity: 1, width: 3, 'z-index': 10 } },
    {
      selector: 'node.path',
      style: { 'border-width': 5, 'border-color': PATH_COLOR, 'border-style': 'solid', opacity: 1, 'z-index': 20 }
    },
    {
      selector: 'edge.path',
      style: { 'line-color': PATH_COLOR, 'target-arrow-color': PATH_COLOR, width: 6, opacity: 1, 'z-index': 20 }
    },
    { selector: 'node.keyboard', style: { 'overlay-color': '#EC0000', 'overlay-opacity': 0.15, 'overlay-padding': 8 } },
    // Where the label pass found room for a label when below its node there was none.
    { selector: 'node.label-above', style: { 'text-valign': 'top', 'text-margin-y': (() => -3 * k()) as never } },
    {
      selector: 'node.label-right',
      style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': (() => 4 * k()) as never }
    },
    {
      selector: 'node.label-left',
      style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': (() => -4 * k()) as never }
    },
    // Labels that give way to a label of higher priority (CyController's collision pass).
    { selector: 'node.label-hidden', style: { 'text-opacity': 0 } },
    { selector: 'node.hover, node.path', style: { 'text-opacity': 1 } },
    // Last, so the selection wins over the single-voice border, the contested glow, hover and path:
    // a solid ring outside the node's own border (which keeps showing its marker).
    {
      selector: 'node:selected',
      style: {
        'outline-width': 4,
        'outline-color': SELECTION_COLOR,
        'outline-offset': 3,
        'outline-opacity': 1,
        'text-opacity': 1,
        'font-weight': 'bold',
        'z-index': 30
      }
    }
  )
  return sheet
}
