import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../../../src-renderer/storage/settings'
import { dialogOf, useUiStore, type UiState } from '../../../src-renderer/state/ui-store'

const initial: UiState = useUiStore.getState()
const ui = (): UiState => useUiStore.getState()

beforeEach(() => useUiStore.setState(initial, true))

describe('the UI store: one dialog at a time', () => {
  it('opening a dialog replaces the one that was open', () => {
    ui().openDialog({ type: 'settings' })
    expect(ui().dialog).toEqual({ type: 'settings' })
    ui().openDialog({ type: 'export', format: 'svg' })
    expect(ui().dialog).toEqual({ type: 'export', format: 'svg' })
    expect(dialogOf('settings')(ui())).toBeNull()
    expect(dialogOf('export')(ui())?.format).toBe('svg')
    ui().openDialog({ type: 'nodeForm', request: { kind: 'lesson' } })
    expect(dialogOf('export')(ui())).toBeNull()
    expect(dialogOf('nodeForm')(ui())?.request.kind).toBe('lesson')
  })

  it('closeDialog(type) closes only a dialog of that type; closeDialog() closes any', () => {
    ui().openDialog({ type: 'palette', mode: 'commands' })
    ui().closeDialog('about')
    expect(ui().dialog).toEqual({ type: 'palette', mode: 'commands' })
    ui().closeDialog('palette')
    expect(ui().dialog).toBeNull()
    ui().openDialog({ type: 'workbench', interviewId: 'i1' })
    ui().closeDialog()
    expect(ui().dialog).toBeNull()
  })

  it('dialogOf returns the stored object, so a selector on it is stable', () => {
    ui().openDialog({ type: 'edgeForm', request: { sourceId: 'a' } })
    expect(dialogOf('edgeForm')(ui())).toBe(dialogOf('edgeForm')(ui()))
  })
})

describe('the UI store: each slice', () => {
  it('selection', () => {
    ui().select({ id: 'n1', group: 'nodes' })
    ui().setHovered('n2')
    expect(ui().selection).toEqual({ id: 'n1', group: 'nodes' })
    expect(ui().hoveredId).toBe('n2')
  })

  it('view', () => {
    ui().setLens('tensions')
    ui().setFocus({ seedIds: ['a'], depth: 2, expanded: [] })
    ui().setDisplay('list')
    ui().setPath({ fromId: 'a', toId: 'b', index: 0 })
    ui().setCentrality('betweenness')
    ui().setSearchMatches({ query: 'x', ids: ['a'] })
    ui().setViewPositions({ viewName: 'v', positions: new Map() })
    expect(ui()).toMatchObject({
      lens: 'tensions',
      focus: { depth: 2 },
      display: 'list',
      path: { toId: 'b' },
      centrality: 'betweenness',
      searchMatches: { ids: ['a'] },
      viewPositions: { viewName: 'v' }
    })
    ui().setFilter({ tags: ['a'], mode: 'hide' })
    expect(ui().filter).toMatchObject({ tags: ['a'], mode: 'hide' })
    // Clearing keeps the fade/hide mode.
    ui().clearFilter()
    expect(ui().filter).toEqual({ ...initial.filter, mode: 'hide' })
  })

  it('panels', () => {
    ui().toggleLegend()
    ui().toggleSidebar()
    ui().markSaved('2024-01-01T10:00:00.000Z')
    ui().setLayoutRunning({ name: 'fcose', done: 1, total: 2 })
    const cancel = vi.fn()
    ui().setImportReading({ name: 'a.csv', cancel })
    ui().setPlaying({ deck: { id: 'd', name: 'D', slides: [] } as never, index: 1 })
    expect(ui()).toMatchObject({
      legendOpen: !initial.legendOpen,
      sidebarOpen: !initial.sidebarOpen,
      lastSavedAt: '2024-01-01T10:00:00.000Z',
      layoutRunning: { done: 1 },
      importReading: { name: 'a.csv' },
      playing: { index: 1 }
    })
    // Playing and reading are not dialogs: a dialog opens beside them.
    ui().openDialog({ type: 'about' })
    expect(ui().playing).not.toBeNull()
    expect(ui().importReading).not.toBeNull()
  })

  it('canvas', () => {
    ui().setDrawMode(true)
    ui().setContextMenu({ x: 1, y: 2, model: { x: 3, y: 4 }, nodeId: null })
    ui().setCanvasReady()
    ui().setCanvasReady()
    expect(ui()).toMatchObject({ drawMode: true, contextMenu: { x: 1 }, canvasReady: 2 })
  })

  it('settings: updateSettings writes each changed setting through storage, then shows it', async () => {
    expect(ui().settings).toEqual(DEFAULT_SETTINGS)
    const rows = new Map<string, unknown>()
    const db = {
      table: () => ({
        put: async (row: { key: string; value: unknown }) => rows.set(row.key, row.value)
      })
    }
    const start: Settings = { author: 'Ans', language: 'nl', colorScheme: 'light' }
    const session = { repo: { db: db as never }, settings: start }
    ui().initSettings(session)
    expect(ui().settings).toEqual(start)
    await ui().updateSettings({ author: 'Bo', language: 'en' })
    const next = { author: 'Bo', language: 'en', colorScheme: 'light' }
    expect(ui().settings).toEqual(next)
    expect(Object.fromEntries(rows)).toEqual({ author: 'Bo', language: 'en' })
    // The session's record follows (the repository stamps changes with its author).
    expect(session.settings).toEqual(next)
  })
})
