/**
 * The preload: exposes exactly `BridgeApi` as `window.api`, and nothing else (never `ipcRenderer`).
 * Sandboxed and CommonJS: it imports only `electron` and `src-main/shared`, bundled in.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  INVOKE_CHANNELS,
  PUSH_CHANNELS,
  type BridgeApi,
  type InvokeChannel,
  type InvokeMap
} from '../shared/ipc-contract'
import { isMenuCommand, type MenuCommand } from '../shared/menu-commands'

function invoke<K extends InvokeChannel>(
  channel: K,
  ...args: Parameters<InvokeMap[K]>
): Promise<Awaited<ReturnType<InvokeMap[K]>>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<Awaited<ReturnType<InvokeMap[K]>>>
}

/** The bridge handed to the renderer; its shape is checked against the contract at compile time. */
const api = {
  files: {
    saveFile: (req) => invoke(INVOKE_CHANNELS.saveFile, req),
    saveBegin: (req) => invoke(INVOKE_CHANNELS.saveBegin, req),
    saveChunk: (token, data) => invoke(INVOKE_CHANNELS.saveChunk, token, data),
    saveEnd: (token, commit) => invoke(INVOKE_CHANNELS.saveEnd, token, commit),
    openFile: (req) => invoke(INVOKE_CHANNELS.openFile, req),
    takeOpenedFile: () => invoke(INVOKE_CHANNELS.takeOpenedFile),
    readChunk: (handle, offset, length) =>
      invoke(INVOKE_CHANNELS.readChunk, handle, offset, length),
    closeFile: (handle) => invoke(INVOKE_CHANNELS.closeFile, handle),
    onFileOpened: (cb) => {
      const listener = (): void => cb()
      ipcRenderer.on(PUSH_CHANNELS.openedFile, listener)
      return () => {
        ipcRenderer.removeListener(PUSH_CHANNELS.openedFile, listener)
      }
    }
  },
  app: {
    info: () => invoke(INVOKE_CHANNELS.appInfo)
  },
  menu: {
    setEnabled: (states) => invoke(INVOKE_CHANNELS.setMenuEnabled, states),
    onCommand: (cb) => {
      // The listener lives here, so the unsubscribe function can remove exactly this one; a
      // callback cloned across the bridge could not be matched by identity.
      const listener = (_event: IpcRendererEvent, cmd: unknown): void => {
        if (isMenuCommand(cmd)) cb(cmd satisfies MenuCommand)
      }
      ipcRenderer.on(PUSH_CHANNELS.menuCommand, listener)
      return () => {
        ipcRenderer.removeListener(PUSH_CHANNELS.menuCommand, listener)
      }
    }
  }
} satisfies BridgeApi

contextBridge.exposeInMainWorld('api', api)
