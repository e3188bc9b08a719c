// Writes the import benchmark's input files: N nodes and N edges in GEXF, GraphML, CSV (elements +
// connections) and .kg.json, streamed to disk so any size fits in memory.
//
//   node tests/bench/import/generate.mjs <dir> <nodes>
//
// The files look like real exports: GEXF and GraphML as Gephi or NetworkX write them (a label and a
// `type` attribute per node, undirected edges without a kind), CSV as Kumu writes it, and `.kg.json`
// as the app's backup writes it (2-space indented, records in canonical key order; the node and edge
// records are templates made by the app's own pipeline from a two-row CSV, so they validate).
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TextEncoder } from 'node:util'
import { runnerImport } from 'vite'

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
/** Node types, spread over the nodes (labels the importer maps to kinds). */
const TYPES = ['Thema', 'Project', 'Actor', 'Ingrediënt']

/** The i-th edge: from node i to a node far away, never to itself. */
function target(i, n) {
  const t = (i * 7919 + 1) % n
  return t === i ? (i + 1) % n : t
}

/** Writes lines through a stream, waiting when its buffer is full. */
function writer(path) {
  const out = createWriteStream(path)
  let buffer = ''
  return {
    async write(text) {
      buffer += text
      if (buffer.length > 1 << 20) {
        const chunk = buffer
        buffer = ''
        if (!out.write(chunk)) await new Promise((r) => out.once('drain', r))
      }
    },
    async close() {
      out.end(buffer)
      await new Promise((r, j) => out.on('finish', r).on('error', j))
    }
  }
}

async function gexf(path, n) {
  const w = writer(path)
  await w.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n' +
      '  <graph mode="static" defaultedgetype="undirected">\n' +
      '    <attributes class="node">\n      <attribute id="0" title="type" type="string"/>\n' +
      '      <attribute id="1" title="weight" type="double"/>\n    </attributes>\n    <nodes>\n'
  )
  for (let i = 0; i < n; i++) {
    await w.write(
      `      <node id="n${i}" label="Knoop ${i}"><attvalues><attvalue for="0" value="${TYPES[i % 4]}"/>` +
        `<attvalue for="1" value="${(i % 100) / 10}"/></attvalues></node>\n`
    )
  }
  await w.write('    </nodes>\n    <edges>\n')
  for (let i = 0; i < n; i++) {
    await w.write(`      <edge id="e${i}" source="n${i}" target="n${target(i, n)}"/>\n`)
  }
  await w.write('    </edges>\n  </graph>\n</gexf>\n')
  await w.close()
}

async function graphml(path, n) {
  const w = writer(path)
  await w.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n' +
      '  <key id="d0" for="node" attr.name="label" attr.type="string"/>\n' +
      '  <key id="d1" for="node" attr.name="type" attr.type="string"/>\n' +
      '  <key id="d2" for="node" attr.name="weight" attr.type="double"/>\n' +
      '  <graph edgedefault="undirected">\n'
  )
  for (let i = 0; i < n; i++) {
    await w.write(
      `    <node id="n${i}"><data key="d0">Knoop ${i}</data><data key="d1">${TYPES[i % 4]}</data>` +
        `<data key="d2">${(i % 100) / 10}</data></node>\n`
    )
  }
  for (let i = 0; i < n; i++) {
    await w.write(`    <edge id="e${i}" source="n${i}" target="n${target(i, n)}"/>\n`)
  }
  await w.write('  </graph>\n</graphml>\n')
  await w.close()
}

async function csv(base, n) {
  const el = writer(`${base}-elements.csv`)
  await el.write('\uFEFFID;Label;Type;weight #number\r\n')
  for (let i = 0; i < n; i++)
    await el.write(`n${i};Knoop ${i};${TYPES[i % 4]};${(i % 100) / 10}\r\n`)
  await el.close()
  const co = writer(`${base}-connections.csv`)
  await co.write('\uFEFFID;From;To;Type\r\n')
  for (let i = 0; i < n; i++) await co.write(`e${i};n${i};n${target(i, n)};\r\n`)
  await co.close()
}

/** One node and one edge record as the app's backup writes them, made by the app's pipeline. */
async function templates() {
  const options = { configFile: false, root: ROOT, logLevel: 'error' }
  const { module: pipeline } = await runnerImport(
    resolve(ROOT, 'src-renderer/exchange/import/index.ts'),
    options
  )
  const { module: kg } = await runnerImport(
    resolve(ROOT, 'src-renderer/exchange/formats/kg-json.ts'),
    options
  )
  const text = 'ID;Label;Type\r\na;Knoop a;Thema\r\nb;Knoop b;Thema\r\n'
  const links = 'ID;From;To;Type\r\nx;a;b;\r\n'
  const preview = pipeline.readImportFiles(
    [
      { name: 't-elements.csv', bytes: new TextEncoder().encode(text) },
      { name: 't-connections.csv', bytes: new TextEncoder().encode(links) }
    ],
    { now: '2026-01-01T00:00:00.000Z', author: 'bench' }
  )
  const graph = pipeline.applyMapping(preview.value)
  if (!graph.ok) throw new Error(JSON.stringify(graph.issues))
  const doc = JSON.parse(
    kg.serializeKgJson(graph.value, { exportedAt: '2026-01-01T00:00:00.000Z' })
  )
  return { node: doc.nodes[0], edge: doc.edges[0], head: doc }
}

function indent(json, pad) {
  return json.replace(/\n/g, `\n${pad}`)
}

async function kgJson(path, n) {
  const { node, edge, head } = await templates()
  const w = writer(path)
  await w.write(
    `{\n  "type": ${JSON.stringify(head.type)},\n  "version": ${head.version},\n` +
      `  "source": ${JSON.stringify(head.source)},\n  "exportedAt": ${JSON.stringify(head.exportedAt)},\n` +
      '  "nodes": [\n'
  )
  for (let i = 0; i < n; i++) {
    const rec = { ...node, id: `n${i}`, title: `Knoop ${i}` }
    await w.write(`    ${indent(JSON.stringify(rec, null, 2), '    ')}${i < n - 1 ? ',' : ''}\n`)
  }
  await w.write('  ],\n  "edges": [\n')
  for (let i = 0; i < n; i++) {
    const rec = { ...edge, id: `e${i}`, source: `n${i}`, target: `n${target(i, n)}` }
    await w.write(`    ${indent(JSON.stringify(rec, null, 2), '    ')}${i < n - 1 ? ',' : ''}\n`)
  }
  await w.write('  ],\n  "annotations": [],\n  "views": [],\n  "presentations": []\n}\n')
  await w.close()
}

/**
 * Writes `<dir>/graph.gexf`, `graph.graphml`, `graph-elements.csv` + `graph-connections.csv` and
 * `graph.kg.json` with `n` nodes and `n` edges each.
 * @returns {Promise<Record<string, string>>} format → the path to validate
 */
export async function generate(dir, n) {
  await mkdir(dir, { recursive: true })
  const files = {
    gexf: join(dir, 'graph.gexf'),
    graphml: join(dir, 'graph.graphml'),
    csv: join(dir, 'graph-elements.csv'),
    'kg-json': join(dir, 'graph.kg.json')
  }
  await gexf(files.gexf, n)
  await graphml(files.graphml, n)
  await csv(join(dir, 'graph'), n)
  await kgJson(files['kg-json'], n)
  return files
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, nodes] = process.argv.slice(2)
  if (!dir || !nodes) {
    console.error('usage: node tests/bench/import/generate.mjs <dir> <nodes>')
    process.exit(64)
  }
  const files = await generate(resolve(dir), Number(nodes))
  console.log(files)
  process.exit(0)
}
