import { describe, expect, it } from 'vitest'
import { EDGE_KINDS, EDGE_RULES, type GraphEdge } from '../../../src-renderer/domain/edge-kinds'
import type { EdgeId, NodeId } from '../../../src-renderer/domain/ids'
import type { GraphNode, NodeKind } from '../../../src-renderer/domain/node-kinds'
import { buildGraphIndex } from '../../../src-renderer/domain/queries/graph-index'
import { describePath, type PathLabels } from '../../../src-renderer/domain/queries/path-sentences'
import type { GraphPath } from '../../../src-renderer/domain/queries/paths'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'

const T = '2024-01-01T00:00:00.000Z'
const node = (id: string, kind: NodeKind, title: string): GraphNode =>
  ({ id, kind, title, createdAt: T, updatedAt: T, createdBy: 't', updatedBy: 't', description: '', tags: [], status: 'illustrative', sources: [], fields: {} }) as unknown as GraphNode
const edge = (kind: GraphEdge['kind'], source: string, target: string, label?: string): GraphEdge =>
  ({ id: 'e' as EdgeId, kind, source, target, label, createdAt: T, updatedAt: T, createdBy: 't', updatedBy: 't', status: 'illustrative', sources: [], fields: {}, evidence: [] }) as unknown as GraphEdge

const labels = { nl: { kind: (k) => nl.kind[k], edge: (k) => nl.edge[k], lang: 'nl' }, en: { kind: (k) => en.kind[k], edge: (k) => en.edge[k], lang: 'en' } } satisfies Record<string, PathLabels>

/** The one-step path a → b over an edge of `kind`, walked forward or against the edge. */
function oneStep(kind: GraphEdge['kind'], forward: boolean, label?: string): { text: (l: PathLabels) => string } {
  const rule = EDGE_RULES[kind]
  const a = node('a', rule.from[0]!, 'Alfa')
  const b = node('b', rule.to[0]!, 'Bravo')
  const index = buildGraphIndex([a, b], [edge(kind, 'a', 'b', label)])
  const path: GraphPath = forward
    ? { nodes: ['a', 'b'] as NodeId[], edges: ['e' as EdgeId], steps: [{ edge: 'e' as EdgeId, from: 'a' as NodeId, to: 'b' as NodeId, forward: true }] }
    : { nodes: ['b', 'a'] as NodeId[], edges: ['e' as EdgeId], steps: [{ edge: 'e' as EdgeId, from: 'b' as NodeId, to: 'a' as NodeId, forward: !rule.directed }] }
  return { text: (l) => describePath(path, index, l) }
}

describe('path sentences', () => {
  it('every edge kind reads as a plain sentence both ways, in Dutch and English: no arrows, no placeholders, no bare relation label', () => {
    for (const kind of EDGE_KINDS) {
      for (const forward of [true, false]) {
        for (const l of [labels.nl, labels.en]) {
          const text = oneStep(kind, forward).text(l)
          expect(text, `${kind} ${forward} ${l.lang}`).toMatch(/^[A-Z].*"(Alfa|Bravo)".*"(Alfa|Bravo)".*\.$/)
          expect(text).not.toMatch(/[←→{}]/)
          // Articles and lower-case kinds, as in running text: "de les", "the lesson".
          expect(text).toMatch(l.lang === 'nl' ? /^(De|Het) [a-zë]+ "/ : /^The [a-z]+ "/)
        }
      }
    }
  })

  it('reads a step against the edge in the passive or the reverse verb', () => {
    expect(oneStep('supports', false).text(labels.nl)).toBe('De les "Bravo" wordt onderbouwd door het citaat "Alfa".')
    expect(oneStep('supports', false).text(labels.en)).toBe('The lesson "Bravo" is supported by the quote "Alfa".')
    expect(oneStep('yields', true).text(labels.nl)).toBe('Het gesprek "Alfa" levert de les "Bravo" op.')
    expect(oneStep('contains', false).text(labels.en)).toBe('The quote "Bravo" comes from the interview "Alfa".')
  })

  it('quotes an edge’s own label after a neutral verb', () => {
    expect(oneStep('related', true, 'grenst aan').text(labels.nl)).toMatch(/is verbonden met .* \("grenst aan"\)\.$/)
  })
})
