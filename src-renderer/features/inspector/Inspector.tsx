import { Anchor, Badge, Button, Divider, Group, List, ScrollArea, Select, Stack, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import type { GraphEdge } from '../../domain/edge-kinds'
import { nodeAdjacency, voiceCounts, type AdjacencyEntry } from '../../domain/graph-queries'
import type { GraphNode } from '../../domain/node-kinds'
import { useUiStore } from '../../state/ui-store'
import { useView } from '../canvas/view-context'
import { AnnotationThread } from '../annotation/AnnotationThread'
import { ReviewControl } from '../annotation/ReviewControl'
import { NodeSwatch } from '../sidebar/swatches'
import { useDisplay, useDisplayName, useDisplayVersion } from '../hooks/useDisplay'
import { HistoryPanel } from './HistoryPanel'
import { NODE_FIELDS } from './node-fields'
import { PathPanel } from './PathPanel'

/** Right panel: the selected node or edge with all its fields, provenance, sources and neighbours. */
export function Inspector(): React.JSX.Element {
  const { t } = useTranslation()
  const selection = useUiStore((s) => s.selection)
  // Read through the display projection: what may not be shown never reaches the panel.
  useDisplayVersion()
  const display = useDisplay()
  const node = selection?.group === 'nodes' ? display.node(selection.id) : undefined
  const edge = selection?.group === 'edges' ? display.edge(selection.id) : undefined
  return (
    <ScrollArea h="100%" type="auto">
      <div id="inspector" tabIndex={0} role="region" aria-label={t('inspector.title')} className="kg-inspector">
        <PathPanel />
        {node ? <NodeDetails node={node} /> : edge ? <EdgeDetails edge={edge} /> : (
          <Text size="sm" c="dimmed" p="sm">
            {t('inspector.none')}
          </Text>
        )}
      </div>
    </ScrollArea>
  )
}

function useGoTo(): (id: string) => void {
  const { canvas } = useApp()
  const select = useUiStore((s) => s.select)
  return (id: string) => {
    select({ id, group: 'nodes' })
    canvas.current?.centerOn(id)
  }
}

function Provenance({ record }: { record: GraphNode | GraphEdge }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <Group gap={6}>
      <Badge variant="light" color={record.status === 'illustrative' ? 'orange' : record.status === 'confirmed' ? 'green' : 'blue'} data-testid="inspector-status">
        {t(`facet.status.${record.status}`)}
      </Badge>
      {record.sources.map((s, i) =>
        s.url ? (
          <Anchor key={i} size="xs" href={s.url} target="_blank" rel="noreferrer">
            {s.title}
          </Anchor>
        ) : (
          <Text key={i} size="xs">
            {s.title}
          </Text>
        )
      )}
    </Group>
  )
}

/** Edit, connect and delete for the selection; hidden when the database is read-only. */
function EditActions({ edge = false }: { edge?: boolean }): React.JSX.Element | null {
  const { t } = useTranslation()
  const { commands, session } = useApp()
  if (session.readOnly) return null
  return (
    <Group gap={4}>
      {!edge && (
        <>
          <Button size="compact-xs" variant="default" onClick={() => void commands.run('node.edit')} data-testid="node-edit">
            {t('editor.edit')}
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => void commands.run('edge.connect')} data-testid="node-connect">
            {t('editor.connect')}
          </Button>
        </>
      )}
      <Button size="compact-xs" variant="subtle" color="red" onClick={() => void commands.run('selection.delete')} data-testid="selection-delete">
        {t('editor.delete')}
      </Button>
    </Group>
  )
}

function FieldRow({ label, children }: { label: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="kg-field">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  )
}

function NodeDetails({ node }: { node: GraphNode }): React.JSX.Element {
  const { t } = useTranslation()
  const { index } = useView()
  const goTo = useGoTo()
  const setFocus = useUiStore((s) => s.setFocus)
  const focus = useUiStore((s) => s.focus)
  const adjacency = useMemo(() => nodeAdjacency(index, node.id), [index, node.id])
  const groups = useMemo(() => groupAdjacency(adjacency), [adjacency])
  const voice = useMemo(() => (node.kind === 'lesson' ? voiceCounts(index).get(node.id) : undefined), [index, node])
  const record = node as unknown as Record<string, unknown>
  const nameOf = useDisplayName()

  return (
    <Stack p="sm" gap="xs" data-testid="inspector">
      <Group gap={8} wrap="nowrap">
        <NodeSwatch kind={node.kind} />
        <Text size="xs" c="dimmed" tt="uppercase">
          {t(`kind.${node.kind}`)}
        </Text>
      </Group>
      <Title order={2} size="h5" data-testid="inspector-title">
        {nameOf(node)}
      </Title>
      <EditActions />
      <Provenance record={node} />
      {node.tags.length > 0 && (
        <Group gap={4}>
          {node.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray" size="sm">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
      {node.description && <Text size="sm">{node.description}</Text>}
      {NODE_FIELDS[node.kind].map(({ key, facet, block }) => {
        const value = record[key]
        if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return null
        const shown = facet ? t(`facet.${facet}.${String(value)}`) : value
        return (
          <FieldRow key={key} label={t(`field.${key}`)}>
            {Array.isArray(shown) ? (
              <List size="sm">
                {shown.map((v, i) => (
                  <List.Item key={i}>{String(v)}</List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" style={block ? { whiteSpace: 'pre-wrap' } : undefined}>
                {String(shown)}
              </Text>
            )}
          </FieldRow>
        )
      })}
      {Object.keys(node.fields).length > 0 && (
        <FieldRow label={t('field.fields')}>
          {Object.entries(node.fields).map(([k, v]) => (
            <Text size="xs" key={k}>
              {k}: {String(v)}
            </Text>
          ))}
        </FieldRow>
      )}
      {voice && (
        <FieldRow label={t('inspector.voices')}>
          <Stack gap={2} data-testid="voice-counts">
            <Text size="sm">{t('inspector.voiceQuotes', { count: voice.supportingQuotes.length })}</Text>
            <Text size="sm">{t('inspector.voiceInterviews', { count: voice.interviews.length })}</Text>
            <Text size="sm">
              {t('inspector.voiceActors', { actors: voice.actors.length, types: voice.actorTypes.length })}
            </Text>
            {voice.qualifyingQuotes.length + voice.contradictingQuotes.length > 0 && (
              <Text size="sm">
                {t('inspector.voiceQualify', { count: voice.qualifyingQuotes.length + voice.contradictingQuotes.length })}
              </Text>
            )}
            {voice.singleVoice && (
              <Badge color="orange" variant="light" data-testid="single-voice">
                {voice.unsupported ? t('inspector.unsupported') : t('inspector.singleVoice')}
              </Badge>
            )}
          </Stack>
        </FieldRow>
      )}
      {(node.kind === 'lesson' || node.kind === 'ingredient') && <ReviewControl node={node} />}
      {node.kind === 'interview' && (
        <Button size="xs" variant="light" onClick={() => useUiStore.getState().openDialog({ type: 'workbench', interviewId: node.id })} data-testid="open-workbench">
          {t('workbench.open')}
        </Button>
      )}
      <Divider my={4} />
      <Group gap={4}>
        <Text size="xs" c="dimmed">
          {t('inspector.focus')}:
        </Text>
        {([1, 2, 3] as const).map((depth) => (
          <Button
            key={depth}
            size="compact-xs"
            variant={focus?.seedIds[0] === node.id && focus.depth === depth ? 'filled' : 'default'}
            onClick={() => setFocus({ seedIds: [node.id], depth, expanded: [] })}
            data-testid={`focus-${depth}`}
          >
            {t('inspector.focusSteps', { count: depth })}
          </Button>
        ))}
        {focus && !focus.expanded.includes(node.id) && !focus.seedIds.includes(node.id) && (
          <Button size="compact-xs" variant="light" onClick={() => setFocus({ ...focus, expanded: [...focus.expanded, node.id] })} data-testid="expand">
            {t('inspector.expand')}
          </Button>
        )}
      </Group>
      <PathPicker from={node} />
      <Divider my={4} />
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('inspector.neighbours')} ({adjacency.length})
      </Text>
      <Stack gap={6} data-testid="inspector-neighbours">
        {adjacency.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('inspector.noNeighbours')}
          </Text>
        )}
        {groups.map((g) => (
          <div key={`${g.kind}-${g.direction}`} data-edge-kind={g.kind}>
            <Text size="xs" fw={600}>
              {g.direction === 'out' || !g.directed ? '' : '← '}
              {t(`edge.${g.kind}`)}
              {g.direction === 'out' && g.directed ? ' →' : ''} ({g.entries.length})
            </Text>
            {g.entries.map((entry) => (
              <Anchor
                key={entry.edge.id}
                component="button"
                size="sm"
                display="block"
                ta="left"
                onClick={() => goTo(entry.node.id)}
              >
                <NodeSwatch kind={entry.node.kind} /> {nameOf(entry.node)}
              </Anchor>
            ))}
          </div>
        ))}
      </Stack>
      <Divider my={4} />
      <AnnotationThread targetId={node.id} targetType="node" />
      <Divider my={4} />
      <HistoryPanel recordId={node.id} />
      <Text size="xs" c="dimmed" mt="sm">
        {t('field.createdBy')}: {t('inspector.createdBy', { who: node.createdBy, when: new Date(node.createdAt).toLocaleDateString() })}
        <br />
        {t('field.updatedBy')}: {t('inspector.createdBy', { who: node.updatedBy, when: new Date(node.updatedAt).toLocaleString() })}
      </Text>
    </Stack>
  )
}

interface AdjacencyGroup {
  kind: AdjacencyEntry['kind']
  direction: 'out' | 'in'
  directed: boolean
  entries: AdjacencyEntry[]
}

function groupAdjacency(entries: AdjacencyEntry[]): AdjacencyGroup[] {
  const out: AdjacencyGroup[] = []
  for (const e of entries) {
    const direction = e.directed ? e.direction : 'out'
    const last = out[out.length - 1]
    if (last && last.kind === e.kind && last.direction === direction) last.entries.push(e)
    else out.push({ kind: e.kind, direction, directed: e.directed, entries: [e] })
  }
  return out
}

function PathPicker({ from }: { from: GraphNode }): React.JSX.Element {
  const { t } = useTranslation()
  const { index } = useView()
  const nameOf = useDisplayName()
  const setPath = useUiStore((s) => s.setPath)
  // The target shown is the path's own, so it never outlives the path (or shows on another node).
  const target = useUiStore((s) => (s.path && s.path.fromId === from.id ? s.path.toId : null))
  const options = useMemo(
    () =>
      [...index.nodes.values()]
        .filter((n) => n.id !== from.id)
        .map((n) => ({ value: n.id, label: `${nameOf(n)} (${t(`kind.${n.kind}`)})` })),
    [index, from.id, t, nameOf]
  )
  return (
    <Select
      size="xs"
      label={t('inspector.pathTo')}
      placeholder={t('inspector.pathPick')}
      data={options}
      searchable
      limit={50}
      value={target}
      onChange={(v) => setPath(v ? { fromId: from.id, toId: v, index: 0 } : null)}
      data-testid="path-to"
      comboboxProps={{ withinPortal: true }}
    />
  )
}

function EdgeDetails({ edge }: { edge: GraphEdge }): React.JSX.Element {
  const { t } = useTranslation()
  const display = useDisplay()
  const goTo = useGoTo()
  const from = display.node(edge.source)
  const to = display.node(edge.target)
  return (
    <Stack p="sm" gap="xs" data-testid="inspector">
      <Text size="xs" c="dimmed" tt="uppercase">
        {t('inspector.edgeTitle')}
      </Text>
      <Title order={2} size="h5" data-testid="inspector-title">
        {edge.label || t(`edge.${edge.kind}`)}
      </Title>
      <EditActions edge />
      <Provenance record={edge} />
      <FieldRow label={t('inspector.from')}>
        <Anchor component="button" size="sm" onClick={() => from && goTo(from.id)}>
          {from?.title}
        </Anchor>
      </FieldRow>
      <FieldRow label={t('inspector.to')}>
        <Anchor component="button" size="sm" onClick={() => to && goTo(to.id)}>
          {to?.title}
        </Anchor>
      </FieldRow>
      {edge.role && <FieldRow label={t('field.role')}>{edge.role}</FieldRow>}
      {edge.participationLevel && (
        <FieldRow label={t('field.participationLevel')}>{t(`facet.participationLevel.${edge.participationLevel}`)}</FieldRow>
      )}
      {edge.topic && <FieldRow label={t('field.topic')}>{edge.topic}</FieldRow>}
      {edge.weight !== undefined && <FieldRow label={t('field.weight')}>{edge.weight}</FieldRow>}
      <AnnotationThread targetId={edge.id} targetType="edge" />
      <HistoryPanel recordId={edge.id} />
      <FieldRow label={t('field.evidence')}>
        {edge.evidence.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('inspector.noEvidence')}
          </Text>
        ) : (
          edge.evidence.map((q) => {
            const quote = display.node(q)
            return (
              <Anchor key={q} component="button" size="sm" display="block" ta="left" onClick={() => goTo(q)}>
                “{quote && quote.kind === 'quote' ? quote.text : q}”
              </Anchor>
            )
          })
        )}
      </FieldRow>
    </Stack>
  )
}
