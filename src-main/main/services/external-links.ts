/**
 * Links to sources (which may come from imported files) leave the app only for the system browser,
 * only over `https:` or `http:`, and only after the user confirmed a dialog naming the host.
 */

/** The URL to open in the system browser, or null for anything that is not http(s). */
export function externalLinkTarget(url: string): URL | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  if (parsed.hostname === '') return null
  return parsed
}

/** The part of `dialog.showMessageBox` the main services use; resolves with the button chosen. */
export type ShowMessageBox = (options: {
  type: 'question' | 'error'
  title: string
  message: string
  detail: string
  buttons: string[]
  defaultId: number
  cancelId: number
}) => Promise<{ response: number }>

export interface ExternalLinkDeps {
  showMessageBox: ShowMessageBox
  openExternal(url: string): Promise<void>
}

/**
 * Asks the user, naming the host, and opens the link in the system browser when they agree.
 * Returns true when it was opened. Never throws.
 */
export async function confirmAndOpenExternal(
  url: string,
  deps: ExternalLinkDeps
): Promise<boolean> {
  const target = externalLinkTarget(url)
  if (target === null) return false
  try {
    const insecure = target.protocol === 'http:' ? ' De verbinding is niet versleuteld (http).' : ''
    const { response } = await deps.showMessageBox({
      type: 'question',
      title: 'Link openen',
      message: `Deze link openen in je browser?\n${target.hostname}`,
      detail: `${target.href}${insecure ? `\n${insecure.trim()}` : ''}`,
      buttons: ['Openen in browser', 'Annuleren'],
      defaultId: 0,
      cancelId: 1
    })
    if (response !== 0) return false
    await deps.openExternal(target.href)
    return true
  } catch {
    return false
  }
}
