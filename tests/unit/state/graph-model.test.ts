import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contestedTargets, type Annotation } from '../../../src-renderer/domain/annotations'
import type { GraphEdge } from '../../../src-renderer/domain/edge-kinds'
import { buildGraphIndex } from '../../../src-renderer/domain/queries/graph-index'
import type { GraphNode } from '../../../src-renderer/domain/node-kinds'
import { singleVoiceLessons } from '../../../src-renderer/graph-view/canvas-view'
import { GraphModel } from '../../../src-renderer/state/graph-model'
import { GraphStore, type GraphPatch } from '../../../src-renderer/storage/graph-store'
import { NODE_BASE } from '../../support/records'

const at = '2026-01-01T00:00:00.000Z'
const base = NODE_BASE
const KINDS = ['actor', 'interview', 'quote', 'lesson'] as const
const EDGE_KINDS = ['supports', 'contains', 'interviewed', 'related'] as const

const node = (i: number, kind: (typeof KINDS)[number], title = `n${i}`): GraphNode =>
  ({
    ...base,
    id: `n${i}`,
    kind,
    title,
    actorType: 'resident',
    isPerson: kind === 'actor',
    text: 'x',
    reviewStatus: 'concept'
  }) as unknown as GraphNode
const edge = (
  i: number,
  kind: (typeof EDGE_KINDS)[number],
  source: number,
  target: number
): GraphEdge =>
  ({
    ...base,
    id: `e${i}`,
    kind,
    source: `n${source}`,
    target: `n${target}`,
    evidence: []
  }) as unknown as GraphEdge
const annotation = (
  i: number,
  target: string,
  author: string,
  stance: Annotation['stance']
): Annotation =>
  ({
    ...base,
    id: `a${i}`,
    targetId: target,
    targetType: 'edge',
    author,
    stance,
    confidence: 3,
    text: '',
    quoteIds: []
  }) as unknown as Annotation

/** Deletes are rarer than writes, so graphs grow. */
const rarely = fc.nat(4).map((x) => x === 0)
/** One commit: records to write (adds, edits, soft deletes, undeletes). */
const step = fc.oneof(
  fc.record({
    t: fc.constant('node' as const),
    i: fc.nat(11),
    kind: fc.constantFrom(...KINDS),
    title: fc.string({ maxLength: 3 }),
    del: rarely
  }),
  {
    arbitrary: fc.record({
      t: fc.constant('edge' as const),
      i: fc.nat(15),
      kind: fc.constantFrom(...EDGE_KINDS),
      s: fc.nat(11),
      g: fc.nat(11),
      del: rarely
    }),
    weight: 3
  },
  fc.record({ t: fc.constant('move' as const), i: fc.nat(11) }),
  fc.record({
    t: fc.constant('ann' as const),
    i: fc.nat(5),
    e: fc.nat(15),
    author: fc.constantFrom('A', 'B'),
    stance: fc.constantFrom('agrees' as const, 'disagrees' as const),
    del: fc.boolean()
  })
)

type StepValue = typeof step extends fc.Arbitrary<infer T> ? T : never

function toPatch(store: GraphStore, s: StepValue): GraphPatch {
  const patch: GraphPatch = { nodes: [], edges: [], annotations: [] }
  if (s.t === 'node') {
    const n = { ...node(s.i, s.kind, s.title), ...(s.del ? { deletedAt: at } : {}) } as GraphNode
    patch.nodes.push(n)
    // Deleting a node deletes its edges in the same commit (the repository's cascade).
    if (s.del)
      for (const e of store.liveEdges())
        if (e.source === n.id || e.target === n.id) patch.edges.push({ ...e, deletedAt: at })
  } else if (s.t === 'edge') {
    const src = store.node(`n${s.s}`)
    const tgt = store.node(`n${s.g}`)
    if (!src || !tgt) return patch
    patch.edges.push({
      ...edge(s.i, s.kind, s.s, s.g),
      ...(s.del ? { deletedAt: at } : {})
    } as GraphEdge)
  } else if (s.t === 'move') {
    const n = store.node(`n${s.i}`)
    if (n) patch.nodes.push({ ...n, position: { x: s.i, y: 1 } })
  } else {
    patch.annotations.push({
      ...annotation(s.i, `e${s.e}`, s.author, s.stance),
      ...(s.del ? { deletedAt: at } : {})
    } as Annotation)
  }
  return patch
}

describe('GraphModel', () => {
  it('follows any sequence of commits exactly as a rebuild would', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 15, maxLength: 60 }), (steps) => {
        const store = new GraphStore()
        const start = [
          node(0, 'lesson'),
          node(1, 'quote'),
          node(2, 'interview'),
          node(3, 'actor'),
          node(4, 'lesson'),
          node(5, 'quote')
        ]
        store.reset({ nodes: start, edges: [], annotations: [] })
        const model = new GraphModel(store)
        for (const s of steps) {
          store.apply(toPatch(store, s))
          const fresh = buildGraphIndex(store.liveNodes(), store.liveEdges())
          const { index, contested, singleVoice } = model.view
          expect(new Map(index.nodes)).toEqual(new Map(fresh.nodes))
          expect(new Map(index.edges)).toEqual(new Map(fresh.edges))
          expect(new Map(index.incident)).toEqual(new Map(fresh.incident))
          expect(contested).toEqual(contestedTargets(store.liveAnnotations()))
          expect(singleVoice).toEqual(singleVoiceLessons(fresh))
        }
      }),
      { numRuns: 300 }
    )
  })

  it('keeps the same view object for a title edit or a move, and gives a new one for a structural change', () => {
    const store = new GraphStore()
    store.reset({
      nodes: [node(0, 'lesson'), node(1, 'quote')],
      edges: [edge(0, 'supports', 1, 0)],
      annotations: []
    })
    const model = new GraphModel(store)
    const first = model.view
    store.apply({
      nodes: [{ ...store.node('n0')!, title: 'Nieuwe titel' }],
      edges: [],
      annotations: []
    })
    store.apply({
      nodes: [{ ...store.node('n1')!, position: { x: 5, y: 5 } }],
      edges: [],
      annotations: []
    })
    expect(model.view).toBe(first)
    expect(model.view.index.nodes.get('n0' as never)?.title).toBe('Nieuwe titel')
    store.apply({
      nodes: [{ ...store.node('n0')!, status: 'confirmed' } as GraphNode],
      edges: [],
      annotations: []
    })
    expect(model.view).not.toBe(first)
  })
})
