/**
 * Reading a ZIP without trusting it: the central directory says where each entry is, but its sizes
 * and checksums are checked, not believed. Each entry is inflated as a stream (fflate's `Inflate`)
 * while its bytes are counted and its CRC-32 computed; inflating stops the moment the inflated bytes
 * pass the cap or an entry's inflate ratio turns bomb-like (see limits.ts), and an entry whose real
 * size or CRC-32 differs from its headers is refused. Nothing is cut silently.
 */
import { Inflate } from 'fflate'
import { fail, ok, type Result } from '../../domain/result'
import {
  MAX_ZIP_INFLATED_BYTES,
  MAX_ZIP_RATIO,
  ZIP_RATIO_GRACE_BYTES,
  formatBytes
} from '../limits'
import type { ImportIssue } from '../raw-graph'

/** One inflated entry. */
export interface ZipEntry {
  name: string
  bytes: Uint8Array
}

/** Limits of one unzip (defaults from limits.ts; tests pass smaller ones). */
export interface UnzipLimits {
  maxBytes?: number
  maxRatio?: number
  graceBytes?: number
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c
  }
  return t
})()

/** Continues a CRC-32 (ZIP's, IEEE 802.3) over `bytes`; start with 0. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++)
    c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8)
  return ~c >>> 0
}

function zipIssue(message: string, code: ImportIssue['code'] = 'invalid_field'): ImportIssue {
  return { code, path: [], message }
}

interface CentralEntry {
  name: string
  flags: number
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

const PUSH = 64 * 1024

/**
 * The entries of a ZIP that `accept` chooses, inflated and checked. Fails (Dutch) when the ZIP is
 * damaged, encrypted, uses an unknown compression or ZIP64, when an entry's real size or CRC-32
 * differs from its headers, and when inflating would pass `maxBytes` in all or `maxRatio` per entry.
 */
export function unzipChecked(
  data: Uint8Array,
  fileName: string,
  accept: (name: string) => boolean,
  limits: UnzipLimits = {}
): Result<ZipEntry[]> {
  const maxBytes = limits.maxBytes ?? MAX_ZIP_INFLATED_BYTES
  const maxRatio = limits.maxRatio ?? MAX_ZIP_RATIO
  const grace = limits.graceBytes ?? ZIP_RATIO_GRACE_BYTES
  const damaged = (why: string): Result<never> =>
    fail([
      zipIssue(
        `Het ZIP-bestand ${fileName} is beschadigd of onvolledig (${why}). Er is niets geïmporteerd.`
      )
    ])
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const u16 = (at: number): number => view.getUint16(at, true)
  const u32 = (at: number): number => view.getUint32(at, true)

  let eocd = -1
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return damaged('geen inhoudsopgave gevonden')
  const count = u16(eocd + 10)
  const cdOffset = u32(eocd + 16)
  if (count === 0xffff || cdOffset === 0xffffffff) {
    return fail([
      zipIssue(
        `Het ZIP-bestand ${fileName} is een ZIP64-bestand; dat wordt niet gelezen. Pak het uit en kies de CSV-bestanden.`
      )
    ])
  }
  const entries: CentralEntry[] = []
  let at = cdOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || u32(at) !== 0x02014b50) return damaged('inhoudsopgave')
    const nameLength = u16(at + 28)
    const flags = u16(at + 8)
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength))
    entries.push({
      name,
      flags,
      method: u16(at + 10),
      crc: u32(at + 16),
      compressedSize: u32(at + 20),
      size: u32(at + 24),
      localOffset: u32(at + 42)
    })
    at += 46 + nameLength + u16(at + 30) + u16(at + 32)
  }

  const out: ZipEntry[] = []
  let total = 0
  const tooLarge = (): Result<never> =>
    fail([
      zipIssue(
        `Het ZIP-bestand ${fileName} pakt uit tot meer dan ${formatBytes(maxBytes)}; dat is de grens. Er is niets geïmporteerd.`,
        'too_large'
      )
    ])
  for (const e of entries) {
    if (!accept(e.name)) continue
    if (e.flags & 1) {
      return fail([
        zipIssue(`Het ZIP-bestand ${fileName} is versleuteld (${e.name}); dat wordt niet gelezen.`)
      ])
    }
    const local = e.localOffset
    if (local + 30 > data.length || u32(local) !== 0x04034b50) return damaged(e.name)
    const start = local + 30 + u16(local + 26) + u16(local + 28)
    const end = start + e.compressedSize
    if (end > data.length) return damaged(`${e.name} houdt op voor het einde`)
    const packed = data.subarray(start, end)
    let crc = 0
    let size = 0
    let parts: Uint8Array[] = []
    if (e.method === 0) {
      if (total + packed.length > maxBytes) return tooLarge()
      crc = crc32(packed)
      size = packed.length
      parts = [packed]
    } else if (e.method === 8) {
      let over: 'bytes' | 'ratio' | null = null
      let consumed = 0
      let finished = false
      const inflate = new Inflate((chunk, final) => {
        if (over) return
        size += chunk.length
        if (total + size > maxBytes) over = 'bytes'
        else if (size > grace && size > maxRatio * Math.max(consumed, 1)) over = 'ratio'
        else {
          crc = crc32(chunk, crc)
          parts.push(chunk)
        }
        if (final) finished = true
      })
      try {
        for (let p = 0; p < packed.length && !over; p += PUSH) {
          consumed = Math.min(p + PUSH, packed.length)
          inflate.push(packed.subarray(p, consumed), consumed === packed.length)
        }
        if (packed.length === 0) inflate.push(new Uint8Array(0), true)
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        return damaged(`${e.name}: ${detail}`)
      }
      if (over === 'bytes') return tooLarge()
      if (over === 'ratio') {
        return fail([
          zipIssue(
            `Het ZIP-bestand ${fileName} pakt verdacht sterk uit (${e.name}: meer dan ${maxRatio} keer zijn ingepakte grootte); het lijkt een ZIP-bom en is geweigerd.`,
            'too_large'
          )
        ])
      }
      if (!finished) return damaged(`${e.name} houdt op voor het einde`)
    } else {
      return fail([
        zipIssue(
          `Het ZIP-bestand ${fileName} gebruikt een onbekende compressie (${e.name}, methode ${e.method}).`
        )
      ])
    }
    if (size !== e.size) {
      return fail([
        zipIssue(
          `Het ZIP-bestand ${fileName} klopt niet: ${e.name} is volgens de kopgegevens ${e.size} bytes, maar bevat er ${size}. Er is niets geïmporteerd.`
        )
      ])
    }
    if (crc !== e.crc) {
      return fail([
        zipIssue(
          `Het ZIP-bestand ${fileName} is beschadigd: het controlegetal (CRC-32) van ${e.name} klopt niet. Er is niets geïmporteerd.`
        )
      ])
    }
    total += size
    out.push({ name: e.name, bytes: join(parts, size) })
  }
  return ok(out)
}

function join(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
