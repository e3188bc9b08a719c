/**
 * What happens when something breaks: main's own errors are written to a log file in the user-data
 * folder and shown in a dialog; a crashed renderer gets a dialog that offers to reload it. Nothing
 * the user saved is at risk: every edit is committed to IndexedDB before the UI says so, and a
 * reload reads it back. Electron and fs are injected, so this runs in Vitest without either.
 */
import { join } from 'node:path'
import type { ShowMessageBox } from './external-links'

/** Log file name inside the logs folder. */
export const MAIN_LOG_NAME = 'main.log'

/** One log entry: time, what happened, and the error's stack or text. */
export function formatLogEntry(what: string, error: unknown, now: Date = new Date()): string {
  const detail =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
  return `[${now.toISOString()}] ${what}\n${detail}\n\n`
}

export interface CrashLogDeps {
  /** The folder for logs (Electron: `app.getPath('logs')`, inside the user-data folder). */
  logDir: string
  mkdir(path: string): Promise<unknown>
  appendFile(path: string, text: string): Promise<void>
}

/** Appends an entry to the main log; returns the log's path. Never throws. */
export async function writeLog(deps: CrashLogDeps, what: string, error: unknown): Promise<string> {
  const path = join(deps.logDir, MAIN_LOG_NAME)
  try {
    await deps.mkdir(deps.logDir)
    await deps.appendFile(path, formatLogEntry(what, error))
  } catch {
    // A log that cannot be written must not turn one error into two.
  }
  return path
}

export interface MainCrashDeps extends CrashLogDeps {
  /** `process.on` for 'uncaughtException' and 'unhandledRejection'. */
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown
  /** `dialog.showErrorBox`: works before the app is ready too. */
  showErrorBox(title: string, content: string): void
}

/** Logs and shows every error main does not handle itself. */
export function installMainCrashHandlers(deps: MainCrashDeps): void {
  const report = (what: string) => (error: unknown) => {
    void writeLog(deps, what, error).then((logPath) => {
      const message = error instanceof Error ? error.message : String(error)
      deps.showErrorBox(
        'Er ging iets mis in Stadmaken Kennisgraaf',
        `${message}\n\nWat je al had opgeslagen is bewaard. De details staan in ${logPath}. ` +
          'Stuur dat bestand mee als je dit meldt.'
      )
    })
  }
  deps.on('uncaughtException', report('Uncaught exception in main'))
  deps.on('unhandledRejection', report('Unhandled rejection in main'))
}

/** Electron's `render-process-gone` details (the parts read here). */
export interface RenderGoneDetails {
  reason: string
  exitCode: number
}

export interface RendererCrashDeps extends CrashLogDeps {
  /** `dialog.showMessageBox` for the window. */
  showMessageBox: ShowMessageBox
  reload(): void
  close(): void
}

/** Reasons that are not crashes: the window was closed or the app is quitting. */
const NOT_A_CRASH = new Set(['clean-exit'])

/**
 * After the renderer is gone: logs it and asks whether to reload (the default) or close the
 * window. Returns what was done.
 */
export async function handleRendererGone(
  details: RenderGoneDetails,
  deps: RendererCrashDeps
): Promise<'reloaded' | 'closed' | 'ignored'> {
  if (NOT_A_CRASH.has(details.reason)) return 'ignored'
  const logPath = await writeLog(
    deps,
    `Renderer gone: ${details.reason} (exit code ${details.exitCode})`,
    ''
  )
  const { response } = await deps.showMessageBox({
    type: 'error',
    title: 'Stadmaken Kennisgraaf',
    message: 'Het venster is vastgelopen.',
    detail:
      'Wat je al had opgeslagen is bewaard. Laad het venster opnieuw om verder te werken. ' +
      `De details staan in ${logPath}.`,
    buttons: ['Opnieuw laden', 'Venster sluiten'],
    defaultId: 0,
    cancelId: 1
  })
  if (response === 0) {
    deps.reload()
    return 'reloaded'
  }
  deps.close()
  return 'closed'
}
