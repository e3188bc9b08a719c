/** Thin IPC wiring: maps each invoke channel to a service, behind the sender check. */
import { randomUUID } from 'node:crypto'
import { open, rename, rm, stat, writeFile } from 'node:fs/promises'
import { app, BrowserWindow, dialog, ipcMain, Menu, type IpcMainInvokeEvent } from 'electron'
import {
  INVOKE_CHANNELS,
  type AppInfo,
  type OpenFileResult,
  type InvokeChannel,
  type InvokeMap
} from '../../shared/ipc-contract'
import { applyMenuEnabled } from '../menus/app-menu'
import { FileHandles } from '../services/file-handles'
import { FileSaves, type FileSaveDeps } from '../services/file-saves'
import {
  openFile,
  saveFile,
  type ChosenFile,
  type OpenFileDeps,
  type SaveFileDeps
} from '../services/file-service'
import type { OpenedFileQueue } from '../services/opened-files'
import {
  isTrustedSender,
  REFUSED_SENDER_MESSAGE,
  type AppLocation,
  type SenderEventLike
} from './sender-check'

/**
 * A handler for channel `K`. It receives the (already checked) event and the renderer's arguments,
 * which are typed by the contract but untrusted at run time: services validate them.
 */
export type InvokeHandler<K extends InvokeChannel> = (
  event: IpcMainInvokeEvent,
  ...args: Parameters<InvokeMap[K]>
) => ReturnType<InvokeMap[K]> | Promise<ReturnType<InvokeMap[K]>>

/** Registers a handler for one contract channel. */
export type Handle = <K extends InvokeChannel>(channel: K, fn: InvokeHandler<K>) => void

/** What the wiring needs to know about the app's own windows. */
export interface HandlerContext {
  location: AppLocation
  isAppWebContents: (sender: unknown) => boolean
  /** Files opened with the app, waiting for the renderer. */
  openedFiles: Pick<OpenedFileQueue, 'take'>
  /** Files the renderer may read (default: a fresh registry over `fs`). */
  handles?: FileHandles
  /** Saves in pieces under way (default: a fresh registry). */
  saves?: FileSaves
}

/**
 * Makes the typed `handle`. Invariant: the sender check runs FIRST on every call; a call from a
 * frame that is not the app's own page, or from a webContents that is not an app window, throws
 * `Error('Geweigerd: onbekende afzender')` before `fn` is touched.
 */
export function createHandle(context: HandlerContext): Handle {
  return <K extends InvokeChannel>(channel: K, fn: InvokeHandler<K>): void => {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event as SenderEventLike, context.location, context.isAppWebContents)) {
        throw new Error(REFUSED_SENDER_MESSAGE)
      }
      return fn(event, ...(args as Parameters<InvokeMap[K]>))
    })
  }
}

function ownerWindow(event: IpcMainInvokeEvent): BrowserWindow | null {
  return BrowserWindow.fromWebContents(event.sender)
}

function documentsDirectory(): string | undefined {
  try {
    return app.getPath('documents')
  } catch {
    return undefined
  }
}

function saveDeps(win: BrowserWindow | null): SaveFileDeps {
  const defaultDirectory = documentsDirectory()
  return {
    showSaveDialog: (options) =>
      win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options),
    writeFile: (path, data) => writeFile(path, data),
    ...(defaultDirectory !== undefined ? { defaultDirectory } : {})
  }
}

function openDeps(win: BrowserWindow | null): OpenFileDeps {
  return {
    showOpenDialog: (options) =>
      win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options),
    stat: (path) => stat(path)
  }
}

function pieceSaveDeps(win: BrowserWindow | null): FileSaveDeps {
  return {
    ...saveDeps(win),
    openForWrite: (path) => open(path, 'w'),
    rename: (from, to) => rename(from, to),
    remove: (path) => rm(path, { force: true }),
    randomId: () => randomUUID()
  }
}

/** The parts of a webContents the handle registry needs: its id and its 'destroyed' event. */
interface SenderLike {
  id: number
  once?(event: 'destroyed', listener: () => void): unknown
}

/** The desktop shell's `AppInfo`. */
export function appInfo(): AppInfo {
  return { version: app.getVersion(), platform: process.platform, shell: 'electron' }
}

/** Registers every invoke channel of the contract. Call once, after `app` is ready. */
export function registerHandlers(context: HandlerContext): void {
  const handle = createHandle(context)
  const handles =
    context.handles ??
    new FileHandles({
      open: (path) => open(path, 'r'),
      randomId: () => randomUUID(),
      now: () => Date.now()
    })
  const saves = context.saves ?? new FileSaves()
  // A window's handles and unfinished saves end with it.
  const watched = new WeakSet<object>()
  const ownerOf = (event: IpcMainInvokeEvent): number => {
    const sender = event.sender as unknown as SenderLike
    if (!watched.has(sender) && typeof sender.once === 'function') {
      watched.add(sender)
      const id = sender.id
      sender.once('destroyed', () => {
        void handles.closeAll(id)
        void saves.abortAll(id, pieceSaveDeps(null))
      })
    }
    return sender.id
  }
  const give = async (event: IpcMainInvokeEvent, file: ChosenFile): Promise<OpenFileResult> => ({
    handle: await handles.add(file.path, file.size, ownerOf(event)),
    name: file.name,
    size: file.size
  })
  handle(INVOKE_CHANNELS.saveFile, (event, req) => saveFile(req, saveDeps(ownerWindow(event))))
  handle(INVOKE_CHANNELS.saveBegin, (event, req) =>
    saves.begin(req, ownerOf(event), pieceSaveDeps(ownerWindow(event)))
  )
  handle(INVOKE_CHANNELS.saveChunk, (event, token, data) =>
    saves.chunk(ownerOf(event), token, data)
  )
  handle(INVOKE_CHANNELS.saveEnd, (event, token, commit) =>
    saves.end(ownerOf(event), token, commit, pieceSaveDeps(ownerWindow(event)))
  )
  handle(INVOKE_CHANNELS.openFile, async (event, req) => {
    const chosen = await openFile(req, openDeps(ownerWindow(event)))
    return chosen === null ? null : give(event, chosen)
  })
  handle(INVOKE_CHANNELS.takeOpenedFile, (event) =>
    context.openedFiles.take((file) => give(event, file))
  )
  handle(INVOKE_CHANNELS.readChunk, (event, h, offset, length) =>
    handles.read(ownerOf(event), h, offset, length)
  )
  handle(INVOKE_CHANNELS.closeFile, (event, h) => handles.close(ownerOf(event), h))
  handle(INVOKE_CHANNELS.appInfo, () => appInfo())
  handle(INVOKE_CHANNELS.setMenuEnabled, (_event, states) => {
    applyMenuEnabled(Menu.getApplicationMenu(), states)
  })
}
