/** Pure checks on who is talking to main: structural types only, so Vitest runs them without Electron. */
import { APP_HOST, APP_SCHEME } from '../services/app-protocol'

/**
 * Where the app's own renderer lives. In development it is served by the electron-vite dev server
 * (`devServerUrl`); otherwise the files inside `rendererDir` are served on `app://kennisgraaf/`.
 */
export interface AppLocation {
  /** The dev server URL (ELECTRON_RENDERER_URL); undefined in a built or packaged app. */
  devServerUrl?: string
  /** Absolute directory holding the built renderer (`out/renderer`). */
  rendererDir: string
}

/** The parts of an IPC event (`IpcMainInvokeEvent`) the sender check reads. */
export interface SenderEventLike {
  readonly senderFrame: { readonly url: string } | null | undefined
  readonly sender: unknown
}

/** Message of the error a handler throws for a caller that is not the app's own window. */
export const REFUSED_SENDER_MESSAGE = 'Geweigerd: onbekende afzender'

/**
 * True only for URLs of the app's own renderer: same origin as the dev server when there is one,
 * otherwise `app://kennisgraaf/…` (see services/app-protocol). `file:` URLs never count: the app no
 * longer loads from files. Anything unparsable is false.
 */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (location.devServerUrl === undefined || location.devServerUrl === '') {
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  }
  let dev: URL
  try {
    dev = new URL(location.devServerUrl)
  } catch {
    return false
  }
  if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return false
  return parsed.origin === dev.origin
}

/**
 * True when an IPC call comes from the app itself: the event has a sender frame, the frame shows one
 * of the app's own URLs (see {@link isAppUrl}), and the sending webContents belongs to a known app
 * window. Every IPC handler must pass this before it acts.
 */
export function isTrustedSender(
  event: SenderEventLike,
  location: AppLocation,
  isAppWebContents: (sender: unknown) => boolean
): boolean {
  let frame: { readonly url: string } | null | undefined
  try {
    // Electron may warn or throw when the frame has navigated away or been destroyed.
    frame = event.senderFrame
  } catch {
    return false
  }
  if (frame === null || frame === undefined || typeof frame.url !== 'string') return false
  if (!isAppUrl(frame.url, location)) return false
  return isAppWebContents(event.sender)
}
