/**
 * `npm run icons`: renders the one source image, build/icon.svg, to the icons electron-builder
 * packs (see build/electron-builder.yml):
 *   build/icon.png            1024x1024, the master raster (and the fallback for every platform)
 *   build/icon.ico            Windows: 16, 24, 32, 48, 64, 72, 96, 128 and 256 px in one file
 *   build/icon.icns           macOS: 16 up to 512@2x (1024 px)
 *   build/icons/<n>x<n>.png   Linux (hicolor theme sizes), each rendered from the SVG directly
 * The output is deterministic, so re-running it without changing the SVG changes no file. The
 * generated files are committed: packaging does not need this script, only a changed icon does.
 * `--out <dir>` writes the icons there instead of build/ (the unit test uses it to check that the
 * committed icons are up to date with the SVG).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'

const buildDir = fileURLToPath(new URL('../build/', import.meta.url))
const MASTER_SIZE = 1024
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512]

/** build/, or the directory after `--out`. */
function outputDir(argv) {
  const flag = argv.indexOf('--out')
  if (flag === -1) return buildDir
  const dir = argv[flag + 1]
  if (dir === undefined || dir === '' || dir.startsWith('--')) {
    throw new Error('usage: node scripts/make-icons.mjs [--out <dir>]')
  }
  return resolve(dir)
}

/** Rasterises the SVG to a square PNG of `size` pixels (transparent background). */
function render(svg, size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    background: 'rgba(0, 0, 0, 0)',
    font: { loadSystemFonts: false }
  })
  const image = resvg.render()
  if (image.width !== size || image.height !== size) {
    throw new Error(`icon.svg rendered to ${image.width}x${image.height}, expected a square image`)
  }
  return image.asPng()
}

/** What png2icons logs (its progress, and the reason when it fails). */
const png2iconsLog = []

/** png2icons returns null when it fails; its log then says why. */
function required(buffer, what) {
  if (buffer === null) {
    throw new Error(`png2icons could not create ${what}:\n${png2iconsLog.join('\n')}`)
  }
  return buffer
}

async function main() {
  const outDir = outputDir(process.argv.slice(2))
  const svg = await readFile(join(buildDir, 'icon.svg'))
  png2icons.setLogger((...parts) => png2iconsLog.push(parts.join(' ')))

  await mkdir(outDir, { recursive: true })
  const master = render(svg, MASTER_SIZE)
  await writeFile(join(outDir, 'icon.png'), master)

  // forWinExe: PNG chunks from 64 px up, BMP below, which every Windows version shows correctly
  // (the icon is embedded in the .exe and the installer as well).
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true)
  await writeFile(join(outDir, 'icon.ico'), required(ico, 'icon.ico'))

  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0)
  await writeFile(join(outDir, 'icon.icns'), required(icns, 'icon.icns'))

  const linuxDir = join(outDir, 'icons')
  await mkdir(linuxDir, { recursive: true })
  for (const size of LINUX_SIZES) {
    await writeFile(join(linuxDir, `${size}x${size}.png`), render(svg, size))
  }

  console.log(
    `icons: icon.png, icon.ico, icon.icns and icons/{${LINUX_SIZES.join(',')}} in ${outDir}`
  )
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
