/**
 * Saving and opening files the user picks in main's own dialogs. The renderer sends only data and a
 * suggested base name; every path comes from a dialog and stays in main (opened files are read
 * through file-handles.ts, large saves written through file-saves.ts). Electron and fs are
 * injected, so this module runs in Vitest without either.
 */
import { basename, join } from 'node:path'
import type { OpenDialogOptions, SaveDialogOptions } from 'electron'
import {
  FILE_KINDS,
  MAX_SAVE_BYTES,
  type FileKind,
  type OpenFileRequest,
  type SaveBeginRequest,
  type SaveFileRequest,
  type SaveFileResult
} from '../../shared/ipc-contract'

/** Everything `saveFile` needs from Electron and the filesystem. */
export interface SaveFileDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
  writeFile(path: string, data: string | Uint8Array): Promise<void>
  /** Directory the dialog starts in (e.g. the user's documents); the dialog's own default if absent. */
  defaultDirectory?: string
}

/** Everything `openFile` needs from Electron and the filesystem. */
export interface OpenFileDeps {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>
  stat(path: string): Promise<{ size: number; isFile(): boolean }>
}

/** A file the user chose, checked (kind, a plain file): main keeps `path`, the renderer never sees it. */
export interface ChosenFile {
  path: string
  name: string
  size: number
}

/** Base name used when the renderer's suggestion is empty or nothing but path parts. */
const FALLBACK_BASE_NAME = 'kennisgraaf'
const MAX_BASE_NAME_LENGTH = 200

function isFileKind(value: unknown): value is FileKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FILE_KINDS, value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
}

/**
 * Reduces any string to a plain file name: drops every directory part (both `/` and `\`), control
 * characters and characters Windows forbids, and never returns '', '.' or '..'. The result can never
 * point outside the directory it is joined to.
 */
export function toSafeBaseName(name: string): string {
  const lastPart = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const cleaned = lastPart.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim()
  const trimmed = cleaned.slice(0, MAX_BASE_NAME_LENGTH)
  if (trimmed === '' || /^\.+$/.test(trimmed)) return FALLBACK_BASE_NAME
  return trimmed
}

/** True when `name` ends with one of the extensions of `kinds` (case-insensitive). */
export function hasKindExtension(name: string, kinds: readonly FileKind[]): boolean {
  const lower = name.toLowerCase()
  return kinds.some((kind) => FILE_KINDS[kind].extensions.some((ext) => lower.endsWith(`.${ext}`)))
}

/** Appends the kind's first extension unless the name already ends with one of its extensions. */
export function withKindExtension(name: string, kind: FileKind): string {
  return hasKindExtension(name, [kind]) ? name : `${name}.${FILE_KINDS[kind].extensions[0]}`
}

function dialogFilter(kind: FileKind): { name: string; extensions: string[] } {
  return { name: FILE_KINDS[kind].label, extensions: [...FILE_KINDS[kind].extensions] }
}

function assertSaveBegin(req: unknown): asserts req is SaveBeginRequest {
  if (!isRecord(req)) throw new TypeError('Ongeldig verzoek om een bestand op te slaan.')
  if (!isFileKind(req['kind'])) throw new TypeError('Onbekend bestandstype om op te slaan.')
  if (typeof req['suggestedName'] !== 'string') {
    throw new TypeError('Ongeldige bestandsnaam om op te slaan.')
  }
}

function assertSaveRequest(req: unknown): asserts req is SaveFileRequest {
  assertSaveBegin(req)
  const data = (req as unknown as Record<string, unknown>)['data']
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new TypeError('Ongeldige inhoud om op te slaan: verwacht tekst of bytes.')
  }
}

function assertOpenRequest(req: unknown): asserts req is OpenFileRequest {
  if (!isRecord(req) || !Array.isArray(req['kinds']) || req['kinds'].length === 0) {
    throw new TypeError('Ongeldig verzoek om een bestand te openen.')
  }
  if (!req['kinds'].every(isFileKind)) throw new TypeError('Onbekend bestandstype om te openen.')
}

/**
 * Asks the user where to save `req.data` and writes it there.
 *
 * Contract: the renderer cannot choose a path. `req.suggestedName` is reduced to a base name (see
 * {@link toSafeBaseName}) and only used as the dialog's default; the only path written is the one the
 * dialog returned (with the kind's extension appended if the user left it off). A malformed request
 * throws; a payload over {@link MAX_SAVE_BYTES} (checked before any dialog opens), a cancelled
 * dialog or a failed write is reported in the result.
 */
export async function saveFile(req: unknown, deps: SaveFileDeps): Promise<SaveFileResult> {
  assertSaveRequest(req)
  const size =
    typeof req.data === 'string' ? Buffer.byteLength(req.data, 'utf8') : req.data.byteLength
  if (size > MAX_SAVE_BYTES) {
    return {
      saved: false,
      reason: 'error',
      message:
        `Dit bestand is te groot om op te slaan (${formatMegabytes(size)}); ` +
        `de grens is ${formatMegabytes(MAX_SAVE_BYTES)}. Exporteer een kleiner deel van de kaart.`
    }
  }
  const target = await chooseSavePath(req, deps)
  if (target === null) return { saved: false, reason: 'cancelled' }
  try {
    await deps.writeFile(target, req.data)
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : ''
    return {
      saved: false,
      reason: 'error',
      message: `Het bestand kon niet worden opgeslagen${detail}. Kies een andere map of naam.`
    }
  }
  return { saved: true, name: basename(target) }
}

/**
 * Opens the save dialog for `req` (a base name as its default, the kind's filter) and returns the
 * path chosen, with the kind's extension, or null when cancelled. Throws for a malformed request.
 */
export async function chooseSavePath(
  req: unknown,
  deps: Pick<SaveFileDeps, 'showSaveDialog' | 'defaultDirectory'>
): Promise<string | null> {
  assertSaveBegin(req)
  const baseName = withKindExtension(toSafeBaseName(req.suggestedName), req.kind)
  const defaultPath =
    deps.defaultDirectory !== undefined ? join(deps.defaultDirectory, baseName) : baseName
  const choice = await deps.showSaveDialog({
    title: 'Opslaan als',
    buttonLabel: 'Opslaan',
    defaultPath,
    filters: [dialogFilter(req.kind)],
    properties: ['createDirectory', 'showOverwriteConfirmation']
  })
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return null
  return withKindExtension(choice.filePath, req.kind)
}

/**
 * Lets the user pick one file of the requested kinds and returns it checked ({@link ChosenFile}), or
 * null when the dialog is cancelled. The caller keeps the path in main and gives the renderer a
 * handle (file-handles.ts).
 *
 * Contract: the path never leaves main. The file must carry an extension of one of `req.kinds` and
 * be a plain file; otherwise this throws an Error with a Dutch message that says what to do. There
 * is no size limit: the file is read in pieces, and the import's record limit decides.
 */
export async function openFile(req: unknown, deps: OpenFileDeps): Promise<ChosenFile | null> {
  assertOpenRequest(req)
  const kinds = [...new Set(req.kinds)]
  const allExtensions = [...new Set(kinds.flatMap((kind) => FILE_KINDS[kind].extensions))]
  const filters =
    kinds.length > 1
      ? [
          { name: 'Alle ondersteunde bestanden', extensions: allExtensions },
          ...kinds.map(dialogFilter)
        ]
      : kinds.map(dialogFilter)
  const choice = await deps.showOpenDialog({
    title: 'Bestand openen',
    buttonLabel: 'Openen',
    filters,
    properties: ['openFile']
  })
  const path = choice.filePaths[0]
  if (choice.canceled || path === undefined) return null
  return readChosenFile(path, kinds, deps)
}

/** What {@link readChosenFile} needs from the filesystem. */
export type ReadFileDeps = Pick<OpenFileDeps, 'stat'>

/**
 * Checks a file the user chose (in main's dialog, or by opening it with the app): it must carry an
 * extension of one of `kinds` and be a plain file; otherwise this throws an Error with a Dutch
 * message that says what to do. Reads nothing: the bytes are read in pieces through a handle.
 */
export async function readChosenFile(
  path: string,
  kinds: readonly FileKind[],
  deps: ReadFileDeps
): Promise<ChosenFile> {
  const name = basename(path)
  if (!hasKindExtension(name, kinds)) {
    const expected = [...new Set(kinds.flatMap((kind) => FILE_KINDS[kind].extensions))]
      .map((ext) => `.${ext}`)
      .join(', ')
    throw new Error(
      `Dit bestandstype wordt niet ondersteund: "${name}". Kies een bestand met extensie ${expected}.`
    )
  }
  const info = await deps.stat(path)
  if (!info.isFile()) throw new Error(`"${name}" is geen bestand. Kies een bestand om te openen.`)
  return { path, name, size: info.size }
}
