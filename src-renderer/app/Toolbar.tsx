import { ActionIcon, Button, Group, Menu, Switch, TextInput, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { CommandMenuItem } from '../features/commands/CommandMenuItem'
import { DATA_EXPORT_KEYS, NEW_NODE_COMMANDS, type CommandId } from '../features/commands/ids'
import { useCommand } from '../features/commands/useCommand'
import { FilterPopover } from '../features/filter/FilterPopover'
import { LayoutMenu } from '../features/layout/LayoutMenu'
import { useView } from '../features/canvas/view-context'
import { ViewsMenu } from '../features/views/views'
import { useUiStore } from '../state/ui-store'
import { usePresentationSafe } from '../features/hooks/useDisplay'
import { useApp } from '../features/services/AppContext'

/** Top toolbar. Every button runs a registered command. Parts not built yet say so. */
export function Toolbar(): React.JSX.Element {
  const { t } = useTranslation()
  const { commands, session } = useApp()
  const drawMode = useUiStore((s) => s.drawMode)
  const presentationSafe = usePresentationSafe()
  const { index, view } = useView()
  const narrowed = view.shownNodes < index.nodes.size
  const undo = useCommand('history.undo')
  const redo = useCommand('history.redo')
  const draw = useCommand('canvas.draw-mode')
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
          <CommandMenuItem id="graph.new-empty" testId="cmd-new-empty" />
          <CommandMenuItem id="graph.restore-demo" testId="cmd-restore-demo" />
          <Menu.Divider />
          <CommandMenuItem id="graph.import" testId="cmd-import" />
          <Menu.Divider />
          <CommandMenuItem id="palette.commands" testId="cmd-palette" />
          <CommandMenuItem id="app.about" />
        </Menu.Dropdown>
      </Menu>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={session.readOnly} data-testid="menu-new">
            {t('toolbar.new')} ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {NEW_NODE_COMMANDS.map((id) => (
            <CommandMenuItem key={id} id={id} testId={`new-${id.slice('node.new-'.length)}`}>
              {t(`kind.${id.slice('node.new-'.length)}`)}
            </CommandMenuItem>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Tooltip label={t('toolbar.drawModeHelp')}>
        <Button
          size="xs"
          variant={drawMode ? 'filled' : 'default'}
          onClick={draw.run}
          disabled={!draw.enabled}
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
            <CommandMenuItem key={f} id={`export.${f}`} testId={`export-${f}`}>
              {f.toUpperCase()}
            </CommandMenuItem>
          ))}
          <Menu.Divider />
          <CommandMenuItem id="export.backup" testId="export-kg-json" />
          <Menu.Label>{narrowed ? t('exportData.dataVisible') : t('exportData.data')}</Menu.Label>
          {DATA_EXPORT_KEYS.map((key) => (
            <CommandMenuItem key={key} id={`export.data-${key}`} testId={`export-${key}`} />
          ))}
        </Menu.Dropdown>
      </Menu>
      <ViewsMenu />
      <Group gap={4} ml="auto" wrap="nowrap">
        <Tooltip label={`${undo.label} (${undo.shortcut ?? ''})`}>
          <ActionIcon
            variant="default"
            onClick={undo.run}
            disabled={!undo.enabled}
            aria-label={t('history.undo')}
            data-testid="undo"
          >
            ↶
          </ActionIcon>
        </Tooltip>
        <Tooltip label={`${redo.label} (${redo.shortcut ?? ''})`}>
          <ActionIcon
            variant="default"
            onClick={redo.run}
            disabled={!redo.enabled}
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
