import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCsvReader, parseCsvTable } from '../../../src-renderer/exchange/formats/csv'

/** Feeds `text` to a fresh reader in the pieces that `cuts` (sorted offsets) make. */
function readSplit(text: string, cuts: number[]): ReturnType<typeof parseCsvTable> {
  const reader = createCsvReader()
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.write(text.slice(at, cut))
    at = cut
  }
  reader.write(text.slice(at))
  return reader.end()
}

describe('CSV chunk reader', () => {
  it('reads quoted fields, escaped quotes and CRLF split between any two characters', () => {
    const text = '\uFEFFID;Label\r\n1;"een ""twee""\r\ndrie"\r\n2;"";\r\n'
    const whole = parseCsvTable(text)
    expect(whole.ok && whole.value.rows.map((r) => r.cells)).toEqual([
      ['1', 'een "twee"\r\ndrie'],
      ['2', '']
    ])
    expect(whole.ok && whole.value.rows.map((r) => r.line)).toEqual([2, 4])
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2 += 3) {
        expect(readSplit(text, [cut, cut2])).toEqual(whole)
      }
    }
  })

  it('any split gives the same table (or the same refusal) as the whole text', () => {
    const alphabet = fc.constantFrom('a', 'b', ';', ',', '\t', '"', '\r', '\n', 'é', '\uFEFF', ' ')
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((cs) => `ID;Label\r\n${cs.join('')}`),
        fc.array(fc.nat(), { maxLength: 6 }),
        (text, raw) => {
          const cuts = raw.map((c) => c % (text.length + 1))
          expect(readSplit(text, cuts)).toEqual(parseCsvTable(text))
        }
      ),
      { numRuns: 500 }
    )
  })

  it('one character at a time, a header split in pieces still sniffs its delimiter', () => {
    const text = 'ID,From,To\n"e,1",a,b\n'
    const cuts = Array.from({ length: text.length }, (_, i) => i)
    const r = readSplit(text, cuts)
    expect(r.ok && r.value.delimiter).toBe(',')
    expect(r.ok && r.value.rows[0]?.cells).toEqual(['e,1', 'a', 'b'])
  })

  it('refuses a cell longer than the value limit and an unclosed quote, with the line', () => {
    const long = createCsvReader('CSV-bestand', { maxValueChars: 10 })
    long.write('ID;Label\n1;')
    long.write('x'.repeat(11))
    expect(long.failed).toBe(true)
    const r = long.end()
    expect(!r.ok && r.issues[0]?.message).toMatch(/Regel 2 .* meer dan 10 tekens/)
    const open = readSplit('ID;Label\n1;"abc\n', [12])
    expect(!open.ok && open.issues[0]?.message).toMatch(/aanhalingsteken op regel 2/)
  })

  it('refuses more rows than the record limit', () => {
    const reader = createCsvReader('CSV-bestand', { maxRows: 2 })
    reader.write('ID\n1\n2\n3\n4\n')
    const r = reader.end()
    expect(!r.ok && r.issues[0]?.message).toMatch(/meer dan 2 regels/)
  })
})
