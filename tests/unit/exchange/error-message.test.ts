/**
 * The one error classifier (i18n/error-message.ts) and the import's cancel rule (apply.ts): a
 * thrown error becomes a kind and a Dutch or English message; an abort nobody asked for is a
 * failure, not a cancel.
 */
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { GraphData } from '../../../src-renderer/domain/graph'
import { importInto, type ImportTarget } from '../../../src-renderer/exchange/import'
import { classifyError, errorMessage } from '../../../src-renderer/i18n/error-message'
import { fixedTranslator } from '../../../src-renderer/i18n/issue-message'

const nl = fixedTranslator('nl')
const en = fixedTranslator('en')
const quota = (): DOMException =>
  new DOMException('The quota has been exceeded.', 'QuotaExceededError')
const aborted = (): AbortSignal => {
  const c = new AbortController()
  c.abort()
  return c.signal
}

describe('classifyError', () => {
  it('sorts DOMException, Dexie and zod errors into kinds', () => {
    const cases: [unknown, string][] = [
      [quota(), 'quota'],
      [new Dexie.QuotaExceededError('vol'), 'quota'],
      // Dexie wraps the cause of an aborted transaction in `inner`.
      [new Dexie.AbortError('Transaction aborted', quota()), 'quota'],
      [new Dexie.BulkError('1 of 2 failed', [quota()]), 'quota'],
      [{ name: 'UnknownError', code: 22, message: 'quota' }, 'quota'],
      [new Dexie.AbortError('Transaction aborted'), 'aborted'],
      [new Dexie.AbortError('Transaction aborted', null as unknown as undefined), 'aborted'],
      [new DOMException('Afgebroken', 'AbortError'), 'aborted'],
      [new Dexie.DatabaseClosedError('closed'), 'closed'],
      [new DOMException('closing', 'InvalidStateError'), 'closed'],
      [new Dexie.VersionChangeError('newer'), 'version'],
      [new Dexie.ReadOnlyError('ro'), 'read_only'],
      [z.string().safeParse(1).error, 'invalid'],
      [new RangeError('Maximum call stack size exceeded'), 'unknown'],
      ['a string', 'unknown'],
      [undefined, 'unknown']
    ]
    for (const [error, kind] of cases) expect(classifyError(error).kind, String(error)).toBe(kind)
  })

  it('an AbortError is a cancel only when the caller’s signal was aborted', () => {
    const abort = new DOMException('Afgebroken', 'AbortError')
    expect(classifyError(abort).kind).toBe('aborted')
    expect(classifyError(abort, { signal: new AbortController().signal }).kind).toBe('aborted')
    expect(classifyError(abort, { signal: aborted() }).kind).toBe('cancelled')
    // A full disk during a cancel is still a full disk.
    expect(classifyError(new Dexie.AbortError('x', quota()), { signal: aborted() }).kind).toBe(
      'quota'
    )
  })

  it('says each kind in Dutch and English, with a short technical detail where it helps', () => {
    expect(errorMessage(nl, quota())).toMatch(/^De schijf is vol: /)
    expect(errorMessage(en, quota())).toMatch(/^The disk is full: /)
    expect(errorMessage(nl, new Dexie.AbortError('Transaction aborted'))).toMatch(
      /afgebroken; er is niets opgeslagen.*Technisch: AbortError: Transaction aborted/
    )
    expect(errorMessage(nl, new Dexie.DatabaseClosedError('x'))).toMatch(/Herlaad de app/)
    expect(errorMessage(nl, new Dexie.VersionChangeError('x'))).toMatch(/nieuwere versie/)
    expect(errorMessage(en, new Dexie.ReadOnlyError('x'))).toMatch(/read-only/)
    const unknown = errorMessage(nl, new TypeError('x is not a function'))
    expect(unknown).toMatch(/niets opgeslagen.*Technisch: TypeError: x is not a function/)
    expect(errorMessage(nl, new Error('y'.repeat(5000))).length).toBeLessThan(400)
    // No kind leaves a placeholder or a raw key.
    for (const kind of [
      'quota',
      'cancelled',
      'aborted',
      'closed',
      'version',
      'read_only',
      'invalid',
      'unknown'
    ])
      for (const t of [nl, en])
        expect(t(`errors.${kind}`, { detail: 'd' })).not.toMatch(/errors\.|\{\{/)
  })
})

describe('importInto: an abort nobody asked for is a failure, not a cancel', () => {
  const graph: GraphData = { nodes: [], edges: [], annotations: [] }
  const target = (error: unknown): ImportTarget => ({
    replaceGraph: () => Promise.reject(error),
    mergeGraph: () => Promise.reject(error)
  })

  it('a transaction aborted without an error object is thrown on as a failure', async () => {
    const error = new Dexie.AbortError('Transaction aborted', null as unknown as undefined)
    const signal = new AbortController().signal
    await expect(importInto(target(error), graph, 'merge', { signal })).rejects.toBe(error)
    await expect(importInto(target(error), graph, 'replace')).rejects.toBe(error)
    expect(classifyError(error, { signal }).kind).toBe('aborted')
  })

  it('a quota failure is thrown on and classified as a full disk', async () => {
    const error = new Dexie.AbortError('Transaction aborted', quota())
    await expect(importInto(target(error), graph, 'merge', {})).rejects.toBe(error)
    expect(errorMessage(nl, error)).toMatch(/^De schijf is vol/)
  })

  it('the user’s own cancel is still a cancel, with a Dutch issue', async () => {
    const r = await importInto(
      target(new DOMException('Afgebroken', 'AbortError')),
      graph,
      'merge',
      {
        signal: aborted()
      }
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/afgebroken; er is niets veranderd/)
  })
})
