import { chromium } from '@playwright/test'
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  buildPage,
  serveDir
} from '/work/main/tests/bench/lib/harness.mjs'
const n = Number(process.argv[2] ?? 1000)
const reps = Number(process.argv[3] ?? 2)
const variants = JSON.parse(process.argv[4])
if (!process.env.NOBUILD)
  await buildPage({
    root: 'tests/bench/canvas',
    input: 'bench-page.html',
    outDir: 'out/bench/canvas'
  })
const server = await serveDir('/work/main/out/bench/canvas')
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS
})
const res = {}
for (let r = 0; r < reps; r++)
  for (const [name, variant, prop] of variants) {
    const ctx = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      deviceScaleFactor: 1
    })
    const page = await ctx.newPage()
    await page.goto(`${server.url}/bench-page.html`)
    await page.waitForFunction(() => 'kgCanvasBench' in window)
    await page.evaluate(([n]) => window.kgCanvasBench.generate(n, 2, 1), [n])
    const o = await page.evaluate(
      ([v, p]) => window.kgCanvasBench.open(v, p),
      [variant, prop ?? {}]
    )
    ;(res[name] ??= []).push(`${Math.round(o.ms)}(${Math.round(o.syncMs)})`)
    await ctx.close()
  }
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(28), v.join('  '))
await browser.close()
await server.close()
