import { Button, CloseButton, Group, Paper, Stack, Text } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { describePath } from '../../domain/graph-queries'
import type { EdgeKind } from '../../domain/edge-kinds'
import type { NodeKind } from '../../domain/node-kinds'
import { useUiStore } from '../../state/ui-store'
import { useView } from '../canvas/view-context'
import { useDisplayVersion } from '../hooks/useDisplay'
import { useApp } from '../services/AppContext'

/** The answer to "How does A lead to B?": up to three paths, written out, one highlighted. */
export function PathPanel(): React.JSX.Element | null {
  const { t, i18n } = useTranslation()
  const { index, view } = useView()
  const { display } = useApp()
  const shownVersion = useDisplayVersion()
  const path = useUiStore((s) => s.path)
  const setPath = useUiStore((s) => s.setPath)
  const sentences = useMemo(() => {
    const lang = i18n.language === 'en' ? 'en' : 'nl'
    const labels = {
      kind: (k: NodeKind) => t(`kind.${k}`),
      edge: (k: EdgeKind) => t(`edge.${k}`),
      lang,
      // Names as they may be shown (consent rules, Presentatieveilig).
      title: (id: string) => display.label(id),
      edgeLabel: (id: string) => display.edge(id)?.label
    } as const
    return view.paths.map((p) => describePath(p, index, labels))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.paths, index, t, i18n.language, display, shownVersion])
  if (!path) return null
  return (
    <Paper withBorder p="xs" m="xs" data-testid="path-panel">
      <Group justify="space-between" mb={4}>
        <Text size="xs" fw={700} tt="uppercase">
          {t('inspector.pathTitle')}
        </Text>
        <CloseButton
          size="sm"
          aria-label={t('inspector.pathClear')}
          onClick={() => setPath(null)}
        />
      </Group>
      {sentences.length === 0 ? (
        <Text size="sm" data-testid="path-none">
          {t('inspector.pathNone')}
        </Text>
      ) : (
        <Stack gap={6}>
          {sentences.map((s, i) => (
            <div key={i}>
              <Text size="sm" fw={i === path.index ? 600 : 400} data-testid={`path-sentence-${i}`}>
                {i + 1}. {s}
              </Text>
              {i !== path.index && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setPath({ ...path, index: i })}
                >
                  {t('inspector.pathShow', { n: i + 1 })}
                </Button>
              )}
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
