/** Commands of the app itself: search, the command palette, settings, about, saved views. */
import { useUiStore } from '../../state/ui-store'
import { useDeckStore } from '../views/presentations'
import { useViewDialog } from '../views/views'
import type { Command } from './registry'

export const appCommands: Command[] = [
  {
    id: 'search.open',
    labelKey: 'search.title',
    group: 'app',
    shortcut: 'mod+K',
    run: () => useUiStore.getState().openPalette('search')
  },
  {
    id: 'palette.commands',
    labelKey: 'palette.title',
    group: 'app',
    shortcut: 'mod+shift+P',
    inPalette: false,
    run: () => useUiStore.getState().openPalette('commands')
  },
  {
    id: 'settings.open',
    labelKey: 'toolbar.settings',
    group: 'app',
    shortcut: 'mod+comma',
    run: () => useUiStore.getState().setSettingsOpen(true)
  },
  {
    id: 'app.about',
    labelKey: 'menu.about',
    group: 'app',
    run: () => useUiStore.getState().setAboutOpen(true)
  },
  {
    id: 'view.save',
    labelKey: 'views.save',
    group: 'view',
    run: () => useViewDialog.getState().setOpen(true)
  },
  {
    id: 'view.presentations',
    labelKey: 'deck.menu',
    group: 'view',
    run: () => useDeckStore.getState().setEditorOpen(true)
  }
]
