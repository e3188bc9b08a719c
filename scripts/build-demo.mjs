#!/usr/bin/env node
/**
 * Builds resources/stadmaken-demo.kg.json from the domain's demo outline, exactly as DESIGN.md
 * "The demo graph" maps it: 61 nodes and 96 edges; Phase and ParticipationLevel nodes become facets.
 *
 *   node scripts/build-demo.mjs [path/to/demo-outline.json] [--check]
 *
 * The outline defaults to ../shared/domain/demo-outline.json relative to the repository root.
 * `--check` writes nothing and exits 1 when the shipped file is not what the outline gives.
 *
 * Plain JavaScript because Node 20 cannot run TypeScript (`--experimental-strip-types` arrived in
 * Node 22.6). The domain validator and the .kg.json writer are TypeScript, so they are loaded through
 * Vite's module runner (Vite is already a dev dependency): the file is checked by the very code the
 * app uses to open it. Output is deterministic: fixed timestamps, ids taken from the outline.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import cytoscape from 'cytoscape'
import fcose from 'cytoscape-fcose'
import { runnerImport } from 'vite'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = resolve(ROOT, 'resources/stadmaken-demo.kg.json')
const STAMP = '2026-01-01T00:00:00.000Z'
const AUTHOR = 'Amsterdams Stadmaken (demo)'
/**
 * Short illustrative transcripts for the demo interviews (scripts/demo/transcripts.json): fictional,
 * written for the demo, each opening with a marker line that says so and containing its interview's
 * quotes verbatim. The outline in ../shared has none.
 */
const TRANSCRIPTS = JSON.parse(readFileSync(resolve(ROOT, 'scripts/demo/transcripts.json'), 'utf8'))

/** Outline status letter → app status (DESIGN: C/B/I/F → confirmed/reported/inferred/illustrative). */
const STATUS = { C: 'confirmed', B: 'reported', I: 'inferred', F: 'illustrative' }

/** Outline kinds that become facet values, not nodes. */
const FACET_KINDS = new Set(['Phase', 'ParticipationLevel'])

/** Phase node id → the `phase` facet (Plaberum order: Verkenning … Beheer). */
const PHASE = {
  ph1: 'exploration',
  ph2: 'feasibility',
  ph3: 'design',
  ph4: 'realisation',
  ph5: 'management'
}

/** Participation level node id → the `participationLevel` facet (Amsterdam's four). */
const LEVEL = { lv1: 'informing', lv2: 'consulting', lv3: 'co_creating', lv4: 'co_deciding' }

/** Dutch outline actor_type → the actorType facet. */
const ACTOR_TYPE = {
  gemeente: 'municipality',
  stadsdeel: 'district',
  ondernemersvereniging: 'business_association',
  woningcorporatie: 'housing_corporation',
  bewoner: 'resident',
  bewonersorganisatie: 'residents_org',
  ondernemer: 'entrepreneur',
  bestuurder: 'administrator',
  ontwikkelaar: 'developer',
  kennisinstelling: 'knowledge_institution'
}

/** Outline relation (Dutch part before '/') → app edge kind. `uitgevoerd_door` is resolved below. */
const RELATION = {
  gesprek_met: 'interviewed',
  bevat_citaat: 'contains',
  levert_op: 'yields',
  onderbouwt: 'supports',
  nuanceert: 'qualifies',
  weerspreekt: 'contradicts',
  versterkt: 'reinforces',
  voedt: 'informs',
  onderdeel_van: 'part_of',
  staat_op_schijf: 'part_of',
  toegepast_in: 'applied_in',
  neemt_deel_aan: 'participates_in',
  opdrachtgever_van: 'commissions',
  werkt_bij: 'member_of',
  vertegenwoordigt: 'represents',
  heeft_belang_bij: 'has_stake_in',
  spanning_met: 'in_tension_with',
  geeft_door_aan: 'passes_on_to',
  kader_voor: 'frames',
  ligt_in: 'located_in',
  bron: 'sourced_from',
  gaat_over: 'about',
  spreekt_in: 'related'
}

/** The same Dutch verb means two things; the English part decides (DESIGN's relation table). */
const UITGEVOERD_DOOR = { runs: 'commissions', conducted_by: 'conducted_by' }

/** Edge labels for relations that map onto a generic kind. */
const RELATION_LABEL = { spreekt_in: 'spreekt in' }

/** Relations between facet nodes only, dropped with them (`volgt_op` orders phases). */
const FACET_RELATIONS = new Set(['volgt_op', 'relevant_in_fase'])

/** Outline kind → app kind and its kind-specific type field. */
const KIND = {
  Actor: { kind: 'actor' },
  Interview: { kind: 'interview' },
  Quote: { kind: 'quote' },
  Lesson: { kind: 'lesson' },
  Ingredient: { kind: 'ingredient' },
  Method: { kind: 'ingredient', tags: ['methode'] },
  Werkplaats: { kind: 'project', projectType: 'werkplaats' },
  Event: { kind: 'project', projectType: 'bijeenkomst' },
  Programme: { kind: 'project', projectType: 'programma' },
  Area: { kind: 'theme', themeType: 'gebied' },
  Disc: { kind: 'theme', themeType: 'schijf' },
  Policy: { kind: 'theme', themeType: 'beleid' },
  Source: { kind: 'theme', themeType: 'bron' }
}

/**
 * Outline attributes that map onto model fields (or are carried by an edge, like `parent`, which the
 * outline repeats as an `onderdeel_van` edge). Every other attribute is kept in `fields` under its
 * outline name, so nothing the outline says is lost.
 */
const CONSUMED = new Set([
  'id',
  'kind',
  'status',
  'sources',
  'label_nl',
  'display_name',
  'statement_nl',
  'text_nl',
  'summary_nl',
  'topic_nl',
  'speaker_role',
  'actor_type',
  'is_person',
  'fictional_role_desc',
  'subtype',
  'year',
  'notes',
  'parent',
  'url'
])

/** Canvas bands, top to bottom: hubs (themes), projects, actors, interviews, quotes, lessons, ingredients. */
const BANDS = ['theme', 'project', 'actor', 'interview', 'quote', 'lesson', 'ingredient']
const DX = 180
const DY = 220

function fail(message) {
  throw new Error(`build-demo: ${message}`)
}

/** A readable title for a URL: host without www, then the last meaningful path segment. */
function titleFromUrl(url) {
  const u = new URL(url)
  const host = u.hostname.replace(/^www\./, '')
  const segment = u.pathname
    .split('/')
    .filter((s) => s && !/^\d+$/.test(s))
    .pop()
  if (!segment) return host
  const words = decodeURIComponent(segment).replace(/[-_]+/g, ' ').trim()
  return `${host} – ${words.charAt(0).toUpperCase()}${words.slice(1)}`
}

const sourceRefs = (urls) => (urls ?? []).map((url) => ({ title: titleFromUrl(url), url }))

function relationKind(relation) {
  const [nl, en] = relation.split('/')
  if (nl === 'uitgevoerd_door') return UITGEVOERD_DOOR[en] ?? fail(`unknown relation ${relation}`)
  return RELATION[nl] ?? fail(`unknown relation ${relation}`)
}

/** Converts the outline to plain graph data (not yet validated). */
function buildDemoGraph(outline) {
  const byId = new Map(outline.nodes.map((n) => [n.id, n]))
  const dropped = new Set(outline.nodes.filter((n) => FACET_KINDS.has(n.kind)).map((n) => n.id))
  const status = (letter, where) => STATUS[letter] ?? fail(`unknown status ${letter} at ${where}`)

  /** Normalised edges: [source, relation, target, status, attributes]. */
  const outlineEdges = outline.edges.map(([source, rel, target, st]) => {
    if (typeof rel === 'string') return { source, relation: rel, target, st, attrs: {} }
    const [relation, attrs] = Object.entries(rel)[0] ?? fail(`empty relation ${source}→${target}`)
    return { source, relation, target, st, attrs: attrs ?? {} }
  })

  // Facets from the dropped nodes' edges.
  const phaseOf = new Map()
  for (const e of outlineEdges) {
    if (e.relation.startsWith('relevant_in_fase/')) {
      phaseOf.set(e.source, PHASE[e.target] ?? fail(`unknown phase ${e.target}`))
    }
  }

  // A person without actor_type takes the actor type of the organisation they work for
  // (`werkt_bij`): a planner at the Gemeente is a municipality actor, an ORAM adviser a
  // business-association actor. No such organisation is an error, not a silent 'other'.
  const employer = new Map()
  for (const e of outlineEdges) {
    if (e.relation.startsWith('werkt_bij/')) employer.set(e.source, e.target)
  }
  const actorTypeOf = (n) => {
    if (n.actor_type) return ACTOR_TYPE[n.actor_type] ?? fail(`unknown actor_type ${n.actor_type}`)
    const org = byId.get(employer.get(n.id))
    if (n.is_person && org?.actor_type) return actorTypeOf(org)
    return fail(`actor ${n.id} has no actor_type and no organisation (werkt_bij) to take it from`)
  }

  // Projects located in an Area take that area's name and stadsdeel.
  const areaOf = new Map()
  for (const e of outlineEdges) {
    if (e.relation.startsWith('ligt_in/') && byId.get(e.target)?.kind === 'Area') {
      areaOf.set(e.source, byId.get(e.target))
    }
  }

  const nodes = []
  for (const n of outline.nodes) {
    if (dropped.has(n.id)) continue
    const map = KIND[n.kind] ?? fail(`unknown node kind ${n.kind} (${n.id})`)
    const fields = {}
    for (const [key, value] of Object.entries(n)) {
      if (CONSUMED.has(key)) continue
      if (value !== null && typeof value === 'object') fail(`${n.id}.${key} is not a plain value`)
      fields[key] = value
    }
    const node = {
      id: n.id,
      kind: map.kind,
      title: '',
      description: n.notes ?? '',
      tags: map.tags ?? [],
      status: status(n.status, n.id),
      sources: sourceRefs(n.sources),
      fields,
      createdAt: STAMP,
      updatedAt: STAMP,
      createdBy: AUTHOR,
      updatedBy: AUTHOR,
      deletedAt: null
    }
    switch (n.kind) {
      case 'Actor': {
        node.actorType = actorTypeOf(n)
        if (n.fictional_role_desc) {
          // Invented interviewees are never named: their role stands in for a name.
          node.title = n.fictional_role_desc
          node.isPerson = true
          node.roleDescription = n.fictional_role_desc
          node.consent = 'pseudonymised'
        } else if (n.is_person) {
          // Named persons from public sources; `subtype` reads "<role>, <organisation>".
          node.title = n.display_name
          node.isPerson = true
          node.consent = 'named'
          const cut = (n.subtype ?? '').lastIndexOf(', ')
          if (cut > 0) {
            node.roleDescription = n.subtype.slice(0, cut)
            node.organisation = n.subtype.slice(cut + 2)
          } else if (n.subtype) {
            node.roleDescription = n.subtype
          }
        } else {
          node.title = n.display_name ?? n.label_nl
          node.isPerson = false
        }
        break
      }
      case 'Interview': {
        const number = n.id.replace(/^\D+/, '')
        node.title = `Gesprek ${number}: ${n.summary_nl}`
        node.summary = n.summary_nl
        // Fictional, marked as such: lets the interview workbench work on the demo.
        const transcript = TRANSCRIPTS.transcripts[n.id]
        if (transcript) node.transcript = `${TRANSCRIPTS.marker}\n\n${transcript}`
        if (n.year !== undefined) node.date = String(n.year)
        node.consent = 'pseudonymised'
        break
      }
      case 'Quote':
        node.title = n.text_nl
        node.text = n.text_nl
        if (n.speaker_role) node.speakerRole = n.speaker_role
        break
      case 'Lesson':
        node.title = n.statement_nl
        node.statement = n.statement_nl
        if (phaseOf.has(n.id)) node.phase = phaseOf.get(n.id)
        break
      case 'Source':
        node.title = n.label_nl ?? n.topic_nl ?? (n.url ? titleFromUrl(n.url) : n.id)
        if (n.url) node.sources = [...node.sources, ...sourceRefs([n.url])]
        break
      default:
        node.title = n.label_nl ?? n.display_name ?? n.id
    }
    if (map.projectType) {
      node.projectType = map.projectType
      const area = areaOf.get(n.id)
      if (area) {
        node.area = area.label_nl
        if (area.stadsdeel) node.district = area.stadsdeel
      }
    }
    if (map.themeType) node.themeType = map.themeType
    if (!node.title) fail(`node ${n.id} has no title`)
    nodes.push(node)
  }

  // Layered layout: one band per kind, outline order within a band, rows centred on x = 0.
  for (const [band, kind] of BANDS.entries()) {
    const row = nodes.filter((n) => n.kind === kind)
    row.forEach((n, i) => {
      n.position = { x: Math.round((i - (row.length - 1) / 2) * DX), y: band * DY }
    })
  }

  const edges = []
  for (const e of outlineEdges) {
    const [nl] = e.relation.split('/')
    if (dropped.has(e.source) || dropped.has(e.target)) continue
    if (FACET_RELATIONS.has(nl)) fail(`facet relation ${e.relation} between kept nodes`)
    const kind = relationKind(e.relation)
    const edge = {
      id: `e-${e.source}-${kind}-${e.target}`,
      kind,
      source: e.source,
      target: e.target,
      status: status(e.st, `${e.source} ${e.relation} ${e.target}`),
      sources: [],
      evidence: [],
      fields: {},
      createdAt: STAMP,
      updatedAt: STAMP,
      createdBy: AUTHOR,
      updatedBy: AUTHOR,
      deletedAt: null
    }
    if (RELATION_LABEL[nl]) edge.label = RELATION_LABEL[nl]
    for (const [key, value] of Object.entries(e.attrs)) {
      if (key === 'rol') edge.role = value
      else if (key === 'niveau') {
        if (value !== null) edge.participationLevel = LEVEL[value] ?? fail(`unknown level ${value}`)
      } else fail(`unknown edge attribute ${key} on ${edge.id}`)
    }
    edges.push(edge)
  }

  const keptEdges = outlineEdges.filter((e) => !dropped.has(e.source) && !dropped.has(e.target))
  if (edges.length !== keptEdges.length) fail('edges were lost in conversion')
  organicLayout(nodes, edges)
  return { nodes, edges, annotations: [] }
}

/**
 * Lays the demo out with fCoSE on a headless Cytoscape, so related nodes sit
 * together and the first map a user sees reads well. Math.random is replaced by a seeded generator
 * for the duration, so the result is the same on every run and machine.
 */
function organicLayout(nodes, edges) {
  let seed = 0x5eed
  const random = Math.random
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  try {
    cytoscape.use(fcose)
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements: [
        ...nodes.map((n) => ({ data: { id: n.id }, position: { ...n.position } })),
        ...edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target } }))
      ],
      style: [{ selector: 'node', style: { width: 40, height: 40 } }]
    })
    cy.layout({
      name: 'fcose',
      quality: 'proof',
      // randomize: false on a headless core collapses every node onto x = y; start from a
      // (seeded) random spread instead.
      randomize: true,
      animate: false,
      nodeRepulsion: 30000,
      idealEdgeLength: 160,
      nodeSeparation: 120,
      numIter: 5000
    }).run()
    const byId = new Map(nodes.map((n) => [n.id, n]))
    cy.nodes().forEach((cn) => {
      const p = cn.position()
      byId.get(cn.id()).position = { x: Math.round(p.x), y: Math.round(p.y) }
    })
  } finally {
    Math.random = random
  }
}

async function load(path) {
  const { module } = await runnerImport(resolve(ROOT, path), {
    configFile: false,
    root: ROOT,
    logLevel: 'error'
  })
  return module
}

async function main() {
  const args = process.argv.slice(2)
  const check = args.includes('--check')
  const outlinePath = resolve(
    args.find((a) => !a.startsWith('--')) ?? resolve(ROOT, '../shared/domain/demo-outline.json')
  )
  if (!existsSync(outlinePath)) fail(`outline not found: ${outlinePath}`)
  const outline = JSON.parse(readFileSync(outlinePath, 'utf8'))
  const graph = buildDemoGraph(outline)

  const { validateGraph } = await load('src-renderer/domain/validate.ts')
  const { serializeKgJson, parseKgJson } = await load('src-renderer/exchange/formats/kg-json.ts')
  const valid = validateGraph(graph)
  if (!valid.ok) {
    for (const issue of valid.issues) console.error(`  ${issue.recordId ?? '-'}: ${issue.message}`)
    fail(`the demo graph does not validate (${valid.issues.length} issues)`)
  }
  const text = serializeKgJson(valid.value, {
    title: outline.meta?.title,
    description: outline.meta?.disclaimer,
    exportedAt: STAMP
  })
  const reread = parseKgJson(text)
  if (!reread.ok) fail(`the written file does not read back: ${reread.issues[0]?.message}`)

  const summary = `${reread.value.nodes.length} nodes, ${reread.value.edges.length} edges`
  if (check) {
    const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : ''
    if (current !== text) fail(`${OUT} is out of date; run node scripts/build-demo.mjs`)
    console.log(`build-demo: up to date (${summary})`)
    return
  }
  writeFileSync(OUT, text)
  console.log(`build-demo: wrote ${OUT} (${summary})`)
}

// Exit explicitly: the module runner and the layout leave timers that would keep Node alive.
main().then(() => process.exit(0), (error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
)
