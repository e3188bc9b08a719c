import { DEFAULT_SETTINGS, writeSetting, type Settings } from '../../storage/settings'
import type { UiSlice } from './slice'

/**
 * Where settings are written: the repository's database, and the storage session's record of them
 * (the repository stamps changes with the author it reads there).
 */
export interface SettingsStorage {
  repo: { db: Parameters<typeof writeSetting>[0] }
  settings: Settings
}

/** The user's settings: the one copy the app reads, written through to storage. */
export interface SettingsSlice {
  settings: Settings
  /** Where `updateSettings` writes; null until the app has started (then it only updates memory). */
  settingsStorage: SettingsStorage | null
  /** Takes the settings storage read at start-up; later changes are written back to it. */
  initSettings: (storage: SettingsStorage) => void
  /** Writes each changed setting to storage, then shows it. */
  updateSettings: (patch: Partial<Settings>) => Promise<void>
}

export const settingsSlice: UiSlice<SettingsSlice> = (set, get) => ({
  settings: DEFAULT_SETTINGS,
  settingsStorage: null,
  initSettings: (settingsStorage) => set({ settings: settingsStorage.settings, settingsStorage }),
  updateSettings: async (patch) => {
    const storage = get().settingsStorage
    const next = { ...get().settings, ...patch }
    if (storage) {
      for (const [k, v] of Object.entries(patch)) {
        await writeSetting(storage.repo.db, k as keyof Settings, v as never)
      }
      storage.settings = next
    }
    set({ settings: next })
  }
})
