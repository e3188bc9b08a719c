#!/usr/bin/env node
/**
 * The command line for graph files: the app's own import and export code, run headless.
 *
 *   npm run kg -- validate <bestand> [<bestand2>]
 *       Prints the counts per kind, or every problem (Dutch, with line or record) and exits 1.
 *   npm run kg -- convert <in> [<in2>] <uit> [--komma] [--zonder-bom]
 *       Converts between .kg.json, .csv (writes <basis>-elements.csv and <basis>-connections.csv),
 *       .zip (both CSV files), .gexf, .graphml and .cyjs, chosen by extension. Unknown node types
 *       map to their suggested kind; edge types no rule allows become "hangt samen met".
 *
 * A CSV input `<basis>-elements.csv` takes `<basis>-connections.csv` beside it along (and the other
 * way round). Files are read as streams (fs.createReadStream → the import's chunk readers), so their
 * text is never held whole; progress goes to stderr when it is a terminal, or with --progress.
 *
 * Exit codes: 0 fine; 1 the file is refused (any problem in it); 2 an internal error (a bug: one
 * Dutch line "interne fout: …"); 64 wrong use (EX_USAGE). No stack trace unless --debug.
 *
 * Plain JavaScript because Node 20 cannot run TypeScript; the pipeline is loaded through Vite's
 * module runner, as in build-demo.mjs, so the checks are exactly the app's.
 */
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { pipelineBundle } from './lib/cli-bundle.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NL = JSON.parse(readFileSync(resolve(ROOT, 'src-renderer/i18n/nl.json'), 'utf8'))

const USAGE = `Gebruik:
  npm run kg -- validate <bestand> [<bestand2>] [--progress] [--debug]
  npm run kg -- convert <in> [<in2>] <uit> [--komma] [--zonder-bom] [--progress] [--debug]
Formaten (op extensie): .kg.json, .csv, .zip, .gexf, .graphml, .cyjs
Afsluitcodes: 0 in orde, 1 bestand geweigerd, 2 interne fout, 64 verkeerd gebruik`

/** Exit codes (sysexits.h for wrong use). */
const EXIT = { ok: 0, refused: 1, internal: 2, usage: 64 }
/** Flags every command takes. */
const COMMON_FLAGS = ['--progress', '--debug']
const CONVERT_FLAGS = ['--komma', '--zonder-bom']

/** Output extension → export format of the pipeline. */
function exportFormat(out) {
  const n = out.toLowerCase()
  if (n.endsWith('.kg.json')) return 'kg-json'
  if (n.endsWith('.csv')) return 'csv'
  if (n.endsWith('.zip')) return 'csv-zip'
  if (n.endsWith('.gexf')) return 'gexf'
  if (n.endsWith('.graphml')) return 'graphml'
  if (n.endsWith('.cyjs')) return 'cyjs'
  return null
}

/** The files to read for one input: a CSV half brings its other half along when it exists. */
function inputFiles(paths) {
  const all = [...paths]
  if (paths.length === 1) {
    const p = paths[0]
    const m = /^(.*)-(elements|connections)\.csv$/i.exec(p)
    if (m) {
      const other = `${m[1]}-${m[2].toLowerCase() === 'elements' ? 'connections' : 'elements'}.csv`
      if (existsSync(other)) all.push(other)
    }
  }
  return all.map((p) => {
    if (!existsSync(p)) throw new UsageError(`Bestand niet gevonden: ${p}`)
    return {
      name: basename(p),
      size: statSync(p).size,
      chunks: createReadStream(p, { highWaterMark: 4 << 20 })
    }
  })
}

/** Megabytes for progress lines. */
function mb(n) {
  return `${Math.round(n / (1024 * 1024))} MB`
}

/**
 * Reads the input files as streams into a preview (the app's read → preview stages), printing
 * progress on stderr when asked. Returns the preview result.
 */
async function readInputs(paths, pipeline, flags) {
  const files = inputFiles(paths)
  const show = flags.progress
  const onProgress = show
    ? ({ read, total }) => {
        const pct = total ? ` ${Math.floor((read / total) * 100)}%` : ''
        process.stderr.write(`\rlezen:${pct} (${mb(read)}${total ? ` van ${mb(total)}` : ''})   `)
      }
    : undefined
  const read = await pipeline.readStreams(files, onProgress ? { onProgress } : {})
  if (show) process.stderr.write(read.ok ? '\rcontroleren…                         ' : '\n')
  if (!read.ok) return read
  // The file's text and rows are garbage now: free them before the check builds its records.
  collectGarbage()
  const preview = pipeline.previewOf(read.value, files.map((f) => f.name).join(' + '), {})
  if (show) process.stderr.write('\r                                        \r')
  return preview
}

/**
 * One full garbage collection. Between reading and checking, the heap holds the records and, as
 * garbage, everything reading made on the way (CSV rows, decoded text); V8 would collect it lazily,
 * after growing the heap past it (measured at 1M + 1M: 2.1 GB peak instead of 1.6 GB for CSV).
 * Node exposes `gc` only behind a V8 flag, which can be set at run time.
 */
function collectGarbage() {
  try {
    setFlagsFromString('--expose-gc')
    runInNewContext('gc')()
  } catch {
    // Not available in this runtime: V8 collects on its own.
  }
}

/** Wrong use of the command line (exit 64); `null` prints the usage alone. */
class UsageError extends Error {
  constructor(message) {
    super(message ?? '')
  }
}

function printIssues(name, issues) {
  console.error(`${name}: ${issues.length === 1 ? '1 probleem' : `${issues.length} problemen`}:`)
  for (const issue of issues) console.error(`  ${issue.message}`)
}

function typeName(type) {
  return type === '' ? '(geen soort)' : `"${type}"`
}

/**
 * The import pipeline and the exports, as one object (`readStreams`, `previewOf`, `applyMapping`,
 * `exportFiles`): the app's sources as one prebuilt module (scripts/lib/cli-bundle.mjs, built on the
 * first run after a change). KG_PIPELINE_MODULE (tests only) names a module loaded last that may
 * replace any of them, e.g. with one that throws, to check how an internal error ends; that, or a
 * bundle that cannot be built, loads the sources through Vite's module runner instead.
 */
async function load(flags) {
  if (!process.env.KG_PIPELINE_MODULE) {
    try {
      return { ...(await import(pathToFileURL(pipelineBundle(ROOT)).href)) }
    } catch (error) {
      if (flags.debug) console.error('bundel niet te bouwen; via Vite:', error)
    }
  }
  const { runnerImport } = await import('vite')
  const options = { configFile: false, root: ROOT, logLevel: 'error' }
  const modules = ['src-renderer/exchange/import/cli-entry.ts']
  if (process.env.KG_PIPELINE_MODULE) modules.push(process.env.KG_PIPELINE_MODULE)
  const loaded = []
  for (const m of modules) loaded.push((await runnerImport(resolve(ROOT, m), options)).module)
  return Object.assign({}, ...loaded)
}

async function validate(paths, pipeline, flags) {
  const name = paths.map((p) => basename(p)).join(' + ')
  const preview = await readInputs(paths, pipeline, flags)
  if (!preview.ok) {
    printIssues(name, preview.issues)
    return EXIT.refused
  }
  const p = preview.value
  if (p.problems.length) {
    printIssues(name, p.problems)
    return EXIT.refused
  }
  const { counts } = p
  console.log(`${name} (${p.format}): ${counts.nodes} knopen, ${counts.edges} verbindingen`)
  for (const [kind, n] of Object.entries(counts.byKind)) {
    if (n > 0) console.log(`  ${NL.kind[kind]}: ${n}`)
  }
  console.log(`  Verbindingen: ${counts.edges}`)
  if (counts.annotations) console.log(`  Annotaties: ${counts.annotations}`)
  for (const t of p.unknownTypes) {
    console.log(`  Onbekende soort ${typeName(t.type)} (${t.count}×) wordt ${NL.kind[t.suggested]}`)
  }
  for (const t of p.unknownEdgeTypes) {
    console.log(
      `  Onbekende verbinding ${typeName(t.type)} (${t.count}×) wordt "${NL.edge[t.suggested]}" waar geen soort past`
    )
  }
  console.log('Geldig: het bestand kan worden geïmporteerd.')
  return EXIT.ok
}

async function convert(args, pipeline, flags) {
  const delimiter = args.includes('--komma') ? ',' : ';'
  const bom = !args.includes('--zonder-bom')
  const paths = args.filter((a) => !a.startsWith('--'))
  if (paths.length < 2)
    throw new UsageError('convert heeft een invoer- en een uitvoerbestand nodig.')
  const out = paths.pop()
  // `.kg.json.gz`: the same document, gzip-compressed.
  const gzip = /\.kg\.json\.gz$/i.test(out)
  const format = gzip ? 'kg-json-gz' : exportFormat(out)
  if (!format)
    throw new UsageError(
      `Onbekend uitvoerformaat: ${out}. Kies .kg.json, .kg.json.gz, .csv, .zip, .gexf, .graphml of .cyjs.`
    )
  const name = paths.map((p) => basename(p)).join(' + ')
  const preview = await readInputs(paths, pipeline, flags)
  if (!preview.ok) {
    printIssues(name, preview.issues)
    return 1
  }
  const graph = pipeline.applyMapping(preview.value)
  if (!graph.ok) {
    printIssues(name, graph.issues)
    return 1
  }
  const base =
    format === 'csv'
      ? out.replace(/\.csv$/i, '')
      : out.replace(/(\.kg\.json\.gz|\.kg\.json|\.[^./\\]+)$/i, '')
  // A .kg.json input keeps every part the output can hold: title and description, and into a
  // .kg.json(.gz) also its saved views, presentations and change history.
  const doc = preview.value.document
  const whole = format === 'kg-json' || format === 'kg-json-gz'
  const written = pipeline.exportFiles(graph.value, format, base, {
    delimiter,
    bom,
    baseName: basename(base),
    ...(doc?.title !== undefined ? { title: doc.title } : {}),
    ...(doc?.description !== undefined ? { description: doc.description } : {}),
    ...(doc?.exportedAt && whole ? { exportedAt: doc.exportedAt } : {}),
    ...(doc && whole ? { views: doc.views, presentations: doc.presentations } : {}),
    ...(doc?.history && whole ? { history: doc.history } : {})
  })
  for (const f of written) {
    writeFileSync(f.name, f.data)
    console.log(`geschreven: ${f.name}`)
  }
  console.log(`${graph.value.nodes.length} knopen, ${graph.value.edges.length} verbindingen`)
  return 0
}

async function main(argv, flags) {
  const [command, ...rest] = argv
  const args = rest.filter((a) => !COMMON_FLAGS.includes(a))
  if (command !== 'validate' && command !== 'convert') throw new UsageError(null)
  const unknown = args.filter(
    (a) => a.startsWith('--') && !(command === 'convert' && CONVERT_FLAGS.includes(a))
  )
  if (unknown.length) throw new UsageError(`Onbekende optie: ${unknown.join(' ')}`)
  if (command === 'validate' && (args.length < 1 || args.length > 2)) throw new UsageError(null)
  const pipeline = await load(flags)
  return command === 'validate'
    ? await validate(args, pipeline, flags)
    : await convert(args, pipeline, flags)
}

const argv = process.argv.slice(2)
const flags = {
  debug: argv.includes('--debug'),
  progress: argv.includes('--progress') || !!process.stderr.isTTY
}

// Exit explicitly: the module runner leaves handles that would keep Node alive.
main(argv, flags).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      if (error.message) console.error(error.message)
      console.error(USAGE)
      process.exit(EXIT.usage)
    }
    const message = error instanceof Error ? error.message : String(error)
    console.error(`interne fout: ${message.split('\n')[0]}`)
    if (flags.debug && error instanceof Error && error.stack) console.error(error.stack)
    process.exit(EXIT.internal)
  }
)
