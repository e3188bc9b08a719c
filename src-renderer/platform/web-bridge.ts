import type { FileKind, OpenFileRequest, SaveFileResult } from '../../src-main/shared/ipc-contract'
import { FILE_KINDS } from '../../src-main/shared/ipc-contract'
import type { AppBridge, PickedFile, SaveRequest } from './files'
import type { MenuCommand } from '../../src-main/shared/menu-commands'
import { isMenuCommand } from '../../src-main/shared/menu-commands'
import pkg from '../../package.json'

/** Name of the DOM event the web bridge turns into menu commands (there is no native menu in a browser). */
export const WEB_MENU_EVENT = 'kg:menu-command'

const MIME: Record<FileKind, string> = {
  'kg-json': 'application/json',
  'kg-json-gz': 'application/gzip',
  csv: 'text/csv;charset=utf-8',
  zip: 'application/zip',
  gexf: 'application/xml',
  graphml: 'application/xml',
  cyjs: 'application/json',
  png: 'image/png',
  svg: 'image/svg+xml',
  pdf: 'application/pdf'
}

/**
 * The platform with browser means: saving downloads a file, opening uses a file input. Used by `npm
 * run web` and by the Playwright renderer tests; the same extension check as main applies. A picked
 * file is handed on as the `File` itself (never read here): the import worker reads it as a stream,
 * so there is no byte limit, only the import's record limit.
 */
export function createWebBridge(doc: Document = document): AppBridge {
  return {
    files: {
      async saveFile(req: SaveRequest): Promise<SaveFileResult> {
        const name = withExtension(baseName(req.suggestedName), req.kind)
        const parts: BlobPart[] =
          typeof req.data === 'string'
            ? [req.data]
            : (req.data instanceof Uint8Array ? [req.data] : req.data).map((p) =>
                // A Blob takes the pieces as they are; only a view of shared memory is copied.
                p.buffer instanceof ArrayBuffer ? (p as Uint8Array<ArrayBuffer>) : (p.slice() as Uint8Array<ArrayBuffer>)
              )
        const url = URL.createObjectURL(new Blob(parts, { type: MIME[req.kind] }))
        const a = doc.createElement('a')
        a.href = url
        a.download = name
        doc.body.appendChild(a)
        a.click()
        a.remove()
        setTimeout(() => URL.revokeObjectURL(url), 10_000)
        return { saved: true, name }
      },
      openFile(req: OpenFileRequest): Promise<PickedFile | null> {
        return new Promise((resolve, reject) => {
          const input = doc.createElement('input')
          input.type = 'file'
          input.accept = req.kinds.flatMap((k) => FILE_KINDS[k].extensions.map((e) => `.${e}`)).join(',')
          input.style.display = 'none'
          input.addEventListener('change', () => {
            const file = input.files?.[0]
            input.remove()
            if (!file) return resolve(null)
            const allowed = req.kinds.flatMap((k) => FILE_KINDS[k].extensions)
            if (!allowed.some((ext) => file.name.toLowerCase().endsWith(`.${ext}`)))
              return reject(new Error(`Dit bestandstype wordt niet ondersteund: ${file.name}`))
            resolve({ name: file.name, data: file, close: () => undefined })
          })
          input.addEventListener('cancel', () => {
            input.remove()
            resolve(null)
          })
          doc.body.appendChild(input)
          input.click()
        })
      },
      // A browser cannot be asked to open a file with the app: there is never one waiting.
      takeOpenedFile: async () => null,
      onFileOpened: () => () => undefined
    },
    app: {
      info: async () => ({ version: pkg.version, platform: navigator.platform, shell: 'web' as const })
    },
    menu: {
      // A browser tab has no native menu; the in-app menus follow the registry themselves.
      setEnabled: async () => undefined,
      onCommand(cb: (cmd: MenuCommand) => void): () => void {
        const listener = (e: Event): void => {
          const cmd = (e as CustomEvent<unknown>).detail
          if (isMenuCommand(cmd)) cb(cmd)
        }
        doc.addEventListener(WEB_MENU_EVENT, listener)
        return () => doc.removeEventListener(WEB_MENU_EVENT, listener)
      }
    }
  }
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || 'kennisgraaf'
}

function withExtension(name: string, kind: FileKind): string {
  const exts = FILE_KINDS[kind].extensions
  return exts.some((e) => name.toLowerCase().endsWith(`.${e}`)) ? name : `${name}.${exts[0]}`
}
