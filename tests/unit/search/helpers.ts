/** Small builders of valid nodes for the search tests. */
import type { NodeKind, GraphNode } from '@renderer/domain/node-kinds'
import { validateNode } from '@renderer/domain/validate'

const KIND_DEFAULTS: Partial<Record<NodeKind, Record<string, unknown>>> = {
  actor: { actorType: 'resident' },
  project: { projectType: 'werkplaats' },
  theme: { themeType: 'methode' },
  quote: { text: 'citaat' }
}

/** A valid node of `kind` with `id`, `title` and any extra fields (validated by the domain schema). */
export function makeNode(
  kind: NodeKind,
  id: string,
  title: string,
  fields: Record<string, unknown> = {}
): GraphNode {
  const r = validateNode({
    id,
    kind,
    title,
    status: 'illustrative',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'test',
    updatedBy: 'test',
    ...KIND_DEFAULTS[kind],
    ...fields
  })
  if (!r.ok) throw new Error(`invalid test node ${id}: ${JSON.stringify(r.issues)}`)
  return r.value
}

/** A long Dutch filler text of about `words` words without the word `needle`, then `needle`, then more. */
export function longText(words: number, needle: string, at: number): string {
  const filler =
    'de bewoners en de gemeente praten samen over de plannen voor het plein en de straat'.split(' ')
  const out: string[] = []
  for (let i = 0; i < words; i++)
    out.push(i === at ? needle : (filler[i % filler.length] as string))
  return out.join(' ')
}
