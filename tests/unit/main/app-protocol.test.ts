import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  contentTypeOf,
  handleAppProtocol,
  resolveAppFile
} from '../../../src-main/main/services/app-protocol'

const rendererDir = resolve('/opt/kennisgraaf/out/renderer')

describe('resolveAppFile', () => {
  it('maps app://kennisgraaf/ paths to files inside the renderer dir', () => {
    expect(resolveAppFile(APP_ENTRY_URL, rendererDir)).toBe(join(rendererDir, 'index.html'))
    expect(resolveAppFile('app://kennisgraaf/', rendererDir)).toBe(join(rendererDir, 'index.html'))
    expect(resolveAppFile('app://kennisgraaf/assets/index-1.js?v=2#x', rendererDir)).toBe(
      join(rendererDir, 'assets', 'index-1.js')
    )
    expect(resolveAppFile('app://kennisgraaf/assets/a%20b.js', rendererDir)).toBe(
      join(rendererDir, 'assets', 'a b.js')
    )
  })

  it('refuses traversal, encoded separators, other hosts and other schemes', () => {
    // The URL parser already folds `..` and `%2e%2e` segments away: they stay inside the renderer.
    for (const url of ['app://kennisgraaf/../secret.txt', 'app://kennisgraaf/%2e%2e/secret.txt']) {
      expect(resolveAppFile(url, rendererDir)).toBe(join(rendererDir, 'secret.txt'))
    }
    for (const url of [
      'app://kennisgraaf/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://kennisgraaf/..%5c..%5csecret.txt',
      'app://kennisgraaf/%00index.html',
      'app://kennisgraaf/%E0%A4%A',
      'app://other/index.html',
      'file:///opt/kennisgraaf/out/renderer/index.html',
      'https://kennisgraaf/index.html',
      'not a url'
    ]) {
      expect(resolveAppFile(url, rendererDir), url).toBeNull()
    }
  })

  it('names content types for the files a build contains', () => {
    expect(contentTypeOf('a/index.html')).toMatch(/^text\/html/)
    expect(contentTypeOf('a/x.js')).toMatch(/^text\/javascript/)
    expect(contentTypeOf('a/x.CSS')).toMatch(/^text\/css/)
    expect(contentTypeOf('a/x.unknown')).toBe('application/octet-stream')
  })
})

describe('handleAppProtocol', () => {
  let dir: string
  let handler: (request: { url: string }) => Promise<Response> | Response

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-proto-'))
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true })
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>kg</title>')
    writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir, 'secret.txt'), 'geheim')
    handleAppProtocol(
      {
        handle: (scheme, fn) => {
          expect(scheme).toBe('app')
          handler = fn
        }
      },
      join(dir, 'renderer'),
      (path) => readFile(path)
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('serves the renderer files with their content type', async () => {
    const page = await handler({ url: APP_ENTRY_URL })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain('<title>kg</title>')
    const script = await handler({ url: 'app://kennisgraaf/assets/app.js' })
    expect(await script.text()).toBe('console.log(1)')
  })

  it('answers 404 for a missing file and for a path outside the renderer', async () => {
    expect((await handler({ url: 'app://kennisgraaf/nope.js' })).status).toBe(404)
    const escaped = await handler({ url: 'app://kennisgraaf/assets/%2e%2e%2f%2e%2e%2fsecret.txt' })
    expect(escaped.status).toBe(404)
    expect(await escaped.text()).not.toContain('geheim')
  })
})
