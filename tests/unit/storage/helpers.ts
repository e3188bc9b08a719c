import { openDatabase } from '../../../src-renderer/storage/db'
import { GraphRepository } from '../../../src-renderer/storage/repositories/graph-repository'

let counter = 0

/** A repository on a fresh fake-indexeddb database with a switchable author and a fixed clock. */
export async function freshRepo(name = `test-${++counter}-${Math.random()}`): Promise<{
  repo: GraphRepository
  setAuthor: (a: string) => void
  name: string
}> {
  let author = 'Anna'
  let tick = 0
  const opened = await openDatabase(name)
  const repo = await GraphRepository.load(opened, {
    author: () => author,
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)).toISOString()
  })
  return { repo, setAuthor: (a) => (author = a), name }
}

export async function reopen(name: string): Promise<GraphRepository> {
  const opened = await openDatabase(name)
  return GraphRepository.load(opened, { author: () => 'Reader' })
}
