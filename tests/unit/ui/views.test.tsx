import { MantineProvider } from '@mantine/core'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import i18next, { type i18n as I18n } from 'i18next'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { Position } from '../../../src-renderer/domain/node-kinds'
import { AppContext, type AppServices } from '../../../src-renderer/features/services/AppContext'
import { openView, SaveViewDialog } from '../../../src-renderer/features/views/views'
import type { CyController } from '../../../src-renderer/graph-view/cy-controller'
import { EMPTY_FILTER } from '../../../src-renderer/graph-view/view-filter'
import { useUiStore } from '../../../src-renderer/state/ui-store'
import type { SavedView } from '../../../src-renderer/storage/views'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'

const INITIAL = useUiStore.getState()

type Viewport = SavedView['viewport']
interface FakeCanvas {
  visiblePositions: Mock<() => Map<string, Position>>
  viewport: Mock<() => Viewport>
  setViewport: Mock<(v: Viewport) => void>
  restoreViewport: Mock<(v: Viewport) => boolean>
}

function fakeCanvas(): FakeCanvas {
  return {
    visiblePositions: vi.fn(
      () =>
        new Map<string, Position>([
          ['l1', { x: 10, y: 20 }],
          ['a1', { x: -5, y: 7 }]
        ])
    ),
    viewport: vi.fn(() => ({ zoom: 1.5, pan: { x: 40, y: -30 } })),
    setViewport: vi.fn(),
    restoreViewport: vi.fn(() => true)
  }
}

/** A view state unlike the store's defaults, so each field shows whether it was saved or opened. */
const STATE = {
  filter: { ...EMPTY_FILTER, kinds: ['lesson' as const], mode: 'hide' as const },
  focus: { seedIds: ['l1'], depth: 2 as const, expanded: ['a1'] },
  lens: 'all' as const,
  centrality: 'betweenness' as const,
  display: 'list' as const,
  searchMatches: { query: 'bel', ids: ['l1'] }
}

function setViewState(): void {
  const ui = useUiStore.getState()
  ui.setFilter(STATE.filter)
  ui.setFocus(STATE.focus)
  ui.setLens(STATE.lens)
  ui.setCentrality(STATE.centrality)
  ui.setDisplay(STATE.display)
  ui.setSearchMatches(STATE.searchMatches)
}

afterEach(() => {
  act(() => useUiStore.setState(INITIAL, true))
})

describe('SaveViewDialog', () => {
  async function renderDialog(): Promise<{
    put: Mock<(row: unknown) => Promise<string>>
    user: ReturnType<typeof userEvent.setup>
  }> {
    const i18n: I18n = i18next.createInstance()
    await i18n.init({
      resources: { nl: { translation: nl }, en: { translation: en } },
      lng: 'nl',
      fallbackLng: 'nl',
      interpolation: { escapeValue: false },
      returnNull: false
    })
    // The real saveView writes through `db.table('views').put`; only that table is faked.
    const put = vi.fn(async (_row: unknown) => 'ok')
    const db = { table: (name: string) => (name === 'views' ? { put } : undefined) }
    const services = {
      session: { repo: { db } },
      canvas: { current: fakeCanvas() as unknown as CyController }
    } as unknown as AppServices
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <AppContext.Provider value={services}>
            <SaveViewDialog />
          </AppContext.Provider>
        </MantineProvider>
      </I18nextProvider>
    )
    return { put, user: userEvent.setup({ delay: null }) }
  }

  it('saves the current filter, focus, lens, display and canvas under the typed name', async () => {
    act(() => {
      setViewState()
      useUiStore.setState((s) => ({ settings: { ...s.settings, author: 'Anne' } }))
    })
    const { put, user } = await renderDialog()
    act(() => useUiStore.getState().openDialog({ type: 'saveView' }))
    await user.type(await screen.findByTestId('view-name'), '  Lessen in de buurt  ')
    await user.click(screen.getByTestId('view-save-ok'))
    await waitFor(() => expect(put).toHaveBeenCalledTimes(1))

    const row = put.mock.calls[0]![0] as SavedView
    expect(row).toMatchObject({
      name: 'Lessen in de buurt',
      createdBy: 'Anne',
      state: STATE,
      positions: { l1: { x: 10, y: 20 }, a1: { x: -5, y: 7 } },
      viewport: { zoom: 1.5, pan: { x: 40, y: -30 } }
    })
    expect(typeof row.id).toBe('string')
    expect(row.id.length).toBeGreaterThan(0)
    await waitFor(() => expect(useUiStore.getState().dialog).toBeNull())
  })

  it('a view without a name is not saved', async () => {
    const { put, user } = await renderDialog()
    act(() => useUiStore.getState().openDialog({ type: 'saveView' }))
    await user.click(await screen.findByTestId('view-save-ok'))
    expect(await screen.findByText(nl.views.nameRequired)).toBeInTheDocument()
    expect(put).not.toHaveBeenCalled()
    expect(useUiStore.getState().dialog).toEqual({ type: 'saveView' })
  })
})

describe('openView', () => {
  const view = (over: Partial<SavedView['state']> = {}): SavedView => ({
    id: 'v1',
    name: 'Lessen in de buurt',
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'Anne',
    state: { ...STATE, ...over },
    positions: { l1: { x: 10, y: 20 }, a1: { x: -5, y: 7 } },
    viewport: { zoom: 0.75, pan: { x: 12, y: 34 } }
  })

  it('restores the view state, its positions as temporary ones, and its viewport', async () => {
    act(() => useUiStore.getState().setPath({ fromId: 'a1', toId: 'l1', index: 0 }))
    const canvas = fakeCanvas()
    await act(() => openView(view(), canvas as unknown as CyController))

    const ui = useUiStore.getState()
    expect(ui.filter).toEqual(STATE.filter)
    expect(ui.focus).toEqual(STATE.focus)
    expect(ui.lens).toBe('all')
    expect(ui.centrality).toBe('betweenness')
    expect(ui.display).toBe('list')
    expect(ui.searchMatches).toEqual(STATE.searchMatches)
    expect(ui.path).toBeNull()
    expect(ui.viewPositions?.viewName).toBe('Lessen in de buurt')
    expect(Object.fromEntries(ui.viewPositions!.positions)).toEqual({
      l1: { x: 10, y: 20 },
      a1: { x: -5, y: 7 }
    })
    // The canvas keeps the saved viewport only where it still fits (CyController.restoreViewport).
    expect(canvas.restoreViewport).toHaveBeenCalledTimes(1)
    expect(canvas.restoreViewport).toHaveBeenCalledWith({ zoom: 0.75, pan: { x: 12, y: 34 } })
    // Opening a view only restores: it captures nothing from the canvas.
    expect(canvas.visiblePositions).not.toHaveBeenCalled()
  })

  it('a lens that places the nodes itself gets no saved positions', async () => {
    act(() => useUiStore.getState().setViewPositions({ viewName: 'oud', positions: new Map() }))
    await act(() => openView(view({ lens: 'lessonMap' }), null))
    const ui = useUiStore.getState()
    expect(ui.lens).toBe('lessonMap')
    expect(ui.viewPositions).toBeNull()
  })
})
