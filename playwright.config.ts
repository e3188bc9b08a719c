import { defineConfig } from '@playwright/test'

/** Debian's Chromium; Playwright's own browser download is not available on these machines. */
const CHROMIUM = process.env.KG_CHROMIUM ?? '/usr/bin/chromium'
/** KG_E2E_PORT (with KG_WEB_OUT for the bundle) lets parallel local runs use their own server. */
const PORT = Number(process.env.KG_E2E_PORT ?? 4273)

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure'
  },
  projects: [
    {
      name: 'renderer',
      testIgnore: '**/electron.e2e.ts',
      use: {
        baseURL: `http://127.0.0.1:${PORT}`,
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync'
          ]
        }
      }
    },
    { name: 'electron', testMatch: '**/electron.e2e.ts' }
  ],
  webServer: {
    // The e2e bundle (out/web-e2e, with test hooks): `npm run build:web:e2e` first.
    command: `npx vite preview --config vite.web.config.ts --mode e2e --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  }
})
