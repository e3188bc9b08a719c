import { Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import type { ChangeRow } from '../../storage/db'
import { useGraphVersion } from '../hooks/useGraph'

/** The i18n key of a change's action ("layout.fcose" → "action.layout"). */
export function actionKey(action: string): string {
  return action.startsWith('layout.') ? 'action.layout' : `action.${action}`
}

/** Who changed this node or edge, what, and when — newest first, from the change log. */
export function HistoryPanel({ recordId }: { recordId: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { session } = useApp()
  const version = useGraphVersion(session.repo.store)
  const [rows, setRows] = useState<ChangeRow[] | null>(null)
  useEffect(() => {
    let live = true
    void session.repo.history(recordId).then((r) => live && setRows(r))
    return () => {
      live = false
    }
  }, [session, recordId, version])
  return (
    <Stack gap={2} data-testid="history">
      <Title order={3} size="h6">
        {t('history.title')}
      </Title>
      {rows?.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('history.empty')}
        </Text>
      )}
      {rows?.slice(0, 30).map((row) => (
        <Text key={row.id} size="xs" data-testid="history-row">
          <strong>{t(actionKey(row.action), { defaultValue: row.action })}</strong>{' '}
          {t('history.row', { author: row.author, when: new Date(row.at).toLocaleString() })}
          {row.undoneAt ? ` (${t('action.history.undo')})` : ''}
        </Text>
      ))}
    </Stack>
  )
}
