/** Snapshots (PNG, SVG, PDF), the back-up and the data exports. */
import { useUiStore } from '../../state/ui-store'
import { exportData } from '../export/data-export'
import { DATA_EXPORT_KEYS } from './ids'
import type { Command } from './registry'

export const exportCommands: Command[] = [
  ...(['png', 'svg', 'pdf'] as const).map((format): Command => ({
    id: `export.${format}`,
    labelKey: `exportMenu.${format}`,
    group: 'export',
    // A snapshot needs the canvas (not the list view).
    isEnabled: (ctx) => ctx.canvas.current !== null,
    run: () => useUiStore.getState().openDialog({ type: 'export', format })
  })),
  {
    id: 'export.backup',
    labelKey: 'exportDialog.backup',
    group: 'export',
    run: () => useUiStore.getState().openDialog({ type: 'export', format: 'kg-json' })
  },
  ...DATA_EXPORT_KEYS.map((key): Command => ({
    id: `export.data-${key}`,
    labelKey: `exportData.${key}`,
    group: 'export',
    run: (ctx) => exportData(ctx, key)
  }))
]
