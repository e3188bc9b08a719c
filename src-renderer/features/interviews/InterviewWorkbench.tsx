import { Alert, Button, Grid, Group, Modal, Paper, ScrollArea, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { newId } from '../../domain/ids'
import type { InterviewNode, NodeKind } from '../../domain/node-kinds'
import { defaultAnchor, positionOf, spotsForNew } from '../editor/new-node-spot'
import { errorMessage } from '../../i18n/error-message'
import { fieldIssueMessages } from '../../i18n/issue-message'
import { dialogOf, useUiStore } from '../../state/ui-store'
import { useDisplayVersion } from '../hooks/useDisplay'

interface Passage {
  text: string
  from: number
  to: number
}

/**
 * Turns an interview into quotes and lessons: select a passage in the transcript, and in one step it
 * becomes a quote with its locator, attached as evidence to an existing lesson or a new one. The
 * contains, supports and yields edges are made for you, all in one change (one undo step).
 */
export function InterviewWorkbench(): React.JSX.Element {
  const { t } = useTranslation()
  const { session, display, canvas } = useApp()
  const repo = session.repo
  // The interview, its quotes and the lesson list as they may be shown (consent, Presentatieveilig).
  const version = useDisplayVersion()
  const interviewId = useUiStore(dialogOf('workbench'))?.interviewId ?? null
  const closeDialog = useUiStore((s) => s.closeDialog)
  const interview = interviewId ? (display.node(interviewId) as InterviewNode | undefined) : undefined
  const transcriptRef = useRef<HTMLDivElement>(null)
  const [passage, setPassage] = useState<Passage | null>(null)
  const [quoteText, setQuoteText] = useState('')
  const [speakerRole, setSpeakerRole] = useState('')
  const [attach, setAttach] = useState<'none' | 'existing' | 'new'>('existing')
  const [lessonId, setLessonId] = useState<string | null>(null)
  const [lessonTitle, setLessonTitle] = useState('')
  const [error, setError] = useState<string | null>(null)

  const lessons = useMemo(
    () => display.nodes().filter((n) => n.kind === 'lesson').map((n) => ({ value: n.id, label: n.title })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [display, version]
  )
  const quotes = useMemo(() => {
    if (!interview) return []
    const ids = new Set(repo.store.liveEdges().filter((e) => e.kind === 'contains' && e.source === interview.id).map((e) => e.target))
    return display.nodes().filter((n) => ids.has(n.id))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [repo, display, version, interview])

  const close = (): void => {
    setPassage(null)
    setError(null)
    closeDialog('workbench')
  }

  const captureSelection = (): void => {
    const el = transcriptRef.current
    const sel = window.getSelection()
    if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed) return
    const range = sel.getRangeAt(0)
    if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return
    const pre = document.createRange()
    pre.selectNodeContents(el)
    pre.setEnd(range.startContainer, range.startOffset)
    const from = pre.toString().length
    const text = range.toString()
    if (!text.trim()) return
    setPassage({ text, from, to: from + text.length })
    setQuoteText(text.trim())
    setError(null)
  }

  const save = async (): Promise<void> => {
    if (!interview || !passage) return
    const quoteId = newId()
    const nodes: Record<string, unknown>[] = [
      {
        id: quoteId,
        kind: 'quote',
        title: quoteText.trim().length > 80 ? `${quoteText.trim().slice(0, 78)}…` : quoteText.trim(),
        text: quoteText,
        ...(speakerRole.trim() ? { speakerRole: speakerRole.trim() } : {}),
        locator: t('workbench.locatorValue', { from: passage.from, to: passage.to }),
        status: 'reported'
      }
    ]
    const edges: Record<string, unknown>[] = [{ kind: 'contains', source: interview.id, target: quoteId, status: 'reported' }]
    let target: string | null = null
    if (attach === 'existing') target = lessonId
    if (attach === 'new') {
      target = newId()
      nodes.push({ id: target, kind: 'lesson', title: lessonTitle, statement: lessonTitle, status: 'reported', reviewStatus: 'concept' })
      edges.push({ kind: 'yields', source: interview.id, target, status: 'reported' })
    }
    if (attach !== 'none' && !target) {
      setError(t('workbench.lesson'))
      return
    }
    if (target) edges.push({ kind: 'supports', source: quoteId, target, status: 'reported', evidence: [quoteId] })
    // The quote goes next to its interview, a new lesson next to the quote; never on another node.
    const view = canvas?.current ?? null
    const nearInterview = positionOf(interview.id, repo.store, view) ?? defaultAnchor(view)
    const spots = spotsForNew(
      nodes.map((n) => ({ kind: n.kind as NodeKind, title: String(n.title), anchor: nearInterview })),
      repo.store,
      view
    )
    nodes.forEach((n, i) => (n.position = spots[i]))
    let r
    try {
      r = await repo.createMany({ nodes, edges } as never, 'interview.quote')
    } catch (failure) {
      // Nothing was stored (one transaction); the passage stays selected for another try.
      setError(errorMessage(t, failure))
      return
    }
    if (!r.ok) {
      setError(Object.values(fieldIssueMessages(t, r.issues)).join(' '))
      return
    }
    notifications.show({ message: t('workbench.saved', { count: edges.length }), color: 'green' })
    useUiStore.getState().select({ id: quoteId, group: 'nodes' })
    setPassage(null)
    setLessonTitle('')
    window.getSelection()?.removeAllRanges()
  }

  return (
    <Modal opened={!!interview} onClose={close} size="95%" title={interview ? t('workbench.title', { title: interview.title }) : ''}>
      {interview && (
        <Grid data-testid="workbench">
          <Grid.Col span={7}>
            <Stack gap="xs">
              {interview.summary && <Text size="sm">{interview.summary}</Text>}
              <Title order={3} size="h6">
                {t('workbench.transcript')}
              </Title>
              {interview.transcript ? (
                <>
                  <Text size="xs" c="dimmed">
                    {t('workbench.selectHint')}
                  </Text>
                  <ScrollArea h={420} type="auto">
                    <div ref={transcriptRef} className="kg-transcript" onMouseUp={captureSelection} onKeyUp={captureSelection} data-testid="transcript" tabIndex={0}>
                      {interview.transcript}
                    </div>
                  </ScrollArea>
                </>
              ) : (
                <Alert color="gray">{t('workbench.noTranscript')}</Alert>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={5}>
            <Stack gap="xs">
              {passage ? (
                <Paper withBorder p="sm" data-testid="quote-panel">
                  <Stack gap="xs">
                    <Text size="xs" c="dimmed">
                      {t('workbench.selection', { count: passage.text.length })} · {t('workbench.locatorValue', { from: passage.from, to: passage.to })}
                    </Text>
                    <Textarea label={t('workbench.quoteText')} autosize minRows={2} value={quoteText} onChange={(e) => setQuoteText(e.currentTarget.value)} data-testid="quote-text" />
                    <TextInput label={t('workbench.speakerRole')} value={speakerRole} onChange={(e) => setSpeakerRole(e.currentTarget.value)} />
                    <Text size="sm" fw={600}>
                      {t('workbench.attach')}
                    </Text>
                    <SegmentedControl
                      size="xs"
                      value={attach}
                      onChange={(v) => setAttach(v as typeof attach)}
                      data={[
                        { value: 'existing', label: t('workbench.attachExisting') },
                        { value: 'new', label: t('workbench.attachNew') },
                        { value: 'none', label: t('workbench.attachNone') }
                      ]}
                      data-testid="quote-attach"
                    />
                    {attach === 'existing' && (
                      <Select label={t('workbench.lesson')} data={lessons} value={lessonId} onChange={setLessonId} searchable comboboxProps={{ withinPortal: true }} data-testid="quote-lesson" />
                    )}
                    {attach === 'new' && (
                      <TextInput label={t('workbench.newLessonTitle')} value={lessonTitle} onChange={(e) => setLessonTitle(e.currentTarget.value)} data-testid="quote-new-lesson" />
                    )}
                    {error && (
                      <Alert color="red" p={6} data-testid="form-error">
                        {error}
                      </Alert>
                    )}
                    <Group justify="flex-end">
                      <Button onClick={() => void save()} data-testid="quote-save">
                        {t('workbench.save')}
                      </Button>
                    </Group>
                  </Stack>
                </Paper>
              ) : null}
              <Title order={3} size="h6">
                {t('workbench.quotes', { n: quotes.length })}
              </Title>
              {quotes.map((q) => (
                <Text key={q.id} size="sm" fs="italic" data-testid="workbench-quote">
                  “{q.kind === 'quote' ? q.text : q.title}”
                </Text>
              ))}
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Modal>
  )
}
