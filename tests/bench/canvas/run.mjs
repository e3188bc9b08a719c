// Canvas benchmark: the app's canvas (CyController, layouts in a worker) against plain Cytoscape with
// default options, in headless Chromium with software rendering. See `run` for the steps and
// tests/bench/run.mjs for how it is started. Prints a table; writes tests/bench/results/canvas.json.
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { chromium } from '@playwright/test'
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  TimeoutError,
  table,
  withTimeout
} from '../lib/harness.mjs'
import { startBenchPage } from '../lib/harness.mjs'

export const description =
  'Cytoscape canvas: first paint, zoom/pan frames, fCoSE layout, PNG export, 50k open; app vs plain Cytoscape'

export const usage = `canvas [--quick] [--skip-slow-baseline] [--no-proposal] [--proposal '{"largeThreshold":1000}']
  --quick               app and baseline at 1k and 5k only (no 10k, no 50k, no slow baselines).
  --skip-slow-baseline  skip the baseline's fCoSE at 5k (> 240 s measured before) and its 50k open.
  --no-proposal         skip the proposal variant (CyController option changes, overview start).
  --proposal JSON       override the proposal's options (see ProposalOptions in bench-entry.ts).
  --only 5k,10k         only these sizes (of 1k, 5k, 10k, 50k); for exploring, the JSON is partial.`

const SEED = 1
const EDGES_PER_NODE = 2
/** Cap per baseline step; past it the number is recorded as null. */
const BASELINE_LIMIT_MS = 120_000
/** Cap per app step: only a guard against a hung page. */
const APP_LIMIT_MS = 180_000
/** The zoom/pan driver stops issuing input after this long (the baseline's frames take seconds). */
const INTERACTION_BUDGET_MS = 25_000
/** Fresh pages per paint measurement (median); 1 at 50k. */
const PAINT_REPS = 3
const VIEWPORT = { width: 1400, height: 900 }
const RESULTS = join(ROOT, 'tests/bench/results/canvas.json')

/** Targets of the issue (ms). */
const TARGETS = {
  paint_1k_ms: 600,
  paint_5k_ms: 2000,
  paint_10k_ms: 4000,
  frame_p95_5k_ms: 50,
  frame_p95_10k_ms: 100,
  layout_1k_ms: 3000,
  layout_5k_ms: 10_000,
  longest_task_during_layout_ms: 200,
  open_50k_ms: null
}

/** @typedef {import('@playwright/test').Browser} Browser */
/** @typedef {import('@playwright/test').Page} Page */

/** @param {string[]} args */
function parseArgs(args) {
  const opts = {
    quick: false,
    skipSlowBaseline: false,
    proposal: true,
    proposalOptions: {},
    /** @type {number[] | null} */
    only: null
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--quick') opts.quick = true
    else if (a === '--skip-slow-baseline') opts.skipSlowBaseline = true
    else if (a === '--no-proposal') opts.proposal = false
    else if (a === '--proposal' || a.startsWith('--proposal=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      opts.proposalOptions = JSON.parse(v ?? '{}')
    } else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      opts.only = (v ?? '')
        .split(',')
        .map((x) => Math.round(parseFloat(x) * (/k$/i.test(x) ? 1000 : 1)))
    } else throw new Error(`unknown option ${a}\n${usage}`)
  }
  if (opts.quick) opts.skipSlowBaseline = true
  return opts
}

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  if (!values.length) return null
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}

/** @param {number | null | undefined} v */
const ms = (v) => (v === null || v === undefined ? null : Math.round(v))

/** @param {number} n */
const label = (n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n))

/**
 * Runs the canvas benchmark: for the app (CyController), the proposal (option changes to it) and
 * the baseline (plain Cytoscape, default options), each size in a fresh page: generate the graph
 * (not timed), open it and time the first painted frame, then as listed per size: zoom/pan frames
 * with real wheel and drag input, PNG export, and an fCoSE layout (app: runLayout in the worker +
 * apply; baseline: fCoSE default options on the main thread). Steps past their cap are null.
 * @param {string[]} args
 */
export async function run(args) {
  const opts = parseArgs(args)
  const started = Date.now()
  const { server, pageUrl, machine } = await startBenchPage('canvas')
  console.log(
    `canvas: ${machine.chromium}; ${machine.cpus} cpus; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`
  )

  /** @type {Browser | null} */
  let browser = null
  const launch = async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 120_000
    })
    return browser
  }
  const relaunch = async () => {
    const b = browser
    browser = null
    await b?.close().catch(() => undefined)
    return launch()
  }
  await launch()

  /**
   * One size of one variant: PAINT_REPS fresh pages; the first paints only, the last also runs the
   * listed steps. The paint time is the median of the pages (nulls past the cap count as slowest).
   * @param {'app' | 'baseline' | 'proposal'} variant
   * @param {number} nodes
   * @param {{ frames?: boolean, png?: boolean, layout?: boolean }} steps
   */
  const session = async (variant, nodes, steps) => {
    if (opts.only && !opts.only.includes(nodes)) return undefined
    const reps = nodes >= 50_000 ? 1 : PAINT_REPS
    /** @type {(number | null)[]} */
    const paints = []
    for (let r = 1; r < reps; r++) {
      const once = await oneSession(variant, nodes, {})
      paints.push(once.open?.ms ?? null)
      if (!once.open) break
    }
    const out = await oneSession(variant, nodes, steps)
    paints.push(out.open?.ms ?? null)
    if (out.open && paints.length > 1) {
      const sorted = paints.map((v) => v ?? Infinity).sort((a, b) => a - b)
      const mid = sorted[sorted.length >> 1]
      out.open = { ...out.open, ms: Number.isFinite(mid) ? mid : null, paintsMs: paints }
      console.log(
        `  ${variant} ${label(nodes)}: first paint median ${ms(out.open.ms)} ms of ${paints.map(ms).join(', ')}`
      )
    }
    return out
  }

  /**
   * One size of one variant in a fresh page.
   * @param {'app' | 'baseline' | 'proposal'} variant
   * @param {number} nodes
   * @param {{ frames?: boolean, png?: boolean, layout?: boolean }} steps
   */
  const oneSession = async (variant, nodes, steps) => {
    const limit = variant === 'baseline' ? BASELINE_LIMIT_MS : APP_LIMIT_MS
    const tag = `${variant} ${label(nodes)}`
    /** @type {Record<string, any>} */
    const out = { variant, nodes: label(nodes), open: null, frames: null, png: null, layout: null }
    const b = browser ?? (await launch())
    const context = await b.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
    const page = await context.newPage()
    let dead = false
    /**
     * @template T
     * @param {string} what
     * @param {() => Promise<T>} fn
     * @returns {Promise<T | null>}
     */
    const step = async (what, fn) => {
      if (dead) return null
      try {
        return await withTimeout(fn(), limit, `${tag} ${what}`)
      } catch (err) {
        if (!(err instanceof TimeoutError)) throw err
        console.log(`  ! ${err.message}: recorded as null`)
        dead = true
        return null
      }
    }
    try {
      await page.goto(pageUrl)
      await page.waitForFunction(() => 'kgCanvasBench' in window)
      const gen = await page.evaluate(
        ([n, e, s]) => window.kgCanvasBench.generate(n, e, s),
        [nodes, EDGES_PER_NODE, SEED]
      )
      out.edges = gen.edges
      out.open = await step('open', () =>
        page.evaluate(
          ([v, p]) => window.kgCanvasBench.open(v, p),
          /** @type {const} */ ([variant, opts.proposalOptions])
        )
      )
      if (out.open)
        console.log(
          `  ${tag}: first paint ${ms(out.open.ms)} ms (sync ${ms(out.open.syncMs)} ms, longest task ` +
            `${ms(out.open.longestTaskMs)} ms, ${out.open.shown} nodes shown)`
        )
      if (steps.frames && out.open) {
        out.frames = await step('zoom/pan', () => zoomPan(page, out.open.wheelSensitivity))
        if (out.frames)
          console.log(
            `  ${tag}: zoom/pan ${out.frames.steps} steps, ${out.frames.deltas.length} frames, ` +
              `p95 ${ms(out.frames.p95)} ms, max ${ms(out.frames.max)} ms; zoom ` +
              `${out.frames.zoomStart.toFixed(3)} → ${out.frames.zoomMax.toFixed(3)} → ${out.frames.zoomEnd.toFixed(3)}`
          )
      }
      if (steps.png && out.open) {
        out.png = await step('png', () => page.evaluate(() => window.kgCanvasBench.png()))
        if (out.png) console.log(`  ${tag}: png ${ms(out.png.ms)} ms (${out.png.bytes} bytes)`)
      }
      if (steps.layout && out.open) {
        out.layout = await step('layout', () =>
          page.evaluate(
            (v) =>
              v === 'baseline'
                ? window.kgCanvasBench.layoutBaseline()
                : window.kgCanvasBench.layoutApp(),
            variant
          )
        )
        if (out.layout)
          console.log(
            `  ${tag}: fcose layout ${ms(out.layout.ms)} ms (compute ${ms(out.layout.computeMs)}, ` +
              `apply ${ms(out.layout.applyMs)}; longest task ${ms(out.layout.longestTaskMs)} ms ` +
              `while computing, ${ms(out.layout.longestApplyTaskMs)} ms while applying)`
          )
      }
    } finally {
      if (dead) await relaunch()
      else await context.close().catch(() => undefined)
    }
    return out
  }

  /** @type {Record<string, any>} */
  const app = {}
  /** @type {Record<string, any>} */
  const base = {}
  /** @type {Record<string, any>} */
  const proposal = {}
  const sizes = opts.quick ? [1000, 5000] : [1000, 5000, 10_000]
  try {
    for (const n of sizes) {
      console.log(`canvas ${label(n)}: app…`)
      app[n] = await session('app', n, {
        frames: n >= 5000,
        png: n <= 5000,
        layout: n <= 5000
      })
    }
    if (!opts.quick) {
      console.log('canvas 50k: app…')
      app[50_000] = await session('app', 50_000, {})
    }
    if (opts.proposal) {
      for (const n of [...sizes, ...(opts.quick ? [] : [50_000])]) {
        console.log(`canvas ${label(n)}: proposal…`)
        proposal[n] = await session('proposal', n, { frames: n <= 10_000, layout: n === 5000 })
      }
    }
    for (const n of sizes) {
      console.log(`canvas ${label(n)}: baseline…`)
      base[n] = await session('baseline', n, {
        frames: n >= 5000,
        png: n <= 5000,
        layout: n === 1000 || (n === 5000 && !opts.skipSlowBaseline)
      })
    }
    if (!opts.skipSlowBaseline) {
      console.log('canvas 50k: baseline…')
      base[50_000] = await session('baseline', 50_000, {})
    }
  } finally {
    await browser?.close().catch(() => undefined)
    await server.close()
  }

  const longestLayoutTask = (/** @type {Record<string, any>} */ v) => {
    const l = [v[1000]?.layout, v[5000]?.layout].filter(Boolean)
    return l.length ? Math.max(...l.map((x) => x.longestTaskMs)) : null
  }
  const pick = (/** @type {Record<string, any>} */ v) => ({
    paint_1k_ms: ms(v[1000]?.open?.ms),
    paint_5k_ms: ms(v[5000]?.open?.ms),
    paint_10k_ms: ms(v[10_000]?.open?.ms),
    frame_p95_5k_ms: ms(v[5000]?.frames?.p95),
    frame_p95_10k_ms: ms(v[10_000]?.frames?.p95),
    layout_1k_ms: ms(v[1000]?.layout?.ms),
    layout_5k_ms: ms(v[5000]?.layout?.ms),
    longest_task_during_layout_ms: ms(longestLayoutTask(v)),
    open_50k_ms: ms(v[50_000]?.open?.ms),
    png_1k_ms: ms(v[1000]?.png?.ms),
    png_5k_ms: ms(v[5000]?.png?.ms),
    open_50k_longest_task_ms: ms(v[50_000]?.open?.longestTaskMs)
  })
  const a = pick(app)
  const bl = pick(base)
  const p = pick(proposal)
  const notes = []
  if (opts.skipSlowBaseline)
    notes.push(
      'baseline fCoSE at 5k and baseline 50k open skipped (--skip-slow-baseline): fCoSE default at 5k was measured > 240 s before'
    )
  for (const [k, v] of Object.entries(bl))
    if (v === null && a[/** @type {keyof typeof a} */ (k)] !== null && !opts.skipSlowBaseline)
      notes.push(`baseline ${k}: gave up after ${BASELINE_LIMIT_MS / 1000} s (or not measured)`)

  const elapsedS = Math.round((Date.now() - started) / 1000)
  const report = {
    benchmark: 'canvas',
    machine: { ...machine, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    settings: {
      seed: SEED,
      edgesPerNode: EDGES_PER_NODE,
      viewport: VIEWPORT,
      baselineLimitS: BASELINE_LIMIT_MS / 1000,
      interactionBudgetS: INTERACTION_BUDGET_MS / 1000,
      paintReps: PAINT_REPS,
      paint:
        'median of PAINT_REPS fresh pages (one at 50k) of: performance.now() before GraphStore.reset / element definitions → first requestAnimationFrame after Cytoscape’s first "render" event',
      frames:
        'requestAnimationFrame deltas while driving real input: a 15-step mouse drag pan on an empty spot, 15 wheel-in and 15 wheel-out steps at the cursor, a 15-step drag back (16 ms apart), plus a 1 s tail; p95 of the deltas. Wheel deltas are precise (fractional, trackpad-like) and scaled by 1 / wheelSensitivity so every variant zooms ×1.39 per step (Cytoscape 3.35 treats equal integer deltas as mouse notches of ~1 % zoom).',
      layout:
        'app: runLayout("fcose") in the worker on the open canvas, then applyLayoutPositions (no animation) and the next painted frame; baseline: cy.layout({ name: "fcose" }) with default options on the main thread until layoutstop and the next frame',
      longestTask: 'PerformanceObserver "longtask" on the main thread, during the compute part',
      png: 'cy.png({ full: true, scale: min(2, 4096 / bb.w, 4096 / bb.h), output: "blob-promise" }): scale 2 capped at 4096 px a side; the generated graphs span ~7000 (1k) to ~14000 (5k) model px, so plain scale 2 gives a 70 MB PNG at 1k and exceeds Chromium’s canvas limit at 5k (toBlob → null)',
      baselineStyle: "[{ selector: 'node', style: { label: 'data(label)' } }], default edges",
      proposal: opts.proposal ? 'see proposal_* keys and details.proposal' : 'skipped'
    },
    elapsedS,
    ...a,
    ...Object.fromEntries(Object.entries(bl).map(([k, v]) => [`baseline_${k}`, v])),
    ...(opts.proposal
      ? Object.fromEntries(
          Object.entries(p)
            .filter(([, v]) => v !== null)
            .map(([k, v]) => [`proposal_${k}`, v])
        )
      : {}),
    notes,
    proposalOptions: Object.values(proposal).find((v) => v?.open?.proposal)?.open?.proposal ?? null,
    details: { app, baseline: base, proposal }
  }
  // A partial run (--only) never overwrites the results file.
  const file = opts.only ? join(os.tmpdir(), 'kg-canvas.partial.json') : RESULTS
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, JSON.stringify(report, null, 2) + '\n')
  printTable(a, bl, p, opts.proposal)
  for (const n of notes) console.log(`  note: ${n}`)
  console.log(
    `canvas: wrote ${file.startsWith(ROOT) ? file.slice(ROOT.length + 1) : file} (${elapsedS} s in all)`
  )
}

/**
 * Drives the zoom/pan sequence with real input and returns the frame deltas.
 * @param {Page} page
 * @param {number} sensitivity the canvas's wheelSensitivity
 */
async function zoomPan(page, sensitivity) {
  const spot = await page.evaluate(() => window.kgCanvasBench.emptySpot())
  const zoomOf = () => page.evaluate(() => /** @type {number} */ (window.kgCanvasBench.info().zoom))
  // Precise (trackpad-like) deltas: Cytoscape 3.35 turns equal integer deltas into mouse-wheel
  // notches of ~1 % zoom each, whatever their size. Fractional deltas are used as they are:
  // zoom × 10^(delta / 250 × wheelSensitivity), so delta = 36 / sensitivity is ×1.39 per step in
  // every variant (the first four events are clamped to 5 while Cytoscape samples the device).
  const wheel = (i) => (36 + 0.37 + (i % 5) * 0.11) / sensitivity
  const move = { x: 12, y: 6 }
  const t0 = Date.now()
  const within = () => Date.now() - t0 < INTERACTION_BUDGET_MS
  let steps = 0
  await page.mouse.move(spot.x, spot.y)
  const zoomStart = await zoomOf()
  await page.evaluate(() => window.kgCanvasBench.startFrames())
  const drag = async (/** @type {number} */ sign) => {
    const from = {
      x: spot.x + (sign > 0 ? 0 : 15 * move.x),
      y: spot.y + (sign > 0 ? 0 : 15 * move.y)
    }
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    for (let i = 1; i <= 15 && within(); i++) {
      await page.mouse.move(from.x + sign * i * move.x, from.y + sign * i * move.y)
      await page.waitForTimeout(16)
      steps++
    }
    await page.mouse.up()
  }
  const zoom = async (/** @type {number} */ sign) => {
    for (let i = 0; i < 15 && within(); i++) {
      await page.mouse.wheel(0, sign * wheel(i))
      await page.waitForTimeout(16)
      steps++
    }
  }
  await drag(1)
  await zoom(-1)
  const zoomMax = await zoomOf()
  await zoom(1)
  await drag(-1)
  await page.waitForTimeout(1000)
  const r = await page.evaluate(() => window.kgCanvasBench.stopFrames())
  return {
    ...r,
    steps,
    zoomStart,
    zoomMax,
    zoomEnd: await zoomOf(),
    p95: quantile(r.deltas, 0.95),
    p50: quantile(r.deltas, 0.5),
    max: r.deltas.length ? Math.max(...r.deltas) : null
  }
}

/**
 * @param {Record<string, number | null>} app
 * @param {Record<string, number | null>} base
 * @param {Record<string, number | null>} proposal
 * @param {boolean} withProposal
 */
function printTable(app, base, proposal, withProposal) {
  /** @param {Record<string, number | null>} v @param {string} k */
  const meets = (v, k) => {
    const t = TARGETS[/** @type {keyof typeof TARGETS} */ (k)]
    if (k === 'open_50k_ms') {
      const lt = v.open_50k_longest_task_ms
      return lt === null || lt === undefined ? null : lt <= 1000 ? 'yes' : `NO (${lt} ms task)`
    }
    const x = v[k]
    return t === null || x === null || x === undefined ? null : x <= t ? 'yes' : 'NO'
  }
  const rows = Object.keys(TARGETS).map((k) => {
    const t = TARGETS[/** @type {keyof typeof TARGETS} */ (k)]
    const v = app[k]
    const b = base[k]
    const ratio = v && b ? `${(b / v).toFixed(1)}×` : null
    const target = k === 'open_50k_ms' ? 'no task > 1 s' : `≤ ${t}`
    const row = [k, v, b, ratio, target, meets(app, k)]
    if (withProposal) {
      row.splice(2, 0, proposal[k] ?? null)
      row.push(meets(proposal, k))
    }
    return row
  })
  rows.push(
    withProposal
      ? ['png_1k_ms', app.png_1k_ms, null, base.png_1k_ms, null, '–', null, null]
      : ['png_1k_ms', app.png_1k_ms, base.png_1k_ms, null, '–', null],
    withProposal
      ? ['png_5k_ms', app.png_5k_ms, null, base.png_5k_ms, null, '–', null, null]
      : ['png_5k_ms', app.png_5k_ms, base.png_5k_ms, null, '–', null]
  )
  for (const r of rows) {
    const i = withProposal ? 3 : 2
    const av = /** @type {number | null} */ (r[1])
    const bv = /** @type {number | null} */ (r[i])
    if (r[0].startsWith('png') && av && bv) r[i + 1] = `${(bv / av).toFixed(1)}×`
  }
  console.log('')
  console.log('Canvas: ms (ratio = baseline / app; app = CyController as it is today)')
  console.log(
    table(
      withProposal
        ? ['metric', 'app', 'proposal', 'baseline', 'ratio', 'target', 'app met?', 'proposal met?']
        : ['metric', 'app', 'baseline', 'ratio', 'target', 'met?'],
      rows
    )
  )
}
