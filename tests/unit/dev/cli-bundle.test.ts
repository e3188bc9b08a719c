/**
 * The command line's prebuilt pipeline (scripts/lib/cli-bundle.mjs): built once per state of the
 * sources, reused while they stay as they are, rebuilt (and the old one removed) when one changes.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { pipelineBundle } from '../../../scripts/lib/cli-bundle.mjs'

const root = mkdtempSync(join(tmpdir(), 'kg-cli-bundle-'))
const entry = join(root, 'src-renderer/exchange/import/cli-entry.ts')
mkdirSync(join(root, 'src-renderer/exchange/import'), { recursive: true })
afterAll(() => rmSync(root, { recursive: true, force: true }))

const bundle = (): string => pipelineBundle(root)
const load = async (file: string): Promise<{ version: number }> =>
  (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { version: number }

describe('the command line pipeline bundle', () => {
  it('is built from the sources, reused while they stay the same, rebuilt when one changes', async () => {
    writeFileSync(entry, 'const version: number = 1\nexport { version }\n')
    utimesSync(entry, 1_000, 1_000)
    const first = bundle()
    expect((await load(first)).version).toBe(1)
    expect(bundle()).toBe(first)

    writeFileSync(entry, 'const version: number = 2\nexport { version }\n')
    utimesSync(entry, 2_000, 2_000)
    const second = bundle()
    expect(second).not.toBe(first)
    expect((await load(second)).version).toBe(2)
    // The bundle of the earlier sources is gone.
    expect(existsSync(first)).toBe(false)

    // Sources that do not build: the call fails and leaves no half-built folder behind.
    writeFileSync(entry, 'export const = broken\n')
    utimesSync(entry, 3_000, 3_000)
    expect(() => bundle()).toThrow()
    expect(readdirSync(join(root, 'node_modules/.cache/kg-cli')).filter((d) => d.startsWith('build-'))).toEqual([])
  }, 60_000)
})
