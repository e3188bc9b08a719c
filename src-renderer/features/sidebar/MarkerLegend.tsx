import { Group, Stack, Text } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { clusterLegend } from '../../graph-view/cluster-regions'
import {
  CONTESTED_COLOR,
  NODE_STYLES,
  PATH_COLOR,
  SELECTION_COLOR,
  SINGLE_VOICE_COLOR
} from '../../graph-view/stylesheet'
import type { NodeId } from '../../domain/ids'
import { useView } from '../canvas/view-context'
import { useDisplayName } from '../hooks/useDisplay'

const LESSON = NODE_STYLES.lesson.color

/** A small node with the marker drawn as on the canvas. */
function MarkerSwatch({ kind }: { kind: 'selected' | 'singleVoice' | 'contested' | 'path' }): React.JSX.Element {
  const ring =
    kind === 'selected'
      ? { outline: `3px solid ${SELECTION_COLOR}`, outlineOffset: 2 }
      : kind === 'singleVoice'
        ? { border: `4px double ${SINGLE_VOICE_COLOR}` }
        : kind === 'contested'
          ? { boxShadow: `0 0 0 5px ${CONTESTED_COLOR}73` }
          : { border: `3px solid ${PATH_COLOR}` }
  return (
    <span
      className="kg-swatch"
      style={{ background: LESSON, borderRadius: 3, boxSizing: 'border-box', margin: 3, ...ring }}
      data-marker={kind}
      aria-hidden
    />
  )
}

/** What the outlines, glows and rings on the canvas mean (the kinds and provenance follow). */
export function MarkerLegend(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('sidebar.markers')}
      </Text>
      <Stack gap={4} data-testid="legend-markers">
        {(['selected', 'singleVoice', 'contested', 'path'] as const).map((k) => (
          <Group key={k} gap={8} wrap="nowrap" data-testid={`legend-marker-${k}`}>
            <MarkerSwatch kind={k} />
            <Text size="xs">{t(`sidebar.${k}`)}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          {t('sidebar.labelsHint')}
        </Text>
      </Stack>
    </>
  )
}

/** The lesson map's groups: number, colour and name as drawn on the canvas. Only on that lens. */
export function ClusterLegend(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { index, view } = useView()
  const nameOf = useDisplayName()
  const entries = useMemo(
    () => clusterLegend(view.clusterOf, view.sizes, (id) => index.nodes.get(id as NodeId)?.kind),
    [view.clusterOf, view.sizes, index]
  )
  if (!entries.length) return null
  return (
    <>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('sidebar.clusters')}
      </Text>
      <Stack gap={4} data-testid="legend-clusters">
        {entries.map((e) => {
          const lead = index.nodes.get(e.leadId as NodeId)
          return (
            <Group key={e.cluster} gap={8} wrap="nowrap" data-testid="legend-cluster">
              <span
                className="kg-swatch"
                style={{ background: `${e.color}33`, border: `1.5px dashed ${e.color}`, borderRadius: 4 }}
                aria-hidden
              />
              <Text size="xs" style={{ minWidth: 0 }} lineClamp={2}>
                <b>{e.ordinal}</b> · {lead ? nameOf(lead) : ''}{' '}
                <Text span size="xs" c="dimmed">
                  ({t('sidebar.clusterSize', { count: e.size })})
                </Text>
              </Text>
            </Group>
          )
        })}
      </Stack>
    </>
  )
}
