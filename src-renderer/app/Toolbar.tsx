import { ActionIcon, Button, Group, Menu, Switch, TextInput, Tooltip } from '@mantine/core'
import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { FilterPopover } from '../features/filter/FilterPopover'
import { LayoutMenu } from '../features/layout/LayoutMenu'
import { NODE_KINDS } from '../domain/node-kinds'
import { newNode } from '../features/editor/editor-actions'
import { useExportStore } from '../features/export/ExportDialog'
import { EXPORT_EXTENSIONS, exportGraph } from '../exchange/import-pipeline'
import { useView } from '../features/canvas/view-context'
import { bridge } from '../platform/bridge'
import { notifications } from '@mantine/notifications'
import { ViewsMenu } from '../features/views/views'
import { graphToExport } from '../state/export-graph'
import { useUiStore } from '../state/ui-store'
import { usePresentationSafe } from '../features/hooks/useDisplay'
import { useApp } from '../features/services/AppContext'
import type { CommandId } from '../features/services/commands'

/** Top toolbar. Every button runs a registered command. Parts not built yet say so. */
export function Toolbar(): React.JSX.Element {
  const { t } = useTranslation()
  const { commands, session, canvas, display } = useApp()
  const drawMode = useUiStore((s) => s.drawMode)
  const presentationSafe = usePresentationSafe()
  const { index, view } = useView()
  const narrowed = view.shownNodes < index.nodes.size
  const exportData = async (d: (typeof DATA_EXPORTS)[number]): Promise<void> => {
    const base = `stadmaken-kennisgraaf-${new Date().toISOString().slice(0, 10)}`
    // Data exports write the map as it may be shown, and only what is shown when it is narrowed.
    const graph = graphToExport(session.repo.store, display, {
      purpose: 'shown',
      ...(narrowed ? { isShown: (id: string) => !view.hidden.has(id) && !view.faded.has(id) } : {})
    })
    const data = exportGraph(graph, d.format, {
      baseName: base,
      ...(d.delimiter ? { delimiter: d.delimiter } : {})
    })
    const r = await bridge.files.saveFile({
      suggestedName: `${base}${EXPORT_EXTENSIONS[d.format]}`,
      kind: d.kind,
      data
    })
    if (r.saved)
      notifications.show({ message: t('exportDialog.saved', { name: r.name }), color: 'green' })
  }
  const history = useSyncExternalStore(
    (cb) => session.repo.onHistoryChange(cb),
    () => historyKey(session.repo)
  )
  const run = (id: CommandId) => () => void commands.run(id)
  return (
    <Group h="100%" px="sm" gap={6} wrap="nowrap" className="kg-toolbar">
      <strong className="kg-brand">{t('app.title')}</strong>
      <TextInput
        size="xs"
        placeholder={t('toolbar.search')}
        w={170}
        aria-label={t('toolbar.search')}
        readOnly
        onFocus={(e) => {
          e.currentTarget.blur()
          void commands.run('search.open')
        }}
        onClick={() => void commands.run('search.open')}
        data-testid="toolbar-search"
      />
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" data-testid="menu-graph">
            {t('toolbar.graph')} ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={run('graph.new-empty')} data-testid="cmd-new-empty">
            {t('menu.newEmpty')}
          </Menu.Item>
          <Menu.Item onClick={run('graph.restore-demo')} data-testid="cmd-restore-demo">
            {t('menu.restoreDemo')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={run('graph.import')} data-testid="cmd-import">
            {t('importDialog.menu')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={run('app.about')}>{t('menu.about')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={session.readOnly} data-testid="menu-new">
            {t('toolbar.new')} ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {NODE_KINDS.map((k) => (
            <Menu.Item key={k} onClick={() => newNode(k, canvas.current)} data-testid={`new-${k}`}>
              {t(`kind.${k}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Tooltip label={t('toolbar.drawModeHelp')}>
        <Button
          size="xs"
          variant={drawMode ? 'filled' : 'default'}
          onClick={run('canvas.draw-mode')}
          disabled={session.readOnly}
          aria-pressed={drawMode}
          data-testid="draw-mode"
        >
          {t('toolbar.drawMode')}
        </Button>
      </Tooltip>
      <LayoutMenu />
      <FilterPopover />
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" data-testid="menu-export">
            {t('toolbar.export')} ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(['png', 'svg', 'pdf'] as const).map((f) => (
            <Menu.Item
              key={f}
              onClick={() => useExportStore.getState().open(f)}
              data-testid={`export-${f}`}
            >
              {f.toUpperCase()}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            onClick={() => useExportStore.getState().open('kg-json')}
            data-testid="export-kg-json"
          >
            {t('exportDialog.backup')}
          </Menu.Item>
          <Menu.Label>{narrowed ? t('exportData.dataVisible') : t('exportData.data')}</Menu.Label>
          {DATA_EXPORTS.map((d) => (
            <Menu.Item
              key={d.key}
              onClick={() => void exportData(d)}
              data-testid={`export-${d.key}`}
            >
              {t(`exportData.${d.key}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ViewsMenu />
      <Group gap={4} ml="auto" wrap="nowrap">
        <Tooltip label={`${t('history.undo')} (Ctrl+Z)`}>
          <ActionIcon
            variant="default"
            onClick={run('history.undo')}
            disabled={!history.canUndo || session.readOnly}
            aria-label={t('history.undo')}
            data-testid="undo"
          >
            ↶
          </ActionIcon>
        </Tooltip>
        <Tooltip label={`${t('history.redo')} (Ctrl+Shift+Z)`}>
          <ActionIcon
            variant="default"
            onClick={run('history.redo')}
            disabled={!history.canRedo || session.readOnly}
            aria-label={t('history.redo')}
            data-testid="redo"
          >
            ↷
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('privacy.safeHelp')}>
          <Switch
            size="xs"
            label={t('privacy.safe')}
            checked={presentationSafe}
            onChange={run('privacy.toggle-safe')}
            data-testid="presentation-safe"
            mx={6}
          />
        </Tooltip>
        <Tooltip label={t('toolbar.zoomOut')}>
          <ActionIcon
            variant="default"
            onClick={run('view.zoom-out')}
            aria-label={t('toolbar.zoomOut')}
          >
            −
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('toolbar.zoomIn')}>
          <ActionIcon
            variant="default"
            onClick={run('view.zoom-in')}
            aria-label={t('toolbar.zoomIn')}
          >
            +
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('toolbar.fit')}>
          <ActionIcon variant="default" onClick={run('view.fit')} aria-label={t('toolbar.fit')}>
            ⤢
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('toolbar.settings')}>
          <ActionIcon
            variant="default"
            onClick={run('settings.open')}
            aria-label={t('toolbar.settings')}
            data-testid="open-settings"
          >
            ⚙
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  )
}

const historyCache = new WeakMap<object, { canUndo: boolean; canRedo: boolean }>()

/** A stable snapshot of whether undo and redo are possible, for useSyncExternalStore. */
function historyKey(repo: { canUndo(): boolean; canRedo(): boolean }): {
  canUndo: boolean
  canRedo: boolean
} {
  const next = { canUndo: repo.canUndo(), canRedo: repo.canRedo() }
  const prev = historyCache.get(repo)
  if (prev && prev.canUndo === next.canUndo && prev.canRedo === next.canRedo) return prev
  historyCache.set(repo, next)
  return next
}

/** Data exports offered in the export menu: whole map, one file each. */
const DATA_EXPORTS = [
  { key: 'csv', format: 'csv-zip', kind: 'zip', delimiter: undefined },
  { key: 'csvComma', format: 'csv-zip', kind: 'zip', delimiter: ',' },
  { key: 'gexf', format: 'gexf', kind: 'gexf', delimiter: undefined },
  { key: 'graphml', format: 'graphml', kind: 'graphml', delimiter: undefined },
  { key: 'cyjs', format: 'cyjs', kind: 'cyjs', delimiter: undefined }
] as const
