import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The layer rules of eslint.config.mjs: every folder of src-renderer/ fails an import of a higher
 * (or forbidden sideways) layer and passes the imports it may make.
 */
const ROOT = resolve(import.meta.dirname, '../../..')
const CONFIG = resolve(ROOT, 'eslint.config.mjs')
const RULE = '@typescript-eslint/no-restricted-imports'
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: CONFIG })

/** The layer-rule messages for one import statement in a (virtual) file at `filePath`. */
async function violations(filePath: string, statement: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${statement}\nexport const keep: unknown = x\n`, {
    filePath: resolve(ROOT, filePath)
  })
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message)
}

const imp = (from: string): string => `import x from '${from}'`
const typeImp = (from: string): string => `import type x from '${from}'`

/** [file, import statement]: each must be reported. */
const UPWARD: [string, string][] = [
  ['src-renderer/domain/a.ts', imp('../storage/db')],
  ['src-renderer/domain/a.ts', imp('../graph-view/stylesheet')],
  ['src-renderer/domain/a.ts', imp('../search/search-index')],
  ['src-renderer/domain/a.ts', imp('../exchange/formats/kg-json')],
  ['src-renderer/domain/a.ts', imp('../state/ui-store')],
  ['src-renderer/domain/a.ts', imp('../features/canvas/GraphCanvas')],
  ['src-renderer/domain/kinds/a.ts', imp('../../features')],
  ['src-renderer/domain/a.ts', imp('../app/App')],
  ['src-renderer/domain/a.ts', imp('../platform/bridge')],
  ['src-renderer/domain/a.ts', imp('../i18n')],
  ['src-renderer/domain/a.ts', imp('../i18n/en.json')],
  ['src-renderer/domain/a.ts', imp('../i18n/nl.json')],
  ['src-renderer/domain/a.ts', imp('@renderer/features/services/AppContext')],
  ['src-renderer/domain/a.ts', imp('react')],
  ['src-renderer/domain/a.ts', imp('cytoscape')],
  ['src-renderer/storage/a.ts', imp('../exchange/formats/kg-json')],
  ['src-renderer/storage/a.ts', imp('../search/search-client')],
  ['src-renderer/storage/a.ts', imp('../graph-view/cy-controller')],
  ['src-renderer/storage/repositories/a.ts', imp('../../state/ui-store')],
  ['src-renderer/storage/a.ts', imp('../features/hooks/useGraph')],
  ['src-renderer/storage/a.ts', imp('@renderer/app/demo')],
  ['src-renderer/graph-view/a.ts', imp('../state/ui-store')],
  ['src-renderer/graph-view/a.ts', imp('../features/editor/editor-store')],
  ['src-renderer/graph-view/a.ts', imp('../app/App')],
  ['src-renderer/graph-view/a.ts', imp('../storage/db')],
  ['src-renderer/graph-view/a.ts', imp('../storage/graph-store')],
  ['src-renderer/graph-view/a.ts', imp('../search/search-client')],
  ['src-renderer/graph-view/a.ts', imp('../exchange/import-pipeline')],
  ['src-renderer/graph-view/a.ts', imp('../i18n/nl.json')],
  ['src-renderer/search/a.ts', imp('../storage/graph-store')],
  ['src-renderer/search/a.ts', typeImp('../storage/db')],
  ['src-renderer/search/a.ts', imp('../graph-view/stylesheet')],
  ['src-renderer/search/a.ts', imp('../i18n')],
  ['src-renderer/search/a.ts', imp('../state/ui-store')],
  ['src-renderer/exchange/a.ts', imp('../graph-view/stylesheet')],
  ['src-renderer/exchange/formats/a.ts', imp('../../storage/db')],
  ['src-renderer/exchange/a.ts', imp('../search/fold')],
  ['src-renderer/exchange/a.ts', imp('../state/ui-store')],
  ['src-renderer/exchange/a.ts', imp('../features/import/ImportDialog')],
  ['src-renderer/exchange/a.ts', imp('../i18n')],
  ['src-renderer/exchange/a.ts', imp('../i18n/index')],
  ['src-renderer/state/a.ts', imp('../features/hooks/useGraph')],
  ['src-renderer/state/a.ts', imp('../app/App')],
  ['src-renderer/state/a.ts', imp('@renderer/features/services/AppContext')],
  ['src-renderer/features/canvas/a.tsx', imp('../../app/App')],
  ['src-renderer/features/a.ts', imp('../app/commands')],
  ['src-renderer/features/a.ts', imp('@renderer/app/demo')],
  ['src-renderer/features/a.ts', imp('../dev/generate-graph')],
  ['src-renderer/platform/a.ts', imp('../state/ui-store')],
  ['src-renderer/platform/a.ts', imp('../features/services/AppContext')],
  ['src-renderer/i18n/a.ts', imp('../features/services/AppContext')],
  ['src-renderer/i18n/a.ts', imp('../storage/settings')],
  ['src-renderer/dev/a.ts', imp('../storage/graph-store')],
  [
    'src-renderer/features/a.ts',
    "import { cytoscapeCoreForTests } from '../graph-view/cy-controller'"
  ],
  ['src-renderer/app/a.ts', "import { cytoscapeCoreForTests } from '../graph-view/cy-controller'"],
  ['src-renderer/features/a.ts', imp('dexie')],
  ['src-renderer/storage/a.ts', imp('electron')],
  ['src-renderer/state/a.ts', imp('node:fs')]
]

/** [file, import statement]: none may be reported. */
const ALLOWED: [string, string][] = [
  ['src-renderer/domain/a.ts', imp('./ids')],
  ['src-renderer/storage/a.ts', imp('../domain/graph')],
  ['src-renderer/storage/a.ts', imp('dexie')],
  ['src-renderer/graph-view/a.ts', imp('../domain/node-kinds')],
  ['src-renderer/graph-view/a.ts', typeImp('../storage/graph-store')],
  ['src-renderer/graph-view/a.ts', "import { cytoscapeCoreForTests } from './cy-controller'"],
  ['src-renderer/search/a.ts', typeImp('../storage/graph-store')],
  ['src-renderer/search/a.ts', imp('../i18n/nl.json')],
  ['src-renderer/exchange/a.ts', imp('../domain/validate')],
  ['src-renderer/exchange/a.ts', imp('../i18n/en.json')],
  ['src-renderer/exchange/import/a.ts', imp('../../i18n/issue-message')],
  ['src-renderer/state/a.ts', imp('../graph-view/view-filter')],
  ['src-renderer/state/a.ts', imp('../storage/graph-store')],
  ['src-renderer/state/a.ts', imp('../search/search-client')],
  ['src-renderer/state/a.ts', imp('../exchange/import-pipeline')],
  ['src-renderer/state/a.ts', imp('../platform/bridge')],
  ['src-renderer/state/a.ts', imp('../i18n')],
  ['src-renderer/features/canvas/a.tsx', imp('../../state/ui-store')],
  [
    'src-renderer/features/canvas/a.tsx',
    "import { CyController } from '../../graph-view/cy-controller'"
  ],
  ['src-renderer/features/canvas/a.tsx', imp('../services/AppContext')],
  ['src-renderer/features/a.ts', imp('@renderer/storage/bootstrap')],
  ['src-renderer/features/search/a.tsx', imp('../../search/search-client')],
  ['src-renderer/app/a.tsx', imp('../features/canvas/GraphCanvas')],
  ['src-renderer/app/a.tsx', imp('../storage/bootstrap')],
  ['src-renderer/app/a.tsx', imp('../exchange/formats/kg-json')],
  ['src-renderer/main.tsx', imp('./app/App')],
  ['src-renderer/main.tsx', imp('./storage/bootstrap')],
  ['src-renderer/i18n/a.ts', imp('../domain/consent')],
  ['src-renderer/platform/a.ts', imp('../../src-main/shared/ipc-contract')],
  ['src-renderer/dev/a.ts', imp('../domain/graph')]
]

describe('layer rules (eslint.config.mjs)', () => {
  it.each(UPWARD)('%s: %s is an error', async (file, statement) => {
    expect(await violations(file, statement)).not.toEqual([])
  })

  it.each(ALLOWED)('%s: %s is allowed', async (file, statement) => {
    expect(await violations(file, statement)).toEqual([])
  })

  it('fails the fixture tests/fixtures/lint/upward-import, linted as a project of its own', async () => {
    const cwd = resolve(ROOT, 'tests/fixtures/lint/upward-import')
    const fixture = new ESLint({ cwd, overrideConfigFile: CONFIG })
    const [result] = await fixture.lintFiles(['src-renderer/domain/bad.ts'])
    const messages = (result?.messages ?? []).filter((m) => m.ruleId === RULE)
    // features/ and state/ are upward; a type import from storage/ is sideways for domain/.
    expect(messages.map((m) => m.line)).toEqual([3, 4, 5])
    expect(messages[0]?.message).toContain('domain/ may not import features/')
  })
})
