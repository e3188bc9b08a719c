/** How the search index keeps a document, and the field bits of its posting lists. */
import type { SearchDoc, SearchField } from './search-docs'

/** The bit of each field in a posting's field mask (`slot << 5 | fieldMask`). */
export const FIELD_BIT: Readonly<Record<SearchField, number>> = {
  title: 1,
  aliases: 2,
  tags: 4,
  description: 8,
  body: 16
}
export const LONG_BITS = FIELD_BIT.description | FIELD_BIT.body

/**
 * What the index keeps of a {@link SearchDoc}: everything but the folded description, which is the
 * bulk of a typical node's text and cheap to fold again for the few candidates of a query (folded
 * bodies stay: a transcript can run to megabytes).
 */
export type StoredDoc = Omit<SearchDoc, 'folded'> & {
  folded: Omit<SearchDoc['folded'], 'description'>
}

export function toStored(doc: SearchDoc): StoredDoc {
  const { title, aliases, tags, body } = doc.folded
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    aliases: doc.aliases,
    tags: doc.tags,
    description: doc.description,
    body: doc.body,
    folded: { title, aliases, tags, body }
  }
}
