/**
 * Files real tools read and write: the demo map's GEXF and GraphML exports read in NetworkX
 * (`read_gexf`, `read_graphml`) with every node, edge, label and kind, and a multigraph NetworkX
 * writes (its edge keys repeat as ids across node pairs) imports with all its edges.
 *
 * Needs `python3` with networkx (installed on the project's machines). Without it the tests are
 * skipped with the reason in the test name; under CI (`CI=true`) that fails instead.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EDGE_RULES } from '../../../src-renderer/domain/edge-kinds'
import { exportGraph } from '../../../src-renderer/exchange/export/data-export'
import { parseKgJson } from '../../../src-renderer/exchange/formats/kg-json'
import { readImport } from '../../../src-renderer/exchange/import'
import { isCi } from '../support/shared-fixtures'

const STAMP = '2026-01-01T00:00:00.000Z'
const DEMO = resolve(__dirname, '../../../resources/stadmaken-demo.kg.json')

function findNetworkx(): string | null {
  const probe = spawnSync('python3', ['-c', 'import networkx; print(networkx.__version__)'], {
    encoding: 'utf8'
  })
  if (probe.error) return `python3 is not available (${probe.error.message})`
  if (probe.status !== 0) return 'python3 has no networkx module'
  return null
}

const missing = findNetworkx()
if (missing && isCi())
  throw new Error(`NetworkX interop tests need python3 with networkx: ${missing}`)

/** Runs a Python script; its stdout is JSON. */
function python(script: string, ...args: string[]): unknown {
  const run = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

/** What NetworkX sees in a file: nodes with label and kind, edges with ends, kind, label, direction. */
const READ_BACK = `
import json, sys, networkx as nx
path, fmt = sys.argv[1], sys.argv[2]
G = nx.read_gexf(path) if fmt == 'gexf' else nx.read_graphml(path)
edges = G.edges(data=True, keys=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
print(json.dumps({
  'directed': G.is_directed(),
  'nodes': {n: {'label': d.get('label'), 'kind': d.get('kind')} for n, d in G.nodes(data=True)},
  'edges': sorted([[u, v, d.get('kind'), d.get('label'), d.get('directed')] for u, v, k, d in edges], key=str),
}))
`

interface Seen {
  directed: boolean
  nodes: Record<string, { label: string | null; kind: string | null }>
  edges: [string, string, string | null, string | null, boolean | null][]
}

describe.skipIf(missing !== null)(
  `NetworkX reads the app's exports${missing ? ` (skipped: ${missing}; under CI=true this fails)` : ''}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-networkx-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const demo = parseKgJson(readFileSync(DEMO, 'utf8'))
    if (!demo.ok) throw new Error(demo.issues[0]?.message)
    const graph = demo.value
    const expectedNodes = Object.fromEntries(
      graph.nodes.map((n) => [n.id, { label: n.title, kind: n.kind }])
    )
    const expectedEdges = graph.edges
      .map((e) => [e.source, e.target, e.kind, e.label ?? null, EDGE_RULES[e.kind].directed])
      .sort((a, b) => String(a).localeCompare(String(b)))

    it('the demo has undirected kinds, so the test means something', () => {
      expect(graph.edges.some((e) => !EDGE_RULES[e.kind].directed)).toBe(true)
    })

    it.each(['gexf', 'graphml'] as const)('%s: every node, edge, label and kind', (format) => {
      const path = join(dir, `demo.${format}`)
      writeFileSync(path, exportGraph(graph, format, { exportedAt: STAMP }))
      const seen = python(READ_BACK, path, format) as Seen
      expect(seen.directed).toBe(true)
      expect(Object.keys(seen.nodes)).toHaveLength(graph.nodes.length)
      expect(seen.nodes).toEqual(expectedNodes)
      expect(seen.edges).toHaveLength(graph.edges.length)
      expect([...seen.edges].sort((a, b) => String(a).localeCompare(String(b)))).toEqual(
        expectedEdges
      )
    })

    it('a MultiDiGraph NetworkX writes as GraphML imports with all its edges', () => {
      const path = join(dir, 'multi.graphml')
      const written = python(
        `
import json, sys, networkx as nx
G = nx.MultiDiGraph()
G.add_node('a', label='Anna', type='persoon')
G.add_node('b', label='Buurthuis', type='organisatie')
G.add_node('c', label='Groen', type='thema')
for u, v, w in [('a', 'b', 1), ('a', 'b', 2), ('b', 'c', 1), ('a', 'c', 3), ('c', 'c', 1), ('b', 'a', 2)]:
    G.add_edge(u, v, weight=w, relation='werkt met')
nx.write_graphml(G, sys.argv[1])
print(json.dumps({'nodes': G.number_of_nodes(), 'edges': G.number_of_edges()}))
`,
        path
      ) as { nodes: number; edges: number }
      expect(written).toEqual({ nodes: 3, edges: 6 })
      const text = readFileSync(path, 'utf8')
      // NetworkX numbers edges per node pair: ids repeat, which refused the whole file before.
      expect(text.match(/<edge [^>]*id="0"/g)?.length).toBeGreaterThan(1)
      const preview = readImport('multi.graphml', new Uint8Array(readFileSync(path)), {
        now: STAMP
      })
      if (!preview.ok) throw new Error(preview.issues.map((i) => i.message).join('\n'))
      expect(preview.value.counts.nodes).toBe(3)
      expect(preview.value.counts.edges).toBe(6)
      expect(preview.value.graph.notes?.map((n) => n.message).join(' ')).toMatch(
        /verbindingen hadden een id die al eerder in het bestand stond en kregen een nieuwe id/
      )
      expect(preview.value.problems).toEqual([])
      const edges = preview.value.checked?.graph.edges ?? []
      expect(edges).toHaveLength(6)
      expect(new Set(edges.map((e) => e.id)).size).toBe(6)
      const titles = preview.value.checked?.graph.nodes.map((n) => n.title).sort()
      expect(titles).toEqual(['Anna', 'Buurthuis', 'Groen'])
    })
  }
)
