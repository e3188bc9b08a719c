/** Commands of the app itself: search, the command palette, settings, about, saved views. */
import { useUiStore } from '../../state/ui-store'
import type { Command } from './registry'

export const appCommands: Command[] = [
  {
    id: 'search.open',
    labelKey: 'search.title',
    group: 'app',
    shortcut: 'mod+K',
    run: () => useUiStore.getState().openDialog({ type: 'palette', mode: 'search' })
  },
  {
    id: 'palette.commands',
    labelKey: 'palette.title',
    group: 'app',
    shortcut: 'mod+shift+P',
    inPalette: false,
    run: () => useUiStore.getState().openDialog({ type: 'palette', mode: 'commands' })
  },
  {
    id: 'settings.open',
    labelKey: 'toolbar.settings',
    group: 'app',
    shortcut: 'mod+comma',
    run: () => useUiStore.getState().openDialog({ type: 'settings' })
  },
  {
    id: 'app.about',
    labelKey: 'menu.about',
    group: 'app',
    run: () => useUiStore.getState().openDialog({ type: 'about' })
  },
  {
    id: 'view.save',
    labelKey: 'views.save',
    group: 'view',
    run: () => useUiStore.getState().openDialog({ type: 'saveView' })
  },
  {
    id: 'view.presentations',
    labelKey: 'deck.menu',
    group: 'view',
    run: () => useUiStore.getState().openDialog({ type: 'presentations' })
  }
]
