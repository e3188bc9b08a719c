import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  isAppUrl,
  isTrustedSender,
  type AppLocation
} from '../../../src-main/main/ipc/sender-check'

const rendererDir = resolve('/opt/kennisgraaf/out/renderer')
const built: AppLocation = { rendererDir }
const dev: AppLocation = { rendererDir, devServerUrl: 'http://localhost:5173' }
const indexUrl = 'app://kennisgraaf/index.html'

describe('isAppUrl', () => {
  it('accepts the app:// pages of the built renderer, with hash or query', () => {
    expect(isAppUrl(indexUrl, built)).toBe(true)
    expect(isAppUrl(`${indexUrl}#/weergave/1?x=2`, built)).toBe(true)
    expect(isAppUrl('app://kennisgraaf/assets/a.js', built)).toBe(true)
  })

  it('rejects file: URLs (even inside the renderer dir) and other app:// hosts', () => {
    expect(isAppUrl(pathToFileURL(join(rendererDir, 'index.html')).href, built)).toBe(false)
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, built)).toBe(false)
    expect(isAppUrl('app://evil/index.html', built)).toBe(false)
    expect(isAppUrl('app://kennisgraaf.evil/index.html', built)).toBe(false)
    expect(isAppUrl('apps://kennisgraaf/index.html', built)).toBe(false)
  })

  it('rejects app:// pages while a dev server is the app', () => {
    expect(isAppUrl(indexUrl, dev)).toBe(false)
  })

  it('accepts the dev server origin only when there is a dev server', () => {
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/index.html#/x', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/', built)).toBe(false)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false)
  })

  it('rejects foreign and odd URLs', () => {
    for (const url of [
      'https://evil.example/',
      'about:blank',
      'data:text/html,hi',
      'not a url',
      ''
    ]) {
      expect(isAppUrl(url, dev)).toBe(false)
    }
  })
})

describe('isTrustedSender', () => {
  const appContents = { id: 1 }
  const isApp = (sender: unknown): boolean => sender === appContents

  it('accepts the app window showing the app page', () => {
    expect(
      isTrustedSender({ senderFrame: { url: indexUrl }, sender: appContents }, built, isApp)
    ).toBe(true)
  })

  it('refuses a foreign frame, a missing frame and a non-app webContents', () => {
    const foreign = { senderFrame: { url: 'https://evil.example' }, sender: appContents }
    expect(isTrustedSender(foreign, built, isApp)).toBe(false)
    expect(isTrustedSender({ senderFrame: null, sender: appContents }, built, isApp)).toBe(false)
    const stranger = { senderFrame: { url: indexUrl }, sender: { id: 2 } }
    expect(isTrustedSender(stranger, built, isApp)).toBe(false)
  })

  it('refuses when reading the frame throws (destroyed frame)', () => {
    const event = {
      get senderFrame(): { url: string } {
        throw new Error('frame destroyed')
      },
      sender: appContents
    }
    expect(isTrustedSender(event, built, isApp)).toBe(false)
  })
})
