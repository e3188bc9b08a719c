/**
 * The one IPC contract between main, preload and renderer (types and consts only, no runtime imports).
 * Channel names are `area:verb-noun`. The renderer never sends a filesystem path: main opens the dialogs
 * and reads or writes the bytes.
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

/** Largest file main will read for an import (bytes). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024
/** Largest payload main will write for a save or export (bytes). */
export const MAX_SAVE_BYTES = 512 * 1024 * 1024

export interface SaveFileRequest {
  suggestedName: string
  kind: FileKind
  data: string | Uint8Array
}
export type SaveFileResult =
  { saved: true; name: string } | { saved: false; reason: 'cancelled' | 'error'; message?: string }

export interface OpenFileRequest {
  kinds: FileKind[]
}
/** A file the user picked in main's dialog: its base name and bytes, never its path. */
export interface OpenFileResult {
  name: string
  data: Uint8Array
}

/**
 * A file the user opened with the app (double-click, "Open with", a second start with a file
 * argument): its name and bytes, read by main, or why it could not be read.
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
  openFile: 'files:open-file',
  takeOpenedFile: 'files:take-opened-file',
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
  'files:open-file': (req: OpenFileRequest) => OpenFileResult | null
  /** The oldest file opened with the app that the renderer has not taken yet, or null. */
  'files:take-opened-file': () => OpenedFile | null
  'app:get-info': () => AppInfo
  /** Which native menu commands can run now (the renderer's command registry decides). */
  'menu:set-enabled': (states: MenuEnabledStates) => void
}
export interface PushMap {
  'menu:command': [cmd: MenuCommand]
  'files:opened-file': []
}
export type InvokeChannel = keyof InvokeMap

/** What the preload exposes as `window.api`, and what the web bridge implements in a browser. */
export interface BridgeApi {
  files: {
    saveFile(req: SaveFileRequest): Promise<SaveFileResult>
    openFile(req: OpenFileRequest): Promise<OpenFileResult | null>
    /** Takes the oldest file opened with the app (see {@link OpenedFile}), or null. */
    takeOpenedFile(): Promise<OpenedFile | null>
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
