/// <reference types="vite/client" />
import type { BridgeApi } from '../src-main/shared/ipc-contract'

declare global {
  interface ImportMetaEnv {
    /** '1' only in the e2e web build, which has the test hooks (scripts/test-hooks.ts). */
    readonly VITE_KG_TEST_HOOKS?: string
  }

  interface Window {
    /** Exposed by the preload in Electron; absent in a plain browser. */
    api?: BridgeApi
  }
}
