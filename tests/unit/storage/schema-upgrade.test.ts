import { describe, expect, it } from 'vitest'
import { backupDatabase, openDatabase, type SchemaBackup } from '../../../src-renderer/storage/db'
import { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'
import { SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src-renderer/storage/schema'

/** A made-up next version: today's layout plus one table. */
const V2 = [
  ...SCHEMA_VERSIONS,
  {
    version: SCHEMA_VERSION + 1,
    description: 'test upgrade',
    stores: { ...SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.stores, extra: '&id' }
  }
]

describe('schema upgrade', () => {
  it('writes a backup of every table before upgrading, and keeps the data', async () => {
    const name = `upgrade-${Math.random()}`
    const v1 = await openDatabase(name)
    expect(v1.backupId).toBeUndefined()
    const repo = await GraphRepository.load(v1, { author: () => 'Anna' })
    const r = await repo.createNode({ kind: 'lesson', title: 'Blijf communiceren', status: 'inferred' })
    expect(r.ok).toBe(true)
    v1.db.close()

    const v2 = await openDatabase(name, V2)
    expect(v2.readOnly).toBe(false)
    expect(v2.backupId).toBeDefined()
    const side = backupDatabase(name)
    const backup = (await side.table('backups').get(v2.backupId!)) as SchemaBackup
    side.close()
    expect([backup.fromVersion, backup.toVersion]).toEqual([SCHEMA_VERSION, SCHEMA_VERSION + 1])
    const tables = JSON.parse(backup.tables) as Record<string, { data?: string }[]>
    expect(Object.keys(tables).sort()).toEqual(['changes', 'meta', 'pages', 'presentations', 'settings', 'views'])
    expect(tables.pages!.some((p) => p.data?.includes('Blijf communiceren'))).toBe(true)
    const upgraded = await GraphRepository.load(v2, { author: () => 'Anna' })
    expect(upgraded.store.liveNodes().map((n) => n.title)).toEqual(['Blijf communiceren'])
    v2.db.close()

    // Opening again at the same version writes no second backup.
    const again = await openDatabase(name, V2)
    expect(again.backupId).toBeUndefined()
    again.db.close()
  })
})
