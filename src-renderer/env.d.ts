/// <reference types="vite/client" />
import type { BridgeApi } from '../src-main/shared/ipc-contract'

declare global {
  interface Window {
    /** Exposed by the preload in Electron; absent in a plain browser. */
    api?: BridgeApi
  }
}
