import { Button, Group, Modal, Text } from '@mantine/core'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'

export interface ConfirmRequest {
  title: string
  body: string
  confirmLabel?: string
  danger?: boolean
}

/** A promise-based confirmation dialog: `await confirm({...})` resolves true when the user continues. */
export function useConfirm(): {
  confirm: (req: ConfirmRequest) => Promise<boolean>
  dialog: React.JSX.Element
} {
  const { t } = useTranslation()
  const [pending, setPending] = useState<(ConfirmRequest & { resolve: (v: boolean) => void }) | null>(null)
  const confirm = useCallback(
    (req: ConfirmRequest) => new Promise<boolean>((resolve) => setPending({ ...req, resolve })),
    []
  )
  const close = (value: boolean): void => {
    pending?.resolve(value)
    setPending(null)
  }
  const dialog = (
    <Modal opened={!!pending} onClose={() => close(false)} title={pending?.title} centered>
      <Text size="sm">{pending?.body}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => close(false)}>
          {t('confirm.cancel')}
        </Button>
        <Button color={pending?.danger ? 'red' : undefined} onClick={() => close(true)} data-testid="confirm-ok">
          {pending?.confirmLabel ?? t('confirm.confirm')}
        </Button>
      </Group>
    </Modal>
  )
  return { confirm, dialog }
}
