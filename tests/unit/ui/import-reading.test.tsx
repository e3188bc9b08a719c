/**
 * Reading a large import: the reading dialog shows the phase and percentage the reader reports, and
 * Afbreken cancels the read (nothing changes); the file is released when the read ends.
 */
import { MantineProvider } from '@mantine/core'
import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import i18next from 'i18next'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { WORKER_READ_BYTES } from '../../../src-renderer/exchange/import'
import { ImportReading, previewImport } from '../../../src-renderer/features/import/ImportDialog'
import en from '../../../src-renderer/i18n/en.json'
import nl from '../../../src-renderer/i18n/nl.json'
import { useUiStore, type ImportReading as Reading } from '../../../src-renderer/state/ui-store'

beforeAll(async () => {
  await i18next.init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: 'nl',
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnNull: false
  })
})

afterEach(() => act(() => useUiStore.getState().setImportReading(null)))

function show(): ReturnType<typeof userEvent.setup> {
  render(
    <I18nextProvider i18n={i18next}>
      <MantineProvider env="test">
        <ImportReading />
      </MantineProvider>
    </I18nextProvider>
  )
  return userEvent.setup({ delay: null })
}

/** A CSV file past the worker threshold, as a streamable source handing out 64 KiB pieces. */
function bigCsv(): { name: string; data: { size: number; stream(): ReadableStream<Uint8Array>; arrayBuffer(): Promise<ArrayBuffer> }; close: () => void } {
  const rows = Array.from({ length: 30_000 }, (_, i) => `n${i};Knoop ${i};actor;${'x'.repeat(60)}`)
  const bytes = new TextEncoder().encode(`ID;Label;Type;Description\r\n${rows.join('\r\n')}\r\n`)
  expect(bytes.length).toBeGreaterThan(WORKER_READ_BYTES)
  return {
    name: 'kaart-elements.csv',
    data: {
      size: bytes.length,
      stream: () => {
        let at = 0
        return new ReadableStream<Uint8Array>({
          pull(c) {
            if (at >= bytes.length) return c.close()
            c.enqueue(bytes.slice(at, at + 65536))
            at += 65536
          }
        })
      },
      arrayBuffer: async () => bytes.buffer as ArrayBuffer
    },
    close: vi.fn()
  }
}

describe('the import reading dialog', () => {
  it('shows the read phase with its percentage, then the check phase', () => {
    show()
    const reading: Reading = { name: 'groot.kg.json', cancel: () => undefined }
    act(() => useUiStore.getState().setImportReading({ ...reading, progress: { phase: 'read', read: 250, total: 1000 } }))
    expect(screen.getByTestId('import-reading-phase').textContent).toBe('Lezen… 25%')
    act(() => useUiStore.getState().setImportReading({ ...reading, progress: { phase: 'check', read: 1000, total: 1000 } }))
    expect(screen.getByTestId('import-reading-phase').textContent).toBe('Controleren en in kaart brengen…')
  })

  it('previewImport reports progress into the dialog, up to the whole file, and releases the file', async () => {
    const seen: Reading['progress'][] = []
    const stop = useUiStore.subscribe((s) => {
      if (s.importReading?.progress) seen.push(s.importReading.progress)
    })
    const file = bigCsv()
    const errors: string[] = []
    await previewImport(file, () => undefined, 'Anna', (m) => errors.push(m))
    stop()
    expect(errors).toEqual([])
    const reads = seen.filter((p) => p?.phase === 'read')
    expect(reads.length).toBeGreaterThan(1)
    expect(reads.at(-1)?.read).toBe(file.data.size)
    expect(seen.at(-1)?.phase).toBe('check')
    expect(file.close).toHaveBeenCalledOnce()
    expect(useUiStore.getState().importReading).toBeNull()
    act(() => useUiStore.getState().closeDialog())
  })

  it('Afbreken cancels the read: a message says nothing changed, no preview opens', async () => {
    const user = show()
    const file = bigCsv()
    const errors: string[] = []
    let clicked = false
    const stop = useUiStore.subscribe((s) => {
      // At the first progress, press Afbreken in the dialog.
      if (!clicked && s.importReading?.progress) {
        clicked = true
        queueMicrotask(() => void user.click(screen.getByRole('button', { name: 'Afbreken' })))
      }
    })
    await act(() => previewImport(file, () => undefined, 'Anna', (m) => errors.push(m)))
    stop()
    expect(clicked).toBe(true)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/fgebroken; er is niets veranderd/)
    expect(useUiStore.getState().dialog).toBeFalsy()
    expect(file.close).toHaveBeenCalledOnce()
  })
})
