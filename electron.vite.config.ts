import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const shared = { '@shared': resolve('src-main/shared') }

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
    plugins: [react()]
  }
})
