/**
 * `npm start` and `npm install` without a real Electron: a stand-in executable (a shell script that
 * records its arguments) takes the binary's place through ELECTRON_OVERRIDE_DIST_PATH, Electron's own
 * switch for a binary kept elsewhere.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { atLeastVersion, ELECTRON_TOOLING_NODE } from '../../../scripts/lib/electron-binary.mjs'

const root = resolve(__dirname, '../../..')
let dir: string

function run(
  script: string,
  args: string[],
  env: Record<string, string>
): SpawnSyncReturns<string> {
  const clean = { ...process.env }
  delete clean['ELECTRON_OVERRIDE_DIST_PATH']
  delete clean['ELECTRON_SKIP_BINARY_DOWNLOAD']
  return spawnSync(process.execPath, [join(root, script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...clean, ...env },
    timeout: 120_000
  })
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-launcher-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(process.platform === 'win32')('npm start launcher', () => {
  // Runs a full electron-vite build: several seconds on a loaded 2-core machine (spawnSync: 120 s).
  it('builds the app and runs the binary on it, passing the arguments through', () => {
    const record = join(dir, 'args.txt')
    const standIn = join(dir, 'electron')
    writeFileSync(
      standIn,
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\necho "KG_USER_DATA_DIR=$KG_USER_DATA_DIR" >> '${record}'\nexit 7\n`
    )
    chmodSync(standIn, 0o755)
    const result = run('scripts/start.mjs', ['--some-flag'], {
      ELECTRON_OVERRIDE_DIST_PATH: dir,
      KG_USER_DATA_DIR: join(dir, 'profile')
    })
    // The stand-in's exit code comes back from `npm start`.
    expect(result.status, result.stderr).toBe(7)
    const recorded = readFileSync(record, 'utf8').trim().split('\n')
    expect(recorded[0]).toBe(root)
    expect(recorded[1]).toBe('--some-flag')
    expect(recorded[2]).toBe(`KG_USER_DATA_DIR=${join(dir, 'profile')}`)
    // The app it was pointed at is built: package.json's main exists.
    const main = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main as string
    expect(existsSync(join(root, main))).toBe(true)
    // The production page's CSP carries no development WebSocket sources.
    const page = readFileSync(join(root, 'out/renderer/index.html'), 'utf8')
    expect(page).toContain("connect-src 'self';")
    expect(page).not.toContain('ws:')
    expect(result.stdout + result.stderr).not.toContain('Electron uninstall')
  }, 120_000)

  it('stops at once with the clear message and exit 1 when there is no binary', () => {
    const result = run('scripts/start.mjs', [], { ELECTRON_OVERRIDE_DIST_PATH: dir })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('Electron')
    expect(result.stderr).toContain('is not installed')
    expect(result.stderr).toContain('npm run electron:install')
    expect(result.stderr).toContain('npm run web')
    expect(result.stderr).not.toContain('Electron uninstall')
    // Nothing was built or started before it stopped.
    expect(result.stdout).not.toContain('built in')
  })

  it('npm install succeeds with one line when the download is skipped', () => {
    const result = run('scripts/postinstall.mjs', [], {
      ELECTRON_OVERRIDE_DIST_PATH: dir,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1'
    })
    expect(result.status).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('download skipped')
    expect(lines[0]).toContain('npm run web')
  })

  it('npm install succeeds and says why when the download fails', () => {
    const result = run('scripts/postinstall.mjs', [], {
      ELECTRON_OVERRIDE_DIST_PATH: dir,
      // A mirror nobody listens on, and an empty cache: the download fails at once, never succeeds.
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(dir, 'cache')
    })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('download failed')
    expect(result.stdout).toContain('npm run electron:install')
  })

  it('npm install is silent about the binary once it is there', () => {
    const standIn = join(dir, 'electron')
    writeFileSync(standIn, '#!/bin/sh\nexit 0\n')
    chmodSync(standIn, 0o755)
    const result = run('scripts/postinstall.mjs', [], { ELECTRON_OVERRIDE_DIST_PATH: dir })
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe('')
  })
})

describe('Node version', () => {
  it('engines and .nvmrc name the Node that Electron tooling needs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      engines: { node: string }
    }
    expect(pkg.engines.node).toBe(`>=${ELECTRON_TOOLING_NODE}`)
    const nvmrc = readFileSync(join(root, '.nvmrc'), 'utf8').trim()
    // .nvmrc names a major line whose newest release satisfies engines.
    expect(Number(nvmrc.split('.')[0])).toBe(Number(ELECTRON_TOOLING_NODE.split('.')[0]))
    expect(atLeastVersion('22.12.0', '22.12.0')).toBe(true)
    expect(atLeastVersion('22.11.9', '22.12.0')).toBe(false)
    expect(atLeastVersion('24.0.0', '22.12.0')).toBe(true)
  })
})
