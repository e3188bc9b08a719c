/**
 * Node and edge types of other tools → the app's kinds: exact names (code, Dutch or English label,
 * any case) and, for node types, a suggestion from the words in the name.
 */
import { EDGE_KINDS, type EdgeKind } from '../../domain/edge-kinds'
import { NODE_KINDS, type NodeKind } from '../../domain/node-kinds'
import en from '../../i18n/en.json'
import nl from '../../i18n/nl.json'

/** Lower case without diacritics or surrounding space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
}

/**
 * `f` remembered per argument. A file has a handful of types, asked about for every record (a
 * million-record file called `fold` several million times); the memory is dropped when a file would
 * make it large (every record its own type).
 */
function memo<T>(f: (type: string) => T): (type: string) => T {
  const seen = new Map<string, T>()
  return (type) => {
    let value = seen.get(type)
    if (value === undefined && !seen.has(type)) {
      value = f(type)
      if (seen.size >= 1000) seen.clear()
      seen.set(type, value)
    }
    return value as T
  }
}

const KIND_NAMES = new Map<string, NodeKind>()
for (const k of NODE_KINDS) {
  for (const n of [k, nl.kind[k], en.kind[k]]) KIND_NAMES.set(fold(n), k)
}
const EDGE_NAMES = new Map<string, EdgeKind>()
for (const k of EDGE_KINDS) {
  for (const n of [k, k.replace(/_/g, ' '), nl.edge[k], en.edge[k]]) EDGE_NAMES.set(fold(n), k)
}

/**
 * The kind a user's mapping gives a type: only the mapping's own entries (a file's type may be
 * `constructor` or `toString`, which every object inherits).
 */
export function chosenFor<T>(mapping: Readonly<Record<string, T>>, type: string): T | undefined {
  return Object.hasOwn(mapping, type) ? mapping[type] : undefined
}

/** The app kind a type names exactly (code, Dutch or English label, any case), else undefined. */
export const kindFromType = memo((type: string): NodeKind | undefined => KIND_NAMES.get(fold(type)))

/** The app edge kind a type names exactly (code, Dutch or English label, any case), else undefined. */
export const edgeKindFromType = memo(
  (type: string): EdgeKind | undefined => EDGE_NAMES.get(fold(type))
)

/** Words in foreign type names that point at a kind. */
const KIND_WORDS: readonly (readonly [NodeKind, readonly string[]])[] = [
  [
    'actor',
    [
      'actor',
      'actors',
      'person',
      'persoon',
      'people',
      'personen',
      'organisation',
      'organization',
      'organisatie',
      'org',
      'stakeholder',
      'company',
      'bedrijf',
      'resident',
      'bewoner',
      'gemeente',
      'municipality',
      'institution',
      'instelling',
      'user',
      'member',
      'lid',
      'group',
      'groep',
      'team'
    ]
  ],
  ['interview', ['interview', 'interviews', 'gesprek', 'gesprekken', 'conversation']],
  ['quote', ['quote', 'quotes', 'citaat', 'citaten', 'uitspraak']],
  [
    'lesson',
    ['lesson', 'lessons', 'les', 'lessen', 'insight', 'inzicht', 'learning', 'finding', 'bevinding']
  ],
  [
    'ingredient',
    [
      'ingredient',
      'ingredients',
      'ingrediënt',
      'method',
      'methode',
      'tool',
      'instrument',
      'practice',
      'werkwijze'
    ]
  ],
  [
    'project',
    [
      'project',
      'projects',
      'projecten',
      'werkplaats',
      'event',
      'bijeenkomst',
      'programme',
      'program',
      'programma',
      'initiative',
      'initiatief',
      'activity',
      'activiteit'
    ]
  ],
  [
    'theme',
    [
      'theme',
      'thema',
      'topic',
      'onderwerp',
      'area',
      'gebied',
      'policy',
      'beleid',
      'source',
      'bron',
      'issue',
      'category',
      'categorie',
      'concept'
    ]
  ]
]

/** The kind suggested for a foreign node type; 'theme' (themeType `overig`) when nothing fits. */
export const suggestKind = memo((type: string): NodeKind => {
  const exact = kindFromType(type)
  if (exact) return exact
  const words = fold(type)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  for (const [kind, list] of KIND_WORDS) {
    if (list.some((w) => words.includes(fold(w)))) return kind
  }
  return 'theme'
})

/** Foreign actor types that name a person (`isPerson`). */
export const PERSON_WORDS = /\b(person|persoon|people|personen|resident|bewoner|member|lid|user)\b/

/** Whether a foreign actor type names a person (see {@link PERSON_WORDS}). */
export const isPersonType = memo((type: string): boolean => PERSON_WORDS.test(fold(type)))
