/** Growable typed arrays for the search index's per-slot and per-term tables. */

/** `arr` if it has at least `min` entries, else a copy at least twice as long (zero-filled). */
export function grow<T extends Int32Array | Float64Array | Uint8Array>(arr: T, min: number): T {
  if (arr.length >= min) return arr
  let size = Math.max(16, arr.length)
  while (size < min) size *= 2
  const next = new (arr.constructor as new (n: number) => T)(size)
  next.set(arr)
  return next
}
