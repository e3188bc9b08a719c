import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import './app/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { demoGraph } from './app/demo'
import { ErrorBoundary } from './app/ErrorBoundary'
import { ThemedProvider } from './app/theme'
import { initI18n } from './i18n'
import { startStorage } from './storage/bootstrap'
import { DEFAULT_DB_NAME } from './storage/schema'

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!)
  try {
    const session = await startStorage(DEFAULT_DB_NAME, { initialGraph: demoGraph })
    await initI18n(session.settings.language)
    root.render(
      <StrictMode>
        <ThemedProvider colorScheme={session.settings.colorScheme}>
          <ErrorBoundary>
            <App session={session} />
          </ErrorBoundary>
        </ThemedProvider>
      </StrictMode>
    )
  } catch (err) {
    const i18n = await initI18n('nl')
    const message = err instanceof Error ? err.message : String(err)
    const p = document.createElement('p')
    p.className = 'kg-fatal'
    p.textContent = i18n.t('app.startError', { message })
    document.getElementById('root')!.replaceChildren(p)
  }
}

void boot()
