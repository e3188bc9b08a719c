import type Dexie from 'dexie'
import { newId } from '../domain/ids'
import type { Position } from '../domain/node-kinds'
import type { StoredView } from './db'

/** A saved view: the filter, focus, lens, display, positions of what was visible, and the viewport. */
export interface SavedView extends StoredView {
  id: string
  name: string
  description: string
  createdAt: string
  createdBy: string
  state: {
    filter: unknown
    focus: unknown
    lens: string
    centrality: string
    display: string
    searchMatches: unknown
  }
  /** Positions of the nodes that were visible, so the map reopens as it was. */
  positions: Record<string, Position>
  viewport: { zoom: number; pan: Position }
}

/** All saved views, newest first. */
export async function listViews(db: Dexie): Promise<SavedView[]> {
  const rows = (await db.table('views').toArray()) as SavedView[]
  return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** Saves a view (new id unless given); returns it. */
export async function saveView(db: Dexie, view: Omit<SavedView, 'id' | 'createdAt'> & { id?: string }): Promise<SavedView> {
  const row = { ...view, id: view.id ?? newId(), createdAt: new Date().toISOString() } as SavedView
  await db.table('views').put(row)
  return row
}

export async function deleteView(db: Dexie, id: string): Promise<void> {
  await db.table('views').delete(id)
}

/** A presentation: an ordered list of saved views, each with a caption. */
export interface Presentation extends StoredView {
  id: string
  name: string
  slides: { viewId: string; caption: string }[]
  updatedAt: string
}

export async function listPresentations(db: Dexie): Promise<Presentation[]> {
  const rows = (await db.table('presentations').toArray()) as Presentation[]
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'nl'))
}

export async function savePresentation(
  db: Dexie,
  p: { id?: string; name: string; slides: { viewId: string; caption: string }[] }
): Promise<Presentation> {
  const row = { ...p, id: p.id ?? newId(), updatedAt: new Date().toISOString() } as Presentation
  await db.table('presentations').put(row)
  return row
}

export async function deletePresentation(db: Dexie, id: string): Promise<void> {
  await db.table('presentations').delete(id)
}

/**
 * The settings that belong to the map rather than to one user: its title and description. They
 * travel in a `.kg.json` backup (author name, language and colour scheme are per user and do not).
 * Stored in `meta` under {@link MAP_INFO_KEY}.
 */
export interface MapInfo {
  title?: string
  description?: string
}

export const MAP_INFO_KEY = 'map'

/** The map's title and description (empty when never set). */
export async function readMapInfo(db: Dexie): Promise<MapInfo> {
  const row = (await db.table('meta').get(MAP_INFO_KEY)) as { value?: unknown } | undefined
  return mapInfoOf(row?.value)
}

/** Keeps only the map-info fields of a stored value (anything else is ignored). */
export function mapInfoOf(value: unknown): MapInfo {
  if (!value || typeof value !== 'object') return {}
  const v = value as Record<string, unknown>
  return {
    ...(typeof v.title === 'string' ? { title: v.title } : {}),
    ...(typeof v.description === 'string' ? { description: v.description } : {})
  }
}

/** Writes the map's title and description (an empty object clears them). */
export async function writeMapInfo(db: Dexie, info: MapInfo): Promise<void> {
  await db.table('meta').put({ key: MAP_INFO_KEY, value: mapInfoOf(info) })
}
