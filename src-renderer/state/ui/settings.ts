import { DEFAULT_SETTINGS, writeSetting, type Settings } from '../../storage/settings'
import type { UiSlice } from './slice'

/** The database settings are written to (the repository's). */
type SettingsDb = Parameters<typeof writeSetting>[0]

/** The user's settings: the one copy the app reads, written through to storage. */
export interface SettingsSlice {
  settings: Settings
  /** Where `updateSettings` writes; null until the app has started (then it only updates memory). */
  settingsDb: SettingsDb | null
  /** Sets the settings read at start-up and the database later changes are written to. */
  initSettings: (settings: Settings, db: SettingsDb | null) => void
  /** Writes each changed setting to storage, then shows it. */
  updateSettings: (patch: Partial<Settings>) => Promise<void>
}

export const settingsSlice: UiSlice<SettingsSlice> = (set, get) => ({
  settings: DEFAULT_SETTINGS,
  settingsDb: null,
  initSettings: (settings, settingsDb) => set({ settings, settingsDb }),
  updateSettings: async (patch) => {
    const db = get().settingsDb
    if (db) {
      for (const [k, v] of Object.entries(patch)) {
        await writeSetting(db, k as keyof Settings, v as never)
      }
    }
    set((s) => ({ settings: { ...s.settings, ...patch } }))
  }
})
