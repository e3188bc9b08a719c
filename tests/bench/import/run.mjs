// Import benchmark: `npm run kg -- validate` on generated files of N nodes + N edges in GEXF,
// GraphML, CSV and .kg.json, each run as a child under /usr/bin/time -v (wall time and peak resident
// memory), next to a baseline measured in the same run on the same files (read the bytes, decode,
// JSON.parse or count records: baseline.mjs). See tests/bench/run.mjs for how it is started.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat, writeFile, mkdir } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { ROOT, machineInfo, table } from '../lib/harness.mjs'
import { generate } from './generate.mjs'

export const description =
  'npm run kg -- validate on 1M nodes + 1M edges per format (GEXF, GraphML, CSV, .kg.json): time and peak memory'

export const usage = `import [--sizes 1000k] [--quick] [--formats gexf,graphml,csv,kg-json] [--keep DIR] [--compare TREE]
  --sizes    node counts (k = 1000), as many edges as nodes. Default 1000k.
  --quick    only 100k (a smoke run).
  --formats  which formats to run. Default all four.
  --keep     generate into DIR and keep the files (reused when they are already there).
  --compare  also run TREE/scripts/kg.mjs (another checkout, e.g. the code before a change, with
             node_modules linked in) on the same files, right after each run of this tree's.`

const FORMATS = ['gexf', 'graphml', 'csv', 'kg-json']
/** The targets, for 1M nodes + 1M edges. */
const TARGET = { seconds: 30, rssMb: 1536 }
/** Per child run: a guard against a hung process, not a target. */
const LIMIT_MS = 600_000
const RESULTS = join(ROOT, 'tests/bench/results/import.json')

function option(args, name) {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(s.trim())
  if (!m) throw new Error(`bad size ${s}`)
  const mult = m[2]?.toLowerCase() === 'm' ? 1e6 : m[2] ? 1e3 : 1
  return Math.round(Number(m[1]) * mult)
}

/** Runs a node script under /usr/bin/time -v: exit code, seconds, peak RSS in MB, output tail. */
function timed(args) {
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/time',
      ['-v', process.execPath, ...args],
      { cwd: ROOT, timeout: LIMIT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const wall =
          /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr)
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
        const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)
        const seconds = wall
          ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3])
          : null
        const code = /Exit status: (\d+)/.exec(stderr)
        resolve({
          code: code ? Number(code[1]) : error?.killed ? 'timeout' : (error?.code ?? 0),
          seconds,
          rssMb: rss ? Math.round(Number(rss[1]) / 1024) : null,
          userSeconds: user ? Number(user[1]) : null,
          out: `${stdout}`.trim().split('\n').slice(0, 2).join(' | '),
          err: `${stderr}`
            .split('\tCommand being timed')[0]
            .trim()
            .split('\n')
            .slice(0, 3)
            .join(' | ')
        })
      }
    )
  })
}

async function bytesOf(paths) {
  let total = 0
  for (const p of paths) total += (await stat(p)).size
  return total
}

export async function run(args) {
  const quick = args.includes('--quick')
  const sizes = quick ? [100_000] : (option(args, '--sizes') ?? '1000k').split(',').map(parseSize)
  const formats = (option(args, '--formats') ?? FORMATS.join(',')).split(',')
  const keep = option(args, '--keep')
  const compare = option(args, '--compare')
  const machine = await machineInfo()
  const results = []
  for (const n of sizes) {
    const dir = keep ? join(keep, String(n)) : await mkdtemp(join(os.tmpdir(), 'kg-bench-import-'))
    try {
      const t0 = performance.now()
      let files
      try {
        await stat(join(dir, 'graph.kg.json'))
        files = {
          gexf: join(dir, 'graph.gexf'),
          graphml: join(dir, 'graph.graphml'),
          csv: join(dir, 'graph-elements.csv'),
          'kg-json': join(dir, 'graph.kg.json')
        }
        console.log(`${n} nodes: reusing ${dir}`)
      } catch {
        files = await generate(dir, n)
        console.log(`${n} nodes: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
      }
      for (const format of formats) {
        const inputs =
          format === 'csv'
            ? [files.csv, files.csv.replace('-elements', '-connections')]
            : [files[format]]
        const bytes = await bytesOf(inputs)
        const base = await timed([join(ROOT, 'tests/bench/import/baseline.mjs'), format, ...inputs])
        const app = await timed([join(ROOT, 'scripts/kg.mjs'), 'validate', files[format]])
        const other = compare
          ? await timed([join(compare, 'scripts/kg.mjs'), 'validate', files[format]])
          : null
        const row = {
          nodes: n,
          edges: n,
          format,
          mb: Math.round(bytes / 1e5) / 10,
          exit: app.code,
          seconds: app.seconds,
          userSeconds: app.userSeconds,
          rssMb: app.rssMb,
          baselineSeconds: base.seconds,
          baselineRssMb: base.rssMb,
          timeRatio:
            app.seconds && base.seconds ? Math.round((app.seconds / base.seconds) * 10) / 10 : null,
          rssRatio: app.rssMb && base.rssMb ? Math.round((app.rssMb / base.rssMb) * 10) / 10 : null,
          meetsTarget:
            n === 1_000_000 && app.code === 0
              ? app.seconds < TARGET.seconds && app.rssMb < TARGET.rssMb
              : null,
          output: app.code === 0 ? app.out : app.err,
          ...(other
            ? {
                compare: {
                  tree: compare,
                  exit: other.code,
                  seconds: other.seconds,
                  userSeconds: other.userSeconds,
                  rssMb: other.rssMb,
                  output: other.code === 0 ? other.out : other.err
                }
              }
            : {})
        }
        results.push(row)
        console.log(
          `  ${format}: exit ${row.exit}, ${row.seconds} s (user ${row.userSeconds} s), ${row.rssMb} MB (baseline ${row.baselineSeconds} s, ${row.baselineRssMb} MB)` +
            (row.exit === 0 ? '' : ` — ${row.output}`) +
            (other
              ? `; compare: exit ${other.code}, ${other.seconds} s (user ${other.userSeconds} s), ${other.rssMb} MB`
              : '')
        )
      }
    } finally {
      if (!keep) await rm(dir, { recursive: true, force: true })
    }
  }
  console.log()
  console.log(
    table(
      [
        'nodes+edges',
        'format',
        'MB',
        'exit',
        's',
        'peak MB',
        'base s',
        'base MB',
        's ×',
        'MB ×',
        'target'
      ],
      results.map((r) => [
        `${r.nodes / 1000}k+${r.edges / 1000}k`,
        r.format,
        r.mb,
        r.exit,
        r.seconds,
        r.rssMb,
        r.baselineSeconds,
        r.baselineRssMb,
        r.timeRatio,
        r.rssRatio,
        r.meetsTarget === null ? '' : r.meetsTarget ? 'met' : 'MISSED',
        ...(compare
          ? [r.compare?.exit ?? null, r.compare?.seconds ?? null, r.compare?.rssMb ?? null]
          : [])
      ])
    )
  )
  console.log(
    `target (1M nodes + 1M edges): < ${TARGET.seconds} s and < ${TARGET.rssMb} MB peak RSS`
  )
  await mkdir(dirname(RESULTS), { recursive: true })
  await writeFile(
    RESULTS,
    `${JSON.stringify({ benchmark: 'import', machine, settings: { sizes, formats, target: TARGET, tool: '/usr/bin/time -v', compare: compare ?? null, loadAvgEnd: os.loadavg() }, results }, null, 2)}\n`
  )
  console.log(`results: ${RESULTS}`)
}
