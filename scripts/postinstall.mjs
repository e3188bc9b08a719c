/**
 * `npm install` step: makes sure the Electron binary is there. Electron 43+ no longer download it
 * during install, and electron-vite does not trigger the lazy download, so without this step
 * `npm start` could never find it. Never fails the install: where the download is impossible
 * (offline, a proxy, build machines) it prints one line saying what happened and what to do.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  electronPackageDir,
  findElectronBinary,
  missingBinaryMessage
} from './lib/electron-binary.mjs'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
/** A download that has not finished in this time is given up (the install itself goes on). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000

function main() {
  const before = findElectronBinary(root)
  if (before.found) return
  const skip = process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']
  if (skip !== undefined && skip !== '' && skip !== '0' && skip !== 'false') {
    console.log(
      missingBinaryMessage('download skipped: ELECTRON_SKIP_BINARY_DOWNLOAD is set', before.version)
    )
    return
  }
  const packageDir = electronPackageDir(root)
  if (packageDir === undefined) {
    console.log(missingBinaryMessage(before.reason, before.version))
    return
  }
  console.log(`Stadmaken Kennisgraaf: downloading the Electron ${before.version} binary…`)
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const after = findElectronBinary(root)
  if (after.found) {
    console.log(`Stadmaken Kennisgraaf: Electron ${after.version} is installed.`)
    return
  }
  console.log(missingBinaryMessage(`download failed: ${failureReason(result)}`, before.version))
}

/** One short line out of a failed download's output. */
function failureReason(result) {
  if (result.error?.code === 'ETIMEDOUT') return 'it took longer than 10 minutes'
  if (result.error !== undefined) return result.error.message
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '))
  const line = lines.find((l) => /error/i.test(l)) ?? lines[0] ?? `exit code ${result.status}`
  return line.length > 160 ? `${line.slice(0, 157)}…` : line
}

try {
  main()
} catch (error) {
  // An install must never fail on this optional step.
  console.log(
    missingBinaryMessage(`check failed: ${error instanceof Error ? error.message : String(error)}`)
  )
}
