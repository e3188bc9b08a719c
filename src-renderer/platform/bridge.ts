import { electronBridge, type AppBridge } from './files'
import { createWebBridge } from './web-bridge'

export type { AppBridge, FileBytes, OpenedPick, PickedFile, SaveRequest } from './files'

/** The one access point to the platform: the preload's `window.api` in Electron, the web bridge elsewhere. */
export const bridge: AppBridge = window.api ? electronBridge(window.api) : createWebBridge()
