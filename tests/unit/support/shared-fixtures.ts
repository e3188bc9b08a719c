/**
 * The sample files shared between the projects of this workspace live next to this repository, in
 * `../shared/fixtures` (the graph files in `graphs/`, see its SOURCE.md). Tests that read them go
 * through this helper instead of checking the folder themselves:
 *
 * - present: the tests run;
 * - missing on a developer machine: they are skipped, with the reason in the test name;
 * - missing under CI (`CI=true`, as CI services set it): that is a broken checkout, and it fails.
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'vitest'

const REPO_ROOT = resolve(__dirname, '../../..')

/** `../shared/fixtures`, next to the repository. */
export const SHARED_FIXTURES = resolve(REPO_ROOT, '../shared/fixtures')
/** The shared graph files (GEXF, GraphML) and their SOURCE.md. */
export const SHARED_GRAPH_FIXTURES = resolve(SHARED_FIXTURES, 'graphs')

/** The environment the helper reads; only `CI` matters. */
export type FixtureEnv = Readonly<Record<string, string | undefined>>

/** Options of {@link checkSharedFixtures} and {@link describeWithSharedFixtures}. */
export interface SharedFixtureOptions {
  /** The folder to look for; default {@link SHARED_GRAPH_FIXTURES}. */
  dir?: string
  /** Files the tests need inside it (relative names); a missing one counts like a missing folder. */
  files?: readonly string[]
  /** Default `process.env`. */
  env?: FixtureEnv
}

/** The outcome of {@link checkSharedFixtures} when it does not throw. */
export type SharedFixtureCheck =
  { available: true; dir: string } | { available: false; dir: string; reason: string }

/** Whether `env` says this is a CI run (`CI=true`; `1` is accepted too). */
export function isCi(env: FixtureEnv = process.env): boolean {
  return /^(true|1)$/i.test(env.CI?.trim() ?? '')
}

/**
 * Looks for the shared fixture folder (and the given files in it). Throws when something is missing
 * under CI; else reports whether the tests can run and, if not, why.
 */
export function checkSharedFixtures(options: SharedFixtureOptions = {}): SharedFixtureCheck {
  const dir = resolve(options.dir ?? SHARED_GRAPH_FIXTURES)
  const env = options.env ?? process.env
  let problem: string | null = null
  if (!existsSync(dir) || !statSync(dir).isDirectory()) problem = `${dir} does not exist`
  else {
    const missing = (options.files ?? []).filter((f) => !existsSync(resolve(dir, f)))
    if (missing.length) problem = `${dir} lacks ${missing.join(', ')}`
  }
  if (problem === null) return { available: true, dir }
  if (isCi(env)) {
    throw new Error(
      `Shared test fixtures missing under CI: ${problem}. Check out the shared folder next to the ` +
        `repository (../shared/fixtures) before running the tests.`
    )
  }
  return { available: false, dir, reason: `${problem} (under CI=true this fails)` }
}

/**
 * `describe(title, …)` for tests that read the shared fixtures; `body` gets the folder. When the
 * fixtures are missing, `body` is not run at all (it may read files while collecting): locally one
 * skipped test names the reason; under CI one failing test carries the error, and the rest of the
 * file still runs.
 */
export function describeWithSharedFixtures(
  title: string,
  options: SharedFixtureOptions,
  body: (dir: string) => void
): void {
  let check: SharedFixtureCheck
  try {
    check = checkSharedFixtures(options)
  } catch (error) {
    describe(title, () => {
      it('has the shared fixtures it needs', () => {
        throw error
      })
    })
    return
  }
  if (check.available) {
    const { dir } = check
    describe(title, () => body(dir))
  } else {
    const { reason } = check
    describe(title, () => {
      it.skip(`skipped: ${reason}`, () => {})
    })
  }
}
