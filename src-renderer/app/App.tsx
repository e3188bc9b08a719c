import { Alert, AppShell, Modal, Text, useMantineColorScheme } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useConfirm } from '../features/confirm/ConfirmDialog'
import { ViewProvider } from '../features/canvas/view-context'
import { ActiveViewBar } from '../features/filter/ActiveViewBar'
import { CanvasContextMenu } from '../features/editor/CanvasContextMenu'
import { EdgeForm } from '../features/editor/EdgeForm'
import { NodeForm } from '../features/editor/NodeForm'
import { ExportDialog } from '../features/export/ExportDialog'
import { ImportDialog, ImportReading, previewImport } from '../features/import/ImportDialog'
import { PresentationEditor, PresentationPlayer } from '../features/views/presentations'
import { SaveViewDialog } from '../features/views/views'
import { Inspector } from '../features/inspector/Inspector'
import { SearchPalette } from '../features/search/SearchPalette'
import { createSearchClient } from '../search/search-client'
import { searchLabelsFrom } from '../search/search-docs'
import nlBundle from '../i18n/nl.json'
import enBundle from '../i18n/en.json'
import { InterviewWorkbench } from '../features/interviews/InterviewWorkbench'
import { runNamedLayout } from '../features/layout/layout-command'
import { LayoutProgress, notifyLayoutOutcome } from '../features/layout/LayoutMenu'
import type { LayoutName } from '../graph-view/layouts'
import { ListView } from '../features/list/ListView'
import { Minimap } from '../features/canvas/Minimap'
import { SettingsDialog } from '../features/settings/SettingsDialog'
import { Sidebar } from '../features/sidebar/Sidebar'
import type { CyController } from '../graph-view/cy-controller'
import { GraphCanvas } from '../features/canvas/GraphCanvas'
import { bridge } from '../platform/bridge'
import type { StorageSession } from '../storage/bootstrap'
import { loadDemo } from './demo'
import { DisplayProjection } from '../state/display-projection'
import { GraphModel } from '../state/graph-model'
import { useUiStore } from '../state/ui-store'
import { AppContext, type AppServices } from '../features/services/AppContext'
import { createCommands } from '../features/commands'
import type { ViewState } from '../features/canvas/view-context'
import { StatusBar } from './StatusBar'
import { Toolbar } from './Toolbar'
import { useAppHotkeys } from './hotkeys'
import { EmptyMap } from './EmptyMap'
import { SelectionAnnouncer, SkipLinks } from './a11y'
import { MENU_COMMANDS } from '../../src-main/shared/menu-commands'
import pkg from '../../package.json'

/** The main window: toolbar, sidebar, canvas, inspector, status bar. */
export function App({ session }: { session: StorageSession }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  // The settings read at start-up go into the UI store once, before anything reads them there;
  // from then on the store's settings slice is the one copy (it writes changes through to storage).
  useState(() => useUiStore.getState().initSettings(session))
  const language = useUiStore((s) => s.settings.language)
  const colorScheme = useUiStore((s) => s.settings.colorScheme)
  const canvas = useRef<CyController | null>(null)
  const { confirm, dialog } = useConfirm()
  // Selectors only: App re-renders when these change, not on every UI change (a layout tick).
  const sidebarOpen = useUiStore((s) => s.sidebarOpen)
  const shownAs = useUiStore((s) => s.display)
  const aboutOpen = useUiStore((s) => s.dialog?.type === 'about')
  const closeDialog = useUiStore((s) => s.closeDialog)
  const presenting = useUiStore((s) => !!s.playing)
  const { setColorScheme } = useMantineColorScheme()
  const repo = session.repo
  // A newer version of the app upgraded the database: re-render so every surface turns read-only.
  const [, setReadOnly] = useState(repo.readOnly)
  useEffect(() => {
    const stop = repo.onReadOnlyChange((s) => setReadOnly(s.readOnly))
    return () => void stop()
  }, [repo])
  // Created before the search client and the canvas, so it has heard of every store change first.
  const display = useMemo(() => new DisplayProjection(repo.store), [repo])
  const graph = useMemo(() => new GraphModel(repo.store), [repo])
  const searchClient = useMemo(
    () => createSearchClient(display, searchLabelsFrom(nlBundle, enBundle)),
    [display]
  )
  useEffect(() => () => searchClient.dispose(), [searchClient])
  const runLayout = async (name: LayoutName): Promise<void> => {
    const outcome = await runNamedLayout(name, repo, canvas.current)
    notifyLayoutOutcome(outcome, t)
  }

  useEffect(() => {
    setColorScheme(colorScheme)
  }, [colorScheme, setColorScheme])

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language)
    document.documentElement.lang = language
  }, [language, i18n])

  const viewRef = useRef<ViewState | null>(null)
  const commands = useMemo(
    () =>
      createCommands({
        repo,
        display,
        canvas,
        view: viewRef,
        // i18n.t follows the current language.
        t: i18n.t.bind(i18n),
        confirm,
        notify: {
          ok: (message) => notifications.show({ message, color: 'green' }),
          error: (title, message) => notifications.show({ title, message, color: 'red' }),
          info: (message) => notifications.show({ message })
        },
        runLayout,
        loadDemo: () => loadDemo(repo),
        author: () => useUiStore.getState().settings.author
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [repo, display, confirm]
  )
  // "Opgeslagen hh:mm" follows every commit: after start-up, every store change is one.
  useEffect(
    () => repo.store.subscribe(() => useUiStore.getState().markSaved(new Date().toISOString())),
    [repo]
  )
  // The native menu greys out what cannot run now, like the toolbar and the in-app menus.
  useEffect(() => {
    let sent = ''
    const sync = (): void => {
      const states = Object.fromEntries(MENU_COMMANDS.map((id) => [id, commands.isEnabled(id)]))
      const key = JSON.stringify(states)
      if (key === sent) return
      sent = key
      void bridge.menu.setEnabled(states)
    }
    sync()
    return commands.subscribe(sync)
  }, [commands])
  // Enabled states depend on the graph, the undo history, the projection and the UI state.
  useEffect(() => {
    const changed = (): void => commands.changed()
    const stops = [
      repo.store.subscribe(changed),
      repo.onHistoryChange(changed),
      display.subscribe(changed),
      useUiStore.subscribe(changed)
    ]
    return () => stops.forEach((stop) => stop())
  }, [commands, repo, display])

  useEffect(() => bridge.menu.onCommand((cmd) => void commands.run(cmd)), [commands])
  // Files opened with the app (double-click on a .kg.json, a second start): main reads them, the
  // renderer takes them one at a time into the import preview once it is ready.
  useEffect(() => {
    let cancelled = false
    const takeAll = async (): Promise<void> => {
      for (;;) {
        const opened = await bridge.files.takeOpenedFile()
        if (cancelled || opened === null) return
        const fail = (message: string): void => {
          notifications.show({ color: 'red', title: t('importDialog.failed', { message: '' }), message })
        }
        if (!opened.ok) fail(opened.message)
        else if (session.readOnly) fail(t('importDialog.readOnly'))
        else await previewImport(opened.file, (id) => repo.store.node(id), useUiStore.getState().settings.author, fail)
      }
    }
    void takeAll()
    const unsubscribe = bridge.files.onFileOpened(() => void takeAll())
    return () => {
      cancelled = true
      unsubscribe()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [repo])
  useAppHotkeys(
    commands
      .list()
      .filter((c) => c.shortcut)
      .map((c) => [c.shortcut!, () => void commands.run(c.id)])
  )

  useEffect(() => {
    if (session.demoLoaded) notifications.show({ message: t('app.demoLoaded') })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const services: AppServices = {
    session,
    display,
    graph,
    commands,
    canvas,
    view: viewRef
  }
  const dark = colorScheme === 'dark'

  return (
    <AppContext.Provider value={services}>
      <ViewProvider>
        <SkipLinks />
        <AppShell
          header={{ height: 48, collapsed: presenting }}
          footer={{ height: 28 }}
          navbar={{
            width: 250,
            breakpoint: 0,
            collapsed: { desktop: !sidebarOpen || presenting, mobile: !sidebarOpen || presenting }
          }}
          aside={{ width: 320, breakpoint: 0, collapsed: { desktop: presenting, mobile: presenting } }}
          padding={0}
        >
          <AppShell.Header>
            <Toolbar />
          </AppShell.Header>
          <AppShell.Navbar>
            <Sidebar />
          </AppShell.Navbar>
          <AppShell.Main className="kg-main">
            {session.readOnly && (
              <Alert color="red" className="kg-banner" data-testid="read-only-banner">
                {t(repo.readOnlyStatus().upgradedMeanwhile ? 'app.readOnlyUpgraded' : 'app.readOnly', {
                  stored: session.storedVersion ?? '?',
                  ours: session.ourVersion
                })}
              </Alert>
            )}
            <div className="kg-main-inner">
              <ActiveViewBar />
              <div className="kg-stage">
                <GraphCanvas dark={dark} />
                <EmptyMap />
                <Minimap />
                <LayoutProgress />
                {shownAs === 'list' && <ListView />}
                <p id="canvas-help" className="kg-visually-hidden">
                  {t('canvas.help')}
                </p>
              </div>
            </div>
          </AppShell.Main>
          <AppShell.Aside>
            <Inspector />
          </AppShell.Aside>
          <AppShell.Footer>
            <StatusBar />
          </AppShell.Footer>
        </AppShell>
      <NodeForm />
      <EdgeForm />
      <InterviewWorkbench />
      <ExportDialog />
      <ImportDialog />
      <ImportReading />
      <SaveViewDialog />
      <PresentationEditor />
      <PresentationPlayer />
      <SearchPalette client={searchClient} />
      <CanvasContextMenu />
      <SelectionAnnouncer />
      </ViewProvider>
      <SettingsDialog />

      <Modal
        opened={aboutOpen}
        onClose={() => closeDialog('about')}
        title={t('about.title')}
        centered
      >
        <Text size="sm">{t('about.body')}</Text>
        <Text size="xs" c="dimmed" mt="sm">
          {t('about.version', { version: pkg.version, shell: window.api ? 'Electron' : 'web' })}
        </Text>
      </Modal>
      {dialog}
    </AppContext.Provider>
  )
}
