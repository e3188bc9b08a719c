import { deflateSync, strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readImport } from '../../../src-renderer/exchange/import'
import { crc32, unzipChecked } from '../../../src-renderer/exchange/import/unzip'

const ELEMENTS = `ID;Label;Type\r\n${Array.from({ length: 200 }, (_, i) => `n${i};Knoop ${i};Thema`).join('\r\n')}\r\n`

/** Offsets of the central directory entry of a one-entry zip made by fflate. */
function central(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  for (let i = zip.length - 22; i >= 0; i--)
    if (view.getUint32(i, true) === 0x06054b50) return view.getUint32(i + 16, true)
  throw new Error('no end record')
}

function patch32(zip: Uint8Array, at: number, value: number): void {
  new DataView(zip.buffer, zip.byteOffset, zip.byteLength).setUint32(at, value >>> 0, true)
}

function refusal(name: string, bytes: Uint8Array): string {
  const r = readImport(name, bytes)
  if (r.ok) throw new Error(`accepted ${name}: ${r.value.counts.nodes} nodes`)
  return r.issues.map((i) => i.message).join('\n')
}

/**
 * A ZIP holding one "CSV" that inflates to `units` MiB of zeros while its deflate stream is about
 * 1 KB per MiB: one deflated MiB made non-final and chained with empty stored blocks, so a 1 MB
 * file holds 1 GiB without ever compressing 1 GiB here. Its headers lie (they claim 100 bytes).
 */
function bomb(units: number): Uint8Array {
  const one = deflateSync(new Uint8Array(1 << 20), { level: 9 })
  one[0] = (one[0] as number) & 0xfe
  const unit = new Uint8Array(one.length + 5)
  unit.set(one)
  unit.set([0, 0, 0, 0xff, 0xff], one.length)
  const stream = new Uint8Array(unit.length * units + 2)
  for (let i = 0; i < units; i++) stream.set(unit, i * unit.length)
  stream.set([0x03, 0x00], unit.length * units)
  const name = strToU8('bom.csv')
  const local = new Uint8Array(30 + name.length)
  const lv = new DataView(local.buffer)
  lv.setUint32(0, 0x04034b50, true)
  lv.setUint16(4, 20, true)
  lv.setUint16(8, 8, true)
  lv.setUint32(14, 0, true)
  lv.setUint32(18, stream.length, true)
  lv.setUint32(22, 100, true)
  lv.setUint16(26, name.length, true)
  local.set(name, 30)
  const cd = new Uint8Array(46 + name.length)
  const cv = new DataView(cd.buffer)
  cv.setUint32(0, 0x02014b50, true)
  cv.setUint16(4, 20, true)
  cv.setUint16(6, 20, true)
  cv.setUint16(10, 8, true)
  cv.setUint32(16, 0, true)
  cv.setUint32(20, stream.length, true)
  cv.setUint32(24, 100, true)
  cv.setUint16(28, name.length, true)
  cv.setUint32(42, 0, true)
  cd.set(name, 46)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, 1, true)
  ev.setUint16(10, 1, true)
  ev.setUint32(12, cd.length, true)
  ev.setUint32(16, local.length + stream.length, true)
  const zip = new Uint8Array(local.length + stream.length + cd.length + end.length)
  zip.set(local)
  zip.set(stream, local.length)
  zip.set(cd, local.length + stream.length)
  zip.set(end, local.length + stream.length + cd.length)
  return zip
}

describe('ZIP files are checked, not trusted', () => {
  it('reads an honest zip', () => {
    const r = readImport('kaart.zip', zipSync({ 'kaart-elements.csv': strToU8(ELEMENTS) }))
    expect(r.ok && r.value.counts.nodes).toBe(200)
  })

  it('refuses headers that claim half the rows (the size they give is not what inflates)', () => {
    const zip = zipSync({ 'kaart-elements.csv': strToU8(ELEMENTS) })
    const cd = central(zip)
    patch32(zip, cd + 24, Math.floor(ELEMENTS.length / 2))
    patch32(zip, 22, Math.floor(ELEMENTS.length / 2))
    expect(refusal('kaart.zip', zip)).toMatch(
      new RegExp(
        `kaart-elements\\.csv is volgens de kopgegevens ${Math.floor(ELEMENTS.length / 2)} bytes, maar bevat er ${ELEMENTS.length}`
      )
    )
  })

  it('refuses a bad CRC-32', () => {
    const zip = zipSync({ 'kaart-elements.csv': strToU8(ELEMENTS) })
    const cd = central(zip)
    const view = new DataView(zip.buffer)
    patch32(zip, cd + 16, view.getUint32(cd + 16, true) ^ 1)
    expect(refusal('kaart.zip', zip)).toMatch(
      /controlegetal \(CRC-32\) van kaart-elements\.csv klopt niet/
    )
  })

  it('refuses a stored (uncompressed) entry whose bytes were changed', () => {
    const zip = zipSync({ 'kaart-elements.csv': [strToU8(ELEMENTS), { level: 0 }] })
    const at = zip.indexOf(0x4b /* K of "Knoop" */, 60)
    zip[at] = 0x6b
    expect(refusal('kaart.zip', zip)).toMatch(/CRC-32/)
  })

  it('refuses a 1 MB zip that inflates to 1 GiB, and stops inflating early', () => {
    const zip = bomb(1024)
    expect(zip.length).toBeLessThan(1.1 * 1024 * 1024)
    const r = unzipChecked(zip, 'bom.zip', () => true, {})
    expect(r.ok).toBe(false)
    expect(!r.ok && r.issues[0]?.message).toMatch(/ZIP-bom/)
    expect(!r.ok && r.issues[0]?.code).toBe('too_large')
    // The same through the import, with a lower ratio cap out of the way: the byte cap stops it.
    const capped = unzipChecked(zip, 'bom.zip', () => true, { maxRatio: 1e9, maxBytes: 4 << 20 })
    expect(!capped.ok && capped.issues[0]?.message).toMatch(/pakt uit tot meer dan 4,0 MB/)
    expect(refusal('bom.zip', zip)).toMatch(/ZIP-bom/)
  }, 30_000)

  it('refuses a truncated entry and an encrypted one', () => {
    const zip = zipSync({ 'kaart-elements.csv': strToU8(ELEMENTS) })
    const cd = central(zip)
    const view = new DataView(zip.buffer)
    const size = view.getUint32(cd + 20, true)
    patch32(zip, cd + 20, size - 20)
    expect(refusal('kaart.zip', zip)).toMatch(/beschadigd of onvolledig/)
    const locked = zipSync({ 'kaart-elements.csv': strToU8(ELEMENTS) })
    const c2 = central(locked)
    locked[c2 + 8] = (locked[c2 + 8] as number) | 1
    expect(refusal('kaart.zip', locked)).toMatch(/versleuteld/)
  })

  it('computes the standard CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926)
    expect(crc32(strToU8('6789'), crc32(strToU8('12345')))).toBe(0xcbf43926)
  })
})
