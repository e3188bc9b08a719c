import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * Test hooks (window.__kgCy) exist only in the e2e web bundle: a production build of the renderer
 * (the same code as the Electron renderer) contains none of their names.
 */
const ROOT = resolve(import.meta.dirname, '../../..')
/** As TEST_HOOK_NAMES in scripts/test-hooks.ts (a tsconfig.node file, so not imported here). */
const TEST_HOOK_NAMES = ['__kgCy']
const dirs: string[] = []

/** Builds the web renderer in `mode` into a temporary folder; returns every output file's text. */
async function bundle(mode: string): Promise<Map<string, string>> {
  const outDir = mkdtempSync(join(tmpdir(), `kg-web-${mode}-`))
  dirs.push(outDir)
  // Vitest sets NODE_ENV=test; a real build runs with production.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      configFile: resolve(ROOT, 'vite.web.config.ts'),
      mode,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, reportCompressedSize: false }
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  const files = new Map<string, string>()
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else files.set(p.slice(outDir.length + 1), readFileSync(p, 'latin1'))
    }
  }
  walk(outDir)
  return files
}

function filesNaming(files: Map<string, string>, name: string): string[] {
  return [...files].filter(([, text]) => text.includes(name)).map(([file]) => file)
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('test hooks', () => {
  it('are absent from the production web bundle', { timeout: 120_000 }, async () => {
    const files = await bundle('production')
    expect(files.size).toBeGreaterThan(3)
    for (const name of TEST_HOOK_NAMES) expect(filesNaming(files, name)).toEqual([])
  })

  it(
    'are present in the e2e bundle (so the check above looks at the right names)',
    { timeout: 120_000 },
    async () => {
      const files = await bundle('e2e')
      for (const name of TEST_HOOK_NAMES) expect(filesNaming(files, name)).not.toEqual([])
    }
  )
})
