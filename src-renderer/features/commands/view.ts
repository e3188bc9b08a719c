/** Commands on what the map shows and how: zoom, lenses, list, panels, filter, Presentatieveilig. */
import { useUiStore, type Lens } from '../../state/ui-store'
import type { Command } from './registry'

const lens = (id: Command['id'], labelKey: string, value: Lens, key: string): Command => ({
  id,
  labelKey,
  group: 'view',
  shortcut: `mod+${key}`,
  run: () => useUiStore.getState().setLens(value)
})

export const viewCommands: Command[] = [
  {
    id: 'view.fit',
    labelKey: 'toolbar.fit',
    group: 'view',
    shortcut: 'mod+0',
    run: (ctx) => ctx.canvas.current?.fit()
  },
  {
    id: 'view.zoom-in',
    labelKey: 'toolbar.zoomIn',
    group: 'view',
    shortcut: 'mod+equal',
    run: (ctx) => ctx.canvas.current?.zoomBy(1.25)
  },
  {
    id: 'view.zoom-out',
    labelKey: 'toolbar.zoomOut',
    group: 'view',
    shortcut: 'mod+minus',
    run: (ctx) => ctx.canvas.current?.zoomBy(0.8)
  },
  lens('view.whole-map', 'lens.all', 'all', '1'),
  lens('view.lesson-map', 'lens.lessonMap', 'lessonMap', '2'),
  lens('view.tensions', 'lens.tensions', 'tensions', '3'),
  {
    id: 'view.toggle-list',
    labelKey: 'display.list',
    group: 'view',
    shortcut: 'mod+L',
    run: () => {
      const s = useUiStore.getState()
      s.setDisplay(s.display === 'list' ? 'canvas' : 'list')
    }
  },
  {
    id: 'view.toggle-legend',
    labelKey: 'toolbar.legend',
    group: 'view',
    run: () => useUiStore.getState().toggleLegend()
  },
  {
    id: 'view.toggle-sidebar',
    labelKey: 'toolbar.sidebar',
    group: 'view',
    run: () => useUiStore.getState().toggleSidebar()
  },
  {
    id: 'filter.clear',
    labelKey: 'filter.clear',
    group: 'view',
    run: () => useUiStore.getState().clearFilter()
  },
  {
    id: 'privacy.toggle-safe',
    labelKey: 'privacy.safe',
    group: 'view',
    run: (ctx) => ctx.display.setPresentationSafe(!ctx.display.presentationSafe)
  }
]
