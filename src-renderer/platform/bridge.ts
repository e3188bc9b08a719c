import type { BridgeApi } from '../../src-main/shared/ipc-contract'
import { createWebBridge } from './web-bridge'

/** The one access point to the platform: the preload's `window.api` in Electron, the web bridge elsewhere. */
export const bridge: BridgeApi = window.api ?? createWebBridge()
