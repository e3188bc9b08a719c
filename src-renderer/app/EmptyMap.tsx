import { Button, Group, Paper, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CommandId } from '../features/commands/ids'
import { useGraphCounts } from '../features/hooks/useGraph'
import { useApp } from '../features/services/AppContext'

/**
 * Shown over an empty canvas: what to do next, with the first steps as buttons (a new interview or
 * lesson, an import, the demo map). It lets clicks outside its card through, so the canvas's
 * context menu (Nieuwe knoop hier) still works around it.
 */
export function EmptyMap(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { commands, session } = useApp()
  const counts = useGraphCounts()
  if (counts.nodes > 0) return null
  const button = (id: CommandId, label: string, primary = false): React.JSX.Element => (
    <Button
      size="xs"
      variant={primary ? 'filled' : 'default'}
      disabled={!commands.isEnabled(id)}
      onClick={() => void commands.run(id)}
      data-testid={`empty-${id}`}
    >
      {label}
    </Button>
  )
  return (
    <div className="kg-empty-map" data-testid="empty-map">
      <Paper withBorder shadow="sm" p="lg" maw={460} className="kg-empty-card">
        <Title order={2} size="h4" mb="xs">
          {t('emptyMap.title')}
        </Title>
        <Text size="sm" mb="md">
          {t('emptyMap.body')}
        </Text>
        {!session.readOnly && (
          <Group gap="xs">
            {button('node.new-interview', t('emptyMap.newInterview'), true)}
            {button('node.new-lesson', t('emptyMap.newLesson'))}
            {button('graph.import', t('emptyMap.import'))}
            {button('graph.restore-demo', t('emptyMap.demo'))}
          </Group>
        )}
      </Paper>
    </div>
  )
}
