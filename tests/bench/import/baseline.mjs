// The import benchmark's baseline: the least any reader must do with a file: read its bytes, decode
// them as UTF-8 and (for JSON) JSON.parse them, or (for XML and CSV) count its records. Run as a child
// by run.mjs, which measures its time and peak memory the same way as the CLI's.
//
//   node tests/bench/import/baseline.mjs <format> <file> [<file2>]
import { readFileSync } from 'node:fs'
import { TextDecoder } from 'node:util'

const [format, ...files] = process.argv.slice(2)
let records = 0
for (const file of files) {
  const text = new TextDecoder().decode(readFileSync(file))
  if (format === 'kg-json') {
    const doc = JSON.parse(text)
    records += doc.nodes.length + doc.edges.length
  } else {
    const mark = format === 'csv' ? '\n' : '<node'
    for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) records++
    if (format !== 'csv')
      for (let i = text.indexOf('<edge'); i >= 0; i = text.indexOf('<edge', i + 1)) records++
  }
}
console.log(`${records} records`)
