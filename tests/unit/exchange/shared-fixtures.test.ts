/**
 * The helper behind every test that reads ../shared/fixtures (tests/unit/support/shared-fixtures.ts):
 * a missing folder skips locally and fails under CI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SHARED_GRAPH_FIXTURES, checkSharedFixtures, isCi } from '../support/shared-fixtures'

const dir = mkdtempSync(join(tmpdir(), 'shared-fixtures-'))
writeFileSync(join(dir, 'data.gexf'), '<gexf/>')
const missing = join(dir, 'does-not-exist')

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('checkSharedFixtures', () => {
  it('fails under CI=true when the folder is missing, naming the folder', () => {
    expect(() => checkSharedFixtures({ dir: missing, env: { CI: 'true' } })).toThrow(
      /Shared test fixtures missing under CI: .*does-not-exist does not exist/
    )
    expect(() => checkSharedFixtures({ dir: missing, env: { CI: '1' } })).toThrow(/under CI/)
  })

  it('fails under CI=true when a needed file is missing from the folder', () => {
    const env = { CI: 'true' }
    expect(() => checkSharedFixtures({ dir, files: ['data.gexf', 'gone.gexf'], env })).toThrow(
      /lacks gone\.gexf/
    )
  })

  it('skips with a reason when the folder is missing outside CI', () => {
    for (const env of [{}, { CI: 'false' }, { CI: '' }]) {
      const check = checkSharedFixtures({ dir: missing, env })
      expect(check).toMatchObject({ available: false, dir: missing })
      if (!check.available) expect(check.reason).toContain('does-not-exist does not exist')
    }
  })

  it('reports the folder when it and the needed files are there, under CI or not', () => {
    for (const env of [{}, { CI: 'true' }]) {
      expect(checkSharedFixtures({ dir, files: ['data.gexf'], env })).toEqual({
        available: true,
        dir
      })
    }
  })

  it('looks in ../shared/fixtures/graphs next to the repository by default', () => {
    expect(SHARED_GRAPH_FIXTURES.replaceAll('\\', '/')).toMatch(/\/shared\/fixtures\/graphs$/)
    expect(isCi({ CI: 'true' })).toBe(true)
    expect(isCi({})).toBe(false)
  })
})
