import { MantineProvider } from '@mantine/core'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import i18next, { type i18n as I18n } from 'i18next'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { NodeId } from '../../../src-renderer/domain/ids'
import type { GraphNode, Position } from '../../../src-renderer/domain/node-kinds'
import { boxAt, overlaps } from '../../../src-renderer/domain/queries/placement'
import { nodeExtent } from '../../../src-renderer/graph-view/node-boxes'
import type { Result } from '../../../src-renderer/domain/result'
import { InterviewWorkbench } from '../../../src-renderer/features/interviews/InterviewWorkbench'
import { AppContext, type AppServices } from '../../../src-renderer/features/services/AppContext'
import { DisplayProjection } from '../../../src-renderer/state/display-projection'
import { useUiStore } from '../../../src-renderer/state/ui-store'
import { GraphStore } from '../../../src-renderer/storage/graph-store'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'
import { NODE_BASE } from '../../support/records'

const base = NODE_BASE

const PASSAGE = 'We hoorden maandenlang niets van de gemeente.'
const TRANSCRIPT = `Interviewer: Hoe ging het? Bewoner: ${PASSAGE} Daarna werd het beter.`

const interview = (title: string, transcript = TRANSCRIPT): GraphNode =>
  ({
    ...base,
    id: 'i1' as NodeId,
    kind: 'interview',
    title,
    date: '2021',
    consent: 'pseudonymised',
    summary: '',
    wentWell: [],
    wentWrong: [],
    attentionPoints: [],
    transcript,
    position: { x: 100, y: 50 }
  }) as GraphNode

const lesson = {
  ...base,
  id: 'l1' as NodeId,
  kind: 'lesson',
  title: 'Blijf communiceren',
  statement: 'Bel terug.',
  reviewStatus: 'concept',
  // Right next to the interview: the new nodes must avoid both.
  position: { x: 150, y: 50 }
} as GraphNode

/** A person without a consent field: their name may not be shown under Presentatieveilig. */
const roos = {
  ...base,
  id: 'a-roos' as NodeId,
  kind: 'actor',
  title: 'Roos Jansen',
  actorType: 'resident',
  isPerson: true,
  roleDescription: 'bewoner Zonneplein'
} as GraphNode

interface ManyInput {
  nodes: Record<string, unknown>[]
  edges: Record<string, unknown>[]
}
type CreateMany = (input: ManyInput, action: string) => Promise<Result<unknown>>

interface Rendered {
  createMany: Mock<CreateMany>
  user: ReturnType<typeof userEvent.setup>
}

async function renderWorkbench(nodes: GraphNode[], presentationSafe = false): Promise<Rendered> {
  const i18n: I18n = i18next.createInstance()
  await i18n.init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: 'nl',
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnNull: false
  })
  const store = new GraphStore()
  store.reset({ nodes, edges: [], annotations: [] })
  const display = new DisplayProjection(store)
  if (presentationSafe) display.setPresentationSafe(true)
  const createMany = vi.fn<CreateMany>(async () => ({ ok: true, value: { nodes: [], edges: [] } }))
  const services = { session: { repo: { store, createMany } }, display, canvas: { current: null } } as unknown as AppServices
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <AppContext.Provider value={services}>
          <InterviewWorkbench />
        </AppContext.Provider>
      </MantineProvider>
    </I18nextProvider>
  )
  act(() => useUiStore.getState().openDialog({ type: 'workbench', interviewId: 'i1' }))
  return { createMany, user: userEvent.setup({ delay: null }) }
}

/** Selects `text` inside the transcript, as a mouse drag would, and releases the mouse. */
function selectPassage(text: string): void {
  const transcript = screen.getByTestId('transcript')
  const node = transcript.firstChild as Text
  const from = node.data.indexOf(text)
  expect(from).toBeGreaterThan(0)
  const range = document.createRange()
  range.setStart(node, from)
  range.setEnd(node, from + text.length)
  const selection = window.getSelection()!
  selection.removeAllRanges()
  selection.addRange(range)
  fireEvent.mouseUp(transcript)
}

afterEach(() => {
  window.getSelection()?.removeAllRanges()
  act(() => useUiStore.getState().closeDialog())
})

describe('InterviewWorkbench', () => {
  it('turns a selected passage into a quote for a new lesson, in one change', async () => {
    const { createMany, user } = await renderWorkbench([interview('Gesprek 1'), lesson])
    selectPassage(PASSAGE)
    expect(await screen.findByTestId('quote-text')).toHaveValue(PASSAGE)
    await user.click(screen.getByRole('radio', { name: nl.workbench.attachNew }))
    await user.type(screen.getByTestId('quote-new-lesson'), 'Bel bewoners terug')
    await user.click(screen.getByTestId('quote-save'))
    await waitFor(() => expect(createMany).toHaveBeenCalledTimes(1))

    const [input, action] = createMany.mock.calls[0]!
    expect(action).toBe('interview.quote')
    const quotes = input.nodes.filter((n) => n.kind === 'quote')
    expect(quotes).toHaveLength(1)
    const quote = quotes[0]!
    const from = TRANSCRIPT.indexOf(PASSAGE)
    expect(quote).toMatchObject({
      text: PASSAGE,
      locator: `tekens ${from}–${from + PASSAGE.length}`
    })
    const lessons = input.nodes.filter((n) => n.kind === 'lesson')
    expect(lessons).toHaveLength(1)
    const newLesson = lessons[0]!
    expect(newLesson).toMatchObject({ title: 'Bel bewoners terug' })
    expect(newLesson.id).not.toBe('l1')
    // Placed next to the interview, on top of nothing (issue #12: placement).
    const boxes = [interview('Gesprek 1'), lesson, quote, newLesson].map((n) =>
      boxAt(n.position as Position, nodeExtent(n.kind as string, n.title as string))
    )
    // (The interview and the lesson already overlap: only the new ones are checked.)
    for (let i = 2; i < boxes.length; i++)
      for (let j = 0; j < i; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false)
    for (const n of [quote, newLesson]) {
      const p = n.position as Position
      expect(Math.hypot(p.x - 100, p.y - 50)).toBeLessThan(250)
    }
    expect(input.edges).toHaveLength(3)
    expect(input.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'contains', source: 'i1', target: quote.id }),
        expect.objectContaining({
          kind: 'supports',
          source: quote.id,
          target: newLesson.id,
          evidence: [quote.id]
        }),
        expect.objectContaining({ kind: 'yields', source: 'i1', target: newLesson.id })
      ])
    )
  })

  it('attaches a quote to an existing lesson as its evidence', async () => {
    const { createMany, user } = await renderWorkbench([interview('Gesprek 1'), lesson])
    selectPassage(PASSAGE)
    await user.click(await screen.findByTestId('quote-lesson'))
    await user.click(screen.getByRole('option', { name: 'Blijf communiceren', hidden: true }))
    await user.click(screen.getByTestId('quote-save'))
    await waitFor(() => expect(createMany).toHaveBeenCalledTimes(1))

    const [input] = createMany.mock.calls[0]!
    expect(input.nodes).toHaveLength(1)
    const quote = input.nodes[0]!
    expect(quote).toMatchObject({ kind: 'quote', text: PASSAGE })
    expect(input.edges).toHaveLength(2)
    expect(input.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'contains', source: 'i1', target: quote.id }),
        expect.objectContaining({
          kind: 'supports',
          source: quote.id,
          target: 'l1',
          evidence: [quote.id]
        })
      ])
    )
  })

  it('an existing lesson that was not chosen is an error, and nothing is written', async () => {
    const { createMany, user } = await renderWorkbench([interview('Gesprek 1'), lesson])
    selectPassage(PASSAGE)
    await screen.findByTestId('quote-panel')
    await user.click(screen.getByTestId('quote-save'))
    expect(await screen.findByTestId('form-error')).toHaveTextContent(nl.workbench.lesson)
    expect(createMany).not.toHaveBeenCalled()
  })

  it('under Presentatieveilig the title and transcript show no name', async () => {
    await renderWorkbench(
      [
        roos,
        interview('Gesprek met Roos Jansen', 'Interviewer: Dag Roos Jansen. Roos Jansen: Dag.'),
        lesson
      ],
      true
    )
    const dialog = await screen.findByRole('dialog')
    const transcript = screen.getByTestId('transcript')
    expect(transcript.textContent).toMatch(/Interviewer: Dag/)
    expect(dialog).toHaveTextContent(nl.workbench.title.replace('{{title}}', '').trim())
    for (const text of [dialog.textContent ?? '', transcript.textContent ?? '']) {
      expect(text).not.toMatch(/Roos/)
      expect(text).not.toMatch(/Jansen/)
    }
  })
})
