import { Anchor, Badge, Group, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../app/AppContext'
import { useUiStore } from '../../state/ui-store'
import { useGraphVersion } from '../hooks/useGraph'
import { NodeSwatch } from '../sidebar/swatches'

/** Right panel: the selected node or edge with its fields, provenance, sources and neighbours. */
export function Inspector(): React.JSX.Element {
  const { t } = useTranslation()
  const { store } = useApp().session.repo
  const version = useGraphVersion(store)
  const selection = useUiStore((s) => s.selection)
  const select = useUiStore((s) => s.select)

  const data = useMemo(() => {
    if (!selection) return null
    if (selection.group === 'nodes') {
      const node = store.node(selection.id)
      if (!node) return null
      const neighbours = store
        .liveEdges()
        .filter((e) => e.source === node.id || e.target === node.id)
        .map((e) => ({ edge: e, other: store.node(e.source === node.id ? e.target : e.source), outgoing: e.source === node.id }))
        .filter((x) => x.other)
      return { kind: 'node' as const, node, neighbours }
    }
    const edge = store.edge(selection.id)
    return edge ? { kind: 'edge' as const, edge, from: store.node(edge.source), to: store.node(edge.target) } : null
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selection, store, version])

  if (!data) {
    return (
      <Text size="sm" c="dimmed" p="sm">
        {t('inspector.none')}
      </Text>
    )
  }
  if (data.kind === 'edge') {
    const { edge, from, to } = data
    return (
      <Stack p="sm" gap="xs" data-testid="inspector">
        <Title order={2} size="h5">
          {from?.title} → {t(`edge.${edge.kind}`)} → {to?.title}
        </Title>
        <Badge variant="light">{t(`facet.status.${edge.status}`)}</Badge>
      </Stack>
    )
  }
  const { node, neighbours } = data
  return (
    <ScrollArea h="100%">
      <Stack p="sm" gap="xs" data-testid="inspector">
        <Group gap={8} wrap="nowrap">
          <NodeSwatch kind={node.kind} />
          <Text size="xs" c="dimmed" tt="uppercase">
            {t(`kind.${node.kind}`)}
          </Text>
        </Group>
        <Title order={2} size="h5" data-testid="inspector-title">
          {node.title}
        </Title>
        <Group gap={6}>
          <Badge variant="light" color={node.status === 'illustrative' ? 'orange' : 'blue'}>
            {t(`facet.status.${node.status}`)}
          </Badge>
          {node.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray">
              {tag}
            </Badge>
          ))}
        </Group>
        {node.description && <Text size="sm">{node.description}</Text>}
        {node.sources.length > 0 && (
          <>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('inspector.sources')}
            </Text>
            {node.sources.map((s, i) =>
              s.url ? (
                <Anchor key={i} size="sm" href={s.url} target="_blank" rel="noreferrer">
                  {s.title}
                </Anchor>
              ) : (
                <Text key={i} size="sm">
                  {s.title}
                </Text>
              )
            )}
          </>
        )}
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {t('inspector.neighbours')} ({neighbours.length})
        </Text>
        <Stack gap={2} data-testid="inspector-neighbours">
          {neighbours.map(({ edge, other, outgoing }) => (
            <Anchor
              key={edge.id}
              size="sm"
              component="button"
              onClick={() => other && select({ id: other.id, group: 'nodes' })}
            >
              {outgoing ? '→' : '←'} {t(`edge.${edge.kind}`)}: {other?.title}
            </Anchor>
          ))}
        </Stack>
      </Stack>
    </ScrollArea>
  )
}
