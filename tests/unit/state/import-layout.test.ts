import { describe, expect, it } from 'vitest'
import type { GraphData } from '../../../src-renderer/domain/graph'
import type { GraphEdge } from '../../../src-renderer/domain/edge-kinds'
import type { NodeId } from '../../../src-renderer/domain/ids'
import type { GraphNode, NodeKind, Position } from '../../../src-renderer/domain/node-kinds'
import { BoxIndex, boundsOf, boxAt, overlaps, type Box } from '../../../src-renderer/domain/queries/placement'
import { BESIDE_MARGIN, FORCE_LAYOUT_MAX, layoutUnpositioned } from '../../../src-renderer/features/import/import-layout'
import { nodeExtent } from '../../../src-renderer/graph-view/node-boxes'
import { GraphStore } from '../../../src-renderer/storage/graph-store'

const KINDS: NodeKind[] = ['actor', 'lesson', 'quote', 'project', 'theme', 'interview', 'ingredient']

function node(id: string, i: number, position?: Position): GraphNode {
  return { id, kind: KINDS[i % KINDS.length]!, title: `Knoop ${id}`, ...(position ? { position } : {}) } as GraphNode
}
const edge = (id: string, source: string, target: string): GraphEdge =>
  ({ id, kind: 'related', source, target }) as GraphEdge

/** A stored map of 5 × 4 nodes, 150 px apart. */
function storedMap(): GraphStore {
  const store = new GraphStore()
  const nodes = Array.from({ length: 20 }, (_, i) => node(`s${i}`, i, { x: (i % 5) * 150, y: Math.floor(i / 5) * 150 }))
  store.reset({ nodes, edges: [], annotations: [] })
  return store
}

/** `n` nodes without a position, in a ring with chords, plus two stored ids and one positioned node. */
function incoming(n: number): GraphData {
  const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`, i))
  const edges = nodes.flatMap((_, i) => [edge(`e${i}`, `n${i}`, `n${(i + 1) % n}`), edge(`c${i}`, `n${i}`, `n${(i * 7) % n}`)])
  nodes.push(node('s3', 3), node('s4', 4), node('p', 0, { x: -500, y: -500 }))
  return { nodes, edges, annotations: [] }
}

const boxOf = (n: GraphNode): Box => boxAt(n.position as Position, nodeExtent(n.kind, n.title))

describe('layoutUnpositioned', () => {
  it('places a merge beside the map: no overlaps, stored nodes keep their place, in the same array', async () => {
    const store = storedMap()
    const graph = incoming(40)
    const array = graph.nodes
    const r = await layoutUnpositioned(graph, 'merge', { store, signal: new AbortController().signal })
    expect(r.placed).toBe(40)
    expect(graph.nodes).toBe(array)
    const byId = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]))
    // Stored nodes the file has without a position stay where they are; a file's position is kept.
    expect(byId.get('s3')!.position).toEqual(store.node('s3' as NodeId)!.position)
    expect(byId.get('s4')!.position).toEqual(store.node('s4' as NodeId)!.position)
    expect(byId.get('p')!.position).toEqual({ x: -500, y: -500 })
    const fresh = graph.nodes.filter((n) => n.id.startsWith('n'))
    const map = [...store.liveNodes(), byId.get('p')!].map(boxOf)
    const mapBounds = boundsOf(map)!
    const boxes = fresh.map(boxOf)
    for (let i = 0; i < boxes.length; i++) {
      expect(boxes[i]!.x1).toBeGreaterThanOrEqual(mapBounds.x2 + BESIDE_MARGIN / 2)
      expect(map.some((b) => overlaps(boxes[i]!, b))).toBe(false)
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false)
    }
    // Beside, not far away below or above: the tops are aligned.
    expect(Math.abs(boundsOf(boxes)!.y1 - mapBounds.y1)).toBeLessThan(60)
    r.undo()
    expect(graph.nodes.filter((n) => n.position === undefined).map((n) => n.id)).toEqual([...fresh.map((n) => n.id), 's3', 's4'])
  })

  it('lays out everything in a replace of a file without positions, ignoring the stored map', async () => {
    const store = storedMap()
    const graph: GraphData = { nodes: Array.from({ length: 30 }, (_, i) => node(`s${i}`, i)), edges: [], annotations: [] }
    const r = await layoutUnpositioned(graph, 'replace', { store })
    expect(r.placed).toBe(30)
    const boxes = graph.nodes.map(boxOf)
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false)
  })

  it('puts a large import in a grid beside the map, without a layout run and without overlaps', async () => {
    const store = storedMap()
    const n = FORCE_LAYOUT_MAX + 500
    const graph: GraphData = { nodes: Array.from({ length: n }, (_, i) => node(`g${i}`, i)), edges: [], annotations: [] }
    const r = await layoutUnpositioned(graph, 'merge', { store })
    expect(r.placed).toBe(n)
    const mapRight = boundsOf(store.liveNodes().map(boxOf))!.x2
    const seen = new BoxIndex()
    for (const b of graph.nodes.map(boxOf)) {
      expect(b.x1).toBeGreaterThanOrEqual(mapRight + BESIDE_MARGIN)
      expect(seen.hits(b)).toBe(false)
      seen.add(b)
    }
  })

  it('changes nothing when every node has a position', async () => {
    const graph: GraphData = { nodes: [node('a', 0, { x: 1, y: 2 })], edges: [], annotations: [] }
    const before = graph.nodes[0]
    expect((await layoutUnpositioned(graph, 'merge', { store: storedMap() })).placed).toBe(0)
    expect(graph.nodes[0]).toBe(before)
  })

  it('rejects a cancelled layout with an AbortError and leaves the records as they were', async () => {
    const graph = incoming(40)
    const before = graph.nodes.slice()
    const controller = new AbortController()
    const run = layoutUnpositioned(graph, 'merge', {
      store: storedMap(),
      signal: controller.signal,
      onProgress: () => controller.abort()
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(graph.nodes).toEqual(before)
  })
})
