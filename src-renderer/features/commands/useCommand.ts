import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import type { CommandId } from './ids'
import type { Command } from './registry'

/** How a shortcut reads on a button or in the palette ("Ctrl+Shift+Z", "⌘K" on a Mac). */
export function shortcutLabel(shortcut: string | undefined, mac = isMac()): string | undefined {
  if (!shortcut) return undefined
  const names: Record<string, string> = {
    mod: mac ? '⌘' : 'Ctrl',
    shift: mac ? '⇧' : 'Shift',
    alt: mac ? '⌥' : 'Alt',
    equal: '=',
    minus: '−',
    comma: ','
  }
  return shortcut
    .split('+')
    .map((part) => names[part] ?? part.toUpperCase())
    .join(mac ? '' : '+')
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
}

/** The label of a command in the current language. */
export function commandLabel(
  t: (key: string, values?: Record<string, string>) => string,
  c: Command
): string {
  const values = c.labelValues
    ? Object.fromEntries(
        Object.entries(c.labelValues).map(([k, v]) => [k, k === 'kind' ? t(`kind.${v}`) : v])
      )
    : undefined
  return t(c.labelKey, values)
}

/**
 * A command for a button or menu item: its label, shortcut, whether it is enabled now (follows
 * every commit, undo-history and UI change), and `run`.
 */
export function useCommand(id: CommandId): {
  label: string
  shortcut: string | undefined
  enabled: boolean
  run: () => void
} {
  const { t } = useTranslation()
  const { commands } = useApp()
  useSyncExternalStore(
    (cb) => commands.subscribe(cb),
    () => commands.version
  )
  const c = commands.get(id)
  return {
    label: c ? commandLabel(t, c) : id,
    shortcut: shortcutLabel(c?.shortcut),
    enabled: commands.isEnabled(id),
    run: () => void commands.run(id)
  }
}
