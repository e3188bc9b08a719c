/** Small helpers over folded text (fold.ts): word search and word counts. */
import { isWordCode } from './fold'

/** Number of space-separated words in folded text. */
export function countTokens(folded: string): number {
  let n = 0
  let inWord = false
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i)
    if (c === 32) inWord = false
    else if (!inWord) {
      inWord = true
      n++
    }
  }
  return n
}

/** Index of the first occurrence of `word` in folded `text` as a whole token, or -1. */
export function findWord(text: string, word: string): number {
  let from = 0
  for (;;) {
    const at = text.indexOf(word, from)
    if (at < 0) return -1
    const end = at + word.length
    const before = at === 0 || !isWordCode(text.charCodeAt(at - 1))
    const after = end >= text.length || !isWordCode(text.charCodeAt(end))
    if (before && after) return at
    from = at + 1
  }
}
