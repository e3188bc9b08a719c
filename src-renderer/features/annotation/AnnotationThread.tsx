import { Badge, Button, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { reportWrite } from '../services/report-write'
import { errorMessage } from '../../i18n/error-message'
import { useUiStore } from '../../state/ui-store'
import { isContested, type Annotation } from '../../domain/annotations'
import { STANCES, type Stance } from '../../domain/facets'
import { fieldIssueMessages } from '../../i18n/issue-message'
import { useDisplayVersion } from '../hooks/useDisplay'

const STANCE_COLOR: Record<Stance, string> = { agrees: 'green', disagrees: 'red', nuances: 'orange', questions: 'blue' }

/**
 * The annotation thread of a node or edge: every expert's own records (author, stance, confidence,
 * text, quotes), oldest first. Each author can add, and change or delete only their own.
 */
export function AnnotationThread({ targetId, targetType }: { targetId: string; targetType: 'node' | 'edge' }): React.JSX.Element {
  const { t } = useTranslation()
  const { session, display } = useApp()
  const author = useUiStore((s) => s.settings.author)
  const version = useDisplayVersion()
  const thread = useMemo(
    () => display.annotations().filter((a) => a.targetId === targetId).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [display, version, targetId]
  )
  const [editing, setEditing] = useState<Annotation | null>(null)
  const contested = isContested(thread)
  return (
    <Stack gap={6} data-testid="annotations">
      <Group justify="space-between">
        <Title order={3} size="h6">
          {t('annotation.title')} ({thread.length})
        </Title>
        {contested && (
          <Badge color="grape" variant="filled" data-testid="contested-badge">
            ⚡ {t('annotation.contested')}
          </Badge>
        )}
      </Group>
      {thread.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('annotation.none')}
        </Text>
      )}
      {thread.map((a) => (
        <Paper key={a.id} withBorder p={6} data-testid="annotation">
          <Group gap={6} justify="space-between">
            <Group gap={6}>
              <Badge size="sm" color={STANCE_COLOR[a.stance]} variant="light">
                {t(`facet.stance.${a.stance}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('annotation.confidenceValue', { n: a.confidence })}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" data-testid="annotation-author">
              {t('annotation.by', { author: a.author, when: new Date(a.updatedAt).toLocaleString() })}
            </Text>
          </Group>
          {a.text && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {a.text}
            </Text>
          )}
          {a.quoteIds.map((q) => {
            const quote = display.node(q)
            return quote ? (
              <Text key={q} size="xs" fs="italic" mt={2}>
                “{quote.kind === 'quote' ? quote.text : quote.title}”
              </Text>
            ) : null
          })}
          {a.author === author && !session.readOnly && (
            <Group gap={4} mt={4}>
              <Button size="compact-xs" variant="subtle" onClick={() => setEditing(a)}>
                {t('annotation.edit')}
              </Button>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => void reportWrite(t, session.repo.deleteAnnotation(a.id))}>
                {t('annotation.delete')}
              </Button>
            </Group>
          )}
        </Paper>
      ))}
      {!session.readOnly && (
        <AnnotationForm key={editing?.id ?? 'new'} targetId={targetId} targetType={targetType} editing={editing} onDone={() => setEditing(null)} />
      )}
    </Stack>
  )
}

function AnnotationForm({
  targetId,
  targetType,
  editing,
  onDone
}: {
  targetId: string
  targetType: 'node' | 'edge'
  editing: Annotation | null
  onDone: () => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const { session, display } = useApp()
  const version = useDisplayVersion()
  const [stance, setStance] = useState<Stance>(editing?.stance ?? 'agrees')
  const [confidence, setConfidence] = useState(String(editing?.confidence ?? 3))
  const [text, setText] = useState(editing?.text ?? '')
  const [quoteIds, setQuoteIds] = useState<string[]>(editing?.quoteIds ?? [])
  const [error, setError] = useState<string | null>(null)
  const quotes = useMemo(
    () => display.nodes().filter((n) => n.kind === 'quote').map((n) => ({ value: n.id, label: n.title })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [display, version]
  )
  const submit = async (): Promise<void> => {
    const draft = { stance, confidence: Number(confidence), text, quoteIds }
    let r
    try {
      r = editing
        ? await session.repo.updateAnnotation(editing.id, draft)
        : await session.repo.addAnnotation({ ...draft, targetId, targetType })
    } catch (failure) {
      // Nothing was stored; the text stays in the box for another try.
      setError(errorMessage(t, failure))
      return
    }
    if (!r.ok) {
      setError(Object.values(fieldIssueMessages(t, r.issues)).join(' '))
      return
    }
    setError(null)
    setText('')
    setQuoteIds([])
    onDone()
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
      data-testid="annotation-form"
    >
      <Stack gap={6}>
        <Text size="xs" fw={600}>
          {editing ? t('annotation.edit') : t('annotation.add')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={t('annotation.stance')}
          value={stance}
          onChange={(v) => setStance(v as Stance)}
          data={STANCES.map((s) => ({ value: s, label: t(`facet.stance.${s}`) }))}
          data-testid="annotation-stance"
        />
        <Select
          size="xs"
          label={t('annotation.confidence')}
          data={['1', '2', '3', '4', '5']}
          value={confidence}
          onChange={(v) => v && setConfidence(v)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea size="xs" label={t('annotation.text')} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="annotation-text" />
        <MultiSelect size="xs" label={t('annotation.quotes')} data={quotes} value={quoteIds} onChange={setQuoteIds} searchable comboboxProps={{ withinPortal: true }} />
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        <Group gap={4}>
          <Button size="xs" type="submit" data-testid="annotation-save">
            {editing ? t('annotation.update') : t('annotation.save')}
          </Button>
          {editing && (
            <Button size="xs" variant="default" onClick={onDone}>
              {t('editor.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  )
}
