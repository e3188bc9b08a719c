import { Menu, Text } from '@mantine/core'
import type { CommandId } from './ids'
import { useCommand } from './useCommand'

/** A menu item that runs a command: its label, shortcut and disabled state come from the registry. */
export function CommandMenuItem({
  id,
  testId,
  color,
  children,
  onBeforeRun
}: {
  id: CommandId
  testId?: string
  color?: string
  children?: React.ReactNode
  /** Called first (e.g. a context menu selects the node it was opened on). */
  onBeforeRun?: () => void
}): React.JSX.Element {
  const c = useCommand(id)
  return (
    <Menu.Item
      onClick={() => {
        onBeforeRun?.()
        c.run()
      }}
      disabled={!c.enabled && !onBeforeRun}
      color={color}
      rightSection={
        c.shortcut ? (
          <Text size="xs" c="dimmed">
            {c.shortcut}
          </Text>
        ) : undefined
      }
      data-testid={testId}
      data-command={id}
    >
      {children ?? c.label}
    </Menu.Item>
  )
}
