/**
 * Files the user opens with the app: a double-click on a `.kg.json` file (the installers declare
 * the association), "Open with", or a second start with a file argument. Main keeps their paths in a
 * queue; the renderer, once it is ready, takes them one by one and receives a handle, name and size
 * (checked here as the open dialog's files are; read in pieces through file-handles.ts). The path
 * never reaches the renderer.
 */
import { isAbsolute, resolve } from 'node:path'
import type { FileKind, OpenedFile, OpenFileResult } from '../../shared/ipc-contract'
import { readChosenFile, type ChosenFile, type ReadFileDeps } from './file-service'

/** The kinds of file the app opens when the user opens one with it. */
export const OPENABLE_KINDS: readonly FileKind[] = ['kg-json']
const OPENABLE_SUFFIX = '.kg.json'

/**
 * The `.kg.json` paths in a command line (the app's own argv on first start, or the argv that
 * `second-instance` passes on), made absolute against `workingDirectory`. Switches (`--…`) and every
 * other argument are ignored, so Chromium flags and the app path of an unpackaged start never count.
 */
export function openedFilePaths(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(OPENABLE_SUFFIX))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)))
}

/** A queue of paths opened with the app; `take` reads the oldest one. */
export class OpenedFileQueue {
  private readonly paths: string[] = []

  constructor(
    private readonly deps: ReadFileDeps,
    /** Called after every `add`, e.g. to tell a window that a file is waiting. */
    private readonly onAdded: () => void = () => undefined
  ) {}

  /** Queues `paths` (duplicates of a waiting path are dropped) and calls `onAdded` once. */
  add(paths: readonly string[]): void {
    let added = false
    for (const path of paths) {
      if (this.paths.includes(path)) continue
      this.paths.push(path)
      added = true
    }
    if (added) this.onAdded()
  }

  get size(): number {
    return this.paths.length
  }

  /**
   * Checks and removes the oldest waiting file, and `open`s it (gives it a handle for the renderer
   * that asked). A file that cannot be opened (gone, not a file) comes back as `{ ok: false }` with
   * a Dutch message naming it, never as an exception.
   */
  async take(open: (file: ChosenFile) => Promise<OpenFileResult>): Promise<OpenedFile | null> {
    const path = this.paths.shift()
    if (path === undefined) return null
    try {
      return { ok: true, file: await open(await readChosenFile(path, OPENABLE_KINDS, this.deps)) }
    } catch (error) {
      const name = path.split(/[\\/]/).pop() ?? path
      const reason = error instanceof Error ? error.message : String(error)
      const message =
        (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
          ? `Het bestand "${name}" is niet gevonden. Het is misschien verplaatst of verwijderd.`
          : reason
      return { ok: false, name, message }
    }
  }
}
