/**
 * Which node labels the canvas draws, and how a long title is broken. Pure functions: the controller
 * measures the label boxes on screen and applies the result (see CyController.labelMetrics).
 *
 * The rule: every label is drawn at LABEL_SCREEN_PX on screen (the font grows in model units as the
 * view zooms out, down to MIN_LABEL_ZOOM; further out Cytoscape's `min-zoomed-font-size` hides them
 * all). Where two labels would overlap, the one with the lower priority gives way; it comes back when
 * zooming in makes room, or when its node is hovered, selected or on a highlighted path.
 */
import type { NodeKind } from '../domain/node-kinds'

/** Size of a node label on screen, in CSS pixels, at every zoom from MIN_LABEL_ZOOM up to 1. */
export const LABEL_SCREEN_PX = 12
/** Below this zoom labels no longer grow in model units: they shrink and then hide. */
export const MIN_LABEL_ZOOM = 0.3
/** No label is drawn smaller than this on screen (Cytoscape `min-zoomed-font-size`). */
export const MIN_LABEL_PX = 11
/** Characters per label line; a longer title wraps to a second line and is ellipsised after that. */
export const LABEL_LINE_CHARS = 24
export const LABEL_MAX_LINES = 2

/**
 * The factor a model-unit size (font, outline, margin) is multiplied by at this zoom: labels keep
 * their screen size from MIN_LABEL_ZOOM up to 1; zoomed in further they grow more slowly than the
 * map (with the square root of the zoom), so crowded labels find room and come back.
 */
export function labelScale(zoom: number): number {
  if (zoom > 1) return 1 / Math.sqrt(zoom)
  return 1 / Math.max(MIN_LABEL_ZOOM, zoom)
}

/**
 * Breaks a title into at most `maxLines` lines of about `lineChars` characters, at spaces where it
 * can (a word longer than a line is cut); what does not fit ends the last line in "…".
 */
export function wrapLabel(
  title: string,
  lineChars = LABEL_LINE_CHARS,
  maxLines = LABEL_MAX_LINES
): string {
  // Words longer than a line are cut into line-sized pieces.
  const tokens: string[] = []
  for (const w of title.trim().split(/\s+/).filter(Boolean))
    for (let i = 0; i < w.length; i += lineChars) tokens.push(w.slice(i, i + lineChars))
  const lines: string[] = []
  let line = ''
  let k = 0
  for (; k < tokens.length; k++) {
    const t = tokens[k]!
    const next = line ? `${line} ${t}` : t
    if (next.length <= lineChars) {
      line = next
      continue
    }
    if (lines.length === maxLines - 1) break
    lines.push(line)
    line = t
  }
  if (line) lines.push(line)
  if (k < tokens.length && lines.length) {
    const last = lines[lines.length - 1]!
    lines[lines.length - 1] =
      `${last.length >= lineChars ? last.slice(0, lineChars - 1).trimEnd() : last}…`
  }
  return lines.join('\n')
}

/** How much a kind's label matters when labels compete for room (lessons and projects first). */
export const KIND_LABEL_WEIGHT: Record<NodeKind, number> = {
  lesson: 6,
  project: 5,
  theme: 5,
  ingredient: 4,
  actor: 3,
  interview: 2,
  quote: 1
}

/** A label's priority: pinned labels (selected, hovered, on a path) first, then kind, then degree. */
export function labelPriority(kind: NodeKind, degree: number, pinned: boolean): number {
  return (pinned ? 1e6 : 0) + (KIND_LABEL_WEIGHT[kind] ?? 0) * 1000 + Math.min(degree, 999)
}

export interface LabelBox {
  id: string
  priority: number
  /** The label's box on screen (rendered pixels). */
  x1: number
  y1: number
  x2: number
  y2: number
}

type Box = Pick<LabelBox, 'x1' | 'y1' | 'x2' | 'y2'>

/** Where a canvas label may stand around its node, in the order tried (below is the default). */
export const LABEL_PLACES = ['below', 'above', 'right', 'left'] as const
export type LabelPlace = (typeof LABEL_PLACES)[number]

/** A label with the boxes it would take in each place it may stand (first: where it is now). */
export interface PlaceableLabel {
  id: string
  priority: number
  /** Screen boxes, in the order to try them, each with the place it stands for. */
  places: readonly (Box & { place: LabelPlace })[]
}

/**
 * Greedy placement: labels in priority order (ties by id) take the first of their places that
 * overlaps no label placed before by more than `tolerance` px and covers no other node's body (one
 * of `obstacles`, by id: never its own node) by more than `bodyTolerance` px; a label with no free
 * place gives way (hidden; it returns on hover, selection or zoom). Pinned labels (priority ≥ 1e6)
 * always stand, in their first free place or their first place. Uses a grid of `cell` px so it
 * stays near-linear. Returns the hidden ids and the place of every label that stands.
 */
export function placeLabels(
  labels: readonly PlaceableLabel[],
  tolerance = 1,
  cell = 64,
  obstacles: readonly Omit<LabelBox, 'priority'>[] = [],
  bodyTolerance = 3
): { hidden: Set<string>; placed: Map<string, LabelPlace> } {
  const order = [...labels].sort(
    (a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
  const grid = new Map<string, Box[]>()
  const hidden = new Set<string>()
  const placed = new Map<string, LabelPlace>()
  // A box is clamped to a wide band around the screen, so a stray huge or far-off box (a label
  // measured mid-restyle, a node far outside the view) costs a few cells, never millions.
  const LIMIT = 1e5
  const clamp = (v: number): number => Math.max(-LIMIT, Math.min(LIMIT, Number.isFinite(v) ? v : 0))
  const cellsOf = (b: Box): string[] => {
    const out: string[] = []
    const x1 = Math.floor(clamp(b.x1) / cell)
    const x2 = Math.floor(clamp(b.x2) / cell)
    const y1 = Math.floor(clamp(b.y1) / cell)
    const y2 = Math.floor(clamp(b.y2) / cell)
    if ((x2 - x1 + 1) * (y2 - y1 + 1) > 4096) return [`${x1},${y1}`]
    for (let cx = x1; cx <= x2; cx++) for (let cy = y1; cy <= y2; cy++) out.push(`${cx},${cy}`)
    return out
  }
  const bodies = new Map<string, Omit<LabelBox, 'priority'>[]>()
  for (const o of obstacles)
    for (const c of cellsOf(o)) {
      let list = bodies.get(c)
      if (!list) bodies.set(c, (list = []))
      list.push(o)
    }
  const free = (id: string, b: Box, cells: string[]): boolean => {
    for (const c of cells) {
      for (const o of grid.get(c) ?? []) if (overlaps(b, o, tolerance)) return false
      for (const o of bodies.get(c) ?? []) if (o.id !== id && overlaps(b, o, bodyTolerance)) return false
    }
    return true
  }
  for (const label of order) {
    const pinned = label.priority >= 1e6
    let chosen: (Box & { place: LabelPlace }) | undefined
    let chosenCells: string[] = []
    for (const b of label.places) {
      const cells = cellsOf(b)
      if (free(label.id, b, cells)) {
        chosen = b
        chosenCells = cells
        break
      }
    }
    if (!chosen && pinned && label.places[0]) {
      chosen = label.places[0]
      chosenCells = cellsOf(chosen)
    }
    if (!chosen) {
      hidden.add(label.id)
      continue
    }
    placed.set(label.id, chosen.place)
    for (const c of chosenCells) {
      let list = grid.get(c)
      if (!list) grid.set(c, (list = []))
      list.push(chosen)
    }
  }
  return { hidden, placed }
}

/**
 * The box a label of `w` × `h` px takes in each place around a node's body (`node`, screen px),
 * `gap` px away: the canvas's own label positions (valign bottom/top, halign right/left).
 */
export function placeBoxes(node: Box, w: number, h: number, gap: number): Record<LabelPlace, Box> {
  const cx = (node.x1 + node.x2) / 2
  const cy = (node.y1 + node.y2) / 2
  return {
    below: { x1: cx - w / 2, y1: node.y2 + gap, x2: cx + w / 2, y2: node.y2 + gap + h },
    above: { x1: cx - w / 2, y1: node.y1 - gap - h, x2: cx + w / 2, y2: node.y1 - gap },
    right: { x1: node.x2 + gap, y1: cy - h / 2, x2: node.x2 + gap + w, y2: cy + h / 2 },
    left: { x1: node.x1 - gap - w, y1: cy - h / 2, x2: node.x1 - gap, y2: cy + h / 2 }
  }
}

/** Whether two boxes overlap by more than `tolerance` px in both directions. */
export function overlaps(
  a: Pick<LabelBox, 'x1' | 'y1' | 'x2' | 'y2'>,
  b: Pick<LabelBox, 'x1' | 'y1' | 'x2' | 'y2'>,
  tolerance = 0
): boolean {
  return (
    Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > tolerance &&
    Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > tolerance
  )
}
