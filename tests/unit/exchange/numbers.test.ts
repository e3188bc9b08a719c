/**
 * Numbers in files are plain, finite decimals: hex, empty and padded text are not numbers, and a
 * number that is not finite is refused with a message that says so (zod's Dutch called Infinity a
 * "getal": "verwacht getal, ontving getal").
 */
import { describe, expect, it } from 'vitest'
import {
  KG_JSON_TYPE,
  KG_JSON_VERSION,
  readKgEnvelope
} from '../../../src-renderer/exchange/formats/kg-json'
import {
  decodeAppValue,
  decodeFreeValue,
  parseDecimal
} from '../../../src-renderer/exchange/raw-graph'

describe('parseDecimal', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['+3.', 3],
    ['.25', 0.25],
    ['1e-3', 0.001],
    ['1E+2', 100]
  ])('%s is %d', (text, n) => expect(parseDecimal(text)).toBe(n))

  it.each([
    '0x10',
    '0b1',
    '0o7',
    '',
    '  ',
    ' 1',
    '1 ',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e999',
    '1,5',
    '1_000'
  ])('%j is not a number', (text) => expect(parseDecimal(text)).toBeUndefined())

  it('flat values decode the same way (CSV keeps its comma and padding)', () => {
    expect(decodeAppValue('weight', '0x3')).toBe('0x3')
    expect(decodeAppValue('weight', ' 3,5 ')).toBe(3.5)
    expect(decodeFreeValue('0x10', 'number')).toBe('0x10')
    expect(decodeFreeValue('16', 'number')).toBe(16)
  })
})

describe('a number that is not finite', () => {
  it('in a .kg.json envelope says "verwacht een eindig getal, ontving Infinity"', () => {
    const change = {
      id: 'c1',
      at: '2026-01-01T00:00:00.000Z',
      author: 'a',
      action: 'edit',
      recordIds: [],
      count: 1,
      bulk: false,
      entries: '[]'
    }
    const text = JSON.stringify({
      type: KG_JSON_TYPE,
      version: KG_JSON_VERSION,
      nodes: [],
      edges: [],
      annotations: [],
      history: [change]
    }).replace('"count":1', '"count":1e999')
    const r = readKgEnvelope(text)
    expect(r.ok).toBe(false)
    const messages = r.ok ? [] : r.issues.map((i) => i.message)
    expect(messages.join('\n')).toContain('verwacht een eindig getal, ontving Infinity')
    expect(messages.join('\n')).not.toMatch(/verwacht getal, ontving getal/)
  })
})
