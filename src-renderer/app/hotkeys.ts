import { getHotkeyHandler } from '@mantine/hooks'
import { useEffect, useRef } from 'react'

/** Input types that take typed text: a shortcut there is the field's own (Ctrl+Z undoes typing). */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week'])

/**
 * True when `target` is somewhere the user types text: a text input, a textarea, a select or
 * editable content. Checkboxes, switches, radios, buttons and the canvas are not.
 */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type)
  return false
}

/**
 * Shortcuts named by a key's code ('mod+equal', 'mod+comma') are matched on the physical key:
 * Mantine compares `event.key` ('=' or ',') with the name, so Ctrl+= and Ctrl+, never fired.
 */
const CODE_NAMED = new Set(['equal', 'comma', 'period', 'semicolon', 'quote', 'backquote', 'backslash', 'bracketleft', 'bracketright'])
const byCode = (keys: string): boolean => CODE_NAMED.has(keys.toLowerCase().split('+').at(-1)?.trim() ?? '')

/**
 * The app's keyboard shortcuts, wherever focus is (a button, a switch, a menu, the canvas, a
 * dialog), except in text fields. Mantine's useHotkeys skips every INPUT, so a focused switch or
 * checkbox swallowed Ctrl+K and Ctrl+0; this listens in the capture phase, so a control that stops
 * the key's propagation cannot swallow it either. `shortcuts` may change on every render.
 */
export function useAppHotkeys(shortcuts: [string, () => void][]): void {
  const current = useRef(shortcuts)
  useEffect(() => {
    current.current = shortcuts
  })
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTextEntry(event.target)) return
      getHotkeyHandler(current.current.map(([keys, run]) => [keys, run, { usePhysicalKeys: byCode(keys) }]))(event)
    }
    document.addEventListener('keydown', onKeyDown, true)
    return () => document.removeEventListener('keydown', onKeyDown, true)
  }, [])
}
