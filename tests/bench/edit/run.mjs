// Edit benchmark: one title edit, from the repository call until the canvas label, the search result
// and the list row show it; the app (diff-driven derived views) against the whole-graph recompute it
// did before, measured in the same run on the same page. Prints a table; writes
// tests/bench/results/edit.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM, CHROMIUM_ARGS, ROOT, startBenchPage, table } from '../lib/harness.mjs'

export const description =
  'One title edit until canvas label, search result and list row show it: app vs whole-graph recompute'
export const usage = `edit [--quick] [--only=10k] [--edits=20]
  --quick      1k only, fewer edits.
  --only=1k,10k  only these sizes.
  --edits=N    edits per run (the first 5 of each run are warm-up).`

const RESULTS = join(ROOT, 'tests/bench/results/edit.json')
/** Targets of the issue: p95 in ms. */
const TARGETS = { 1000: 16, 10000: 50 }

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

/** @param {string[]} args */
export async function run(args) {
  const quick = args.includes('--quick')
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length)
  const sizes = only ? only.split(',').map((x) => Math.round(parseFloat(x) * (/k$/i.test(x) ? 1000 : 1))) : quick ? [1000] : [1000, 10000]
  const editsArg = args.find((a) => a.startsWith('--edits='))?.slice('--edits='.length)
  const edits = editsArg ? Number(editsArg) : quick ? 20 : 60
  const { server, pageUrl, machine } = await startBenchPage('edit')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const rows = []
  const out = { machine, edits, sizes: {} }
  try {
    for (const nodes of sizes) {
      const result = {}
      // Alternate the variants so machine load hits both alike; a warm-up run of each first.
      for (const variant of ['app', 'baseline', 'app', 'baseline']) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
        await page.goto(pageUrl)
        await page.waitForFunction(() => window.kgEditBench?.ready === true)
        const r = await page.evaluate(
          ([v, n, e]) => window.kgEditBench.run(v, n, e),
          /** @type {const} */ ([variant, nodes, edits])
        )
        await page.close()
        const med = (/** @type {number[]} */ xs) => quantile(xs, 0.5).toFixed(1)
        console.log(
          `  ${nodes} nodes, ${variant}: median ${med(r.ms)} ms = commit ${med(r.commitMs)} (of which diff listeners ${med(r.applyMs)}) + derive ${med(r.deriveMs)} + search ${med(r.searchMs)} + paint ${med(r.paintMs)}`
        )
        ;(result[variant] ??= []).push(...r.ms.slice(5))
        for (const part of ['commitMs', 'applyMs', 'deriveMs', 'searchMs', 'paintMs'])
          ((result[`${variant}.${part}`] ??= [])).push(...r[part].slice(5))
      }
      const app = { p50: quantile(result.app, 0.5), p95: quantile(result.app, 0.95) }
      const base = { p50: quantile(result.baseline, 0.5), p95: quantile(result.baseline, 0.95) }
      const parts = Object.fromEntries(
        Object.entries(result)
          .filter(([k]) => k.includes('.'))
          .map(([k, xs]) => [k, { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) }])
      )
      out.sizes[nodes] = {
        app,
        baseline: base,
        parts,
        target_p95_ms: TARGETS[nodes],
        met: app.p95 <= TARGETS[nodes]
      }
      rows.push([
        `${nodes / 1000}k`,
        app.p50.toFixed(1),
        app.p95.toFixed(1),
        base.p50.toFixed(1),
        base.p95.toFixed(1),
        (base.p95 / app.p95).toFixed(1) + '×',
        `≤ ${TARGETS[nodes]}`,
        app.p95 <= TARGETS[nodes] ? 'yes' : 'no'
      ])
    }
  } finally {
    await browser.close()
    await server.close()
  }
  console.log(
    table(['size', 'app p50', 'app p95', 'base p50', 'base p95', 'base/app p95', 'target p95', 'met'], rows)
  )
  await mkdir(dirname(RESULTS), { recursive: true })
  await writeFile(RESULTS, JSON.stringify(out, null, 2) + '\n')
}
