/**
 * The one display projection: how every surface and every export sees the graph under the consent
 * rules and the Presentatieveilig switch. Canvas labels, inspector, list, search index, pickers,
 * forms, the interview workbench and all exports read records through here, never raw from the
 * store; so what may not be shown is removed once, where the graph is read.
 *
 * It follows the store's diffs: an edit re-projects only the records it touched. Only a change to
 * who is hidden (a person's name, consent or role, or the switch) or to interview numbering
 * re-projects more, and then says so (`all`, or the interviews whose number moved).
 */
import type { Annotation } from '../domain/annotations'
import {
  projectAnnotation,
  projectEdge,
  projectionContext,
  projectNode,
  redactedFields,
  titleHidden,
  type ProjectionContext
} from '../domain/consent-projection'
import { isPersonNode, type HiddenName } from '../domain/consent'
import type { GraphEdge } from '../domain/edge-kinds'
import type { GraphData } from '../domain/graph'
import type { GraphNode } from '../domain/node-kinds'
import type { GraphChangeEvent, GraphDiff, GraphStore } from '../storage/graph-store'

/** What a projection change touched. */
export type ProjectionChange =
  /** Everything may look different (load, replace, the switch, who is hidden). */
  | { type: 'all' }
  /**
   * Only these records (live or removed): those the store diff touched, plus interviews whose number
   * moved because of it.
   */
  | {
      type: 'records'
      nodeIds: ReadonlySet<string>
      edgeIds: ReadonlySet<string>
      annotationIds: ReadonlySet<string>
      diff: GraphDiff
    }

type Listener = (change: ProjectionChange) => void

/** Node fields that decide who is hidden and what stands in their place. */
const PERSON_KEYS = ['title', 'isPerson', 'consent', 'actorType', 'roleDescription'] as const
/** Interview fields that decide numbering and whether the title shows. */
const INTERVIEW_KEYS = ['title', 'date', 'createdAt', 'consent'] as const

export class DisplayProjection {
  private ctx: ProjectionContext
  private readonly nodeCache = new Map<string, GraphNode>()
  private readonly edgeCache = new Map<string, GraphEdge>()
  private readonly annotationCache = new Map<string, Annotation>()
  private readonly listeners = new Set<Listener>()
  private readonly unsubscribe: () => void
  private safe: boolean
  /** Increases on every change; React reads it through useSyncExternalStore. */
  version = 0

  constructor(
    private readonly store: GraphStore,
    options: { presentationSafe?: boolean } = {}
  ) {
    this.safe = options.presentationSafe ?? false
    this.ctx = this.freshContext()
    // Subscribed at construction, so it is up to date before any consumer created later hears of a
    // store change.
    this.unsubscribe = store.subscribe((event) => this.onStoreChange(event))
  }

  get presentationSafe(): boolean {
    return this.safe
  }

  /** Turns Presentatieveilig on or off: every label and text is projected anew. */
  setPresentationSafe(on: boolean): void {
    if (on === this.safe) return
    this.safe = on
    this.ctx = this.freshContext()
    this.clearCaches()
    this.emit({ type: 'all' })
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    this.unsubscribe()
    this.listeners.clear()
  }

  /** A live node as it may be shown, or undefined when missing or deleted. */
  node(id: string): GraphNode | undefined {
    const cached = this.nodeCache.get(id)
    if (cached) return cached
    const raw = this.store.node(id)
    if (!raw) return undefined
    const shown = projectNode(raw, this.ctx)
    this.nodeCache.set(id, shown)
    return shown
  }

  /** How a node is named on every surface (same as `node(id).title`). */
  label(id: string): string {
    return this.node(id)?.title ?? ''
  }

  /** The shown form of a stored node record (live or not), e.g. one the canvas is about to draw. */
  project(raw: GraphNode): GraphNode {
    return raw.deletedAt ? projectNode(raw, this.ctx) : (this.node(raw.id) ?? raw)
  }

  edge(id: string): GraphEdge | undefined {
    const cached = this.edgeCache.get(id)
    if (cached) return cached
    const raw = this.store.edge(id)
    if (!raw) return undefined
    const shown = projectEdge(raw, this.ctx)
    this.edgeCache.set(id, shown)
    return shown
  }

  annotation(id: string): Annotation | undefined {
    const cached = this.annotationCache.get(id)
    if (cached) return cached
    const raw = this.store.annotations.get(id)
    if (!raw || raw.deletedAt) return undefined
    const shown = projectAnnotation(raw, this.ctx)
    this.annotationCache.set(id, shown)
    return shown
  }

  /** Every live node as it may be shown. */
  nodes(): GraphNode[] {
    const out: GraphNode[] = []
    for (const raw of this.store.nodes.values()) if (!raw.deletedAt) out.push(this.node(raw.id)!)
    return out
  }

  edges(): GraphEdge[] {
    const out: GraphEdge[] = []
    for (const raw of this.store.edges.values()) if (!raw.deletedAt) out.push(this.edge(raw.id)!)
    return out
  }

  annotations(): Annotation[] {
    const out: Annotation[] = []
    for (const raw of this.store.annotations.values())
      if (!raw.deletedAt) out.push(this.annotation(raw.id)!)
    return out
  }

  /** The whole live graph as it may be shown: what every export writes. */
  graph(): GraphData {
    return { nodes: this.nodes(), edges: this.edges(), annotations: this.annotations() }
  }

  /** Whether a node's own name (person or interview title) is replaced right now. */
  isTitleHidden(id: string): boolean {
    const raw = this.store.node(id)
    return raw !== undefined && titleHidden(raw, this.ctx)
  }

  /**
   * The fields an edit form must leave out for this node right now (their shown value differs from
   * the stored one): empty when nothing is hidden.
   */
  hiddenFields(id: string): ReadonlySet<string> {
    const raw = this.store.node(id)
    if (!raw || this.node(id) === raw) return new Set()
    return redactedFields(raw, this.ctx)
  }

  /** Removes hidden names from a free text that is not a record (a caption, a path sentence). */
  get hiddenNames(): readonly HiddenName[] {
    return this.ctx.hidden
  }

  // ---------- internals ----------

  private freshContext(): ProjectionContext {
    return projectionContext(this.store.nodes.values(), { presentationSafe: this.safe })
  }

  private clearCaches(): void {
    this.nodeCache.clear()
    this.edgeCache.clear()
    this.annotationCache.clear()
  }

  private onStoreChange(event: GraphChangeEvent): void {
    if (event.type === 'reset') {
      this.ctx = this.freshContext()
      this.clearCaches()
      this.emit({ type: 'all' })
      return
    }
    const { diff } = event
    const touched = [
      ...diff.nodes.added.map((n) => [null, n] as const),
      ...diff.nodes.removed.map((n) => [n, null] as const),
      ...diff.nodes.updated.map(({ before, after }) => [before, after] as const)
    ]
    const personsChanged = touched.some(([before, after]) =>
      changedIn(before, after, PERSON_KEYS, isPerson)
    )
    const interviewsChanged = touched.some(([before, after]) =>
      changedIn(before, after, INTERVIEW_KEYS, (n) => n.kind === 'interview')
    )
    const nodeIds = idsOf(diff.nodes)
    if (personsChanged || interviewsChanged) {
      const next = this.freshContext()
      const hiddenMoved = !sameHidden(this.ctx.hidden, next.hidden)
      const renumbered = changedOrdinals(this.ctx.ordinals, next.ordinals)
      this.ctx = next
      if (hiddenMoved) {
        this.clearCaches()
        this.emit({ type: 'all' })
        return
      }
      // Interviews whose number moved are shown differently although the commit did not touch them.
      for (const id of renumbered) nodeIds.add(id)
    }
    for (const id of nodeIds) this.nodeCache.delete(id)
    const edgeIds = idsOf(diff.edges)
    for (const id of edgeIds) this.edgeCache.delete(id)
    const annotationIds = idsOf(diff.annotations)
    for (const id of annotationIds) this.annotationCache.delete(id)
    this.emit({ type: 'records', nodeIds, edgeIds, annotationIds, diff })
  }

  private emit(change: ProjectionChange): void {
    this.version++
    for (const l of this.listeners) l(change)
  }
}

function isPerson(n: GraphNode): boolean {
  return isPersonNode(n)
}

/** True when a record that matches `applies` (before or after) came, went, or changed in `keys`. */
function changedIn(
  before: GraphNode | null,
  after: GraphNode | null,
  keys: readonly string[],
  applies: (n: GraphNode) => boolean
): boolean {
  const was = before !== null && applies(before)
  const is = after !== null && applies(after)
  if (!was && !is) return false
  if (was !== is || before === null || after === null) return true
  const b = before as unknown as Record<string, unknown>
  const a = after as unknown as Record<string, unknown>
  return keys.some((k) => b[k] !== a[k])
}

function idsOf<T extends { id: string }>(t: {
  added: T[]
  updated: { after: T }[]
  removed: T[]
}): Set<string> {
  const out = new Set<string>()
  for (const r of t.added) out.add(r.id)
  for (const r of t.removed) out.add(r.id)
  for (const u of t.updated) out.add(u.after.id)
  return out
}

function sameHidden(a: readonly HiddenName[], b: readonly HiddenName[]): boolean {
  if (a.length !== b.length) return false
  return a.every(
    (h, i) =>
      h.name === b[i]!.name &&
      h.substitute === b[i]!.substitute &&
      !!h.matchCase === !!b[i]!.matchCase
  )
}

function changedOrdinals(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>
): Set<string> {
  const out = new Set<string>()
  for (const [id, n] of after) if (before.get(id) !== n) out.add(id)
  for (const id of before.keys()) if (!after.has(id)) out.add(id)
  return out
}
