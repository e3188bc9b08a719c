import { describe, expect, it } from 'vitest'
import { MAX_NESTING_DEPTH as JSON_DEPTH } from '../../../src-renderer/exchange/formats/kg-json'
import { XML_MAX_DEPTH, XML_MAX_VALUE_CHARS } from '../../../src-renderer/exchange/formats/xml'
import {
  MAX_NESTING_DEPTH,
  MAX_VALUE_CHARS,
  formatBytes,
  formatCount
} from '../../../src-renderer/exchange/limits'

describe('one limit table', () => {
  it('the readers apply the limits the table states', () => {
    expect(XML_MAX_DEPTH).toBe(MAX_NESTING_DEPTH)
    expect(JSON_DEPTH).toBe(MAX_NESTING_DEPTH)
    expect(XML_MAX_VALUE_CHARS).toBe(MAX_VALUE_CHARS)
  })

  it('formats sizes and counts the Dutch way', () => {
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1,5 MB')
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MB')
    expect(formatBytes(1024 * 1024 * 1024)).toBe('1,0 GB')
    expect(formatCount(5_000_000)).toBe('5.000.000')
  })
})
