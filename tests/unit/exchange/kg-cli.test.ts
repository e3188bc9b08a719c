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
  return kgWith({}, ...args)
}

/** {@link kg} with extra environment variables. */
function kgWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'scripts/kg.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env }
    })
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
    expect(usage.code).toBe(64)
    expect(usage.stderr).toContain('Gebruik:')
  }, 30_000)
})

/** A GraphML file whose yEd node label nests `depth` elements deep. */
function deepGraphml(depth: number): string {
  return (
    '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">' +
    '<key id="d0" for="node" yfiles.type="nodegraphics"/><graph edgedefault="directed"><node id="a"><data key="d0">' +
    '<y:NodeLabel>'.repeat(depth) +
    'x' +
    '</y:NodeLabel>'.repeat(depth) +
    '</data></node></graph></graphml>'
  )
}

it('exit codes: 0 fine, 1 refused, 2 internal error, 64 wrong use; no stack trace unless --debug', async () => {
  writeFileSync(join(dir, 'goed.csv'), 'ID;Label;Type\r\na;Anna;Actor\r\nb;Bob;Actor\r\n')
  writeFileSync(join(dir, 'kapot.csv'), 'ID;Label\r\na;"Anna\r\n')
  const thrower = join(dir, 'thrower.mjs')
  writeFileSync(
    thrower,
    "export async function readStreams() { throw new TypeError('kan niet lezen van undefined') }\n"
  )
  const [good, bad, usage, option, missing, crash, crashDebug] = await Promise.all([
    kg('validate', join(dir, 'goed.csv')),
    kg('validate', join(dir, 'kapot.csv')),
    kg('validate'),
    kg('validate', join(dir, 'goed.csv'), '--onzin'),
    kg('validate', join(dir, 'bestaat-niet.csv')),
    kgWith({ KG_PIPELINE_MODULE: thrower }, 'validate', join(dir, 'goed.csv')),
    kgWith({ KG_PIPELINE_MODULE: thrower }, 'validate', join(dir, 'goed.csv'), '--debug')
  ])
  expect(good.code).toBe(0)
  expect(good.stdout).toContain('2 knopen, 0 verbindingen')
  expect(bad.code).toBe(1)
  expect(bad.stderr).toMatch(/aanhalingsteken op regel 2 wordt nergens gesloten/)
  for (const u of [usage, option, missing]) {
    expect(u.code).toBe(64)
    expect(u.stderr).toContain('Gebruik:')
  }
  expect(option.stderr).toContain('Onbekende optie: --onzin')
  expect(missing.stderr).toContain('Bestand niet gevonden')
  expect(crash.code).toBe(2)
  expect(crash.stderr.trim()).toBe('interne fout: kan niet lezen van undefined')
  expect(crashDebug.code).toBe(2)
  expect(crashDebug.stderr).toMatch(
    /^interne fout: kan niet lezen van undefined\nTypeError: .*\n\s+at /
  )
  for (const r of [good, bad, usage, option, missing, crash])
    expect(r.stderr).not.toMatch(/\n\s+at /)
}, 60_000)

it('--progress prints how far the read is on stderr, and nothing without it (not a terminal)', async () => {
  const rows = Array.from({ length: 30_000 }, (_, i) => `n${i};Knoop ${i};Thema`).join('\r\n')
  writeFileSync(join(dir, 'groot.csv'), `ID;Label;Type\r\n${rows}\r\n`)
  const [withProgress, without] = await Promise.all([
    kg('validate', join(dir, 'groot.csv'), '--progress'),
    kg('validate', join(dir, 'groot.csv'))
  ])
  expect(withProgress.code).toBe(0)
  expect(withProgress.stderr).toMatch(/lezen: 100% \(1 MB van 1 MB\)/)
  expect(withProgress.stderr).toContain('controleren')
  expect(without.code).toBe(0)
  expect(without.stderr).toBe('')
}, 60_000)

it('hostile nesting in every format is a refused file (exit 1, Dutch, no RangeError)', async () => {
  writeFileSync(join(dir, 'diep.graphml'), deepGraphml(4000))
  const deepDefault =
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="x" attr.type="string"><default>' +
    '<a>'.repeat(4000) +
    '</a>'.repeat(4000) +
    '</default></key><graph edgedefault="directed"><node id="a"/></graph></graphml>'
  writeFileSync(join(dir, 'diep-default.graphml'), deepDefault)
  writeFileSync(
    join(dir, 'diep.gexf'),
    '<gexf version="1.3"><graph><nodes><node id="a" label="A">' +
      '<x>'.repeat(4000) +
      '</x>'.repeat(4000) +
      '</node></nodes></graph></gexf>'
  )
  writeFileSync(
    join(dir, 'diep.cyjs'),
    `{"elements":{"nodes":[{"data":{"id":"a","extra":${'['.repeat(5000)}${']'.repeat(5000)}}}]}}`
  )
  writeFileSync(
    join(dir, 'diep.kg.json'),
    `{"type":"stadmaken-kennisgraaf","version":1,"nodes":[{"id":"a","fields":{"x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}],"edges":[]}`
  )
  const names = ['diep.graphml', 'diep-default.graphml', 'diep.gexf', 'diep.cyjs', 'diep.kg.json']
  const runs = await Promise.all(names.map((n) => kg('validate', join(dir, n))))
  runs.forEach((r, i) => {
    expect({ file: names[i], code: r.code }).toEqual({ file: names[i], code: 1 })
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack|interne fout/)
    expect(r.stderr).toMatch(/te diep genest|dieper genest/)
  })
}, 90_000)
