import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = { '@shared': resolve('src-main/shared'), '@renderer': resolve('src-renderer') }

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'domain',
          environment: 'node',
          // A guard against a hung test, not a speed check: property tests take seconds on a loaded machine.
          testTimeout: 30_000,
          include: ['tests/unit/{domain,dev,exchange,search,graph-view,state}/**/*.test.ts']
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'storage',
          environment: 'node',
          testTimeout: 30_000,
          setupFiles: ['tests/setup/fake-indexeddb.ts'],
          include: ['tests/unit/storage/**/*.test.ts']
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'ui',
          environment: 'jsdom',
          setupFiles: ['tests/setup/jsdom.ts'],
          // Rendering Mantine forms in jsdom is slow on a busy machine.
          testTimeout: 40_000,
          include: ['tests/unit/**/*.test.tsx']
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'main',
          environment: 'node',
          include: ['tests/unit/{main,build}/**/*.test.ts']
        }
      }
    ]
  }
})
