import { chromium } from '@playwright/test'
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from '/work/main/tests/bench/lib/harness.mjs'
const [nStr, variant] = process.argv.slice(2)
const server = await serveDir('/work/main/out/bench/canvas')
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS
})
const ctx = await browser.newContext({
  viewport: { width: 1400, height: 900 },
  deviceScaleFactor: 1
})
const page = await ctx.newPage()
await page.goto(`${server.url}/bench-page.html`)
await page.waitForFunction(() => 'kgCanvasBench' in window)
await page.evaluate(([n]) => window.kgCanvasBench.generate(n, 2, 1), [Number(nStr)])
const o = await page.evaluate((v) => window.kgCanvasBench.open(v, {}), variant)
const spot = await page.evaluate(() => window.kgCanvasBench.emptySpot())
console.log(
  'open',
  o.ms,
  'spot',
  spot,
  JSON.stringify(await page.evaluate(() => window.kgCanvasBench.info()))
)
const sens = o.wheelSensitivity
await page.mouse.move(spot.x, spot.y)
for (let i = 0; i < 15; i++) {
  await page.mouse.wheel(0, (-120 * 0.3) / sens)
  await page.waitForTimeout(16)
}
await page.waitForTimeout(300)
console.log(
  'after zoom in',
  JSON.stringify(await page.evaluate(() => window.kgCanvasBench.info().zoom))
)
await page.mouse.down()
for (let i = 1; i <= 15; i++) {
  await page.mouse.move(spot.x + i * 12, spot.y + i * 6)
  await page.waitForTimeout(16)
}
await page.mouse.up()
console.log('after pan', JSON.stringify(await page.evaluate(() => window.kgCanvasBench.info())))
await page.screenshot({ path: `/tmp/lay/zoomed-${variant}.png` })
await browser.close()
await server.close()
