import type { StateCreator } from 'zustand'
import type { UiState } from '../ui-store'

/** One slice of the UI store: it sees (and may set) the whole state, and contributes `T`. */
export type UiSlice<T> = StateCreator<UiState, [], [], T>
