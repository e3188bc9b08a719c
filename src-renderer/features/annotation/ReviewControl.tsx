import { Badge, Button, Group, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { reportWrite } from '../services/report-write'
import { useUiStore } from '../../state/ui-store'
import { REVIEW_STATUSES } from '../../domain/facets'
import type { IngredientNode, LessonNode } from '../../domain/node-kinds'

/** Moves a lesson or ingredient through review (concept → getoetst → vastgesteld), recording who and when. */
export function ReviewControl({ node }: { node: LessonNode | IngredientNode }): React.JSX.Element {
  const { t } = useTranslation()
  const { session } = useApp()
  const author = useUiStore((s) => s.settings.author)
  const i = REVIEW_STATUSES.indexOf(node.reviewStatus)
  const next = REVIEW_STATUSES[i + 1]
  const move = (status: (typeof REVIEW_STATUSES)[number]): void => {
    void reportWrite(
      t,
      session.repo.updateNode(
        node.id,
        { reviewStatus: status, reviewedBy: author, reviewedAt: new Date().toISOString() } as never,
        'node.review'
      )
    )
  }
  return (
    <Stack gap={4} data-testid="review">
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          {t('review.title')}:
        </Text>
        <Badge variant="light" color={node.reviewStatus === 'established' ? 'green' : node.reviewStatus === 'tested' ? 'blue' : 'gray'} data-testid="review-status">
          {t(`facet.reviewStatus.${node.reviewStatus}`)}
        </Badge>
      </Group>
      {node.reviewedBy && node.reviewedAt && (
        <Text size="xs" c="dimmed" data-testid="review-by">
          {t('review.by', {
            status: t(`facet.reviewStatus.${node.reviewStatus}`),
            who: node.reviewedBy,
            when: new Date(node.reviewedAt).toLocaleString()
          })}
        </Text>
      )}
      {!session.readOnly && (
        <Group gap={4}>
          {next && (
            <Button size="compact-xs" variant="light" onClick={() => move(next)} data-testid="review-next">
              {t('review.moveTo', { status: t(`facet.reviewStatus.${next}`).toLowerCase() })}
            </Button>
          )}
          {i > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => move('concept')}>
              {t('review.back')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  )
}
