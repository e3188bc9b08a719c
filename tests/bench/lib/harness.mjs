// Shared pieces of the browser benchmarks: bundle a page with Vite, serve it on 127.0.0.1, launch
// Debian's Chromium through Playwright, time-box a step, and describe the machine for the results.
import { execFile } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import os from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { clearTimeout, setTimeout } from 'node:timers'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** The repository root (tests/bench/lib → ../../..). */
export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)))

/** Debian's Chromium; override with KG_CHROMIUM. Playwright's own browser download is never used. */
export const CHROMIUM = process.env.KG_CHROMIUM ?? '/usr/bin/chromium'

/** Flags for a quiet, reproducible headless Chromium on these machines. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync'
]

/**
 * Bundles a benchmark page with Vite (no config file; the app's aliases).
 * @param {{ root: string, input: string, outDir: string }} opts paths relative to the repository root
 * @returns {Promise<string>} the absolute output directory
 */
export async function buildPage({ root, input, outDir }) {
  const { build } = await import('vite')
  const out = resolve(ROOT, outDir)
  await build({
    configFile: false,
    root: resolve(ROOT, root),
    base: './',
    logLevel: 'warn',
    publicDir: false,
    resolve: {
      alias: {
        '@renderer': resolve(ROOT, 'src-renderer'),
        '@shared': resolve(ROOT, 'src-main/shared')
      }
    },
    build: {
      outDir: out,
      emptyOutDir: true,
      reportCompressedSize: false,
      rollupOptions: { input: resolve(ROOT, root, input) }
    }
  })
  return out
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm'
}

/**
 * Serves a directory on 127.0.0.1 on a random free port.
 * @param {string} dir absolute directory
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveDir(dir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(dir, path === '/' ? 'index.html' : path))
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end()
      return
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file')
    } catch {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type':
        TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream',
      'cache-control': 'no-store'
    })
    createReadStream(file).pipe(res)
  })
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok(undefined)))
  }
}

/** @returns {Promise<string>} a fresh temporary user-data directory */
export function tempProfile(prefix = 'kg-bench-') {
  return mkdtemp(join(os.tmpdir(), prefix))
}

/** @param {string} dir */
export async function removeDir(dir) {
  await rm(dir, { recursive: true, force: true })
}

/**
 * Launches headless Chromium with a persistent profile, so IndexedDB survives closed pages and restarts.
 * @param {string} userDataDir
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export async function launchChromium(userDataDir) {
  const { chromium } = await import('playwright-core')
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 120_000,
    viewport: { width: 1280, height: 800 }
  })
}

/** @returns {Promise<string>} e.g. "Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)" */
export async function chromiumVersion() {
  try {
    const { stdout } = await promisify(execFile)(CHROMIUM, ['--version'], { timeout: 30_000 })
    return stdout.trim()
  } catch (err) {
    return `unknown (${err instanceof Error ? err.message : String(err)})`
  }
}

/** Machine facts stored next to every result. */
export async function machineInfo() {
  // Read before launching anything of our own.
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: await chromiumVersion(),
    /** 1, 5 and 15 minute load averages at the start: other work on the machine skews every number. */
    loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString()
  }
}

/** Thrown by {@link withTimeout} when the limit passes. */
export class TimeoutError extends Error {}

/**
 * Races a promise against a time limit.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer
  const limit = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new TimeoutError(`${what} exceeded ${ms / 1000} s`)), ms)
  })
  return /** @type {Promise<T>} */ (Promise.race([promise, limit])).finally(() =>
    clearTimeout(timer)
  )
}

/** @param {number[]} values */
export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/**
 * Formats rows as a plain text table.
 * @param {string[]} header
 * @param {(string | number | null)[][]} rows
 */
export function table(header, rows) {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? '–' : String(c))))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)))
  const line = (/** @type {string[]} */ r) => r.map((c, i) => c.padStart(widths[i])).join('  ')
  return [
    line(cells[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line)
  ].join('\n')
}

/**
 * Builds `tests/bench/<name>/bench-page.html`, serves it on 127.0.0.1 and reads the machine info: the
 * start every benchmark shares.
 * @param {string} name
 */
export async function startBenchPage(name) {
  console.log(`${name}: building the bench page…`)
  const outDir = await buildPage({
    root: `tests/bench/${name}`,
    input: 'bench-page.html',
    outDir: `out/bench/${name}`
  })
  const server = await serveDir(outDir)
  return { outDir, server, pageUrl: `${server.url}/bench-page.html`, machine: await machineInfo() }
}
