import { CloseButton, Drawer, MantineProvider, Modal, createTheme, type MantineColorScheme } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The app's Mantine theme. Red is the primary colour at shade 9 (white on it reads 5.5:1; Mantine's
 * default shade 6 reads 3.3:1). Every close button (dialogs, drawers, toasts) is named "Sluiten" /
 * "Close" in the UI language, so screen readers can say what it does. Text colour overrides for
 * contrast (dimmed text, light badges, the brand) are in styles.css.
 */
export function makeTheme(closeLabel: string): ReturnType<typeof createTheme> {
  return createTheme({
    primaryColor: 'red',
    primaryShade: { light: 9, dark: 8 },
    defaultRadius: 'sm',
    fontFamily: 'Inter, "Segoe UI", system-ui, sans-serif',
    components: {
      // CloseButton passes unknown props on to its <button>; its type does not list aria-label.
      CloseButton: CloseButton.extend({ defaultProps: { 'aria-label': closeLabel } as Record<string, string> }),
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } })
    }
  })
}

/**
 * MantineProvider with the theme in the current UI language, and the toasts: bottom centre over the
 * canvas, raised above the status bar (styles.css .kg-toasts) so they never cover it, the inspector
 * or the sidebar.
 */
export function ThemedProvider({
  colorScheme,
  children
}: {
  colorScheme: MantineColorScheme
  children: React.ReactNode
}): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const closeLabel = t('common.close')
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const theme = useMemo(() => makeTheme(closeLabel), [closeLabel, i18n.language])
  return (
    <MantineProvider theme={theme} defaultColorScheme={colorScheme}>
      <Notifications position="bottom-center" className="kg-toasts" />
      {children}
    </MantineProvider>
  )
}
