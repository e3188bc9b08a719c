/**
 * Where the Electron binary is, and how to say that it is missing. Shared by `npm install`
 * (postinstall) and `npm start`. Reads the `electron` package's own files instead of
 * `require('electron')`: that require starts a download when the binary is missing (Electron 43+
 * download lazily), which must never happen as a side effect of looking.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Node version that Electron's own download tooling (@electron/get 5) declares. */
export const ELECTRON_TOOLING_NODE = '22.12.0'

/** The `electron` package folder, or undefined when the package itself is not installed. */
export function electronPackageDir(root) {
  try {
    const requireFromRoot = createRequire(join(root, 'package.json'))
    return dirname(requireFromRoot.resolve('electron/package.json'))
  } catch {
    return undefined
  }
}

/** The executable's name inside Electron's dist folder on this platform (same table as the package's install.js). */
export function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/**
 * Finds the Electron binary without downloading anything.
 * @returns {{ found: true, path: string, version: string } | { found: false, expectedPath?: string, version?: string, reason: string }}
 */
export function findElectronBinary(root, env = process.env) {
  const packageDir = electronPackageDir(root)
  if (packageDir === undefined) {
    return { found: false, reason: 'the electron package is not installed (run npm install)' }
  }
  const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : platformExecutable()
  // ELECTRON_OVERRIDE_DIST_PATH is Electron's own switch for a binary kept elsewhere.
  const overrideDir = env['ELECTRON_OVERRIDE_DIST_PATH']
  const distDir =
    overrideDir !== undefined && overrideDir !== '' ? overrideDir : join(packageDir, 'dist')
  const expectedPath = join(distDir, executable)
  if (existsSync(expectedPath)) return { found: true, path: expectedPath, version }
  return { found: false, expectedPath, version, reason: `no binary at ${expectedPath}` }
}

/** True when `version` (e.g. process.versions.node) is at least `minimum` (x.y.z). */
export function atLeastVersion(version, minimum) {
  const a = version.split('.').map(Number)
  const b = minimum.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  }
  return true
}

/**
 * The one message for a missing binary, printed by `npm install` and by `npm start`: what happened,
 * how to fetch the binary, and that the browser version needs none.
 */
export function missingBinaryMessage(reason, version) {
  const nodeHint = atLeastVersion(process.versions.node, ELECTRON_TOOLING_NODE)
    ? ''
    : ` Electron's download tool needs Node ${ELECTRON_TOOLING_NODE} or later (this is ${process.versions.node}).`
  return (
    `Stadmaken Kennisgraaf: the Electron ${version ?? ''} binary is not installed (${reason}). ` +
    'Fetch it with internet access: `npm run electron:install` (it downloads from GitHub releases; ' +
    'behind a proxy or mirror set ELECTRON_MIRROR or HTTPS_PROXY first).' +
    nodeHint +
    ' Without it, `npm run web` runs the app in your browser.'
  ).replace(/ {2,}/g, ' ')
}
