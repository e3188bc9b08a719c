import { Button, Group, Modal, SegmentedControl, Select, Stack, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUiStore } from '../../state/ui-store'
import { errorMessage } from '../../i18n/error-message'

/** Author name, language and appearance. Changes apply at once after saving. */
export function SettingsDialog(): React.JSX.Element {
  const { t } = useTranslation()
  const settings = useUiStore((s) => s.settings)
  const updateSettings = useUiStore((s) => s.updateSettings)
  const open = useUiStore((s) => s.dialog?.type === 'settings')
  const closeDialog = useUiStore((s) => s.closeDialog)
  const close = (): void => closeDialog('settings')
  const [author, setAuthor] = useState(settings.author)
  const [language, setLanguage] = useState(settings.language)
  const [colorScheme, setColorScheme] = useState(settings.colorScheme)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    setAuthor(settings.author)
    setLanguage(settings.language)
    setColorScheme(settings.colorScheme)
    setError(null)
  }, [open, settings])

  const save = async (): Promise<void> => {
    if (!author.trim()) {
      setError(t('settings.authorRequired'))
      return
    }
    try {
      await updateSettings({ author: author.trim(), language, colorScheme })
    } catch (failure) {
      // Not stored; the dialog keeps the user's choices for another try.
      setError(errorMessage(t, failure))
      return
    }
    close()
  }

  return (
    <Modal opened={open} onClose={close} title={t('settings.title')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack>
          <TextInput
            label={t('settings.author')}
            description={t('settings.authorHelp')}
            value={author}
            onChange={(e) => setAuthor(e.currentTarget.value)}
            error={error}
            data-testid="settings-author"
            data-autofocus
          />
          <Select
            label={t('settings.language')}
            data={[
              { value: 'nl', label: 'Nederlands' },
              { value: 'en', label: 'English' }
            ]}
            value={language}
            onChange={(v) => v && setLanguage(v as 'nl' | 'en')}
            allowDeselect={false}
            data-testid="settings-language"
          />
          <SegmentedControl
            aria-label={t('settings.colorScheme')}
            value={colorScheme}
            onChange={(v) => setColorScheme(v as 'light' | 'dark' | 'auto')}
            data={[
              { value: 'light', label: t('settings.light') },
              { value: 'dark', label: t('settings.dark') },
              { value: 'auto', label: t('settings.auto') }
            ]}
          />
          <Group justify="flex-end">
            <Button type="submit" data-testid="settings-save">
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
