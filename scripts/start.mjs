/**
 * `npm start`: builds the app with electron-vite and runs it in the Electron binary. Without the
 * binary it stops at once with the same message `npm install` printed and exit code 1 — never
 * electron-vite's "Electron uninstall". `--no-build` runs the last build as it is; `--dev` runs
 * electron-vite's dev server with hot reload instead (`npm run dev`). Any other arguments go to the
 * app.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findElectronBinary, missingBinaryMessage } from './lib/electron-binary.mjs'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const args = process.argv.slice(2)
const skipBuild = args.includes('--no-build')
const devServer = args.includes('--dev')
const appArgs = args.filter((arg) => arg !== '--no-build' && arg !== '--dev')
const electronVite = join(root, 'node_modules/electron-vite/bin/electron-vite.js')

const binary = findElectronBinary(root)
if (!binary.found) {
  console.error(missingBinaryMessage(binary.reason, binary.version))
  process.exit(1)
}

if (devServer) {
  const dev = spawn(process.execPath, [electronVite, 'dev', ...appArgs], {
    cwd: root,
    stdio: 'inherit'
  })
  dev.on('close', (code) => process.exit(code ?? 1))
} else {
  startBuilt()
}

function startBuilt() {
  if (!skipBuild) {
    const build = spawnSync(process.execPath, [electronVite, 'build'], {
      cwd: root,
      stdio: 'inherit'
    })
    if (build.status !== 0) {
      console.error('Stadmaken Kennisgraaf: the build failed (see above); nothing was started.')
      process.exit(build.status ?? 1)
    }
  } else if (!existsSync(join(root, 'out/main/index.js'))) {
    console.error(
      'Stadmaken Kennisgraaf: there is no build in out/ yet; run `npm start` without --no-build.'
    )
    process.exit(1)
  }

  // The app folder: its package.json names out/main/index.js as main.
  const child = spawn(binary.path, [root, ...appArgs], {
    cwd: root,
    stdio: 'inherit',
    windowsHide: false
  })
  child.on('error', (error) => {
    console.error(`Stadmaken Kennisgraaf: Electron could not be started (${error.message}).`)
    process.exit(1)
  })
  child.on('close', (code, signal) => {
    process.exit(code ?? (signal !== null ? 1 : 0))
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal))
  }
}
