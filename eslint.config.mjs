// Flat ESLint config: the template's rules plus the layer boundaries of STYLE.md (R1, R8).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'

/**
 * Renderer layers (STYLE.md R8). An arrow means "may import":
 *
 *   app/ (and main.tsx) → features/ → state/ → graph-view/, search/, exchange/, storage/ → domain/
 *
 * Each layer may import any layer below it, never one above. Besides:
 * - platform/ and i18n/ are side leaves: they may import domain/ only; state/, features/ and app/
 *   use them. search/ and exchange/ may read the i18n catalogues (i18n/*.json), never i18next.
 * - The middle row does not import itself, with one exception: graph-view/ and search/ follow the
 *   in-memory GraphStore, so they may import types (only types) from storage/graph-store.
 * - dev/ (the generator of test graphs) may import domain/ only; no app code imports dev/.
 * - cytoscapeCoreForTests (graph-view/cy-controller) is for tests and benchmarks: outside
 *   graph-view the Cytoscape core is reached only through CyController's methods.
 * Imports are matched by path segment (relative or @renderer/), so '../features/x',
 * '../../features' and '@renderer/features/x' all count. tests/unit/build/lint-layers.test.ts
 * proves that every folder's rule fails an upward import.
 */
const RENDERER_DIRS = ['app', 'features', 'state', 'graph-view', 'search', 'exchange', 'storage', 'domain', 'platform', 'i18n', 'dev']
const MIDDLE = ['graph-view', 'search', 'exchange', 'storage']
/** What each folder of src-renderer/ may import from the others (its own folder always). */
const MAY_IMPORT = {
  '': ['app', 'features', 'state', ...MIDDLE, 'domain', 'platform', 'i18n'],
  app: ['features', 'state', ...MIDDLE, 'domain', 'platform', 'i18n'],
  features: ['state', ...MIDDLE, 'domain', 'platform', 'i18n'],
  state: [...MIDDLE, 'domain', 'platform', 'i18n'],
  'graph-view': ['domain'],
  search: ['domain'],
  exchange: ['domain'],
  storage: ['domain'],
  domain: [],
  platform: ['domain'],
  i18n: ['domain'],
  dev: ['domain']
}
/** Modules of a forbidden folder that a folder may still import (a regex on the rest of the path). */
const EXCEPTIONS = {
  'graph-view': { storage: 'graph-store$' },
  search: { storage: 'graph-store$', i18n: '[^/]+\\.json$' },
  // issue-message.ts is pure (catalogues and domain/ only, no i18next): the import's Dutch messages.
  exchange: { i18n: '([^/]+\\.json|issue-message)$' }
}
/** Exceptions that allow type imports only (the others allow any import). */
const TYPE_ONLY = { 'graph-view': ['storage'], search: ['storage'] }

const NODE_APIS = { group: ['node:*'], message: 'The renderer is DOM only (R1).' }
const CY_CORE = {
  regex: '(^|/)graph-view/cy-controller$',
  importNames: ['cytoscapeCoreForTests'],
  message: 'The Cytoscape core is private to graph-view/; use the CyController methods.'
}
const DOMAIN_PACKAGES = ['react', 'dexie-react-hooks', 'cytoscape', 'fuse.js', 'zustand'].map((name) => ({
  name,
  message: 'domain/ is pure TypeScript (STYLE.md R8).'
}))

/** The import rule for one folder of src-renderer/ ('' for main.tsx and the other root files). */
function rendererImports(dir) {
  const paths = [{ name: 'electron', message: 'The renderer never imports electron (R1).' }]
  if (dir !== 'storage') paths.push({ name: 'dexie', message: 'Only storage/ touches Dexie (R11, R12).' })
  if (dir === 'domain') paths.push(...DOMAIN_PACKAGES)
  const patterns = [NODE_APIS]
  if (dir !== 'graph-view') patterns.push(CY_CORE)
  const may = MAY_IMPORT[dir]
  const label = dir ? `${dir}/` : 'A root file of src-renderer/'
  const allowed = may.length ? may.map((d) => `${d}/`).join(', ') : 'no other folder'
  for (const other of RENDERER_DIRS) {
    if (other === dir || may.includes(other)) continue
    const except = EXCEPTIONS[dir]?.[other]
    const message = `${label} may not import ${other}/; it may import ${allowed} (layers: eslint.config.mjs).`
    // The folder as a path segment: '../x', '../../x/y', '@renderer/x/y', but not '../x-y'.
    patterns.push({ regex: `(^|/)${other}(/${except ? `(?!${except})` : ''}.*)?$`, message })
    if (except && TYPE_ONLY[dir]?.includes(other)) {
      patterns.push({ regex: `(^|/)${other}/${except}`, allowTypeImports: true, message: `${label} may import only types from ${other}/.` })
    }
  }
  return ['error', { paths, patterns }]
}

/** One block per folder of src-renderer/ (later blocks win, so each file gets exactly one rule). */
const RENDERER_LAYER_BLOCKS = [
  { files: ['src-renderer/*.{ts,tsx}'], rules: { '@typescript-eslint/no-restricted-imports': rendererImports('') } },
  ...RENDERER_DIRS.map((dir) => ({
    files: [`src-renderer/${dir}/**/*.{ts,tsx}`],
    rules: { '@typescript-eslint/no-restricted-imports': rendererImports(dir) }
  }))
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true, allowTypedFunctionExpressions: true, allowHigherOrderFunctions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn'
    }
  },
  ...RENDERER_LAYER_BLOCKS,
  {
    files: ['src-main/preload/**/*.ts', 'src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'child_process'], message: 'preload and shared stay free of Node APIs (R1, R5).' }] }]
    }
  },
  {
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'shared/ holds types and consts only.' }], patterns: [{ group: ['node:*', 'fs', 'path'], message: 'shared/ holds types and consts only.' }] }]
    }
  },
  {
    files: ['src-main/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-renderer/**', '@renderer/*'], message: 'main never imports renderer code (R1).' }] }]
    }
  },
  {
    files: ['tests/**/*.{ts,tsx,mjs}', 'scripts/**/*', '*.config.{ts,mjs}', 'tests/bench/**/*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', window: 'readonly', document: 'readonly', performance: 'readonly', URL: 'readonly', setTimeout: 'readonly' } }
  }
)
