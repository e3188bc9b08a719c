/**
 * The one table of limits every import reader applies (the README states it). A file over a limit is
 * refused whole with a Dutch message that names the limit; nothing is cut silently.
 *
 * The size of a file is not a limit of its own where the file is streamed (the command line, the
 * import worker): there the number of records decides, so a backup of any graph the app can hold
 * can be restored. Only bytes that must be held whole in memory at once (a file handed over as one
 * buffer, a ZIP's inflated entries) have a byte limit.
 */

/** Records in one import (nodes + edges + annotations): well above what the app holds and draws. */
export const MAX_RECORDS = 5_000_000

/**
 * Bytes of one file handed over whole (as one buffer rather than a stream). Streamed reads have no
 * byte limit, only {@link MAX_RECORDS}.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1

/** Nesting depth of XML elements and of JSON values; deeper files are refused, never recursed into. */
export const MAX_NESTING_DEPTH = 64

/** Characters in one value (an attribute, a CSV cell, a JSON string, an XML text node). */
export const MAX_VALUE_CHARS = 1_000_000

/** Bytes all CSV entries of one ZIP may inflate to together (checked while inflating). */
export const MAX_ZIP_INFLATED_BYTES = 1024 * 1024 * 1024

/**
 * Largest inflate ratio (inflated bytes per compressed byte) of a ZIP entry, checked while inflating
 * once an entry is past {@link ZIP_RATIO_GRACE_BYTES}. Real CSV compresses about 5–20×; a bomb
 * 1,000× and more.
 */
export const MAX_ZIP_RATIO = 200

/** Inflated bytes per entry before the ratio is checked (small, repetitive files compress well). */
export const ZIP_RATIO_GRACE_BYTES = 4 * 1024 * 1024

/** Formats a byte count the Dutch way: `1,5 MB`, `200 MB`, `1,0 GB`. */
export function formatBytes(n: number): string {
  const gb = 1024 * 1024 * 1024
  const mb = 1024 * 1024
  const [value, unit] = n >= gb ? [n / gb, 'GB'] : [n / mb, 'MB']
  const digits = value < 10 ? 1 : 0
  return `${value.toFixed(digits).replace('.', ',')} ${unit}`
}

/** Formats a count the Dutch way: `5.000.000`. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}
