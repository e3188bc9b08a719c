import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { noTestHooks, testHooksDefine } from './scripts/test-hooks'

const shared = { '@shared': resolve('src-main/shared') }

/**
 * The production CSP in src-renderer/index.html allows no WebSocket; only the dev server (hot
 * reload) adds its own sources, so a built app never carries them.
 */
function devServerCsp(): Plugin {
  return {
    name: 'kg-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html: string) =>
      html.replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*")
  }
}

export default defineConfig({
  main: {
    build: { rollupOptions: { input: { index: resolve('src-main/main/index.ts') } } },
    resolve: { alias: shared }
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve('src-main/preload/index.ts') } } },
    resolve: { alias: shared }
  },
  renderer: {
    root: 'src-renderer',
    publicDir: resolve('resources/public'),
    build: { rollupOptions: { input: { index: resolve('src-renderer/index.html') } } },
    resolve: { alias: { ...shared, '@renderer': resolve('src-renderer') } },
    // The app never has test hooks (the Playwright renderer tests use the web build in mode 'e2e').
    define: testHooksDefine('production'),
    plugins: [react(), devServerCsp(), noTestHooks('production')]
  }
})
