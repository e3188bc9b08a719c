/** A seeded generator of Stadmaken-like graphs, for benchmarks and tests (pure: no clock, no Math.random). */
import { seededUint32 } from '../../src-renderer/domain/random'
import {
  EDGE_RULES,
  EDGE_KINDS,
  allowedEdgeKinds,
  type EdgeKind,
  type GraphEdge
} from '../../src-renderer/domain/edge-kinds'
import {
  ACTOR_TYPES,
  PARTICIPATION_LEVELS,
  PHASES,
  POLARITIES,
  REVIEW_STATUSES,
  type ActorType,
  type ConsentLevel,
  type ProjectType,
  type Status,
  type ThemeType
} from '../../src-renderer/domain/facets'
import type { GraphData } from '../../src-renderer/domain/graph'
import type { EdgeId, NodeId } from '../../src-renderer/domain/ids'
import {
  NODE_KINDS,
  type ActorNode,
  type GraphNode,
  type IngredientNode,
  type LessonNode,
  type NodeKind,
  type ProjectNode,
  type QuoteNode,
  type SourceRef
} from '../../src-renderer/domain/node-kinds'

/** Options for {@link generateGraph}. */
export interface GenerateGraphOptions {
  /** Exact number of nodes to generate (a non-negative integer). */
  nodes: number
  /** Average edges per node; the graph gets about `nodes × edgesPerNode` edges. Default 3. */
  edgesPerNode?: number
  /** PRNG seed; the same seed and options always give the same graph. Default 1. */
  seed?: number
}

/** Share of each node kind, roughly as a real Stadmaken graph grows (sums to 1). */
export const GENERATED_KIND_MIX: Readonly<Record<NodeKind, number>> = {
  actor: 0.12,
  interview: 0.08,
  quote: 0.25,
  lesson: 0.25,
  ingredient: 0.12,
  project: 0.1,
  theme: 0.08
}

/** Relative frequency of each edge kind in the random fill; the meaningful kinds dominate. */
const EDGE_WEIGHTS: Readonly<Record<EdgeKind, number>> = {
  interviewed: 2,
  contains: 0,
  yields: 8,
  supports: 16,
  contradicts: 4,
  qualifies: 4,
  reinforces: 6,
  informs: 10,
  part_of: 7,
  applied_in: 7,
  learned_in: 3,
  participates_in: 8,
  commissions: 2,
  member_of: 3,
  represents: 1,
  has_stake_in: 3,
  in_tension_with: 1.5,
  passes_on_to: 1,
  about: 1.5,
  conducted_by: 2,
  frames: 2,
  located_in: 3,
  sourced_from: 1.5,
  related: 1
}

/** Nodes per cluster: edges mostly stay inside a cluster, and clusters sit apart on the canvas. */
const CLUSTER_SIZE = 50
const LOCAL_EDGE_SHARE = 0.8
const DESCRIPTION_POOL_SIZE = 1009
const EPOCH_2021 = Date.UTC(2021, 0, 1)
const FOUR_YEARS_MS = 4 * 365 * 24 * 3600 * 1000
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000

// Vocabulary

const AREAS: readonly (readonly [string, string])[] = [
  ['Hamerkwartier', 'Noord'],
  ['Zonneplein', 'Noord'],
  ['Tuindorp Oostzaan', 'Noord'],
  ['Buiksloterham', 'Noord'],
  ['IJplein', 'Noord'],
  ['Vogelbuurt', 'Noord'],
  ['Van der Pekbuurt', 'Noord'],
  ['Banne Buiksloot', 'Noord'],
  ['Overhoeks', 'Noord'],
  ['Haven-Stad', 'West'],
  ['Sloterdijk', 'West'],
  ['Coenhaven', 'West'],
  ['Vlothaven', 'West'],
  ['Kolenkitbuurt', 'West'],
  ['Sierpleinbuurt', 'Nieuw-West'],
  ['Osdorp-Midden', 'Nieuw-West'],
  ['Geuzenveld', 'Nieuw-West'],
  ['Indische Buurt', 'Oost'],
  ['Zeeburgereiland', 'Oost'],
  ['Bijlmer-Centrum', 'Zuidoost'],
  ['Amstel III', 'Zuidoost'],
  ['Zuidas', 'Zuid'],
  ['Rivierenbuurt', 'Zuid'],
  ['Weesp-Centrum', 'Weesp'],
  ['Wallen', 'Centrum']
]

const TOPICS = [
  'de sloop- en renovatieplannen',
  'het participatieplan',
  'de rol van de gemeente',
  'vertrouwen tussen partijen',
  'de huurcontracten van ondernemers',
  'de milieuruimte in de haven',
  'kaders en beleidsruimte',
  'het tempo van de gebiedsontwikkeling',
  'voorzieningen in de wijk',
  'de ideeën van bewoners',
  'één loket voor ondernemers',
  'de leerestafette tussen werkplaatsen',
  'de projectnota',
  'de omgevingsvisie',
  'buurtrechten en het uitdaagrecht',
  'de inrichting van de openbare ruimte',
  'betaalbare woningen',
  'ruimte voor werken',
  'de planning van de bouw',
  'overlast tijdens de uitvoering',
  'groen in de buurt',
  'de bewonerscommissie',
  'het beheer van het plein',
  'een eerlijke vergoeding voor bewoners',
  'de verdichting van de wijk',
  'de participatieparagraaf',
  'zeggenschap over het ontwerp',
  'de vertaling van inspraak naar besluiten'
] as const

const QUOTE_TEMPLATES = [
  'We hoorden maanden niets over {t}, dus dachten we dat alles al besloten was.',
  'Zeg gewoon eerlijk wat er aan {t} niet meer kan veranderen.',
  'Bij de ene afdeling hoor je ja over {t}, bij de andere nee.',
  'Als we pas na het plan over {t} mogen meepraten, is het te laat om te investeren.',
  'Ik kan niet alles over {t} delen zolang het college niet besloten heeft.',
  'Vroeg praten over {t} kost tijd, maar scheelt later bezwaarprocedures.',
  'De gemeente spreekt over {t} niet met één stem.',
  'Onze ideeën over {t} werden pas serieus genomen toen we samen aan tafel zaten.',
  'Bewoners zitten onbetaald aan tafel naast betaalde professionals, ook bij {t}.',
  'Een kleine verbetering rond {t} opende de deur voor het grote gesprek.',
  'Niemand wist met welke pet de gemeente aan tafel zat bij {t}.',
  'Het vertrouwen groeide pas toen iedereen zijn agenda over {t} op tafel legde.',
  'Wij willen een gelijkwaardige stem in {t}, niet alleen een informatieavond.',
  'Voor ondernemers is de onzekerheid over {t} het grootste probleem.',
  'Participatie voelt als een vinkje als niemand uitlegt wat er met onze inbreng over {t} gebeurt.',
  'Pas in de werkplaats begrepen we elkaars belangen rond {t}.'
] as const

const LESSON_TEMPLATES = [
  'Blijf communiceren over {t}, ook zonder nieuws',
  'Benoem vooraf wat vastligt rond {t} en waar ruimte is',
  'Betrek ondernemers bij {t} vóór de projectnota',
  'Maak de rol van de gemeente bij {t} expliciet',
  'Quick wins rond {t} bouwen vertrouwen op',
  'Ongelijke middelen ondermijnen gelijkwaardigheid bij {t}',
  'Vroege investering in {t} verdient zich terug',
  'Geef bewoners zeggenschap over {t} waar dat kan',
  'Leg uit wat er met de ideeën over {t} is gedaan',
  'Ambtelijke terughoudendheid over {t} vóór een besluit is soms onvermijdelijk',
  'Spreek als gemeente met één stem over {t}',
  'Organiseer het gesprek over {t} in de buurt zelf'
] as const

const INGREDIENTS = [
  'Transparantie',
  'Vertrouwen',
  'Heldere rolbepaling',
  'In contact blijven',
  'Leg je agenda op tafel',
  'Helder over kaders en beleidsruimte',
  'Gelijkwaardigheid',
  'Empathie',
  'Luisteren, samenvatten en doorvragen',
  'Tijdig betrekken',
  'Verwachtingen managen',
  'Eigenaarschap',
  'Continuïteit in het contact',
  'Ruimte voor initiatief',
  'Consent, commitment en creëren'
] as const

const METHODS = [
  'Quick wins',
  'Keukentafelgesprek',
  'Buurtschouw',
  'Ontwerpatelier',
  'Participatieplan',
  'Ronde tafel',
  'Leerestafette'
] as const

const POLICIES = [
  'Omgevingsvisie Amsterdam 2050',
  'Agenda Samen Stadmaken',
  'Participatieverordening Amsterdam',
  'Beleidskader Participatie',
  'Beleidskader Buurtrechten',
  'Omgevingswet',
  'Wet versterking participatie op decentraal niveau',
  'Plaberum 2017',
  'Agenda Ruimte voor Werk'
] as const

const DESCRIPTION_SENTENCES = [
  'Bewoners, ondernemers en de gemeente zoeken samen naar gedeelde belangen zonder hetzelfde einddoel te hoeven hebben.',
  'De Omgevingswet vraagt om integraal werken aan opgaven en om meer participatie van burgers en bedrijven.',
  'In de werkplaats werd duidelijk dat iedereen met een andere pet aan tafel zit.',
  'Het gesprek liet zien hoe belangrijk het is om ook zonder nieuws in contact te blijven.',
  'Ondernemers willen vroeg betrokken worden en een gelijkwaardige stem krijgen in de gebiedsontwikkeling.',
  'De kaders en de beleidsruimte moeten vanaf het begin helder zijn, anders groeit het wantrouwen.',
  'Ideeën uit de buurt krijgen pas gewicht als zichtbaar is wat ermee gebeurt.',
  'Een kleine ingreep in de openbare ruimte kan de deur openen voor het grote gesprek.',
  'Bewonersorganisaties zitten vaak onbetaald aan tafel naast betaalde professionals.',
  'De gemeente kan verschillende rollen tegelijk hebben, terwijl anderen haar als één partij zien.',
  'Vertrouwen ontstaat door je agenda op tafel te leggen: wensen, doelen en dilemma’s.',
  'Na de werkplaats gaven de deelnemers hun lessen door aan de volgende werkplaats.',
  'De spanning tussen wonen en werken is in transformatiegebieden het grootst.',
  'Het participatieplan beschrijft wie wanneer op welk niveau betrokken wordt.',
  'Deze les is afgeleid uit meerdere gesprekken en nog niet door de denktank getoetst.',
  'Zonder heldere rolbepaling weet niemand wie welke beslissing neemt.',
  'Het stadsdeel bracht de partijen bij elkaar en zorgde voor een veilige werkomgeving.',
  'Ambtenaren kunnen niet alles delen zolang het college nog geen besluit heeft genomen.',
  'De leerestafette maakt de werkplaatsen tot zichtbare leer- en ontwikkelfabrieken.',
  'Quick wins laten zien dat meedoen loont en bouwen zo vertrouwen op.',
  'Voor de haven gaat het om milieuruimte, bereikbaarheid en zekerheid op lange termijn.',
  'De denktank bestond uit gemeente, bewonersorganisaties, bedrijven, kennisinstellingen, corporaties en ontwikkelaars.',
  'Participatie is geen vinkje maar een manier van samenwerken die tijd en aandacht vraagt.',
  'Het ingrediënt helpt om verwachtingen te managen voordat het plan vastligt.'
] as const

const WENT_WELL = [
  'Vroeg en open gesprek met de buurt',
  'Vast aanspreekpunt bij de gemeente',
  'Snelle verbetering in de openbare ruimte',
  'Eerlijk over wat vastligt',
  'Samen de planning doorgenomen'
] as const
const WENT_WRONG = [
  'Lange stilte na de informatieavond',
  'Tegenstrijdige antwoorden van afdelingen',
  'Ondernemers te laat betrokken',
  'Onduidelijk wat er met de inbreng gebeurde',
  'Geen vergoeding voor bewonersinzet'
] as const
const ATTENTION_POINTS = [
  'Benoem met welke pet je aan tafel zit',
  'Maak kaders vooraf expliciet',
  'Blijf contact houden, ook zonder nieuws',
  'Let op ongelijke middelen tussen partijen',
  'Leg uit waarom iets niet kan'
] as const

const TAGS = [
  'participatie',
  'vertrouwen',
  'transparantie',
  'omgevingswet',
  'één stem',
  'ideeën',
  'wonen',
  'werken',
  'haven',
  'noord',
  'west',
  'ingrediënten',
  'kaders',
  'leerestafette',
  'quick wins',
  'gelijkwaardigheid',
  'rolbepaling',
  'buurtrechten'
] as const

const SOURCES: readonly SourceRef[] = [
  {
    title: 'Amsterdams Stadmaken (openresearch.amsterdam)',
    url: 'https://openresearch.amsterdam/en/page/60970/amsterdams-stadmaken'
  },
  { title: 'De Basis – Amsterdams Stadmaken', url: 'https://amsterdamsstadmaken.nl/de-basis/' },
  { title: 'Rollen – Amsterdams Stadmaken', url: 'https://amsterdamsstadmaken.nl/rollen/' },
  {
    title: 'Werkplaatsen – Amsterdams Stadmaken',
    url: 'https://amsterdamsstadmaken.nl/werkplaatsen/'
  },
  { title: 'ORAM – Ruimte voor werk', url: 'https://oram.nl/themas/ruimte-voor-werk/' },
  { title: 'Interviewverslag 2021 (intern)', note: 'Niet openbaar; op te vragen bij het kernteam.' }
]

/** Per actor type: an organisation name pattern (null when it is always a person) and a person role. */
const ACTOR_PATTERNS: Readonly<Record<ActorType, readonly [string | null, string]>> = {
  resident: [null, 'bewoner, {a}'],
  residents_org: ['Bewonersorganisatie {a}', 'bestuurslid bewonersorganisatie, {a}'],
  municipality: [
    'Gemeente Amsterdam, gebiedsteam {a}',
    'projectmanager gebiedsontwikkeling, gemeente'
  ],
  district: ['Stadsdeel {d}', 'gebiedsmakelaar stadsdeel {d}'],
  administrator: [null, 'dagelijks bestuurder stadsdeel {d}'],
  housing_corporation: ['Woningcorporatie {a}', 'gebiedsregisseur woningcorporatie, {a}'],
  developer: ['Ontwikkelcombinatie {a}', 'projectontwikkelaar, {a}'],
  entrepreneur: ['Bedrijvencollectief {a}', 'creatief ondernemer, {a}'],
  business_association: ['Ondernemersvereniging {a}', 'winkelstraatmanager, {a}'],
  knowledge_institution: ['Lectoraat Stedelijke Governance', 'onderzoeker stedelijke governance'],
  interest_group: ['Huurdersvereniging {d}', 'woordvoerder huurdersvereniging {d}'],
  civic_initiative: ['Buurtinitiatief {a}', 'initiatiefnemer buurtinitiatief, {a}'],
  expert: [null, 'expert participatie en gebiedsontwikkeling'],
  other: ['Stichting {a}', 'betrokkene, {a}']
}

const PROJECT_TYPE_MIX = [
  'werkplaats',
  'werkplaats',
  'gebiedsontwikkeling',
  'initiatief',
  'programma',
  'bijeenkomst'
] as const satisfies readonly ProjectType[]
const PROJECT_LABELS: Readonly<Record<ProjectType, string>> = {
  werkplaats: 'Werkplaats',
  gebiedsontwikkeling: 'Gebiedsontwikkeling',
  initiatief: 'Buurtinitiatief',
  programma: 'Programma Samen Stadmaken',
  bijeenkomst: 'Denktankbijeenkomst'
}
const THEME_TYPE_MIX = [
  'beleid',
  'beleid',
  'gebied',
  'gebied',
  'methode',
  'schijf',
  'schijfsegment',
  'bron',
  'overig'
] as const satisfies readonly ThemeType[]

/** The role noun of a person of this actor type, without place: "bewoner", "projectontwikkelaar". */
function personRole(type: ActorType): string {
  return ACTOR_PATTERNS[type][1].replace(/,.*$/, '').replace(' {d}', '')
}

const ROLES = ['deelnemer', 'opdrachtgever', 'expert', 'gespreksleider', 'trekker'] as const
const AUTHORS = ['Kernteam Stadmaken', 'Denktank', 'Onderzoeker HvA', 'Projectteam Noord'] as const
const RELATED_LABELS = ['spreekt in', 'zelfde buurt', 'vergelijkbaar dilemma'] as const

// Deterministic randomness


class Rng {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = seededUint32(seed)
  }
  uint32(): number {
    return this.next()
  }
  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n)
  }
  chance(p: number): boolean {
    return this.float() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0))
const DASH = '-'.charCodeAt(0)
const idBuffer = new Uint8Array(36)
const asciiDecoder = new TextDecoder()

function writeHex(offset: number, value: number, digits: number): void {
  let v = value
  for (let i = digits - 1; i >= 0; i--) {
    idBuffer[offset + i] = HEX_CODES[v % 16] as number
    v = Math.floor(v / 16)
  }
}

/**
 * A UUIDv7-shaped id: 48-bit millisecond time prefix, version 7, RFC variant, random rest from `rng`.
 * Built in a byte buffer and decoded once, so each id is one flat string (cheap at 400k records).
 */
function uuidLike(ms: number, rng: Rng): string {
  const r1 = rng.uint32()
  const r2 = rng.uint32()
  const r3 = rng.uint32()
  writeHex(0, Math.floor(ms / 65536), 8)
  idBuffer[8] = DASH
  writeHex(9, ms % 65536, 4)
  idBuffer[13] = DASH
  writeHex(14, 0x7000 | (r1 & 0xfff), 4)
  idBuffer[18] = DASH
  writeHex(19, 0x8000 | ((r1 >>> 12) & 0x3fff), 4)
  idBuffer[23] = DASH
  writeHex(24, r2, 8)
  writeHex(32, r3 & 0xffff, 4)
  return asciiDecoder.decode(idBuffer)
}

function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const items: T[] = []
  const cumulative: number[] = []
  let total = 0
  for (const [item, weight] of entries) {
    if (weight <= 0) continue
    total += weight
    items.push(item)
    cumulative.push(total)
  }
  return (rng) => {
    const x = rng.float() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return items[lo] as T
  }
}

const pickStatus = weightedPicker<Status>([
  ['illustrative', 50],
  ['inferred', 25],
  ['reported', 15],
  ['confirmed', 10]
])
const pickActorType = weightedPicker<ActorType>(
  ACTOR_TYPES.map((t) => [t, t === 'resident' || t === 'entrepreneur' ? 3 : 1] as const)
)

// Generator

/** Splits `total` over the kinds by GENERATED_KIND_MIX with largest remainders, so counts sum exactly. */
function kindCounts(total: number): Record<NodeKind, number> {
  const counts = {} as Record<NodeKind, number>
  const remainders: [NodeKind, number][] = []
  let assigned = 0
  for (const kind of NODE_KINDS) {
    const exact = total * GENERATED_KIND_MIX[kind]
    counts[kind] = Math.floor(exact)
    assigned += counts[kind]
    remainders.push([kind, exact - counts[kind]])
  }
  remainders.sort((a, b) => b[1] - a[1] || NODE_KINDS.indexOf(a[0]) - NODE_KINDS.indexOf(b[0]))
  for (let i = 0; assigned < total; i++, assigned++) {
    const kind = (remainders[i % remainders.length] as [NodeKind, number])[0]
    counts[kind] += 1
  }
  return counts
}

/** One way to draw an edge: its kind and the node kinds at both ends. */
interface EdgeOption {
  kind: EdgeKind
  from: NodeKind
  to: NodeKind
}

/**
 * Generates a deterministic Stadmaken-like graph: exactly `nodes` nodes in a realistic kind mix and
 * about `nodes × edgesPerNode` edges (fewer only when the graph is too small to hold them without
 * duplicates), every edge allowed by EDGE_RULES, with Dutch titles, ~60-word descriptions, quotes,
 * tags, statuses, facets, sources and positions. Records carry uuid-shaped ids and timestamps
 * derived from the seed, so the same options always give an identical graph and the result passes
 * `validateGraph` unchanged. Linear in the size of the output: 100k nodes + 300k edges take about 2 s.
 */
export function generateGraph(options: GenerateGraphOptions): GraphData {
  const total = Math.max(0, Math.floor(options.nodes))
  const edgesPerNode = Math.max(0, options.edgesPerNode ?? 3)
  const seed = options.seed ?? 1
  const rng = new Rng(seed ^ 0x5eed5eed)
  const edgeBudget = Math.round(total * edgesPerNode)

  const counts = kindCounts(total)
  const clusters = Math.max(1, Math.round(total / CLUSTER_SIZE))
  const recordCount = total + edgeBudget
  const stepMs = Math.max(1, Math.floor(FOUR_YEARS_MS / Math.max(1, recordCount)))
  const epoch = EPOCH_2021 + rng.int(365) * 24 * 3600 * 1000
  let serial = 0

  /** Record fields: a uuidv7-shaped id whose time prefix is the creation time, so ids stay unique and ordered. */
  const record = (): {
    id: string
    createdAt: string
    updatedAt: string
    createdBy: string
    updatedBy: string
    deletedAt: null
  } => {
    const created = epoch + serial * stepMs
    serial += 1
    const at = new Date(created).toISOString()
    const id = uuidLike(created, rng)
    const author = rng.pick(AUTHORS)
    const edited = rng.chance(0.3)
    return {
      id,
      createdAt: at,
      updatedAt: edited ? new Date(created + rng.int(THIRTY_DAYS_MS)).toISOString() : at,
      createdBy: author,
      updatedBy: edited ? rng.pick(AUTHORS) : author,
      deletedAt: null
    }
  }

  /** A pool of ~60-word descriptions, shared between nodes so 100k nodes do not cost 100k long strings. */
  const descriptionPool: string[] = []
  for (let i = 0; i < Math.min(DESCRIPTION_POOL_SIZE, total); i++) {
    const parts: string[] = []
    let words = 0
    while (words < 55) {
      const sentence = rng.pick(DESCRIPTION_SENTENCES)
      parts.push(sentence)
      words += sentence.split(' ').length
    }
    descriptionPool.push(parts.join(' '))
  }
  const description = (): string => rng.pick(descriptionPool)

  const tags = (extra?: string): string[] => {
    const out = extra ? [extra] : []
    const n = rng.int(4)
    for (let i = 0; i < n; i++) {
      const tag = rng.pick(TAGS)
      if (!out.includes(tag)) out.push(tag)
    }
    return out
  }

  const sources = (): SourceRef[] => (rng.chance(0.06) ? [{ ...rng.pick(SOURCES) }] : [])

  const listOf = (items: readonly string[], max: number): string[] => {
    const out: string[] = []
    const n = rng.int(max + 1)
    for (let i = 0; i < n; i++) {
      const item = rng.pick(items)
      if (!out.includes(item)) out.push(item)
    }
    return out
  }

  const clusterCols = Math.ceil(Math.sqrt(clusters))
  const clusterFill = new Array<number>(clusters).fill(0)
  /** Cluster centres on a grid 1400 px apart; members on a golden-angle spiral around the centre. */
  const position = (cluster: number): { x: number; y: number } => {
    const m = clusterFill[cluster] ?? 0
    clusterFill[cluster] = m + 1
    const cx = (cluster % clusterCols) * 1400
    const cy = Math.floor(cluster / clusterCols) * 1400
    const r = 70 * Math.sqrt(m + 0.5)
    const angle = m * 2.399963229728653
    return {
      x: Math.round((cx + r * Math.cos(angle)) * 10) / 10,
      y: Math.round((cy + r * Math.sin(angle)) * 10) / 10
    }
  }

  /**
   * Nodes are generated kind by kind, so each kind is one contiguous index range of `nodes`
   * (`kindStart`, `counts`). Within a kind, its j-th node belongs to cluster floor(j × clusters / count).
   */
  const kindStart = {} as Record<NodeKind, number>
  let offset = 0
  for (const kind of NODE_KINDS) {
    kindStart[kind] = offset
    offset += counts[kind]
  }
  const clusterOf = (kind: NodeKind, j: number): number =>
    Math.floor((j * clusters) / Math.max(1, counts[kind]))
  const nodeCluster = new Int32Array(total)

  const nodes: GraphNode[] = []
  let interviewNo = 0
  for (const kind of NODE_KINDS) {
    for (let j = 0; j < counts[kind]; j++) {
      const [area, district] = rng.pick(AREAS)
      const topic = rng.pick(TOPICS)
      const rec = record()
      // Explicit fields, not `...rec`: spreading and then overriding `id` makes V8 fall back to slow
      // dictionary objects, which doubles memory and triples the time at 100k records.
      const common = {
        id: rec.id as NodeId,
        createdAt: rec.createdAt,
        updatedAt: rec.updatedAt,
        createdBy: rec.createdBy,
        updatedBy: rec.updatedBy,
        deletedAt: rec.deletedAt,
        description: description(),
        status: pickStatus(rng),
        sources: sources(),
        fields: {} as Record<string, string | number | boolean | null>,
        position: position(clusterOf(kind, j))
      }
      // Kind fields are added to `common` with Object.assign and optional ones assigned afterwards:
      // object spread (`{ ...common, … }`) makes V8 build slow dictionary objects here, which costs
      // 2.5× the memory and 3× the time at 100k nodes.
      let node: GraphNode
      switch (kind) {
        case 'actor': {
          const actorType = pickActorType(rng)
          const [orgPattern, personPattern] = ACTOR_PATTERNS[actorType]
          const isPerson = orgPattern === null || rng.chance(0.6)
          const fill = (p: string): string => p.replace('{a}', area).replace('{d}', district)
          const roleDescription = fill(personPattern)
          const organisation = fill(orgPattern ?? personPattern)
          const actor: ActorNode = Object.assign(common, {
            kind,
            title: isPerson ? roleDescription : organisation,
            tags: tags(),
            actorType,
            isPerson
          })
          if (isPerson) {
            actor.roleDescription = roleDescription
            actor.consent = 'pseudonymised'
          } else {
            actor.organisation = organisation
          }
          node = actor
          break
        }
        case 'interview': {
          interviewNo += 1
          const who = personRole(pickActorType(rng))
          const summary = `${who.charAt(0).toUpperCase()}${who.slice(1)} over ${topic}`
          const month = String(1 + rng.int(12)).padStart(2, '0')
          const day = String(1 + rng.int(28)).padStart(2, '0')
          const consent: ConsentLevel = rng.chance(0.85)
            ? 'pseudonymised'
            : rng.chance(0.5)
              ? 'named'
              : 'anonymous'
          node = Object.assign(common, {
            kind,
            title: `Gesprek ${interviewNo}: ${summary}`,
            tags: tags('gesprek'),
            date: `${2021 + rng.int(4)}-${month}-${day}`,
            interviewer: 'Kernteam Amsterdams Stadmaken',
            format: rng.chance(0.7) ? 'gesprek' : 'groepsgesprek',
            consent,
            summary,
            wentWell: listOf(WENT_WELL, 2),
            wentWrong: listOf(WENT_WRONG, 2),
            attentionPoints: listOf(ATTENTION_POINTS, 3),
            transcript: ''
          })
          break
        }
        case 'quote': {
          const text = rng.pick(QUOTE_TEMPLATES).replace('{t}', topic)
          const quote: QuoteNode = Object.assign(common, {
            kind,
            title: text.length > 80 ? `${text.slice(0, 77).trimEnd()}…` : text,
            tags: tags(),
            text,
            speakerRole: personRole(pickActorType(rng))
          })
          if (rng.chance(0.5)) {
            quote.locator = rng.chance(0.5) ? `p. ${1 + rng.int(20)}` : `min. ${1 + rng.int(90)}`
          }
          node = quote
          break
        }
        case 'lesson': {
          const statement = rng.pick(LESSON_TEMPLATES).replace('{t}', topic)
          const lesson: LessonNode = Object.assign(common, {
            kind,
            title: statement,
            tags: tags(),
            statement,
            reviewStatus: rng.pick(REVIEW_STATUSES)
          })
          if (rng.chance(0.7)) lesson.polarity = rng.pick(POLARITIES)
          if (rng.chance(0.6)) lesson.phase = rng.pick(PHASES)
          node = lesson
          break
        }
        case 'ingredient': {
          const isMethod = rng.chance(0.2)
          const base = isMethod ? rng.pick(METHODS) : rng.pick(INGREDIENTS)
          const ingredient: IngredientNode = Object.assign(common, {
            kind,
            title: rng.chance(0.5) ? base : `${base} bij ${topic}`,
            tags: tags(isMethod ? 'methode' : 'ingrediënt'),
            reviewStatus: rng.pick(REVIEW_STATUSES)
          })
          if (rng.chance(0.3)) ingredient.phase = rng.pick(PHASES)
          node = ingredient
          break
        }
        case 'project': {
          const projectType = rng.pick(PROJECT_TYPE_MIX)
          const start = 2020 + rng.int(5)
          if (projectType === 'gebiedsontwikkeling') {
            common.fields.woningen = 100 * (5 + rng.int(120))
          }
          const project: ProjectNode = Object.assign(common, {
            kind,
            title: `${PROJECT_LABELS[projectType]} ${area}`,
            tags: tags(),
            projectType,
            area,
            district,
            startDate: String(start)
          })
          if (rng.chance(0.8)) project.phase = rng.pick(PHASES)
          if (rng.chance(0.4)) project.endDate = String(start + 1 + rng.int(6))
          node = project
          break
        }
        case 'theme': {
          const themeType = rng.pick(THEME_TYPE_MIX)
          let title: string
          switch (themeType) {
            case 'beleid':
              title = rng.pick(POLICIES)
              break
            case 'gebied':
              title = `Gebied ${area}`
              common.fields.stadsdeel = district
              break
            case 'methode':
              title = rng.pick(METHODS)
              break
            case 'schijf':
              title = 'Schijf van Amsterdams Stadmaken'
              break
            case 'schijfsegment':
              title = `Schijfsegment ${rng.pick(INGREDIENTS)}`
              break
            case 'bron':
              title = `Interviewverslag ${area}`
              break
            default:
              title = `Ruimte voor werk in ${district}`
          }
          node = Object.assign(common, { kind, title, tags: tags(), themeType })
          break
        }
      }
      nodeCluster[nodes.length] = clusterOf(kind, j)
      nodes.push(node)
    }
  }

  // Edges
  const edges: GraphEdge[] = []
  if (total < 2 || edgeBudget === 0) return { nodes, edges, annotations: [] }

  const seen = new Set<number>()
  const edgeKindIndex = new Map<EdgeKind, number>(EDGE_KINDS.map((k, i) => [k, i]))

  /** Index of a node of `kind`: usually from cluster `near` when given, else anywhere; -1 if none. */
  const pickNode = (kind: NodeKind, near: number | null): number => {
    const n = counts[kind]
    if (n === 0) return -1
    if (near !== null && rng.chance(LOCAL_EDGE_SHARE)) {
      const lo = Math.ceil((near * n) / clusters)
      const hi = Math.ceil(((near + 1) * n) / clusters)
      if (hi > lo) return kindStart[kind] + lo + rng.int(hi - lo)
    }
    return kindStart[kind] + rng.int(n)
  }

  const addEdge = (kind: EdgeKind, s: number, t: number): boolean => {
    if (s === t || s < 0 || t < 0) return false
    const key = (s * total + t) * EDGE_KINDS.length + (edgeKindIndex.get(kind) as number)
    if (seen.has(key)) return false
    seen.add(key)
    const source = nodes[s] as GraphNode
    const target = nodes[t] as GraphNode
    const rec = record()
    const edge: GraphEdge = {
      id: rec.id as EdgeId,
      createdAt: rec.createdAt,
      updatedAt: rec.updatedAt,
      createdBy: rec.createdBy,
      updatedBy: rec.updatedBy,
      deletedAt: rec.deletedAt,
      kind,
      source: source.id as NodeId,
      target: target.id as NodeId,
      status: pickStatus(rng),
      sources: rng.chance(0.02) ? [{ ...rng.pick(SOURCES) }] : [],
      evidence: [],
      fields: {}
    }
    if (rng.chance(0.4)) edge.weight = 1 + rng.int(5)
    if (kind === 'participates_in') {
      edge.role = rng.pick(ROLES)
      edge.participationLevel = rng.pick(PARTICIPATION_LEVELS)
    } else if (kind === 'in_tension_with' && rng.chance(0.7)) {
      edge.topic = rng.pick(TOPICS)
    } else if (kind === 'related') {
      edge.label = rng.pick(RELATED_LABELS)
    }
    if (
      kind === 'supports' ||
      kind === 'contradicts' ||
      kind === 'qualifies' ||
      kind === 'reinforces'
    ) {
      if (source.kind === 'quote' && rng.chance(0.5)) edge.evidence = [source.id]
      else if (source.kind === 'lesson' && rng.chance(0.3)) {
        const quote = nodes[pickNode('quote', nodeCluster[s] ?? 0)]
        if (quote) edge.evidence = [quote.id]
      }
    }
    edges.push(edge)
    return true
  }

  // Structure first: every quote sits in one interview, every interview talks with an actor.
  for (let q = kindStart.quote; q < kindStart.quote + counts.quote; q++) {
    if (edges.length >= edgeBudget) break
    addEdge('contains', pickNode('interview', nodeCluster[q] ?? 0), q)
  }
  for (let i = kindStart.interview; i < kindStart.interview + counts.interview; i++) {
    if (edges.length >= edgeBudget) break
    addEdge('interviewed', i, pickNode('actor', nodeCluster[i] ?? 0))
  }

  // Then a weighted random fill over every (kind, from, to) the rules and the node counts allow.
  const drawOptions: [EdgeOption, number][] = []
  for (const kind of EDGE_KINDS) {
    const weight = EDGE_WEIGHTS[kind]
    if (weight <= 0) continue
    const triples: EdgeOption[] = []
    for (const from of EDGE_RULES[kind].from) {
      for (const to of NODE_KINDS) {
        const room = from === to ? counts[from] >= 2 : counts[from] > 0 && counts[to] > 0
        if (room && allowedEdgeKinds(from, to).includes(kind)) triples.push({ kind, from, to })
      }
    }
    for (const t of triples) drawOptions.push([t, weight / triples.length])
  }
  if (drawOptions.length === 0) return { nodes, edges, annotations: [] }
  const pickOption = weightedPicker(drawOptions)

  const maxAttempts = edgeBudget * 4 + 100
  for (let attempt = 0; edges.length < edgeBudget && attempt < maxAttempts; attempt++) {
    const option = pickOption(rng)
    const source = pickNode(option.from, null)
    if (source >= 0) addEdge(option.kind, source, pickNode(option.to, nodeCluster[source] ?? 0))
  }

  return { nodes, edges, annotations: [] }
}
