import { ActionIcon, Button, Group, Menu, Switch, Tooltip } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
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

/**
 * Top toolbar. Every button runs a registered command. The app name is the window's one h1. Below
 * 1500 px wide the zoom buttons fold into one menu and the search button narrows; below 1360 px
 * Verbinden shows only its icon (with its tooltip and an aria-label) and the name is shortened.
 */
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
  // The full toolbar needs about 1500 px next to the app name (at 1280 px the name was cut to
  // "S…"): below that the zoom buttons fold into one menu; below 1360 px Verbinden shows its icon
  // and the name reads "Kennisgraaf".
  const narrow = useMediaQuery('(max-width: 1499px)') ?? false
  const compact = useMediaQuery('(max-width: 1359px)') ?? false
  const drawLabel = t('toolbar.drawMode').replace('✎', '').trim()
  return (
    <Group h="100%" px="sm" gap={6} wrap="nowrap" className="kg-toolbar">
      <h1 className="kg-brand" title={t('app.title')}>
        {compact ? (
          // Short on screen below 1360 px; screen readers still hear the full name.
          <>
            <span aria-hidden="true">{t('app.titleShort')}</span>
            <span className="kg-visually-hidden">{t('app.title')}</span>
          </>
        ) : (
          t('app.title')
        )}
      </h1>
      {/* A button, not a read-only field: Tab passes it like any control, Enter or a click opens
          the palette, and the palette gives focus back here when it closes. */}
      <Button
        size="xs"
        variant="default"
        className="kg-toolbar-search"
        aria-label={t('toolbar.search')}
        aria-haspopup="dialog"
        onClick={() => void commands.run('search.open')}
        data-testid="toolbar-search"
      >
        <span className="kg-toolbar-label">{compact ? t('toolbar.searchShort') : t('toolbar.search')}</span>
      </Button>
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
          aria-label={compact ? drawLabel : undefined}
          data-testid="draw-mode"
        >
          {compact ? '✎' : t('toolbar.drawMode')}
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
        {narrow ? (
          // Below 1400 px the zoom buttons fold into one menu, so the app name and every labelled
          // button keep their full text (Ctrl+= / Ctrl+− / Ctrl+0 work as ever).
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Tooltip label={`${t('toolbar.zoomIn')} / ${t('toolbar.zoomOut')} / ${t('toolbar.fit')}`}>
                <ActionIcon variant="default" aria-label={t('toolbar.zoomMenu')} data-testid="menu-zoom">
                  ⊕
                </ActionIcon>
              </Tooltip>
            </Menu.Target>
            <Menu.Dropdown>
              <CommandMenuItem id="view.zoom-in" />
              <CommandMenuItem id="view.zoom-out" />
              <CommandMenuItem id="view.fit" />
            </Menu.Dropdown>
          </Menu>
        ) : (
          <>
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
          </>
        )}
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
