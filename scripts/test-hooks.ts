import type { Plugin } from 'vite'

/**
 * Test hooks: globals the Playwright tests read (window.__kgCy, the canvas's Cytoscape core). The
 * renderer sets them only when `import.meta.env.VITE_KG_TEST_HOOKS === '1'`, which the e2e build
 * (`npm run build:web:e2e`, Vite mode 'e2e') defines; every other build defines '0', so the code
 * is dropped.
 */
export const TEST_HOOK_NAMES = ['__kgCy'] as const

/** The Vite mode of the e2e bundle (out/web-e2e), the only one with test hooks. */
export const E2E_MODE = 'e2e'

/** The `define` entry for a build in `mode`. */
export function testHooksDefine(mode: string): Record<string, string> {
  return { 'import.meta.env.VITE_KG_TEST_HOOKS': JSON.stringify(mode === E2E_MODE ? '1' : '0') }
}

/** Fails a build (other than the e2e one) whose output still names a test hook. */
export function noTestHooks(mode: string): Plugin {
  return {
    name: 'kg-no-test-hooks',
    apply: 'build',
    generateBundle(_options, bundle) {
      if (mode === E2E_MODE) return
      for (const file of Object.values(bundle)) {
        const text =
          file.type === 'chunk'
            ? file.code
            : typeof file.source === 'string'
              ? file.source
              : Buffer.from(file.source).toString('latin1')
        const hook = TEST_HOOK_NAMES.find((name) => text.includes(name))
        if (hook)
          this.error(`${file.fileName} contains the test hook ${hook} (only the e2e build may)`)
      }
    }
  }
}
