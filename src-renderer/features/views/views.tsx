import { Button, Group, Menu, Modal, Stack, TextInput, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CommandMenuItem } from '../commands/CommandMenuItem'
import { savedViewInput, savedViewPositions } from './view-state'
import { useApp } from '../services/AppContext'
import { reportPlainWrite } from '../services/report-write'
import { errorMessage } from '../../i18n/error-message'
import type { Position } from '../../domain/node-kinds'
import type { CyController } from '../../graph-view/cy-controller'
import { deleteView, listViews, saveView, type SavedView } from '../../storage/views'
import { useUiStore, type Focus, type Lens } from '../../state/ui-store'

/** Captures the current filter, focus, lens, display, visible positions and viewport. */
export function captureView(
  canvas: CyController | null,
  name: string,
  description: string,
  author: string
): Omit<SavedView, 'id' | 'createdAt'> {
  const ui = useUiStore.getState()
  const positions: Record<string, Position> = canvas
    ? Object.fromEntries(canvas.visiblePositions())
    : {}
  return {
    name,
    description,
    createdBy: author,
    state: {
      filter: ui.filter,
      focus: ui.focus,
      lens: ui.lens,
      centrality: ui.centrality,
      display: ui.display,
      searchMatches: ui.searchMatches
    },
    positions: ui.lens === 'all' ? positions : {},
    viewport: canvas ? canvas.viewport() : { zoom: 1, pan: { x: 0, y: 0 } }
  }
}

/**
 * Reopens a saved view as it was: its filter, focus, lens and display, the positions its nodes had
 * (shown as temporary positions, like a lens: nothing is written, the undo history is untouched), and
 * its viewport.
 */
export async function openView(view: SavedView, canvas: CyController | null): Promise<void> {
  const ui = useUiStore.getState()
  const input = savedViewInput(view)
  ui.setFilter(input.filter)
  ui.setFocus(input.focus as Focus | null)
  ui.setLens(input.lens as Lens)
  ui.setCentrality(input.centrality)
  ui.setDisplay(view.state.display as 'canvas' | 'list')
  ui.setSearchMatches(view.state.searchMatches as { query: string; ids: string[] } | null)
  ui.setPath(null)
  const positions = savedViewPositions(view)
  ui.setViewPositions(positions ? { viewName: view.name, positions } : null)
  // Let the view state reach the canvas, then show its viewport, or fit what it shows where that
  // viewport (saved at another window size) would open it small or cut nodes off.
  await new Promise((r) => setTimeout(r, 50))
  canvas?.restoreViewport(view.viewport)
}

/** The toolbar menu of saved views. */
export function ViewsMenu(): React.JSX.Element {
  const { t } = useTranslation()
  const { session, canvas } = useApp()
  const views = useLiveQuery(() => listViews(session.repo.db), [session])
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" data-testid="menu-views">
          {t('toolbar.views')} ▾
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <CommandMenuItem id="view.save" testId="view-save" />
        <CommandMenuItem id="view.presentations" testId="deck-open" />
        <Menu.Divider />
        {views?.length === 0 && <Menu.Label>{t('views.none')}</Menu.Label>}
        {views?.map((v) => (
          <Menu.Item
            key={v.id}
            onClick={() => {
              void openView(v, canvas.current).then(() =>
                notifications.show({ message: t('views.opened', { name: v.name }) })
              )
            }}
            rightSection={
              <span
                role="button"
                tabIndex={0}
                aria-label={t('views.delete')}
                className="kg-chip-x"
                onClick={(e) => {
                  e.stopPropagation()
                  void reportPlainWrite(t, deleteView(session.repo.db, v.id))
                }}
              >
                ×
              </span>
            }
            data-testid="view-item"
          >
            {v.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}

/** Names and saves the current view. */
export function SaveViewDialog(): React.JSX.Element {
  const { t } = useTranslation()
  const { session, canvas } = useApp()
  const author = useUiStore((s) => s.settings.author)
  const open = useUiStore((s) => s.dialog?.type === 'saveView')
  const closeDialog = useUiStore((s) => s.closeDialog)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [error, setError] = useState<string | null>(null)
  const save = async (): Promise<void> => {
    if (!name.trim()) {
      setError(t('views.nameRequired'))
      return
    }
    try {
      await saveView(session.repo.db, captureView(canvas.current, name.trim(), description, author))
    } catch (failure) {
      // Not stored; the name and description stay in the dialog for another try.
      setError(errorMessage(t, failure))
      return
    }
    notifications.show({ message: t('views.saved', { name: name.trim() }), color: 'green' })
    setName('')
    setDescription('')
    setError(null)
    closeDialog('saveView')
  }
  return (
    <Modal opened={open} onClose={() => closeDialog('saveView')} title={t('views.save')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('views.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            data-autofocus
            data-testid="view-name"
          />
          <Textarea
            label={t('views.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button type="submit" data-testid="view-save-ok">
              {t('editor.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
