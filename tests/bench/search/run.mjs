// Search benchmark: the app's search index (prefilter + Fuse) against naive Fuse.js over the same
// fields, in real Chromium. See `run` for the steps and tests/bench/run.mjs for how it is started.
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join } from 'node:path'
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  table,
  withTimeout
} from '../lib/harness.mjs'
import { startBenchPage } from '../lib/harness.mjs'

export const description =
  'search: index build, query p50/p95, edits, memory and top-5 recall; app vs naive Fuse.js'

export const usage = `search [--sizes 1k,10k,100k] [--quick] [--regen-queries] [--baseline-budget 150]
  --sizes            node counts (k = 1000). Default 1k,10k,100k.
  --quick            1k and 10k only.
  --regen-queries    rewrite tests/fixtures/search/bench-queries.json from the generator.
  --baseline-budget  seconds of naive-Fuse querying allowed per size (default 150); past it the
                     baseline runs on an evenly spaced sample of the queries (reported as such).`

const SEED = 1
const LIMIT = 20
const QUERY_COUNT = 240
const QUERY_SEED = 2024
/** The graph whose vocabulary the fixed queries come from. */
const QUERY_GRAPH = { nodes: 2000, seed: 1 }
const APP_PASSES = 2
const EDITS = 50
/** Baseline queries per size before the time budget is consulted (all of them at 1k). */
const BASELINE_MAX = { 1000: Infinity, 10_000: 60, 100_000: 20 }
/** Sizes whose worker round trips are measured. */
const WORKER_SIZES = new Set([10_000, 100_000])
const TARGETS = {
  p95_10k_ms: 16,
  p95_100k_ms: 60,
  build_10k_ms: 300,
  build_100k_ms: 3000,
  update_ms: 5,
  top5_recall: 0.95
}
const RESULTS = join(ROOT, 'tests/bench/results/search.json')
const QUERIES = join(ROOT, 'tests/fixtures/search/bench-queries.json')
const RELEVANCE = join(ROOT, 'tests/fixtures/search/relevance.json')
const DEMO = join(ROOT, 'resources/stadmaken-demo.kg.json')

/** @typedef {import('@playwright/test').Page} Page */

/** @param {string} label */
function parseSize(label) {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(label.trim())
  if (!m) throw new Error(`bad size "${label}" (use e.g. 10k or 2500)`)
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1))
}

/** @param {number} n */
const sizeLabel = (n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n))

/** @param {string[]} args */
function parseArgs(args) {
  let sizes = [1000, 10_000, 100_000]
  let regen = false
  let budgetS = 150
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--quick') sizes = [1000, 10_000]
    else if (a === '--regen-queries') regen = true
    else if (a === '--sizes' || a.startsWith('--sizes=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      if (!v) throw new Error('--sizes needs a value')
      sizes = v.split(',').filter(Boolean).map(parseSize)
    } else if (a === '--baseline-budget' || a.startsWith('--baseline-budget=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      budgetS = Number(v)
      if (!Number.isFinite(budgetS) || budgetS <= 0)
        throw new Error('--baseline-budget needs seconds')
    } else throw new Error(`unknown option ${a}\n${usage}`)
  }
  return { sizes, regen, budgetS }
}

/**
 * @param {number[]} values
 * @param {number} q quantile in [0, 1] (nearest rank)
 */
function quantile(values, q) {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}

/** @param {number[]} v */
const median = (v) => quantile(v, 0.5)
/** @param {number | null} x */
const r1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10)
/** @param {number | null} x */
const r3 = (x) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000)
/** @param {number | null} bytes */
const mb = (bytes) => (bytes === null ? null : Math.round((bytes / 2 ** 20) * 10) / 10)

/**
 * `count` evenly spaced items of `items` (all when count >= length).
 * @template T
 * @param {T[]} items
 * @param {number} count
 */
function spread(items, count) {
  if (count >= items.length) return items
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)])
}

/**
 * Runs the search benchmark. Per size: generate the graph in a fresh page (not timed); build the app's
 * index three times (median), run every query twice after a warm-up (p50/p95 over all runs), make 50
 * single-node edits (each must be found by the next search), measure retained heap; then the naive Fuse
 * baseline on the same page (build, queries within a time budget, remove+add edits, heap). At 10k and
 * 100k also the app through its worker (ready time, main-thread stalls, search and edit round trips).
 * Finally top-5 recall of both on the labelled set. Prints a table, writes tests/bench/results/search.json.
 * @param {string[]} args
 */
export async function run(args) {
  const opts = parseArgs(args)
  const started = Date.now()
  const { server, pageUrl, machine } = await startBenchPage('search')
  console.log(
    `search: ${machine.chromium}; ${machine.cpus} cpus; load average ${machine.loadAvg.join(' ')}`
  )
  const { chromium } = await import('@playwright/test')
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
    timeout: 120_000
  })
  /** @returns {Promise<Page>} */
  const freshPage = async () => {
    const page = await browser.newPage()
    await page.goto(pageUrl)
    await page.waitForFunction(() => 'kgSearchBench' in window)
    return page
  }

  const sizes = []
  /** @type {Record<string, unknown>} */
  let recallResult = {}
  let queryFile
  try {
    // The fixed query set: generated once, then read from the fixture.
    if (opts.regen || !existsSync(QUERIES)) {
      const page = await freshPage()
      const queries = await page.evaluate(
        ([c, s, n, g]) => window.kgSearchBench.makeQueries(c, s, n, g),
        [QUERY_COUNT, QUERY_SEED, QUERY_GRAPH.nodes, QUERY_GRAPH.seed]
      )
      await page.close()
      queryFile = {
        description:
          'Fixed benchmark queries (3–10 characters) drawn from the vocabulary of a generated graph ' +
          'with seeded typos and diacritics; written by tests/bench/search/run.mjs (--regen-queries) ' +
          'from tests/bench/search/bench-queries.ts.',
        graph: `generated:${QUERY_GRAPH.seed}:${QUERY_GRAPH.nodes}`,
        seed: QUERY_SEED,
        queries
      }
      await mkdir(dirname(QUERIES), { recursive: true })
      await writeFile(QUERIES, await formatJson(queryFile, QUERIES))
      console.log(`search: wrote ${QUERIES.slice(ROOT.length + 1)} (${queries.length} queries)`)
    } else {
      queryFile = JSON.parse(await readFile(QUERIES, 'utf8'))
    }
    /** @type {string[]} */
    const queries = queryFile.queries.map((/** @type {{ query: string }} */ q) => q.query)

    for (const n of opts.sizes) {
      const label = sizeLabel(n)
      const page = await freshPage()
      try {
        const gen = await page.evaluate(([c, s]) => window.kgSearchBench.generate(c, s), [n, SEED])
        console.log(`search ${label}: generated ${gen.nodes} nodes in ${r1(gen.ms)} ms (not timed)`)
        const build = await page.evaluate((r) => window.kgSearchBench.appBuild(r), 3)
        console.log(
          `  app build ${build.ms.join(', ')} ms; heap ${mb(build.heapBytes)} MB; ` +
            `${build.stats?.terms} terms, ${build.stats?.postings} postings`
        )
        const q = await page.evaluate(
          ([qs, p, l]) => window.kgSearchBench.appQueries(qs, p, l),
          /** @type {[string[], number, number]} */ ([queries, APP_PASSES, LIMIT])
        )
        console.log(
          `  app queries: p50 ${r3(median(q.times))} ms, p95 ${r3(quantile(q.times, 0.95))} ms, ` +
            `max ${r3(Math.max(...q.times))} ms over ${q.times.length} runs`
        )
        const upd = await page.evaluate((c) => window.kgSearchBench.appUpdates(c), EDITS)
        console.log(
          `  app edits: update p50 ${r3(median(upd.updateMs))} ms, p95 ${r3(quantile(upd.updateMs, 0.95))} ms; ` +
            `all visible to the next search: ${upd.allVisible}`
        )
        await page.evaluate(() => window.kgSearchBench.appDrop())

        // Baseline: naive Fuse on the same nodes.
        const bBuild = await page.evaluate(() => window.kgSearchBench.baseBuild())
        const first = await page.evaluate(
          ([qq, l]) => window.kgSearchBench.baseQuery(qq, l),
          [queries[0], LIMIT]
        )
        const perQuery = Math.max(1, first)
        const cap = BASELINE_MAX[/** @type {keyof typeof BASELINE_MAX} */ (n)] ?? 60
        const affordable = Math.max(5, Math.floor((opts.budgetS * 1000) / perQuery))
        const sampleSize = Math.min(queries.length, cap, affordable)
        const sample = spread(queries, sampleSize)
        console.log(
          `  baseline build ${r1(bBuild.ms)} ms; first query ${r1(first)} ms; ` +
            `running ${sample.length} of ${queries.length} queries…`
        )
        /** @type {number[]} */
        const bTimes = []
        const bStart = Date.now()
        for (const qq of sample) {
          const ms = await withTimeout(
            page.evaluate(([x, l]) => window.kgSearchBench.baseQuery(x, l), [qq, LIMIT]),
            300_000,
            `baseline query ${label}`
          )
          bTimes.push(ms)
          if (Date.now() - bStart > opts.budgetS * 1000 * 1.5 && bTimes.length >= 5) break
        }
        const bUpd = await page.evaluate(
          (c) => window.kgSearchBench.baseUpdates(c),
          n >= 100_000 ? 5 : 20
        )
        console.log(
          `  baseline queries: p50 ${r1(median(bTimes))} ms, p95 ${r1(quantile(bTimes, 0.95))} ms ` +
            `(${bTimes.length} queries); edit (remove+add) p50 ${r1(median(bUpd))} ms; heap ${mb(bBuild.heapBytes)} MB`
        )
        await page.close()

        let worker = null
        if (WORKER_SIZES.has(n)) {
          const wp = await freshPage()
          try {
            await wp.evaluate(([c, s]) => window.kgSearchBench.generate(c, s), [n, SEED])
            worker = await wp.evaluate(
              ([qs, e, l]) => window.kgSearchBench.workerRun(qs, e, l),
              /** @type {[string[], number, number]} */ ([queries, 20, LIMIT])
            )
            console.log(
              `  worker (${worker.mode}): ready ${r1(worker.readyMs)} ms, longest main-thread stall ` +
                `${r1(worker.maxStallMs)} ms; round trip p50 ${r3(median(worker.roundTrip))} ms, ` +
                `p95 ${r3(quantile(worker.roundTrip, 0.95))} ms; edit→visible p50 ` +
                `${r3(median(worker.updateRoundTrip))} ms`
            )
          } finally {
            await wp.close()
          }
        }

        sizes.push({
          size: label,
          nodes: gen.nodes,
          generateMs: r1(gen.ms),
          app: {
            buildMs: build.ms,
            buildMedianMs: r1(median(build.ms)),
            heapMb: mb(build.heapBytes),
            stats: build.stats,
            queryRuns: q.times.length,
            p50Ms: r3(median(q.times)),
            p95Ms: r3(quantile(q.times, 0.95)),
            p99Ms: r3(quantile(q.times, 0.99)),
            maxMs: r3(Math.max(...q.times)),
            meanResults: r1(q.meanResults),
            updateP50Ms: r3(median(upd.updateMs)),
            updateP95Ms: r3(quantile(upd.updateMs, 0.95)),
            updateMaxMs: r3(Math.max(...upd.updateMs)),
            searchAfterEditP50Ms: r3(median(upd.searchMs)),
            editsVisible: upd.allVisible
          },
          baseline: {
            buildMs: r1(bBuild.ms),
            heapMb: mb(bBuild.heapBytes),
            queriesRun: bTimes.length,
            queriesSampled: bTimes.length < queries.length,
            p50Ms: r1(median(bTimes)),
            p95Ms: r1(quantile(bTimes, 0.95)),
            maxMs: r1(Math.max(...bTimes)),
            updateP50Ms: r3(median(bUpd)),
            updateP95Ms: r3(quantile(bUpd, 0.95))
          },
          worker: worker && {
            readyMs: r1(worker.readyMs),
            maxMainThreadStallMs: r1(worker.maxStallMs),
            roundTripP50Ms: r3(median(worker.roundTrip)),
            roundTripP95Ms: r3(quantile(worker.roundTrip, 0.95)),
            editVisibleP50Ms: r3(median(worker.updateRoundTrip)),
            editVisibleP95Ms: r3(quantile(worker.updateRoundTrip, 0.95))
          }
        })
      } finally {
        await page.close().catch(() => undefined)
      }
    }

    console.log('search: top-5 recall on the labelled set…')
    const rp = await freshPage()
    const rel = JSON.parse(await readFile(RELEVANCE, 'utf8'))
    const demoText = await readFile(DEMO, 'utf8')
    recallResult = await rp.evaluate(([f, d]) => window.kgSearchBench.recall(f, d), [rel, demoText])
    await rp.close()
  } finally {
    await browser.close().catch(() => undefined)
    await server.close()
  }

  const by = (/** @type {string} */ label) => sizes.find((s) => s.size === label)
  const s10 = by('10k')
  const s100 = by('100k')
  const appRecall = /** @type {any} */ (recallResult).app
  const baseRecall = /** @type {any} */ (recallResult).baseline
  const summary = {
    p50_10k_ms: s10?.app.p50Ms ?? null,
    p95_10k_ms: s10?.app.p95Ms ?? null,
    p95_100k_ms: s100?.app.p95Ms ?? null,
    build_10k_ms: s10?.app.buildMedianMs ?? null,
    build_100k_ms: s100?.app.buildMedianMs ?? null,
    update_ms: (s100 ?? s10)?.app.updateP95Ms ?? null,
    top5_recall: appRecall ? r3(appRecall.recall) : null,
    baseline_p50_10k_ms: s10?.baseline.p50Ms ?? null,
    baseline_p95_10k_ms: s10?.baseline.p95Ms ?? null,
    baseline_p95_100k_ms: s100?.baseline.p95Ms ?? null,
    baseline_build_10k_ms: s10?.baseline.buildMs ?? null,
    baseline_build_100k_ms: s100?.baseline.buildMs ?? null,
    baseline_update_ms: (s100 ?? s10)?.baseline.updateP95Ms ?? null,
    baseline_top5_recall: baseRecall ? r3(baseRecall.recall) : null
  }
  const elapsedS = Math.round((Date.now() - started) / 1000)
  printTable(summary, sizes)
  if (appRecall) {
    console.log(
      `top-5 recall: app ${appRecall.hits}/${appRecall.total}, naive Fuse ${baseRecall.hits}/${baseRecall.total}; ` +
        `top-1: app ${r3(appRecall.top1)}, naive ${r3(baseRecall.top1)}; ` +
        `MRR: app ${r3(appRecall.mrr)}, naive ${r3(baseRecall.mrr)}` +
        (appRecall.misses.length ? `; app misses: ${JSON.stringify(appRecall.misses)}` : '')
    )
  }
  const loadAvgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100)
  console.log(`search: load average at the end ${loadAvgEnd.join(' ')} on ${machine.cpus} cpus`)
  const report = {
    benchmark: 'search',
    ...summary,
    targets: TARGETS,
    machine: { ...machine, loadAvgEnd },
    settings: {
      seed: SEED,
      limit: LIMIT,
      queries: `${QUERIES.slice(ROOT.length + 1)} (${queryFile.queries.length} queries, 3–10 chars)`,
      appQueryRuns: `${APP_PASSES} passes over all queries after a 20-query warm-up; synchronous SearchIndex.search in the page, no worker messaging`,
      appBuild: 'SearchIndex.build(nodes), median of 3 builds in the page',
      update: `update_ms = p95 of ${EDITS} single-node edits (SearchIndex.update) at the largest size; each edit is checked by the next search`,
      baseline:
        'new Fuse(nodes, { keys: [{ name: "title", weight: 2 }, "description", "tags"], ignoreLocation: true, threshold: 0.35 }); ' +
        'search(query, { limit: 20 }); edit = remove(d => d.id === id) + add(node)',
      baselineSampling: `at most ${opts.budgetS} s of baseline queries per size (caps: 10k ${BASELINE_MAX[10_000]}, 100k ${BASELINE_MAX[100_000]}), evenly spaced over the query list`,
      worker:
        'createSearchClient(GraphStore) in worker mode: ready = chunked post + worker build; round trip = await client.search()',
      memory:
        'usedJSHeapSize after gc() (--enable-precise-memory-info, --js-flags=--expose-gc), retained by the index',
      top5Recall: `${RELEVANCE.slice(ROOT.length + 1)}: expected node in the top 5`
    },
    elapsedS,
    sizes,
    recall: recallResult
  }
  await mkdir(dirname(RESULTS), { recursive: true })
  await writeFile(RESULTS, await formatJson(report, RESULTS))
  console.log(`search: wrote ${RESULTS.slice(ROOT.length + 1)} (${elapsedS} s in all)`)
}

/**
 * @param {Record<string, number | null>} s the summary keys
 * @param {any[]} sizes
 */
function printTable(s, sizes) {
  /** @param {number | null} a @param {number | null} b */
  const ratio = (a, b) => (a === null || b === null || b === 0 ? null : `${r1(a / b)}×`)
  /** @type {[string, string, number | null, number | null, boolean][]} */
  const rows = [
    ['p50 10k (ms)', 'p50_10k_ms', null, null, false],
    ['p95 10k (ms)', 'p95_10k_ms', TARGETS.p95_10k_ms, null, false],
    ['p95 100k (ms)', 'p95_100k_ms', TARGETS.p95_100k_ms, null, false],
    ['build 10k (ms)', 'build_10k_ms', TARGETS.build_10k_ms, null, false],
    ['build 100k (ms)', 'build_100k_ms', TARGETS.build_100k_ms, null, false],
    ['one edit (ms)', 'update_ms', TARGETS.update_ms, null, false],
    ['top-5 recall', 'top5_recall', TARGETS.top5_recall, null, true]
  ]
  const out = rows.map(([name, key, target, , higherIsBetter]) => {
    const app = s[key]
    const base = s[`baseline_${key}`]
    const met =
      target === null || app === null
        ? '–'
        : (higherIsBetter ? app >= target : app <= target)
          ? 'yes'
          : 'NO'
    return [
      name,
      app,
      base,
      higherIsBetter
        ? app !== null && base !== null
          ? `${r3(app - base)}`
          : null
        : ratio(base, app),
      target === null ? null : `${higherIsBetter ? '≥' : '≤'} ${target}`,
      met
    ]
  })
  console.log('')
  console.log(table(['metric', 'app', 'baseline', 'ratio (base/app)', 'target', 'met'], out))
  console.log('')
  console.log(
    table(
      [
        'size',
        'build ms',
        'p50 ms',
        'p95 ms',
        'edit p95 ms',
        'heap MB',
        'base build ms',
        'base p50 ms',
        'base p95 ms',
        'base n',
        'base heap MB',
        'worker ready ms',
        'worker stall ms',
        'worker rt p50/p95 ms'
      ],
      sizes.map((x) => [
        x.size,
        x.app.buildMedianMs,
        x.app.p50Ms,
        x.app.p95Ms,
        x.app.updateP95Ms,
        x.app.heapMb,
        x.baseline.buildMs,
        x.baseline.p50Ms,
        x.baseline.p95Ms,
        `${x.baseline.queriesRun}${x.baseline.queriesSampled ? ' (sample)' : ''}`,
        x.baseline.heapMb,
        x.worker?.readyMs ?? null,
        x.worker?.maxMainThreadStallMs ?? null,
        x.worker ? `${x.worker.roundTripP50Ms} / ${x.worker.roundTripP95Ms}` : null
      ])
    )
  )
  console.log('')
}

/**
 * JSON as the repository's Prettier would format it.
 * @param {unknown} value
 * @param {string} file
 */
async function formatJson(value, file) {
  const text = JSON.stringify(value, null, 2) + '\n'
  try {
    const prettier = await import('prettier')
    const options = (await prettier.resolveConfig(file)) ?? {}
    return await prettier.format(text, { ...options, parser: 'json' })
  } catch {
    return text
  }
}
