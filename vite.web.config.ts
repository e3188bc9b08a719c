import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { E2E_MODE, noTestHooks, testHooksDefine } from './scripts/test-hooks'

/**
 * The renderer alone, for a plain browser: `npm run web`, `npm run build:web` (out/web) and, in
 * mode 'e2e' (`npm run build:web:e2e`, out/web-e2e, served by `vite preview --mode e2e`), the
 * Playwright renderer tests; only that bundle has the test hooks (scripts/test-hooks.ts).
 */
export default defineConfig(({ mode }) => ({
  root: 'src-renderer',
  base: './',
  publicDir: resolve('resources/public'),
  define: { 'import.meta.env.VITE_WEB_BUILD': JSON.stringify('1'), ...testHooksDefine(mode) },
  // KG_WEB_OUT: another output folder, so parallel local runs do not rebuild each other's bundle.
  build: {
    outDir: resolve(process.env.KG_WEB_OUT ?? (mode === E2E_MODE ? 'out/web-e2e' : 'out/web')),
    emptyOutDir: true
  },
  resolve: {
    alias: { '@shared': resolve('src-main/shared'), '@renderer': resolve('src-renderer') }
  },
  server: { host: '127.0.0.1', port: 5273 },
  preview: { host: '127.0.0.1', port: 4273 },
  plugins: [react(), noTestHooks(mode)]
}))
