import { Button, Stack, Text } from '@mantine/core'
import { Component, type ReactNode } from 'react'
import { i18next } from '../i18n'

/** Catches render errors so one broken panel does not blank the window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error }
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <Stack p="xl" role="alert">
        <Text>{i18next.t('errors.boundary')}</Text>
        <Text size="xs" c="dimmed">
          {this.state.error.message}
        </Text>
        <Button w={160} onClick={() => location.reload()}>
          {i18next.t('errors.reload')}
        </Button>
      </Stack>
    )
  }
}
