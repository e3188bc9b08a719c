/** The bounded edit distance that verifies vocabulary words found by trigrams (vocabulary.ts). */

/**
 * Restricted Damerau–Levenshtein (optimal string alignment) distance between `q` and `t`, bounded:
 * returns a value > k as soon as the distance must exceed `k`. Mode 0: whole `t`; mode 1: the best
 * prefix of `t`; mode 2: the best substring of `t` (free start and end).
 */
export function editDistance(q: string, t: string, mode: 0 | 1 | 2, k: number): number {
  const L = q.length
  const T = t.length
  if (k < 0) return Infinity
  // Rows over t (j), columns over q (i): cur[i] = distance of q[0..i) to t[..j) in the mode.
  let prev2 = new Int32Array(L + 1)
  let prev = new Int32Array(L + 1)
  let cur = new Int32Array(L + 1)
  for (let i = 0; i <= L; i++) prev[i] = i
  let best = prev[L] as number
  for (let j = 1; j <= T; j++) {
    cur[0] = mode === 2 ? 0 : j
    let rowMin = cur[0] as number
    const tc = t.charCodeAt(j - 1)
    for (let i = 1; i <= L; i++) {
      const qc = q.charCodeAt(i - 1)
      const cost = qc === tc ? 0 : 1
      let v = Math.min(
        (prev[i] as number) + 1,
        (cur[i - 1] as number) + 1,
        (prev[i - 1] as number) + cost
      )
      if (i > 1 && j > 1 && qc === t.charCodeAt(j - 2) && q.charCodeAt(i - 2) === tc) {
        v = Math.min(v, (prev2[i - 2] as number) + 1)
      }
      cur[i] = v
      if (v < rowMin) rowMin = v
    }
    if (mode !== 0) best = Math.min(best, cur[L] as number)
    if (mode !== 2 && rowMin > k) return mode === 1 ? Math.min(best, k + 1) : k + 1
    const tmp = prev2
    prev2 = prev
    prev = cur
    cur = tmp
  }
  return mode === 0 ? (prev[L] as number) : best
}
