import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { describeWithSharedFixtures } from '../support/shared-fixtures'

const ROOT = process.cwd()
/** The files of ../shared/fixtures/graphs the CLI is run on. */
const SAMPLES = { files: ['data.gexf', 'celegans.gexf', 'mixed_multigraph.graphml'] }
const dir = mkdtempSync(join(tmpdir(), 'kg-cli-'))

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `node scripts/kg.mjs …` and collects its exit code and output. */
function kg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'scripts/kg.mjs'), ...args], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describeWithSharedFixtures('npm run kg (scripts/kg.mjs)', SAMPLES, (FIXTURES) => {
  it('validates a good file, rejects a bad one, and converts', async () => {
    const cut = readFileSync(resolve(FIXTURES, 'data.gexf'), 'utf8')
    writeFileSync(join(dir, 'kapot.gexf'), cut.slice(0, cut.length / 2))
    const out = join(dir, 'kaart.csv')
    const [good, bad, convert] = await Promise.all([
      kg('validate', resolve(FIXTURES, 'celegans.gexf')),
      kg('validate', join(dir, 'kapot.gexf')),
      kg('convert', resolve(FIXTURES, 'mixed_multigraph.graphml'), out)
    ])
    expect(good.code).toBe(0)
    expect(good.stdout).toContain('306 knopen, 2345 verbindingen')
    expect(good.stdout).toContain('Thema: 306')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/Het bestand is geen geldige GEXF-XML \(regel \d+, kolom \d+\)/)
    expect(convert.code).toBe(0)
    const back = await kg('validate', join(dir, 'kaart-elements.csv'))
    expect(back.code).toBe(0)
    expect(back.stdout).toContain('6 knopen, 8 verbindingen')
    const usage = await kg('onzin')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('Gebruik:')
  }, 30_000)
})
