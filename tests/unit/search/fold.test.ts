import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText, foldWithMap, toOriginalRange, tokenize } from '@renderer/search/fold'

describe('foldText: Dutch folding', () => {
  it('folds diacritics both ways', () => {
    expect(foldText('één')).toBe('een')
    expect(foldText('een')).toBe(foldText('één'))
    expect(foldText('ideeën')).toBe('ideeen')
    expect(foldText('ideeen')).toBe(foldText('ideeën'))
    expect(foldText('Ingrediënten')).toBe('ingredienten')
    expect(foldText('ingredienten')).toBe(foldText('Ingrediënten'))
    expect(foldText('Continuïteit, creëren, vóór, café, à')).toBe(
      'continuiteit, creeren, voor, cafe, a'
    )
  })

  it('treats IJ, Ij, ij and the ligature ĳ/Ĳ alike', () => {
    for (const v of ['IJplein', 'Ijplein', 'ijplein', 'ĳplein', 'Ĳplein', 'IJPLEIN']) {
      expect(foldText(v)).toBe('ijplein')
    }
  })

  it('ignores case', () => {
    expect(foldText('GEBIEDSONTWIKKELING')).toBe(foldText('gebiedsontwikkeling'))
    expect(foldText('Participatie')).toBe('participatie')
  })

  it('folds decomposed input (e + combining acute) like precomposed', () => {
    expect(foldText('e\u0301e\u0301n')).toBe('een')
    expect(foldText('ide\u0065\u0308en')).toBe('ideeen')
  })

  it('normalises curly quotes, dashes and the ellipsis', () => {
    expect(foldText('dilemma’s')).toBe("dilemma's")
    expect(foldText('‘tijdig betrekken’ “ja”')).toBe('\'tijdig betrekken\' "ja"')
    expect(foldText('Q1–Q2 — ok…')).toBe('q1-q2 - ok...')
  })

  it('collapses whitespace and trims', () => {
    expect(foldText('  een \t\n  twee\u00a0drie  ')).toBe('een twee drie')
    expect(foldText('zacht\u00adafbreek\u200bteken')).toBe('zachtafbreekteken')
    expect(foldText('')).toBe('')
    expect(foldText(' \n ')).toBe('')
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s))
      })
    )
  })
})

describe('foldWithMap', () => {
  const tricky = fc.constantFrom(
    'é',
    'e\u0301',
    'Ĳ',
    'ĳ',
    'ß',
    'İ',
    'Σ',
    'ΑΣ ',
    '’',
    '…',
    '\u00ad',
    '\u200b',
    '\ufeff',
    '\u00a0',
    '\n',
    '\t',
    '  ',
    'A',
    'z',
    '9',
    '😀',
    '`',
    '–',
    'Ø',
    'æ'
  )
  const mixed = fc
    .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 30 })
    .map((parts) => parts.join(''))

  it('gives exactly the text foldText gives', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string({ unit: 'binary' })), (s) => {
        expect(foldWithMap(s).text).toBe(foldText(s))
      }),
      { numRuns: 500 }
    )
  })

  it('maps every folded character to an original range that folds to contain it', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const map = foldWithMap(s)
        let last = 0
        for (let i = 0; i < map.text.length; i++) {
          const start = map.starts[i] as number
          const end = map.ends[i] as number
          expect(start).toBeGreaterThanOrEqual(last)
          expect(end).toBeGreaterThan(start)
          expect(end).toBeLessThanOrEqual(s.length)
          last = start
          const ch = map.text.charAt(i)
          if (ch !== ' ') expect(foldText(s.slice(start, end))).toContain(ch)
        }
      }),
      { numRuns: 500 }
    )
  })

  it('maps a folded word back to the original characters', () => {
    const original = 'De  IDEEËN van “Ĳplein” en één stem'
    const map = foldWithMap(original)
    expect(map.text).toBe('de ideeen van "ijplein" en een stem')
    const at = map.text.indexOf('ideeen')
    const [s, e] = toOriginalRange(map, at, at + 'ideeen'.length)
    expect(original.slice(s, e)).toBe('IDEEËN')
    const ij = map.text.indexOf('ijplein')
    const [s2, e2] = toOriginalRange(map, ij, ij + 'ijplein'.length)
    expect(original.slice(s2, e2)).toBe('Ĳplein')
    const een = map.text.indexOf('een stem')
    const [s3, e3] = toOriginalRange(map, een, een + 3)
    expect(original.slice(s3, e3)).toBe('één')
  })

  it('covers combining marks with the character they follow', () => {
    const original = 'ide\u0065\u0308en'
    const map = foldWithMap(original)
    const [s, e] = toOriginalRange(map, 0, map.text.length)
    expect([s, e]).toEqual([0, original.length])
  })
})

describe('tokenize', () => {
  it('splits folded text into words, keeping digits and dropping single letters', () => {
    expect(tokenize(foldText("Thema's: Gesprek 1 — Haven-Stad"))).toEqual([
      'thema',
      'gesprek',
      '1',
      'haven',
      'stad'
    ])
  })
})
