import { describe, expect, it, vi, type Mock } from 'vitest'
import {
  confirmAndOpenExternal,
  externalLinkTarget,
  type ExternalLinkDeps
} from '../../../src-main/main/services/external-links'

describe('externalLinkTarget', () => {
  it('accepts only http and https links with a host', () => {
    expect(externalLinkTarget('https://www.amsterdam.nl/stadmaken')?.hostname).toBe(
      'www.amsterdam.nl'
    )
    expect(externalLinkTarget('http://example.org/x')?.hostname).toBe('example.org')
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'mailto:a@b.nl',
      'smb://x/y',
      'app://kennisgraaf/',
      '',
      'https://'
    ]) {
      expect(externalLinkTarget(url), url).toBeNull()
    }
  })
})

describe('confirmAndOpenExternal', () => {
  const deps = (
    response: number
  ): {
    showMessageBox: Mock<ExternalLinkDeps['showMessageBox']>
    openExternal: Mock<ExternalLinkDeps['openExternal']>
  } => ({
    showMessageBox: vi.fn<ExternalLinkDeps['showMessageBox']>(async () => ({ response })),
    openExternal: vi.fn<ExternalLinkDeps['openExternal']>(async () => undefined)
  })

  it('names the host and opens only after the user agreed', async () => {
    const yes = deps(0)
    await expect(confirmAndOpenExternal('https://bron.example.nl/pad?q=1', yes)).resolves.toBe(true)
    const [options] = yes.showMessageBox.mock.calls[0] as unknown as [
      { message: string; detail: string }
    ]
    expect(options.message).toContain('bron.example.nl')
    expect(options.detail).toContain('https://bron.example.nl/pad?q=1')
    expect(yes.openExternal).toHaveBeenCalledWith('https://bron.example.nl/pad?q=1')

    const no = deps(1)
    await expect(confirmAndOpenExternal('https://bron.example.nl/', no)).resolves.toBe(false)
    expect(no.openExternal).not.toHaveBeenCalled()
  })

  it('says an http link is not encrypted, and never asks about other schemes', async () => {
    const d = deps(0)
    await confirmAndOpenExternal('http://oud.example.nl/', d)
    const [options] = d.showMessageBox.mock.calls[0] as unknown as [{ detail: string }]
    expect(options.detail).toContain('niet versleuteld')
    const other = deps(0)
    await expect(confirmAndOpenExternal('file:///etc/passwd', other)).resolves.toBe(false)
    expect(other.showMessageBox).not.toHaveBeenCalled()
  })
})
