/**
 * UI error paths on a real repository (fake-indexeddb) whose writes fail inside IndexedDB: a full
 * disk (QuotaExceededError) or a transaction the database aborts without an error object. Each
 * dialog says why in Dutch (or English), stays usable (button enabled, input kept) and nothing is
 * stored; the same click succeeds once the disk has room again. Plus the import preview's self-loop
 * option and notes.
 */
import 'fake-indexeddb/auto'
import { MantineProvider } from '@mantine/core'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import i18next, { type i18n as I18n } from 'i18next'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readImportFiles, type ImportPreview } from '../../../src-renderer/exchange/import'
import { NodeForm } from '../../../src-renderer/features/editor/NodeForm'
import { ImportDialog } from '../../../src-renderer/features/import/ImportDialog'
import { AppContext, type AppServices } from '../../../src-renderer/features/services/AppContext'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'
import { DisplayProjection } from '../../../src-renderer/state/display-projection'
import { useUiStore } from '../../../src-renderer/state/ui-store'
import { openDatabase } from '../../../src-renderer/storage/db'
import { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'

/** How IndexedDB writes fail: not at all, the disk is full, or the transaction aborts silently. */
let failing: 'no' | 'quota' | 'abort' = 'no'

beforeAll(() => {
  // Every write of Dexie goes through put/add on an object store: fail them there, as a browser does.
  const proto = (
    globalThis as unknown as { IDBObjectStore: { prototype: Record<string, unknown> } }
  ).IDBObjectStore.prototype
  for (const method of ['put', 'add'] as const) {
    const original = proto[method] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest
    proto[method] = function (this: IDBObjectStore, ...args: unknown[]): IDBRequest {
      if (failing === 'quota')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      const request = original.apply(this, args)
      if (failing === 'abort') this.transaction.abort()
      return request
    }
  }
})

afterEach(() => {
  failing = 'no'
  act(() => useUiStore.getState().closeDialog())
})

let counter = 0
async function freshRepo(): Promise<{ repo: GraphRepository; name: string }> {
  const name = `errors-${++counter}-${Math.random()}`
  const repo = await GraphRepository.load(await openDatabase(name), {
    author: () => 'Anna',
    broadcast: false
  })
  return { repo, name }
}

/** What is stored, read back through a second repository on the same database. */
async function storedNodes(name: string): Promise<number> {
  const other = await GraphRepository.load(await openDatabase(name), {
    author: () => 'Reader',
    broadcast: false
  })
  const n = other.store.liveNodes().length
  other.db.close()
  return n
}

async function renderWith(
  element: React.JSX.Element,
  repo: GraphRepository,
  language: 'nl' | 'en' = 'nl'
): Promise<ReturnType<typeof userEvent.setup>> {
  const i18n: I18n = i18next.createInstance()
  await i18n.init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: language,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnNull: false
  })
  const services = {
    session: { repo },
    display: new DisplayProjection(repo.store)
  } as unknown as AppServices
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <AppContext.Provider value={services}>{element}</AppContext.Provider>
      </MantineProvider>
    </I18nextProvider>
  )
  return userEvent.setup({ delay: null })
}

describe('NodeForm on a full disk', () => {
  it('says the disk is full, keeps the draft and the button, stores nothing; saving works once there is room', async () => {
    const { repo, name } = await freshRepo()
    const user = await renderWith(<NodeForm />, repo)
    act(() => useUiStore.getState().openDialog({ type: 'nodeForm', request: { kind: 'theme' } }))
    await user.click(screen.getByTestId('field-title'))
    await user.paste('Groen in de buurt')
    failing = 'quota'
    await user.click(screen.getByTestId('form-save'))
    const failure = await screen.findByTestId('form-failure')
    expect(failure).toHaveTextContent(/De schijf is vol: er is niets opgeslagen/)
    expect(screen.getByTestId('form-save')).toBeEnabled()
    expect(screen.getByTestId('field-title')).toHaveValue('Groen in de buurt')
    expect(repo.store.liveNodes()).toHaveLength(0)
    expect(await storedNodes(name)).toBe(0)

    failing = 'no'
    await user.click(screen.getByTestId('form-save'))
    await waitFor(() =>
      expect(repo.store.liveNodes().map((n) => n.title)).toEqual(['Groen in de buurt'])
    )
    expect(await storedNodes(name)).toBe(1)
  })

  it('in English too', async () => {
    const { repo } = await freshRepo()
    const user = await renderWith(<NodeForm />, repo, 'en')
    act(() => useUiStore.getState().openDialog({ type: 'nodeForm', request: { kind: 'theme' } }))
    await user.click(screen.getByTestId('field-title'))
    await user.paste('Green')
    failing = 'quota'
    await user.click(screen.getByTestId('form-save'))
    expect(await screen.findByTestId('form-failure')).toHaveTextContent(/The disk is full: /)
  })
})

const enc = (text: string): Uint8Array => new TextEncoder().encode(text)

function csvPreview(elements: string, connections: string): ImportPreview {
  const r = readImportFiles(
    [
      { name: 'elements.csv', bytes: enc(elements) },
      { name: 'connections.csv', bytes: enc(connections) }
    ],
    { author: 'Anna' }
  )
  if (!r.ok) throw new Error(r.issues[0]?.message)
  return r.value
}

const ELEMENTS = 'ID;Label;Type\r\nanna;Anna;actor\r\nbob;Bob;actor\r\n'

async function openImport(
  repo: GraphRepository,
  preview: ImportPreview
): Promise<ReturnType<typeof userEvent.setup>> {
  const user = await renderWith(<ImportDialog />, repo)
  act(() => useUiStore.getState().openDialog({ type: 'importPreview', preview }))
  return user
}

describe('ImportDialog when the write fails', () => {
  it('a full disk: says so, the Import button stays usable, nothing is stored; it imports once there is room', async () => {
    const { repo, name } = await freshRepo()
    const preview = csvPreview(ELEMENTS, 'From;To;Type\r\nanna;bob;member_of\r\n')
    const user = await openImport(repo, preview)
    await user.click(screen.getByTestId('import-replace'))
    failing = 'quota'
    await user.click(screen.getByTestId('import-apply'))
    const failure = await screen.findByTestId('import-failure')
    expect(failure).toHaveTextContent(/De schijf is vol: er is niets opgeslagen/)
    await waitFor(() => expect(screen.getByTestId('import-apply')).toBeEnabled())
    // The choice made stays.
    expect(screen.getByTestId('import-replace')).toBeChecked()
    expect(repo.store.liveNodes()).toHaveLength(0)
    expect(await storedNodes(name)).toBe(0)

    failing = 'no'
    await user.click(screen.getByTestId('import-apply'))
    await waitFor(() => expect(repo.store.liveNodes()).toHaveLength(2))
    expect(screen.queryByTestId('import-preview')).toBeNull()
    expect(await storedNodes(name)).toBe(2)
  })

  it('a transaction the database aborts without an error is a failure, not a cancel', async () => {
    const { repo, name } = await freshRepo()
    const user = await openImport(
      repo,
      csvPreview(ELEMENTS, 'From;To;Type\r\nanna;bob;member_of\r\n')
    )
    failing = 'abort'
    await user.click(screen.getByTestId('import-apply'))
    const failure = await screen.findByTestId('import-failure')
    expect(failure).toHaveTextContent(/De database heeft het opslaan afgebroken/)
    expect(screen.queryByText(/Het importeren is afgebroken/)).toBeNull()
    await waitFor(() => expect(screen.getByTestId('import-apply')).toBeEnabled())
    expect(await storedNodes(name)).toBe(0)
  })
})

describe('ImportDialog: self-loops and notes', () => {
  const LOOPS =
    'ID;From;To;Type\r\ne1;anna;anna;member_of\r\ne2;anna;bob;member_of\r\ne3;bob;bob;related\r\n'

  it('counts the loops a kind forbids and leaves them out by default', async () => {
    const { repo } = await freshRepo()
    const user = await openImport(repo, csvPreview(ELEMENTS, LOOPS))
    expect(screen.getByTestId('import-loops-kept')).toHaveTextContent(
      /^1 verbinding(\(en\))? van een knoop naar zichzelf (blijft|blijven) behouden/
    )
    const drop = screen.getByTestId('import-drop-loops')
    expect(drop).toBeChecked()
    expect(
      screen.getByText(/1 verbinding(\(en\))? van een knoop naar zichzelf weglaten/)
    ).toBeInTheDocument()
    await user.click(screen.getByTestId('import-apply'))
    await waitFor(() => expect(repo.store.liveEdges()).toHaveLength(2))
    expect(
      repo.store
        .liveEdges()
        .map((e) => e.id)
        .sort()
    ).toEqual(['e2', 'e3'])
  })

  it('unticked, the forbidden loop is kept as related with its kind as label', async () => {
    const { repo } = await freshRepo()
    const user = await openImport(repo, csvPreview(ELEMENTS, LOOPS))
    await user.click(screen.getByTestId('import-drop-loops'))
    await user.click(screen.getByTestId('import-apply'))
    await waitFor(() => expect(repo.store.liveEdges()).toHaveLength(3))
    expect(repo.store.edge('e1' as never)).toMatchObject({
      kind: 'related',
      source: 'anna',
      target: 'anna',
      label: 'member_of'
    })
  })

  it('shows the reader’s notes, and the file still imports', async () => {
    const { repo } = await freshRepo()
    const preview = csvPreview(ELEMENTS, 'From;To\r\nanna;bob\r\n')
    preview.notes = [
      {
        code: 'duplicate_id',
        path: ['id'],
        message: 'Regel 7: verbinding-id e1 komt twee keer voor; de tweede heet nu e1#2.',
        line: 7
      }
    ]
    const user = await openImport(repo, preview)
    expect(screen.getByTestId('import-notes')).toHaveTextContent(
      /Opmerkingen \(1\).*verbinding-id e1 komt twee keer voor/
    )
    expect(screen.queryByTestId('import-problems')).toBeNull()
    await user.click(screen.getByTestId('import-apply'))
    await waitFor(() => expect(repo.store.liveEdges()).toHaveLength(1))
  })
})
