// Benchmark runner.
//
//   npm run bench                      every benchmark, in alphabetical order
//   npm run bench -- storage           only tests/bench/storage
//   npm run bench -- storage --quick   options after the name go to that benchmark
//   npm run bench -- --quick           options without a name go to every benchmark
//   npm run bench -- --list            the known benchmarks and their options
//
// A benchmark is a folder tests/bench/<name>/ with a run.mjs that exports
// `run(args: string[]): Promise<void>` (and optionally `description` and `usage` strings). It prints
// its own table and writes tests/bench/results/<name>.json. Adding a folder is all it takes.
// Benchmarks print numbers and ratios to a baseline measured in the same run; they never fail on a
// missed target (that belongs in the report, not in a red test).
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const HERE = fileURLToPath(new URL('.', import.meta.url))

/** @returns {string[]} the names of tests/bench/<name>/run.mjs, sorted */
function knownBenchmarks() {
  return readdirSync(HERE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(HERE, d.name, 'run.mjs')))
    .map((d) => d.name)
    .sort()
}

/**
 * @param {string} name
 * @returns {Promise<{ run: (args: string[]) => Promise<void>, description?: string, usage?: string }>}
 */
async function load(name) {
  return import(pathToFileURL(join(HERE, name, 'run.mjs')).href)
}

async function main() {
  const argv = process.argv.slice(2)
  const known = knownBenchmarks()
  if (argv[0] === '--list' || argv[0] === '--help' || argv[0] === '-h') {
    for (const name of known) {
      const mod = await load(name)
      console.log(`${name}: ${mod.description ?? ''}`)
      if (mod.usage) console.log(`  ${mod.usage.replace(/\n/g, '\n  ')}`)
    }
    return
  }
  const named = argv[0] !== undefined && !argv[0].startsWith('-')
  const names = named ? [argv[0]] : known
  const args = named ? argv.slice(1) : argv
  for (const name of names) {
    if (!known.includes(name)) {
      console.error(`unknown benchmark "${name}"; known: ${known.join(', ') || 'none'}`)
      process.exitCode = 2
      return
    }
  }
  let failed = false
  for (const name of names) {
    console.log(`\n=== bench: ${name} ===`)
    try {
      await (await load(name)).run(args)
    } catch (err) {
      failed = true
      console.error(`bench ${name} failed:`, err)
    }
  }
  if (failed) process.exitCode = 1
}

await main()
