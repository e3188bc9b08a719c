/**
 * The streaming seam of the import pipeline. Every format reader is fed its file's text in pieces
 * (`write`) and gives its result once at the end (`end`), so the same code reads a whole string (a
 * small file on the main thread: one `write`) or a stream of chunks (a large file in the import
 * worker or the command line, decoded with `TextDecoder({ stream: true })`), without ever holding
 * the whole text or a document tree.
 *
 * Contract: `write` never throws on bad input; it records the first fatal problem and ignores the
 * rest of the input. `end` returns the result or every problem found (Dutch issues with a line).
 * `failed` tells the driver it may stop feeding early.
 */
import type { Result } from '../../domain/result'

export interface ChunkReader<T> {
  /** Feeds the next piece of text (any size, split anywhere, even inside a tag or a UTF-16 pair). */
  write(text: string): void
  /** True once the input is refused: the driver may stop reading. */
  readonly failed: boolean
  /** Ends the input: the records read, or the issues that refuse the file. */
  end(): Result<T>
}

/** Reads a whole string with a chunk reader (small files, tests). */
export function readWhole<T>(reader: ChunkReader<T>, text: string): Result<T> {
  reader.write(text)
  return reader.end()
}
