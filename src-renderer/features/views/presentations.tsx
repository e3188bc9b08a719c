import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  TextInput
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { reportPlainWrite } from '../services/report-write'
import { exportDeckPdf } from './deck-export'
import { bridge } from '../../platform/bridge'
import {
  listPresentations,
  listViews,
  savePresentation,
  type Presentation,
  type SavedView
} from '../../storage/views'
import { useUiStore } from '../../state/ui-store'
import { openView } from './views'

interface DeckDraft {
  id?: string
  name: string
  slides: { viewId: string; caption: string }[]
}

/**
 * Presentations: an ordered list of saved views with captions. Edit here, play full screen with the
 * arrow keys, or export the whole deck as one multi-page PDF.
 */
export function PresentationEditor(): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const { session, display, graph } = useApp()
  const open = useUiStore((s) => s.dialog?.type === 'presentations')
  const closeDialog = useUiStore((s) => s.closeDialog)
  const views = useLiveQuery(() => listViews(session.repo.db), [session]) ?? []
  const decks = useLiveQuery(() => listPresentations(session.repo.db), [session]) ?? []
  const [deck, setDeck] = useState<DeckDraft>({ name: '', slides: [] })
  const [busy, setBusy] = useState(false)
  const viewById = new Map(views.map((v) => [v.id, v]))

  const persist = async (): Promise<Presentation | null> => {
    if (!deck.name.trim() || deck.slides.length === 0) {
      notifications.show({ message: t('deck.empty'), color: 'orange' })
      return null
    }
    const saved = await reportPlainWrite(t, savePresentation(session.repo.db, { ...deck, name: deck.name.trim() }))
    if (!saved) return null
    setDeck(saved)
    return saved
  }
  const move = (i: number, d: -1 | 1): void =>
    setDeck((s) => {
      const slides = [...s.slides]
      const j = i + d
      if (j < 0 || j >= slides.length) return s
      ;[slides[i], slides[j]] = [slides[j]!, slides[i]!]
      return { ...s, slides }
    })

  const exportPdf = async (): Promise<void> => {
    const saved = await persist()
    if (!saved) return
    setBusy(true)
    try {
      // Drawn off-screen: the user's view and undo history stay as they were.
      const slides = saved.slides.flatMap((slide) => {
        const view = viewById.get(slide.viewId)
        return view ? [{ view, caption: slide.caption || saved.name }] : []
      })
      const pdf = await exportDeckPdf(slides, {
        store: session.repo.store,
        display,
        graph,
        t,
        language: i18n.language
      })
      await bridge.files.saveFile({ suggestedName: `${saved.name}.pdf`, kind: 'pdf', data: pdf })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      opened={open}
      onClose={() => closeDialog('presentations')}
      title={t('deck.title')}
      size="lg"
    >
      <Stack gap="sm" data-testid="deck-editor">
        {views.length === 0 && <Text size="sm">{t('deck.noViews')}</Text>}
        <Group gap="xs">
          <Select
            size="xs"
            placeholder={t('deck.new')}
            data={decks.map((d) => ({ value: d.id, label: d.name }))}
            value={deck.id ?? null}
            onChange={(id) => {
              const found = decks.find((d) => d.id === id)
              setDeck(found ?? { name: '', slides: [] })
            }}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <TextInput
          label={t('deck.name')}
          value={deck.name}
          onChange={(e) => setDeck({ ...deck, name: e.currentTarget.value })}
          data-testid="deck-name"
        />
        <Text size="sm" fw={600}>
          {t('deck.slides')} ({deck.slides.length})
        </Text>
        {deck.slides.map((slide, i) => (
          <Paper key={i} withBorder p={6} data-testid="deck-slide">
            <Group gap={6} wrap="nowrap" align="flex-end">
              <Text size="sm" w={20}>
                {i + 1}.
              </Text>
              <Select
                size="xs"
                label={t('deck.view')}
                data={views.map((v) => ({ value: v.id, label: v.name }))}
                value={slide.viewId}
                onChange={(v) =>
                  v &&
                  setDeck({
                    ...deck,
                    slides: deck.slides.map((s, j) => (j === i ? { ...s, viewId: v } : s))
                  })
                }
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                style={{ flex: 1 }}
              />
              <TextInput
                size="xs"
                label={t('deck.caption')}
                value={slide.caption}
                onChange={(e) =>
                  setDeck({
                    ...deck,
                    slides: deck.slides.map((s, j) =>
                      j === i ? { ...s, caption: e.currentTarget.value } : s
                    )
                  })
                }
                style={{ flex: 2 }}
              />
              <ActionIcon variant="default" onClick={() => move(i, -1)} aria-label={t('deck.up')}>
                ↑
              </ActionIcon>
              <ActionIcon variant="default" onClick={() => move(i, 1)} aria-label={t('deck.down')}>
                ↓
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => setDeck({ ...deck, slides: deck.slides.filter((_, j) => j !== i) })}
                aria-label={t('deck.remove')}
              >
                ×
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Button
          size="xs"
          variant="default"
          w={160}
          disabled={views.length === 0}
          onClick={() =>
            setDeck({ ...deck, slides: [...deck.slides, { viewId: views[0]!.id, caption: '' }] })
          }
          data-testid="deck-add"
        >
          {t('deck.addSlide')}
        </Button>
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() =>
              void persist().then(
                (p) => p && notifications.show({ message: t('deck.saved'), color: 'green' })
              )
            }
            data-testid="deck-save"
          >
            {t('deck.save')}
          </Button>
          <Button
            variant="default"
            loading={busy}
            onClick={() => void exportPdf()}
            data-testid="deck-pdf"
          >
            {t('deck.exportPdf')}
          </Button>
          <Button
            onClick={() =>
              void persist().then((p) => {
                if (!p) return
                closeDialog('presentations')
                useUiStore.getState().setPlaying({ deck: p, index: 0 })
              })
            }
            data-testid="deck-play"
          >
            {t('deck.play')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** Plays a presentation: full screen, one saved view per slide, arrow keys to move, Escape to stop. */
export function PresentationPlayer(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { session, canvas } = useApp()
  const playing = useUiStore((s) => s.playing)
  const setPlaying = useUiStore((s) => s.setPlaying)
  const [views, setViews] = useState<Map<string, SavedView>>(new Map())

  useEffect(() => {
    if (!playing) return
    void listViews(session.repo.db).then((vs) => setViews(new Map(vs.map((v) => [v.id, v]))))
    void document.documentElement.requestFullscreen?.().catch(() => undefined)
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    }
  }, [playing, session])

  const slide = playing ? playing.deck.slides[playing.index] : undefined
  const view = slide ? views.get(slide.viewId) : undefined
  useEffect(() => {
    if (view) void openView(view, canvas.current).then(() => canvas.current?.fitVisible())
  }, [view, session, canvas])

  useEffect(() => {
    if (!playing) return
    const onKey = (e: KeyboardEvent): void => {
      const total = playing.deck.slides.length
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ')
        setPlaying({ ...playing, index: Math.min(playing.index + 1, total - 1) })
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp')
        setPlaying({ ...playing, index: Math.max(playing.index - 1, 0) })
      else if (e.key === 'Escape') setPlaying(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [playing, setPlaying])

  if (!playing) return null
  return (
    <div className="kg-presenting" data-testid="presentation">
      <div className="kg-presenting-caption">
        <Text fw={700} size="lg" data-testid="slide-title">
          {view?.name}
        </Text>
        {slide?.caption && <Text size="md">{slide.caption}</Text>}
        <Text size="xs" c="dimmed">
          {t('deck.playing', { n: playing.index + 1, total: playing.deck.slides.length })}
        </Text>
      </div>
    </div>
  )
}
