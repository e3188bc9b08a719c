import { beforeEach, describe, expect, it } from 'vitest'
import { useUiStore, type UiState } from '../../../src-renderer/state/ui-store'

const initial: UiState = useUiStore.getState()
const ui = (): UiState => useUiStore.getState()

beforeEach(() => useUiStore.setState(initial, true))

describe('no stale path after the question moves on (issue #12, point 7)', () => {
  it('selecting another node clears the path asked from the one before', () => {
    ui().select({ id: 'q1', group: 'nodes' })
    ui().setPath({ fromId: 'q1', toId: 'wp', index: 0 })
    ui().select({ id: 'L1', group: 'nodes' })
    expect(ui().path).toBeNull()
  })

  it('selecting an edge clears it too', () => {
    ui().select({ id: 'q1', group: 'nodes' })
    ui().setPath({ fromId: 'q1', toId: 'wp', index: 0 })
    ui().select({ id: 'e1', group: 'edges' })
    expect(ui().path).toBeNull()
  })

  it('selecting the path’s own start again, or clearing the selection, keeps the path', () => {
    ui().select({ id: 'q1', group: 'nodes' })
    ui().setPath({ fromId: 'q1', toId: 'wp', index: 1 })
    ui().select({ id: 'q1', group: 'nodes' })
    expect(ui().path).toEqual({ fromId: 'q1', toId: 'wp', index: 1 })
    ui().select(null)
    expect(ui().path).toEqual({ fromId: 'q1', toId: 'wp', index: 1 })
  })

  it('a new focus clears the path, so the focus shows the neighbourhood; clearing a focus keeps it', () => {
    ui().setPath({ fromId: 'q1', toId: 'wp', index: 0 })
    ui().setFocus({ seedIds: ['q1'], depth: 1, expanded: [] })
    expect(ui().path).toBeNull()
    ui().setPath({ fromId: 'q1', toId: 'wp', index: 0 })
    ui().setFocus(null)
    expect(ui().path).not.toBeNull()
  })
})
