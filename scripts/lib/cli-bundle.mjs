/**
 * The import pipeline as one prebuilt ES module for the command line (scripts/kg.mjs), so a run
 * does not carry Vite's module runner (~175 MB of memory, and its start-up time). The bundle is
 * built from the app's own sources with Vite, once per state of the sources: it lives in
 * node_modules/.cache/kg-cli/<fingerprint>/ and is rebuilt when any file it can be built from
 * changes (src-renderer, src-main/shared, package.json, the lock file, this script). The build runs in a child process, so the run that builds it does not hold
 * Vite either; runs that race to build it each build into their own folder and the first rename
 * wins.
 */
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What the bundle is built from: the entry and everything it can import. */
const ENTRY = 'src-renderer/exchange/import/cli-entry.ts'

/** Folders the bundle is built from (the entry imports from both). */
const SOURCE_DIRS = ['src-renderer', 'src-main/shared']
/** Single files it depends on: the app version comes from package.json. */
const SOURCE_FILES = ['package.json', 'package-lock.json', 'scripts/lib/cli-bundle.mjs']

/** A hash of every source file's path, size and modification time. */
function fingerprint(root) {
  const hash = createHash('sha1')
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else {
        const s = statSync(path)
        hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\n`)
      }
    }
  }
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir))
  for (const file of SOURCE_FILES) {
    const path = join(root, file)
    if (existsSync(path)) hash.update(`${file}\0${statSync(path).size}\0${statSync(path).mtimeMs}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}

/** Builds the bundle into `outDir` (run as a child: `node cli-bundle.mjs <root> <outDir>`). */
async function build(root, outDir) {
  const { build: viteBuild } = await import('vite')
  await viteBuild({
    configFile: false,
    root,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      ssr: join(root, ENTRY),
      rollupOptions: { output: { format: 'es', entryFileNames: 'pipeline.mjs' } }
    },
    // Everything in the bundle: the run needs no module resolution beyond Node's built-ins.
    ssr: { noExternal: true }
  })
}

/** The path of an up-to-date pipeline bundle for `root`, building it first when there is none. */
export function pipelineBundle(root) {
  const cache = join(root, 'node_modules', '.cache', 'kg-cli')
  const dir = join(cache, fingerprint(root))
  const file = join(dir, 'pipeline.mjs')
  if (existsSync(file)) return file
  mkdirSync(cache, { recursive: true })
  const tmp = mkdtempSync(join(cache, 'build-'))
  try {
    try {
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), root, tmp], { stdio: ['ignore', 'ignore', 'pipe'] })
    } catch (error) {
      const detail = String(error?.stderr ?? error?.message ?? error).trim().split('\n')[0]
      throw new Error(`the command line bundle did not build: ${detail}`)
    }
    try {
      renameSync(tmp, dir)
    } catch {
      // Another run built it first: use theirs.
    }
  } finally {
    // A failed or lost build leaves nothing behind.
    rmSync(tmp, { recursive: true, force: true })
  }
  // Bundles of earlier states of the sources are of no more use; so are builds that were killed
  // (a build in progress is minutes old at most).
  const now = Date.now()
  for (const old of readdirSync(cache)) {
    const path = join(cache, old)
    if (path === dir) continue
    if (old.startsWith('build-') && now - statSync(path).mtimeMs < 10 * 60_000) continue
    rmSync(path, { recursive: true, force: true })
  }
  return file
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root, outDir] = process.argv.slice(2)
  await build(root, outDir)
}
