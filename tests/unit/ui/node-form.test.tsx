import { MantineProvider } from '@mantine/core'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import i18next, { type i18n as I18n } from 'i18next'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest'
import {
  NODE_KINDS,
  nodeDefaults,
  nodeFields,
  type GraphNode,
  type NodeKind
} from '../../../src-renderer/domain/node-kinds'
import { fail, issue, type Issue, type Result } from '../../../src-renderer/domain/result'
import { validateNode } from '../../../src-renderer/domain/validate'
import { NodeForm } from '../../../src-renderer/features/editor/NodeForm'
import { AppContext, type AppServices } from '../../../src-renderer/features/services/AppContext'
import { DisplayProjection } from '../../../src-renderer/state/display-projection'
import { dialogOf, useUiStore } from '../../../src-renderer/state/ui-store'
import { GraphStore } from '../../../src-renderer/storage/graph-store'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'

type Language = 'nl' | 'en'

/** The Dutch text of an i18n key. */
const dutch = (key: string): string =>
  String(key.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], nl))
type Draft = Record<string, unknown>

const STAMP = {
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'test',
  updatedBy: 'test'
}

type Save = (draft: Draft) => Promise<Result<GraphNode>>
type Update = (id: string, patch: Draft) => Promise<Result<GraphNode>>
interface FakeRepo {
  /** The stored map a new node is placed beside (empty here). */
  store: GraphStore
  createNode: Mock<Save>
  updateNode: Mock<Update>
}

/** A repository that does what the real one does with a draft: stamp it and validate it. */
function fakeRepo(answer?: (draft: Draft) => Result<GraphNode>): FakeRepo {
  const save = (draft: Draft, id = 'n-new'): Result<GraphNode> =>
    answer ? answer(draft) : validateNode({ ...STAMP, id, ...draft })
  return {
    store: new GraphStore(),
    createNode: vi.fn<Save>(async (draft) => save(draft)),
    updateNode: vi.fn<Update>(async (id, patch) => save(patch, id))
  }
}

async function renderForm(
  language: Language,
  repo = fakeRepo(),
  display = new DisplayProjection(new GraphStore())
): Promise<{ i18n: I18n; repo: FakeRepo; user: ReturnType<typeof userEvent.setup> }> {
  const i18n: I18n = i18next.createInstance()
  await i18n.init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: language,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnNull: false
  })
  // The form reads hidden fields from the display projection.
  const services = { session: { repo }, display } as unknown as AppServices
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <AppContext.Provider value={services}>
          <NodeForm />
        </AppContext.Provider>
      </MantineProvider>
    </I18nextProvider>
  )
  return { i18n, repo, user: userEvent.setup({ delay: null }) }
}

function open(kind: NodeKind, node?: GraphNode): { onSaved: Mock<(n: GraphNode) => void> } {
  const onSaved = vi.fn<(n: GraphNode) => void>()
  act(() =>
    useUiStore.getState().openDialog({
      type: 'nodeForm',
      request: { kind, ...(node ? { node } : {}), onSaved }
    })
  )
  return { onSaved }
}

const REQUIRED: Record<Language, { title: string; text: string; invalid: string }> = {
  nl: { title: 'Titel is verplicht.', text: 'Tekst is verplicht.', invalid: nl.editor.invalid },
  en: { title: 'Title is required.', text: 'Text is required.', invalid: en.editor.invalid }
}

afterEach(() => {
  act(() => useUiStore.getState().closeDialog())
})

describe('NodeForm, for every node kind', () => {
  it.each(NODE_KINDS)('%s: shows the fields of its kind file', async (kind) => {
    await renderForm('nl')
    open(kind)
    for (const field of nodeFields(kind)) {
      expect(screen.getByTestId(`field-${field.key}`), field.key).toBeInTheDocument()
      // Labelled with the kind file's label key.
      expect(screen.getAllByLabelText(new RegExp(`^${dutch(field.label)}`))).toContain(
        screen.getByTestId(`field-${field.key}`)
      )
    }
  })

  it.each(NODE_KINDS)(
    '%s: a valid submit creates the node with the shared defaults',
    async (kind) => {
      const { repo, user } = await renderForm('en')
      const { onSaved } = open(kind)
      await user.type(screen.getByTestId('field-title'), 'Huurders Noord')
      if (kind === 'quote')
        await user.type(screen.getByTestId('field-text'), 'Niemand vroeg ons iets.')
      await user.click(screen.getByTestId('form-save'))
      await waitFor(() => expect(repo.createNode).toHaveBeenCalledTimes(1))
      expect(repo.createNode.mock.calls[0]?.[0]).toEqual({
        ...nodeDefaults(kind),
        title: 'Huurders Noord',
        ...(kind === 'quote' ? { text: 'Niemand vroeg ons iets.' } : {}),
        // No canvas and an empty map: the free spot nearest the origin is the origin.
        position: { x: 0, y: 0 }
      })
      await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1))
      expect(onSaved.mock.calls[0]?.[0]).toMatchObject({
        id: 'n-new',
        kind,
        title: 'Huurders Noord'
      })
      expect(dialogOf('nodeForm')(useUiStore.getState())).toBeNull()
    }
  )

  for (const language of ['nl', 'en'] as const) {
    it.each(NODE_KINDS)(
      `%s: an invalid submit shows field messages in ${language}`,
      async (kind) => {
        const { repo, user } = await renderForm(language)
        open(kind)
        await user.click(screen.getByTestId('form-save'))
        const words = REQUIRED[language]
        expect(await screen.findByTestId('form-error')).toHaveTextContent(words.invalid)
        const title = screen.getByTestId('field-title')
        expect(title).toHaveAttribute('aria-invalid', 'true')
        expect(title).toHaveAccessibleDescription(words.title)
        if (kind === 'quote')
          expect(screen.getByTestId('field-text')).toHaveAccessibleDescription(words.text)
        else expect(screen.queryByText(words.text)).not.toBeInTheDocument()
        // Only the fields that are wrong get a message.
        expect(screen.getByTestId('field-status')).not.toHaveAttribute('aria-invalid', 'true')
        const other = REQUIRED[language === 'nl' ? 'en' : 'nl']
        expect(screen.queryByText(other.title)).not.toBeInTheDocument()
        expect(repo.createNode).not.toHaveBeenCalled()
        expect(dialogOf('nodeForm')(useUiStore.getState())).not.toBeNull()
      }
    )
  }
})

describe('NodeForm details', () => {
  it('the actor type starts at "other" and a picked type is saved', async () => {
    const { repo, user } = await renderForm('nl')
    open('actor')
    const type = screen.getByTestId('field-actorType')
    expect(type).toHaveValue(nl.facet.actorType.other)
    await user.click(type)
    // Mantine keeps every pick list in the DOM in its test environment; this option is only in one.
    await user.click(
      screen.getByRole('option', { name: nl.facet.actorType.residents_org, hidden: true })
    )
    await user.type(screen.getByTestId('field-title'), 'Huurdersvereniging')
    await user.click(screen.getByTestId('form-save'))
    await waitFor(() => expect(repo.createNode).toHaveBeenCalledTimes(1))
    expect(repo.createNode.mock.calls[0]?.[0]).toMatchObject({ actorType: 'residents_org' })
  })

  it('messages follow a language switch while the form is open', async () => {
    const { i18n, user } = await renderForm('nl')
    open('lesson')
    await user.click(screen.getByTestId('form-save'))
    expect(await screen.findByText('Titel is verplicht.')).toBeInTheDocument()
    await act(async () => {
      await i18n.changeLanguage('en')
    })
    expect(await screen.findByText('Title is required.')).toBeInTheDocument()
    expect(screen.queryByText('Titel is verplicht.')).not.toBeInTheDocument()
  })

  it('a too long title says the limit', async () => {
    const { user } = await renderForm('en')
    open('theme')
    const title = screen.getByTestId('field-title')
    await user.click(title)
    await user.paste('x'.repeat(501))
    await user.click(screen.getByTestId('form-save'))
    await waitFor(() =>
      expect(title).toHaveAccessibleDescription('Title is too long (max. 500 characters).')
    )
  })

  it('shows what the repository refuses: translated domain issues and storage text as is', async () => {
    const answers: Issue[][] = [
      [issue('duplicate_id', ['id'], { id: 'n7', of: 'nodes' })],
      [{ code: 'read_only', path: [], message: 'Alleen-lezen (tekst van de opslag).' }]
    ]
    const repo = fakeRepo(() => fail(answers.shift() ?? []))
    const { user } = await renderForm('en', repo)
    open('project')
    await user.type(screen.getByTestId('field-title'), 'Werkplaats')
    await user.click(screen.getByTestId('form-save'))
    const alert = await screen.findByTestId('form-error')
    await waitFor(() => expect(alert).toHaveTextContent('Duplicate id among nodes: n7.'))
    await user.click(screen.getByTestId('form-save'))
    await waitFor(() =>
      expect(screen.getByTestId('form-error')).toHaveTextContent(
        'Alleen-lezen (tekst van de opslag).'
      )
    )
    expect(repo.createNode).toHaveBeenCalledTimes(2)
    expect(dialogOf('nodeForm')(useUiStore.getState())).not.toBeNull()
  })

  it('editing sends the changed node without its record fields', async () => {
    const lesson = validateNode({
      ...STAMP,
      ...nodeDefaults('lesson'),
      id: 'l1',
      title: 'Blijf communiceren',
      polarity: 'went_well'
    })
    if (!lesson.ok) throw new Error('fixture')
    const { repo, user } = await renderForm('nl')
    open('lesson', lesson.value)
    const form = screen.getByTestId('node-form')
    expect(within(form).queryByTestId('field-kind')).not.toBeInTheDocument()
    const title = screen.getByTestId('field-title')
    await user.clear(title)
    await user.type(title, 'Blijf communiceren, ook zonder nieuws')
    await user.click(screen.getByTestId('form-save'))
    await waitFor(() => expect(repo.updateNode).toHaveBeenCalledTimes(1))
    const [id, patch] = repo.updateNode.mock.calls[0]!
    expect(id).toBe('l1')
    expect(patch).toMatchObject({
      kind: 'lesson',
      title: 'Blijf communiceren, ook zonder nieuws',
      polarity: 'went_well'
    })
    for (const key of ['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'])
      expect(patch).not.toHaveProperty(key)
    expect(repo.createNode).not.toHaveBeenCalled()
  })
})

describe('NodeForm with Presentatieveilig on', () => {
  it('leaves out the fields that hold a hidden name, and saves them unchanged', async () => {
    const henk = validateNode({
      ...STAMP,
      id: 'p1',
      kind: 'actor',
      title: 'Henk de Vries',
      description: 'Henk de Vries woont aan het plein.',
      actorType: 'resident',
      isPerson: true,
      roleDescription: 'bewoner Zonneplein',
      status: 'reported'
    })
    if (!henk.ok) throw new Error('invalid test node')
    const store = new GraphStore()
    store.reset({ nodes: [henk.value], edges: [], annotations: [] })
    const display = new DisplayProjection(store)
    display.setPresentationSafe(true)
    const { repo, user } = await renderForm('nl', fakeRepo(), display)
    open('actor', henk.value)
    const form = screen.getByTestId('node-form')
    expect(screen.getByTestId('form-hidden-fields')).toBeInTheDocument()
    expect(within(form).queryByTestId('field-title')).toBeNull()
    const values = [...form.querySelectorAll('input, textarea')].map(
      (el) => (el as HTMLInputElement).value
    )
    expect(values.join('\n')).not.toMatch(/Henk|Vries/)
    expect(form.textContent).not.toMatch(/Henk|Vries/)
    // The role description is what is shown instead: it can be edited.
    await user.clear(screen.getByTestId('field-roleDescription'))
    await user.type(screen.getByTestId('field-roleDescription'), 'bewoner Noord')
    await user.click(within(form).getByRole('button', { name: nl.editor.save }))
    await waitFor(() => expect(repo.updateNode).toHaveBeenCalledOnce())
    const [, patch] = repo.updateNode.mock.calls[0]!
    expect(patch['title']).toBe('Henk de Vries')
    expect(patch['description']).toBe('Henk de Vries woont aan het plein.')
    expect(patch['roleDescription']).toBe('bewoner Noord')
  })
})
