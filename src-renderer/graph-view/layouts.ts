/**
 * The named layouts of the canvas, as data. Each entry turns the size of the graph (and, for
 * breadth-first, the selected node) into a plan: Cytoscape layout options for a headless run, an
 * optional typed-array refinement pass, and whether the canvas should animate to the result.
 *
 * Sizes were tuned with `npm run bench -- canvas` (2 cores, software rendering): fCoSE at its
 * `default` quality stops being interactive above a few hundred nodes (its spring embedder runs at
 * least 5 × n iterations, ~5–12 s for 1k nodes), so larger graphs get fCoSE's spectral `draft` pass
 * followed by {@link RefineOptions a short force refinement} that removes the overlaps draft leaves.
 */
import type {
  AnimatedLayoutOptions,
  BaseLayoutOptions,
  BreadthFirstLayoutOptions,
  ConcentricLayoutOptions,
  GridLayoutOptions,
  NodeSingular
} from 'cytoscape'
import type { NodeKind } from '../domain/node-kinds'
import { NODE_STYLES } from './stylesheet'

/** The layouts offered to the user; `fcose` is the default. */
export const LAYOUT_NAMES = ['fcose', 'concentric', 'breadthfirst', 'grid'] as const
export type LayoutName = (typeof LAYOUT_NAMES)[number]

/** The default layout (force-directed). */
export const DEFAULT_LAYOUT: LayoutName = 'fcose'

/** Up to this many nodes the canvas animates to the new positions; above it they jump. */
export const ANIMATE_MAX_NODES = 500
/** Up to this many nodes fCoSE runs at `proof` quality (slow cooling). */
export const FCOSE_PROOF_MAX_NODES = 150
/** Up to this many nodes fCoSE runs at `default` quality; above it `draft` plus a refinement pass. */
export const FCOSE_FULL_MAX_NODES = 500

/** Ideal edge length in model pixels: room for the 26–40 px nodes and the label below them. */
export const IDEAL_EDGE_LENGTH = 90

/**
 * Rings of the concentric layout, inside out: what the knowledge is about (themes, projects), what
 * was distilled (ingredients, lessons), the evidence (quotes, interviews) and the people (actors).
 */
export const KIND_RINGS: readonly NodeKind[] = [
  'theme',
  'project',
  'ingredient',
  'lesson',
  'quote',
  'interview',
  'actor'
]

/** Position of a kind in {@link KIND_RINGS}; unknown kinds go to an extra outer ring. */
export function kindRank(kind: string): number {
  const i = (KIND_RINGS as readonly string[]).indexOf(kind)
  return i < 0 ? KIND_RINGS.length : i
}

/** Node diameter by kind, as drawn by the stylesheet; unknown kinds get 36 px. */
export function nodeSize(kind: string): number {
  return (NODE_STYLES as Record<string, { size: number } | undefined>)[kind]?.size ?? 36
}

/** fCoSE's options (cytoscape-fcose ships no types); see its README for the meaning of each. */
export interface FcoseLayoutOptions extends BaseLayoutOptions, AnimatedLayoutOptions {
  name: 'fcose'
  quality?: 'draft' | 'default' | 'proof'
  randomize?: boolean
  fit?: boolean
  padding?: number
  nodeDimensionsIncludeLabels?: boolean
  uniformNodeDimensions?: boolean
  packComponents?: boolean
  samplingType?: boolean
  sampleSize?: number
  nodeSeparation?: number
  piTol?: number
  nodeRepulsion?: number | ((node: NodeSingular) => number)
  idealEdgeLength?: number | ((edge: unknown) => number)
  edgeElasticity?: number | ((edge: unknown) => number)
  nestingFactor?: number
  numIter?: number
  tile?: boolean
  tilingPaddingVertical?: number
  tilingPaddingHorizontal?: number
  gravity?: number
  gravityRange?: number
  initialEnergyOnIncremental?: number
}

/** The headless Cytoscape layout a plan runs first. */
export type PlannedLayoutOptions =
  FcoseLayoutOptions | ConcentricLayoutOptions | BreadthFirstLayoutOptions | GridLayoutOptions

/**
 * A force-directed refinement over typed arrays (Fruchterman–Reingold, Barnes–Hut repulsion, node
 * sizes as hard-ish discs, a pull to the centre so loose components stay near); see refineSteps.
 */
export interface RefineOptions {
  /** Number of iterations; the step size cools linearly to zero over them. */
  iterations: number
  /** Ideal edge length (model pixels); also the spacing the repulsion aims at. */
  idealEdgeLength: number
  /**
   * Pull towards the centre of mass, per pixel of distance. Against the all-pairs repulsion it sets
   * the radius of the drawing (≈ idealEdgeLength · √(n / gravity)); loose nodes settle at its rim.
   */
  gravity: number
  /** Minimum gap between node discs (model pixels). */
  padding: number
}

/** What a layout does for one graph. */
export interface LayoutPlan {
  /** Options of the headless Cytoscape layout (always `animate: false`, `fit: false`). */
  layout: PlannedLayoutOptions
  /** A refinement pass after the Cytoscape layout, or null. */
  refine: RefineOptions | null
  /** Whether the canvas should animate from the old to the new positions. */
  animate: boolean
}

/** Facts a plan depends on. */
export interface LayoutContext {
  nodeCount: number
  edgeCount: number
  /** Root of the breadth-first tree (the selected node). */
  rootId?: string
  /**
   * A quicker, rougher result at every size (fCoSE's draft pass plus the refinement): for placing
   * imported nodes, where the user waits on the import rather than asked for a layout.
   */
  fast?: boolean
}

/** One named layout. */
export interface LayoutSpec {
  /** i18n key of the menu label. */
  labelKey: string
  /** Whether the layout needs a root (the selected node) to be meaningful. */
  needsRoot: boolean
  plan(context: LayoutContext): LayoutPlan
}

const byKindThenId = (a: NodeSingular, b: NodeSingular): number =>
  kindRank(a.data('kind') as string) - kindRank(b.data('kind') as string) ||
  (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0)

function fcosePlan({ nodeCount, fast }: LayoutContext): LayoutPlan {
  const animate = nodeCount <= ANIMATE_MAX_NODES
  const common: FcoseLayoutOptions = {
    name: 'fcose',
    animate: false,
    fit: false,
    randomize: true,
    nodeDimensionsIncludeLabels: false,
    // Packing needs cytoscape-layout-utilities (not installed); fCoSE skips it without.
    packComponents: false,
    tile: true,
    nodeSeparation: 75,
    idealEdgeLength: IDEAL_EDGE_LENGTH,
    nodeRepulsion: 6500,
    edgeElasticity: 0.45,
    gravity: 0.25
  }
  if (!fast && nodeCount <= FCOSE_PROOF_MAX_NODES)
    return { layout: { ...common, quality: 'proof' }, refine: null, animate }
  if (!fast && nodeCount <= FCOSE_FULL_MAX_NODES)
    return { layout: { ...common, quality: 'default' }, refine: null, animate }
  return {
    // Spectral only: global structure in O(n · sampleSize); the refinement spreads it out.
    layout: { ...common, quality: 'draft', uniformNodeDimensions: true },
    refine: {
      iterations: nodeCount > 20_000 ? 60 : nodeCount > 2_000 ? 120 : 250,
      idealEdgeLength: IDEAL_EDGE_LENGTH,
      gravity: 2,
      padding: 12
    },
    animate
  }
}

function concentricPlan({ nodeCount }: LayoutContext): LayoutPlan {
  return {
    layout: {
      name: 'concentric',
      animate: false,
      fit: false,
      avoidOverlap: true,
      minNodeSpacing: nodeCount > 2000 ? 8 : 20,
      startAngle: (3 / 2) * Math.PI,
      clockwise: true,
      equidistant: false,
      // Higher values sit nearer the centre; a level width of 1 gives every kind its own ring.
      concentric: (node: NodeSingular) => KIND_RINGS.length - kindRank(node.data('kind') as string),
      levelWidth: () => 1,
      sort: byKindThenId
    },
    refine: null,
    animate: nodeCount <= ANIMATE_MAX_NODES
  }
}

function breadthfirstPlan({ nodeCount, rootId }: LayoutContext): LayoutPlan {
  return {
    layout: {
      name: 'breadthfirst',
      animate: false,
      fit: false,
      directed: false,
      circle: false,
      grid: false,
      spacingFactor: nodeCount > 2000 ? 1.1 : 1.5,
      avoidOverlap: true,
      ...(rootId ? { roots: [rootId] } : {})
    },
    refine: null,
    animate: nodeCount <= ANIMATE_MAX_NODES
  }
}

function gridPlan({ nodeCount }: LayoutContext): LayoutPlan {
  // Headless Cytoscape has no viewport, so the grid gets an explicit box of ~90 px cells.
  const cell = 90
  const cols = Math.max(1, Math.ceil(Math.sqrt(nodeCount * 1.5)))
  const rows = Math.max(1, Math.ceil(nodeCount / cols))
  return {
    layout: {
      name: 'grid',
      animate: false,
      fit: false,
      avoidOverlap: true,
      avoidOverlapPadding: 10,
      condense: false,
      cols,
      rows,
      boundingBox: { x1: 0, y1: 0, w: cols * cell, h: rows * cell },
      sort: byKindThenId
    },
    refine: null,
    animate: nodeCount <= ANIMATE_MAX_NODES
  }
}

/** The named layouts. */
export const LAYOUTS: Readonly<Record<LayoutName, LayoutSpec>> = {
  fcose: { labelKey: 'layout.fcose', needsRoot: false, plan: fcosePlan },
  concentric: { labelKey: 'layout.concentric', needsRoot: false, plan: concentricPlan },
  breadthfirst: { labelKey: 'layout.breadthfirst', needsRoot: true, plan: breadthfirstPlan },
  grid: { labelKey: 'layout.grid', needsRoot: false, plan: gridPlan }
}

/** Narrows a string to a layout name. */
export function isLayoutName(value: unknown): value is LayoutName {
  return typeof value === 'string' && (LAYOUT_NAMES as readonly string[]).includes(value)
}
