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
 * way round). Exit codes: 0 fine, 1 a bad file or problems, 2 wrong use.
 *
 * Plain JavaScript because Node 20 cannot run TypeScript; the pipeline is loaded through Vite's
 * module runner, as in build-demo.mjs, so the checks are exactly the app's.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NL = JSON.parse(readFileSync(resolve(ROOT, 'src-renderer/i18n/nl.json'), 'utf8'))

const USAGE = `Gebruik:
  npm run kg -- validate <bestand> [<bestand2>]
  npm run kg -- convert <in> [<in2>] <uit> [--komma] [--zonder-bom]
Formaten (op extensie): .kg.json, .csv, .zip, .gexf, .graphml, .cyjs`

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
    return { name: basename(p), bytes: new Uint8Array(readFileSync(p)) }
  })
}

class UsageError extends Error {}

function printIssues(name, issues) {
  console.error(`${name}: ${issues.length === 1 ? '1 probleem' : `${issues.length} problemen`}:`)
  for (const issue of issues) console.error(`  ${issue.message}`)
}

function typeName(type) {
  return type === '' ? '(geen soort)' : `"${type}"`
}

/** The import pipeline and the exports, as one object (`readImportFiles`, `applyMapping`, `exportFiles`). */
async function load() {
  const options = { configFile: false, root: ROOT, logLevel: 'error' }
  const imports = await runnerImport(
    resolve(ROOT, 'src-renderer/exchange/import/index.ts'),
    options
  )
  const exports = await runnerImport(
    resolve(ROOT, 'src-renderer/exchange/export/data-export.ts'),
    options
  )
  return { ...imports.module, ...exports.module }
}

async function validate(paths, pipeline) {
  const files = inputFiles(paths)
  const name = files.map((f) => f.name).join(' + ')
  const preview = pipeline.readImportFiles(files)
  if (!preview.ok) {
    printIssues(name, preview.issues)
    return 1
  }
  const p = preview.value
  if (p.problems.length) {
    printIssues(name, p.problems)
    return 1
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
  return 0
}

async function convert(args, pipeline) {
  const delimiter = args.includes('--komma') ? ',' : ';'
  const bom = !args.includes('--zonder-bom')
  const paths = args.filter((a) => !a.startsWith('--'))
  if (paths.length < 2)
    throw new UsageError('convert heeft een invoer- en een uitvoerbestand nodig.')
  const out = paths.pop()
  const format = exportFormat(out)
  if (!format)
    throw new UsageError(
      `Onbekend uitvoerformaat: ${out}. Kies .kg.json, .csv, .zip, .gexf, .graphml of .cyjs.`
    )
  const files = inputFiles(paths)
  const name = files.map((f) => f.name).join(' + ')
  const preview = pipeline.readImportFiles(files)
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
    format === 'csv' ? out.replace(/\.csv$/i, '') : out.replace(/(\.kg\.json|\.[^./\\]+)$/i, '')
  const written = pipeline.exportFiles(graph.value, format, base, {
    delimiter,
    bom,
    baseName: basename(base),
    ...(preview.value.document?.title ? { title: preview.value.document.title } : {})
  })
  for (const f of written) {
    writeFileSync(f.name, f.data)
    console.log(`geschreven: ${f.name}`)
  }
  console.log(`${graph.value.nodes.length} knopen, ${graph.value.edges.length} verbindingen`)
  return 0
}

async function main() {
  const [command, ...args] = process.argv.slice(2)
  if (command !== 'validate' && command !== 'convert') {
    console.error(USAGE)
    return 2
  }
  if (command === 'validate' && (args.length < 1 || args.length > 2)) {
    console.error(USAGE)
    return 2
  }
  try {
    const pipeline = await load()
    return command === 'validate' ? await validate(args, pipeline) : await convert(args, pipeline)
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message)
      console.error(USAGE)
      return 2
    }
    throw error
  }
}

// Exit explicitly: the module runner leaves handles that would keep Node alive.
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  }
)
