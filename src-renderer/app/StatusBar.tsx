import { Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useGraphCounts } from '../features/hooks/useGraph'
import { useUiStore } from '../state/ui-store'
import { useApp } from '../features/services/AppContext'

/** Bottom bar: counts, save state, author. */
export function StatusBar(): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const counts = useGraphCounts()
  const { session } = useApp()
  const author = useUiStore((s) => s.settings.author)
  const lastSavedAt = useUiStore((s) => s.lastSavedAt)
  const time = lastSavedAt
    ? new Date(lastSavedAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
    : null
  return (
    <Group gap="xs" px="sm" h="100%" wrap="nowrap" className="kg-statusbar" role="status">
      <Text size="xs" data-testid="status-counts">
        {t('status.counts', { nodes: counts.nodes, edges: counts.edges })}
      </Text>
      {time && <Text size="xs">· {t('status.saved', { time })}</Text>}
      {session.readOnly && (
        <Text size="xs" c="red">
          · {t('status.readOnly')}
        </Text>
      )}
      <Text size="xs" ml="auto" data-testid="status-author">
        {t('status.author', { name: author })}
      </Text>
    </Group>
  )
}
