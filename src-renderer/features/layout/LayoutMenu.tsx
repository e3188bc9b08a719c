import { Button, Menu, Paper, Progress, Group, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { LAYOUT_NAMES } from '../../graph-view/layouts'
import { CommandMenuItem } from '../commands/CommandMenuItem'
import { useUiStore } from '../../state/ui-store'
import type { TFunction } from 'i18next'
import { cancelLayout, type LayoutOutcome } from './layout-command'

/** Tells the user how a layout run ended. */
export function notifyLayoutOutcome(outcome: LayoutOutcome, t: TFunction): void {
  const messages: Record<LayoutOutcome, string | null> = {
    done: t('layoutMenu.done'),
    cancelled: t('layoutMenu.cancelled'),
    'needs-selection': t('layoutMenu.needsSelection'),
    'lens-active': t('layoutMenu.lensActive'),
    busy: null,
    // Already told, with the reason (report-write.ts).
    failed: null
  }
  const message = messages[outcome]
  if (message) notifications.show({ message, color: outcome === 'done' ? 'green' : 'orange' })
}

/** The toolbar's layout menu. */
export function LayoutMenu(): React.JSX.Element {
  const { t } = useTranslation()
  const running = useUiStore((s) => s.layoutRunning)
  const readOnly = useApp().session.readOnly
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" disabled={!!running || readOnly} data-testid="layout-button">
          {t('toolbar.layout')} ▾
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LAYOUT_NAMES.map((name) => (
          <CommandMenuItem key={name} id={`layout.${name}`} testId={`layout-${name}`}>
            {t(`layoutMenu.${name}`)}
          </CommandMenuItem>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}

/** Progress of a running layout, with cancel. */
export function LayoutProgress(): React.JSX.Element | null {
  const { t } = useTranslation()
  const running = useUiStore((s) => s.layoutRunning)
  if (!running) return null
  return (
    <Paper className="kg-progress" shadow="md" p="sm" withBorder data-testid="layout-progress">
      <Group justify="space-between" mb={6}>
        <Text size="sm">
          {t('layoutMenu.running')} ({t(`layoutMenu.${running.name}`)})
        </Text>
        <Button size="compact-xs" variant="default" onClick={cancelLayout} data-testid="layout-cancel">
          {t('layoutMenu.cancel')}
        </Button>
      </Group>
      <Progress value={Math.max(5, running.done)} animated />
    </Paper>
  )
}
