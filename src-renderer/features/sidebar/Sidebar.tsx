import { Group, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { EDGE_KINDS } from '../../domain/edge-kinds'
import { STATUSES } from '../../domain/facets'
import { NODE_KINDS } from '../../domain/node-kinds'
import { EDGE_STYLES, STATUS_STYLES } from '../../graph-view/stylesheet'
import { useUiStore } from '../../state/ui-store'
import { useGraphCounts } from '../hooks/useGraph'
import { ClusterLegend, MarkerLegend } from './MarkerLegend'
import { EdgeSwatch, NodeSwatch } from './swatches'

/** Left panel: contents per kind and the legend. */
export function Sidebar(): React.JSX.Element {
  const { t } = useTranslation()
  const counts = useGraphCounts()
  const legendOpen = useUiStore((s) => s.legendOpen)
  const toggleLegend = useUiStore((s) => s.toggleLegend)
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="md" p="sm">
        <section aria-labelledby="counts-title">
          <Title order={2} size="h6" id="counts-title" mb={6}>
            {t('sidebar.counts')}
          </Title>
          {counts.nodes === 0 && (
            <Text size="sm" c="dimmed" data-testid="empty-state">
              {t('sidebar.empty')}
            </Text>
          )}
          <Stack gap={2} data-testid="kind-counts">
            {NODE_KINDS.map((k) => (
              <Group key={k} justify="space-between" wrap="nowrap" data-kind={k}>
                <Group gap={8} wrap="nowrap">
                  <NodeSwatch kind={k} />
                  <Text size="sm">{t(`kindPlural.${k}`)}</Text>
                </Group>
                <Text size="sm" fw={600} data-testid={`count-${k}`}>
                  {counts.byKind[k]}
                </Text>
              </Group>
            ))}
            <Group justify="space-between" mt={4}>
              <Text size="sm" fw={600}>
                {t('sidebar.total')}
              </Text>
              <Text size="sm" fw={700}>
                {counts.nodes}
              </Text>
            </Group>
          </Stack>
        </section>
        <section aria-labelledby="legend-title">
          <UnstyledButton onClick={toggleLegend} aria-expanded={legendOpen} aria-controls="legend-body">
            <Title order={2} size="h6" id="legend-title">
              {legendOpen ? '▾' : '▸'} {t('sidebar.legend')}
            </Title>
          </UnstyledButton>
          {legendOpen && (
            <Stack gap={8} id="legend-body" mt={6} data-testid="legend">
              <ClusterLegend />
              <MarkerLegend />
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('sidebar.edgeKinds')}
              </Text>
              <Stack gap={2}>
                {EDGE_KINDS.map((k) => (
                  <Group key={k} gap={8} wrap="nowrap">
                    <EdgeSwatch style={EDGE_STYLES[k]} />
                    <Text size="xs">{t(`edge.${k}`)}</Text>
                  </Group>
                ))}
              </Stack>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('sidebar.statuses')}
              </Text>
              <Stack gap={2}>
                {STATUSES.map((s) => (
                  <Group key={s} gap={8} wrap="nowrap">
                    <span
                      className="kg-swatch"
                      style={{
                        background: '#9AA5B1',
                        opacity: STATUS_STYLES[s].opacity,
                        border: `${STATUS_STYLES[s].borderWidth}px ${STATUS_STYLES[s].borderStyle} #333`
                      }}
                      aria-hidden
                    />
                    <Text size="xs">{t(`facet.status.${s}`)}</Text>
                  </Group>
                ))}
              </Stack>
            </Stack>
          )}
        </section>
      </Stack>
    </ScrollArea>
  )
}
