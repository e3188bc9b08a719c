/**
 * The production window loads the app over `app://kennisgraaf/` instead of `file://`: a standard,
 * secure scheme that serves only the files of the built renderer (Electron security checklist,
 * "use a custom protocol instead of file://"). `file:` then gets no extra privileges (fuse).
 */
import { extname, isAbsolute, join, normalize, relative, resolve } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'kennisgraaf'
/** The origin of the app's own pages in a built app. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Privileges for `protocol.registerSchemesAsPrivileged` (must run before `ready`). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    codeCache: true
  }
} as const

/** Content types of the files a built renderer contains. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json'
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file inside `rendererDir` that an `app://kennisgraaf/…` URL names, or null for any other host
 * or scheme and for any path that would leave `rendererDir` (`..`, encoded separators, absolute
 * paths). `/` is the entry page. Pure.
 */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.slice(1)
  const root = resolve(rendererDir)
  const file = resolve(root, normalize(relativePath))
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return join(root, rel)
}

/** The part of Electron's `protocol` module the app uses (lets tests pass a fake). */
export interface ProtocolLike {
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response> | Response): void
}

/**
 * Serves the built renderer on `app://kennisgraaf/`. `readFile` reads bytes from disk; a missing
 * file or a path outside the renderer is a 404.
 */
export function handleAppProtocol(
  protocol: ProtocolLike,
  rendererDir: string,
  readFile: (path: string) => Promise<Uint8Array>
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir)
    if (file === null) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body as unknown as BodyInit, {
        status: 200,
        headers: { 'content-type': contentTypeOf(file) }
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
