import type Dexie from 'dexie'
import type { KeyValueRow } from './db'

/** User preferences, stored in the `settings` table. */
export interface Settings {
  /** The local author name written on every change and annotation. */
  author: string
  language: 'nl' | 'en'
  colorScheme: 'light' | 'dark' | 'auto'
}

export const DEFAULT_SETTINGS: Settings = { author: 'Teamlid', language: 'nl', colorScheme: 'light' }

/** Reads all settings, filling defaults for what was never set. */
export async function readSettings(db: Dexie): Promise<Settings> {
  const rows = (await db.table('settings').toArray()) as KeyValueRow[]
  const out: Settings = { ...DEFAULT_SETTINGS }
  for (const row of rows) {
    if (row.key in out) (out as unknown as Record<string, unknown>)[row.key] = row.value
  }
  return out
}

/** Writes one setting. */
export async function writeSetting<K extends keyof Settings>(db: Dexie, key: K, value: Settings[K]): Promise<void> {
  await db.table('settings').put({ key, value })
}

/** Reads one meta value (schema version, whether the demo was loaded once, …). */
export async function readMeta(db: Dexie, key: string): Promise<unknown> {
  const row = (await db.table('meta').get(key)) as KeyValueRow | undefined
  return row?.value
}

export async function writeMeta(db: Dexie, key: string, value: unknown): Promise<void> {
  await db.table('meta').put({ key, value })
}
