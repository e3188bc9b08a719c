/**
 * The one IPC contract between main, preload and renderer (types and consts only, no runtime imports).
 * Channel names are `area:verb-noun`. The renderer never sends or receives a filesystem path: main
 * opens the dialogs, keeps the chosen paths, and hands the renderer opaque handles it reads in pieces
 * (`files:read-chunk`) or writes in pieces (`files:save-chunk`), so a file of any size the app can
 * hold is opened and saved without main loading it into one Buffer.
 */
import type { MenuCommand } from './menu-commands'

/** Kinds of file the app saves; each maps to dialog filters and an extension check in main. */
export const FILE_KINDS = {
  'kg-json': { extensions: ['kg.json', 'json'], label: 'Kennisgraaf (.kg.json)' },
  'kg-json-gz': { extensions: ['kg.json.gz', 'gz'], label: 'Kennisgraaf, gecomprimeerd (.kg.json.gz)' },
  csv: { extensions: ['csv'], label: 'CSV' },
  zip: { extensions: ['zip'], label: 'ZIP' },
  gexf: { extensions: ['gexf'], label: 'GEXF (Gephi)' },
  graphml: { extensions: ['graphml'], label: 'GraphML' },
  cyjs: { extensions: ['cyjs', 'json'], label: 'Cytoscape JSON' },
  png: { extensions: ['png'], label: 'PNG' },
  svg: { extensions: ['svg'], label: 'SVG' },
  pdf: { extensions: ['pdf'], label: 'PDF' }
} as const
export type FileKind = keyof typeof FILE_KINDS

/**
 * Largest file read whole into one buffer for an import (bytes; read.ts `readFiles`). Imports in the
 * app and the CLI are read as streams (read-stream.ts), which have no byte limit: the record limit
 * of exchange/limits.ts decides.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024
/**
 * Largest payload of one `files:save-file` call (bytes). Larger saves go in pieces through
 * `files:save-begin` / `files:save-chunk` / `files:save-end`, which have no total limit.
 */
export const MAX_SAVE_BYTES = 512 * 1024 * 1024
/** Largest piece `files:read-chunk` returns and `files:save-chunk` accepts (bytes). */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024

export interface SaveFileRequest {
  suggestedName: string
  kind: FileKind
  data: string | Uint8Array
}
export type SaveFileResult =
  { saved: true; name: string } | { saved: false; reason: 'cancelled' | 'error'; message?: string }

/** A save in pieces: the dialog opens now; the bytes follow with `files:save-chunk`. */
export interface SaveBeginRequest {
  suggestedName: string
  kind: FileKind
}
/** A save that may receive its bytes (`token` names it), or why not (cancelled, error). */
export type SaveBeginResult = { saved: 'pending'; token: string } | Extract<SaveFileResult, { saved: false }>

export interface OpenFileRequest {
  kinds: FileKind[]
}
/**
 * A file the user chose, held open by main: an opaque random handle (read it with
 * `files:read-chunk`, release it with `files:close`), its base name and size; never its path.
 */
export interface OpenFileResult {
  handle: string
  name: string
  size: number
}

/**
 * A file the user opened with the app (double-click, "Open with", a second start with a file
 * argument): its handle, name and size, or why it could not be opened.
 */
export type OpenedFile =
  { ok: true; file: OpenFileResult } | { ok: false; name: string; message: string }

/** Enabled state per native menu command; commands left out keep their state. */
export type MenuEnabledStates = Partial<Record<MenuCommand, boolean>>

export interface AppInfo {
  version: string
  platform: string
  /** 'electron' in the desktop app, 'web' in a plain browser. */
  shell: 'electron' | 'web'
}

/** Channels the renderer invokes (request → response). */
export const INVOKE_CHANNELS = {
  saveFile: 'files:save-file',
  saveBegin: 'files:save-begin',
  saveChunk: 'files:save-chunk',
  saveEnd: 'files:save-end',
  openFile: 'files:open-file',
  takeOpenedFile: 'files:take-opened-file',
  readChunk: 'files:read-chunk',
  closeFile: 'files:close',
  appInfo: 'app:get-info',
  setMenuEnabled: 'menu:set-enabled'
} as const

/** Channels main pushes to the renderer. */
export const PUSH_CHANNELS = {
  menuCommand: 'menu:command',
  /** A file was opened with the app; the renderer fetches it with `files:take-opened-file`. */
  openedFile: 'files:opened-file'
} as const

export interface InvokeMap {
  'files:save-file': (req: SaveFileRequest) => SaveFileResult
  /** Opens the save dialog; the chosen path stays in main under the returned token. */
  'files:save-begin': (req: SaveBeginRequest) => SaveBeginResult
  /** Appends at most {@link MAX_CHUNK_BYTES} to the save `token` names. */
  'files:save-chunk': (token: string, data: Uint8Array) => void
  /** `commit`: the file takes its place whole; otherwise the partial file is removed. */
  'files:save-end': (token: string, commit: boolean) => SaveFileResult
  'files:open-file': (req: OpenFileRequest) => OpenFileResult | null
  /** The oldest file opened with the app that the renderer has not taken yet, or null. */
  'files:take-opened-file': () => OpenedFile | null
  /** At most {@link MAX_CHUNK_BYTES} from `offset` (fewer at the end, none past it). */
  'files:read-chunk': (handle: string, offset: number, length: number) => Uint8Array
  /** Releases a handle (closing twice, or an unknown handle, is fine). */
  'files:close': (handle: string) => void
  'app:get-info': () => AppInfo
  /** Which native menu commands can run now (the renderer's command registry decides). */
  'menu:set-enabled': (states: MenuEnabledStates) => void
}
export interface PushMap {
  'menu:command': [cmd: MenuCommand]
  'files:opened-file': []
}
export type InvokeChannel = keyof InvokeMap

/**
 * What the preload exposes as `window.api`. The renderer uses it through src-renderer/platform
 * (which turns handles into streamable files, and large saves into pieces).
 */
export interface BridgeApi {
  files: {
    saveFile(req: SaveFileRequest): Promise<SaveFileResult>
    saveBegin(req: SaveBeginRequest): Promise<SaveBeginResult>
    saveChunk(token: string, data: Uint8Array): Promise<void>
    saveEnd(token: string, commit: boolean): Promise<SaveFileResult>
    openFile(req: OpenFileRequest): Promise<OpenFileResult | null>
    /** Takes the oldest file opened with the app (see {@link OpenedFile}), or null. */
    takeOpenedFile(): Promise<OpenedFile | null>
    readChunk(handle: string, offset: number, length: number): Promise<Uint8Array>
    closeFile(handle: string): Promise<void>
    /** Called when a file is opened with the app while it runs; returns the unsubscribe function. */
    onFileOpened(cb: () => void): () => void
  }
  app: {
    info(): Promise<AppInfo>
  }
  menu: {
    /** Subscribes to native menu commands; returns the unsubscribe function. */
    onCommand(cb: (cmd: MenuCommand) => void): () => void
    /** Greys native menu items out (or in) as the command registry says. */
    setEnabled(states: MenuEnabledStates): Promise<void>
  }
}
