import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** The renderer alone, for a plain browser: `npm run web` and the Playwright renderer tests. */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  publicDir: resolve('resources/public'),
  define: { 'import.meta.env.VITE_WEB_BUILD': JSON.stringify('1') },
  build: { outDir: resolve('out/web'), emptyOutDir: true },
  resolve: {
    alias: { '@shared': resolve('src-main/shared'), '@renderer': resolve('src-renderer') }
  },
  server: { host: '127.0.0.1', port: 5273 },
  preview: { host: '127.0.0.1', port: 4273 },
  plugins: [react()]
})
