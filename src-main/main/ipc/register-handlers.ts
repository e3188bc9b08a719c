/** Thin IPC wiring: maps each invoke channel to a service, behind the sender check. */
import { readFile, stat, writeFile } from 'node:fs/promises'
import { app, BrowserWindow, dialog, ipcMain, Menu, type IpcMainInvokeEvent } from 'electron'
import {
  INVOKE_CHANNELS,
  type AppInfo,
  type InvokeChannel,
  type InvokeMap
} from '../../shared/ipc-contract'
import { applyMenuEnabled } from '../menus/app-menu'
import { openFile, saveFile, type OpenFileDeps, type SaveFileDeps } from '../services/file-service'
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
    stat: (path) => stat(path),
    readFile: (path) => readFile(path)
  }
}

/** The desktop shell's `AppInfo`. */
export function appInfo(): AppInfo {
  return { version: app.getVersion(), platform: process.platform, shell: 'electron' }
}

/** Registers every invoke channel of the contract. Call once, after `app` is ready. */
export function registerHandlers(context: HandlerContext): void {
  const handle = createHandle(context)
  handle(INVOKE_CHANNELS.saveFile, (event, req) => saveFile(req, saveDeps(ownerWindow(event))))
  handle(INVOKE_CHANNELS.openFile, (event, req) => openFile(req, openDeps(ownerWindow(event))))
  handle(INVOKE_CHANNELS.takeOpenedFile, () => context.openedFiles.take())
  handle(INVOKE_CHANNELS.appInfo, () => appInfo())
  handle(INVOKE_CHANNELS.setMenuEnabled, (_event, states) => {
    applyMenuEnabled(Menu.getApplicationMenu(), states)
  })
}
