/**
 * Complete backups through the real storage (fake-indexeddb): every record type, soft-deleted
 * records, saved views, presentations, the map's title and description and the change history are
 * written to one `.kg.json` (or `.kg.json.gz`), read back through the import pipeline and restored
 * into a fresh database, which then holds exactly what was there.
 */
import { describe, expect, it } from 'vitest'
import { applyMapping, importInto, readImport } from '../../../src-renderer/exchange/import'
import { exportGraph } from '../../../src-renderer/exchange/export/data-export'
import type { ChangeRow } from '../../../src-renderer/storage/db'
import type { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'
import type { BackupData } from '../../../src-renderer/storage/repositories/bulk'
import {
  readMapInfo,
  saveView,
  savePresentation,
  writeMapInfo
} from '../../../src-renderer/storage/views'
import { freshRepo, reopen } from './helpers'

const EXPORTED_AT = '2026-02-01T00:00:00.000Z'

function must<T>(r: { ok: true; value: T } | { ok: false; issues: unknown }): T {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r.issues).slice(0, 500)}`)
  return r.value
}

/** A map with every record type, edits, a cascade delete, an undo, views, presentations, map info. */
async function buildMap(repo: GraphRepository): Promise<void> {
  const actor = must(
    await repo.createNode({
      kind: 'actor',
      title: 'Ymere',
      actorType: 'housing_corporation',
      status: 'confirmed',
      fields: { directed: 'ja', rank: 3 }
    })
  )
  const interview = must(
    await repo.createNode({ kind: 'interview', title: 'Gesprek Ymere', status: 'confirmed' })
  )
  const quote = must(
    await repo.createNode({
      kind: 'quote',
      title: 'Citaat',
      text: 'We hoorden maanden niets.',
      status: 'illustrative'
    })
  )
  const lesson = must(
    await repo.createNode({ kind: 'lesson', title: 'Blijf communiceren', status: 'inferred' })
  )
  const gone = must(
    await repo.createNode({ kind: 'lesson', title: 'Wordt verwijderd', status: 'inferred' })
  )
  must(await repo.createNode({ kind: 'theme', title: 'Vertrouwen', themeType: 'beleid', status: 'confirmed' } as never))
  must(await repo.createNode({ kind: 'ingredient', title: 'Tijd', status: 'confirmed' }))
  must(await repo.createNode({ kind: 'project', title: 'Buurtcentrum', projectType: 'werkplaats', status: 'confirmed' } as never))
  const edge = must(
    await repo.createEdge({
      kind: 'supports',
      source: quote.id,
      target: lesson.id,
      status: 'confirmed'
    } as never)
  ).id
  must(
    await repo.createEdge({
      kind: 'interviewed',
      source: interview.id,
      target: actor.id,
      status: 'confirmed'
    } as never)
  )
  must(
    await repo.createEdge({
      kind: 'supports',
      source: quote.id,
      target: gone.id,
      status: 'confirmed'
    } as never)
  )
  must(
    await repo.addAnnotation({ targetId: edge, targetType: 'edge', stance: 'agrees', confidence: 4 })
  )
  must(
    await repo.addAnnotation({
      targetId: gone.id,
      targetType: 'node',
      stance: 'disagrees',
      confidence: 2,
      text: 'Twijfel'
    })
  )
  must(await repo.updateNode(lesson.id, { title: 'Blijf altijd communiceren' }))
  must(await repo.setPositions(new Map([[actor.id, { x: 10, y: -20.5 }]])))
  // Soft-deletes the lesson, its edge and its annotation.
  must(await repo.deleteNode(gone.id))
  must(await repo.updateNode(actor.id, { title: 'Ymere (woningcorporatie)' }))
  must(await repo.undo())
  const view = await saveView(repo.db, {
    name: 'Alles over Ymere',
    description: 'Uitleg',
    createdBy: 'Anna',
    state: {
      filter: { kinds: ['actor'] },
      focus: null,
      lens: 'none',
      centrality: 'degree',
      display: 'all',
      searchMatches: null
    },
    positions: { [actor.id]: { x: 1, y: 2 } },
    viewport: { zoom: 1.5, pan: { x: 3, y: 4 } }
  })
  await savePresentation(repo.db, {
    name: 'Verhaal',
    slides: [{ viewId: view.id, caption: 'Eerst dit' }]
  })
  await writeMapInfo(repo.db, { title: 'Stadmaken Zuid', description: 'Kaart van de wijk' })
}

const byId = <T extends { id: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

/** A backup in a form that compares regardless of page layout. */
function comparable(b: BackupData): unknown {
  return {
    nodes: byId(b.graph.nodes),
    edges: byId(b.graph.edges),
    annotations: byId(b.graph.annotations),
    views: b.views,
    presentations: b.presentations,
    map: b.map,
    history: b.history
  }
}

function backupText(b: BackupData, format: 'kg-json' | 'kg-json-gz' = 'kg-json'): Uint8Array {
  const out = exportGraph(b.graph, format, {
    exportedAt: EXPORTED_AT,
    ...(b.map.title ? { title: b.map.title } : {}),
    ...(b.map.description ? { description: b.map.description } : {}),
    views: b.views,
    presentations: b.presentations,
    ...(b.history ? { history: b.history } : {})
  })
  return typeof out === 'string' ? new TextEncoder().encode(out) : out
}

async function restore(
  bytes: Uint8Array,
  name: string,
  mode: 'replace' | 'merge',
  into?: GraphRepository
): Promise<{ repo: GraphRepository; dbName: string }> {
  const target = into ? { repo: into, name: into.db.name } : await freshRepo()
  const preview = must(readImport(name, bytes))
  const graph = must(applyMapping(preview))
  must(await importInto(target.repo, graph, mode, {}, preview.document))
  return { repo: target.repo, dbName: target.name }
}

describe('a complete backup', () => {
  it('restores into a fresh database exactly: records, deleted ones, views, presentations, map, history', async () => {
    const { repo, name } = await freshRepo()
    await buildMap(repo)
    const before = await repo.readBackup({ deleted: true, history: true })
    expect(before.graph.nodes.some((n) => n.deletedAt)).toBe(true)
    expect(before.graph.edges.some((e) => e.deletedAt)).toBe(true)
    expect(before.graph.annotations.some((a) => a.deletedAt)).toBe(true)
    expect(before.views).toHaveLength(1)
    expect(before.presentations).toHaveLength(1)
    expect(before.history!.length).toBeGreaterThan(10)

    for (const format of ['kg-json', 'kg-json-gz'] as const) {
      const file = format === 'kg-json' ? 'kaart.kg.json' : 'kaart.kg.json.gz'
      const { dbName } = await restore(backupText(before, format), file, 'replace')
      // Reopened from disk: nothing lives only in memory.
      const again = await reopen(dbName)
      const after = await again.readBackup({ deleted: true, history: true })
      const restoreRow = after.history!.filter((r) => !before.history!.some((b) => b.id === r.id))
      expect(restoreRow).toHaveLength(1)
      expect(restoreRow[0]).toMatchObject({ action: 'import.replace', barrier: true })
      const withoutRestore = {
        ...after,
        history: after.history!.filter((r) => r.id !== restoreRow[0]!.id)
      }
      expect(comparable(withoutRestore)).toEqual(comparable(before))
      expect(await readMapInfo(again.db)).toEqual({
        title: 'Stadmaken Zuid',
        description: 'Kaart van de wijk'
      })
      // Restored history is there to read, never to undo: the restore is a barrier after it.
      expect(again.canUndo()).toBe(false)
      expect(again.store.liveNodes().length).toBe(repo.store.liveNodes().length)
    }
    await reopen(name)
  })

  it('without the options holds only live records and no history; a restore keeps the stored history', async () => {
    const { repo } = await freshRepo()
    await buildMap(repo)
    const lean = await repo.readBackup()
    expect(lean.history).toBeUndefined()
    expect(lean.graph.nodes.every((n) => !n.deletedAt)).toBe(true)
    const text = new TextDecoder().decode(backupText(lean))
    expect(text).not.toContain('"history"')
    const { repo: target } = await freshRepo()
    must(await target.createNode({ kind: 'theme', title: 'Eigen', themeType: 'beleid', status: 'confirmed' } as never))
    const own = (await target.db.table('changes').toArray()) as ChangeRow[]
    await restore(new TextEncoder().encode(text), 'kaart.kg.json', 'replace', target)
    const rows = (await target.db.table('changes').toArray()) as ChangeRow[]
    for (const r of own) expect(rows.some((x) => x.id === r.id)).toBe(true)
    expect(target.store.liveNodes().map((n) => n.title)).not.toContain('Eigen')
  })

  it('merge: views and presentations by id (the file wins), map info only where missing', async () => {
    const { repo } = await freshRepo()
    await buildMap(repo)
    const backup = await repo.readBackup({ deleted: true, history: true })
    const { repo: target } = await freshRepo()
    const mine = await saveView(target.db, {
      name: 'Mijn weergave',
      description: '',
      createdBy: 'Bram',
      state: {
        filter: null,
        focus: null,
        lens: 'none',
        centrality: 'degree',
        display: 'all',
        searchMatches: null
      },
      positions: {},
      viewport: { zoom: 1, pan: { x: 0, y: 0 } }
    })
    await writeMapInfo(target.db, { title: 'Mijn kaart' })
    const theirs = { ...backup.views[0]!, name: 'Oude naam' }
    await target.db.table('views').put(theirs)
    await restore(backupText(backup), 'kaart.kg.json', 'merge', target)
    const views = byId((await target.db.table('views').toArray()) as { id: string; name: string }[])
    expect(views.map((v) => v.name).sort()).toEqual(['Alles over Ymere', 'Mijn weergave'])
    expect(views.find((v) => v.id === mine.id)?.name).toBe('Mijn weergave')
    expect(await target.db.table('presentations').count()).toBe(1)
    expect(await readMapInfo(target.db)).toEqual({
      title: 'Mijn kaart',
      description: 'Kaart van de wijk'
    })
    // The merged records include the soft-deleted ones, still deleted.
    const deleted = backup.graph.nodes.find((n) => n.deletedAt)!
    expect(target.store.nodes.get(deleted.id)?.deletedAt).toBe(deleted.deletedAt)
  })

  it('a replace whose records do not validate writes nothing at all', async () => {
    const { repo } = await freshRepo()
    await buildMap(repo)
    const backup = await repo.readBackup({ deleted: true, history: true })
    const { repo: target } = await freshRepo()
    must(await target.createNode({ kind: 'theme', title: 'Eigen', themeType: 'beleid', status: 'confirmed' } as never))
    const changes = await target.db.table('changes').count()
    const broken = {
      nodes: [],
      edges: backup.graph.edges.filter((e) => !e.deletedAt),
      annotations: []
    }
    const r = await importInto(target, broken, 'replace', {}, {
      type: 'stadmaken-kennisgraaf',
      version: 2,
      source: 'x',
      exportedAt: '',
      ...broken,
      views: backup.views,
      presentations: backup.presentations,
      history: backup.history!
    })
    expect(r.ok).toBe(false)
    expect(await target.db.table('views').count()).toBe(0)
    expect(await target.db.table('changes').count()).toBe(changes)
    expect(target.store.liveNodes().map((n) => n.title)).toEqual(['Eigen'])
  })
})
