/** Types of electron-binary.mjs, for the TypeScript tests that use it. */
export declare const ELECTRON_TOOLING_NODE: string
export type BinaryLookup =
  | { found: true; path: string; version: string }
  | { found: false; expectedPath?: string; version?: string; reason: string }
export declare function electronPackageDir(root: string): string | undefined
export declare function platformExecutable(platform?: NodeJS.Platform | 'mas'): string
export declare function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): BinaryLookup
export declare function atLeastVersion(version: string, minimum: string): boolean
export declare function missingBinaryMessage(reason: string, version?: string): string
