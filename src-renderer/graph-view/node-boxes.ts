/**
 * The box a node takes on the canvas, for placement (domain/queries/placement.ts): its shape
 * (layouts.ts `nodeSize`) and, below it, its label as the stylesheet draws it at zoom 1 (at most two
 * lines of LABEL_SCREEN_PX type, label-layout.ts `wrapLabel`). Zoomed further out, labels grow in
 * model units; where they would then overlap, the label rule lets the lower-priority one give way.
 */
import type { Extent } from '../domain/queries/placement'
import { LABEL_SCREEN_PX, wrapLabel } from './label-layout'
import { nodeSize } from './layouts'

/** Average width of a label character at LABEL_SCREEN_PX (Inter / Segoe UI), in model pixels. */
const CHAR_WIDTH = 0.56 * LABEL_SCREEN_PX
/** Line height of a label (the stylesheet's `line-height: 1.15`) plus its 3 px margin. */
const LINE_HEIGHT = 1.15 * LABEL_SCREEN_PX
const LABEL_MARGIN = 3
/** Room for the label's outline (2 px on each side). */
const OUTLINE = 2

/** A node's box relative to its centre: its shape, and its (wrapped) label below it. */
export function nodeExtent(kind: string, title = ''): Extent {
  const size = nodeSize(kind)
  const lines = title.trim() ? wrapLabel(title).split('\n') : []
  const longest = lines.reduce((m, l) => Math.max(m, l.length), 0)
  const half = Math.max(size, longest * CHAR_WIDTH + 2 * OUTLINE) / 2
  const labelHeight = lines.length ? LABEL_MARGIN + lines.length * LINE_HEIGHT + OUTLINE : 0
  return { x1: -half, y1: -size / 2, x2: half, y2: size / 2 + labelHeight }
}
