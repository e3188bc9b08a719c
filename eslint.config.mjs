// Flat ESLint config: the template's rules plus the layer boundaries of STYLE.md (R1, R8).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'

const DOMAIN_FORBIDDEN = {
  paths: ['react', 'dexie', 'dexie-react-hooks', 'cytoscape', 'fuse.js', 'electron', 'zustand'].map(
    (name) => ({ name, message: 'domain/ is pure TypeScript (STYLE.md R8).' })
  ),
  patterns: [
    {
      group: ['**/storage/**', '**/graph-view/**', '**/features/**', '**/app/**', '**/platform/**', '**/search/**', '**/exchange/**'],
      message: 'domain/ may not import other layers.'
    },
    { group: ['node:*'], message: 'The renderer is DOM only (R1).' }
  ]
}

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
  {
    files: ['src-renderer/storage/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer never imports electron (R1).' }], patterns: [{ group: ['node:*'], message: 'The renderer is DOM only (R1).' }] }]
    }
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/storage/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer never imports electron (R1).' }, { name: 'dexie', message: 'Only storage/ touches Dexie (R11, R12).' }], patterns: [{ group: ['node:*'], message: 'The renderer is DOM only (R1).' }] }]
    }
  },
  {
    files: ['src-renderer/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', DOMAIN_FORBIDDEN] }
  },
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
