import { Alert, AppShell, Modal, Text, useMantineColorScheme } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { emptyGraph } from '../domain/graph'
import { useConfirm } from '../features/confirm/ConfirmDialog'
import { ViewProvider } from '../features/canvas/view-context'
import { ActiveViewBar } from '../features/filter/ActiveViewBar'
import { CanvasContextMenu } from '../features/editor/CanvasContextMenu'
import { EdgeForm } from '../features/editor/EdgeForm'
import { deleteSelected, editSelected, newNode } from '../features/editor/editor-actions'
import { useEditorStore } from '../features/editor/editor-store'
import { NodeForm } from '../features/editor/NodeForm'
import { actionKey } from '../features/inspector/HistoryPanel'
import { ExportDialog } from '../features/export/ExportDialog'
import { ImportDialog, ImportReading, previewImport, startImport } from '../features/import/ImportDialog'
import { PresentationEditor, PresentationPlayer, useDeckStore } from '../features/views/presentations'
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
import { writeSetting, type Settings } from '../storage/settings'
import { DisplayProjection } from '../state/display-projection'
import { useUiStore } from '../state/ui-store'
import { AppContext, type AppServices } from '../features/services/AppContext'
import { CommandRegistry } from '../features/services/commands'
import { StatusBar } from './StatusBar'
import { Toolbar } from './Toolbar'
import type { Result } from '../domain/result'
import pkg from '../../package.json'

/** The main window: toolbar, sidebar, canvas, inspector, status bar. */
export function App({ session }: { session: StorageSession }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const [settings, setSettings] = useState<Settings>(session.settings)
  const canvas = useRef<CyController | null>(null)
  const { confirm, dialog } = useConfirm()
  const ui = useUiStore()
  const presenting = useDeckStore((s) => !!s.playing)
  const { setColorScheme } = useMantineColorScheme()
  const repo = session.repo
  // Created before the search client and the canvas, so it has heard of every store change first.
  const display = useMemo(() => new DisplayProjection(repo.store), [repo])
  const searchClient = useMemo(
    () => createSearchClient(display, searchLabelsFrom(nlBundle, enBundle)),
    [display]
  )
  useEffect(() => () => searchClient.dispose(), [searchClient])
  const runLayout = async (name: LayoutName): Promise<void> => {
    const outcome = await runNamedLayout(name, repo, canvas.current)
    notifyLayoutOutcome(outcome, t)
  }

  const updateSettings = async (patch: Partial<Settings>): Promise<void> => {
    const next = { ...settings, ...patch }
    for (const [k, v] of Object.entries(patch))
      await writeSetting(repo.db, k as keyof Settings, v as never)
    session.settings = next
    setSettings(next)
    if (patch.language) await i18n.changeLanguage(patch.language)
  }

  useEffect(() => {
    setColorScheme(settings.colorScheme)
  }, [settings.colorScheme, setColorScheme])

  useEffect(() => {
    document.documentElement.lang = settings.language
  }, [settings.language])

  const report = (r: Result<unknown>, okMessage: string): void => {
    if (r.ok) notifications.show({ message: okMessage, color: 'green' })
    else
      notifications.show({
        title: t('errors.generic', { message: '' }),
        message: r.issues
          .slice(0, 3)
          .map((i) => i.message)
          .join('\n'),
        color: 'red'
      })
  }

  const commands = useMemo(() => {
    const reg = new CommandRegistry()
    const counts = (): { nodes: number; edges: number } => ({
      nodes: repo.store.liveNodes().length,
      edges: repo.store.liveEdges().length
    })
    const writable = (): boolean => !repo.readOnly
    reg.register(
      {
        id: 'graph.new-empty',
        labelKey: 'menu.newEmpty',
        isEnabled: writable,
        run: async () => {
          if (
            !(await confirm({
              title: t('confirm.newEmptyTitle'),
              body: t('confirm.newEmptyBody', counts()),
              danger: true
            }))
          )
            return
          report(await repo.replaceGraph(emptyGraph(), 'graph.new-empty'), t('confirm.done'))
          useUiStore.getState().select(null)
        }
      },
      {
        id: 'graph.restore-demo',
        labelKey: 'menu.restoreDemo',
        isEnabled: writable,
        run: async () => {
          if (
            !(await confirm({
              title: t('confirm.restoreDemoTitle'),
              body: t('confirm.restoreDemoBody', counts()),
              danger: true
            }))
          )
            return
          report(await loadDemo(repo), t('app.demoLoaded'))
          useUiStore.getState().select(null)
        }
      },
      {
        id: 'settings.open',
        labelKey: 'toolbar.settings',
        shortcut: 'mod+comma',
        run: () => useUiStore.getState().setSettingsOpen(true)
      },
      {
        id: 'view.fit',
        labelKey: 'toolbar.fit',
        shortcut: 'mod+0',
        run: () => canvas.current?.fit()
      },
      {
        id: 'view.zoom-in',
        labelKey: 'toolbar.zoomIn',
        shortcut: 'mod+equal',
        run: () => canvas.current?.zoomBy(1.25)
      },
      {
        id: 'view.zoom-out',
        labelKey: 'toolbar.zoomOut',
        shortcut: 'mod+minus',
        run: () => canvas.current?.zoomBy(0.8)
      },
      {
        id: 'view.toggle-legend',
        labelKey: 'toolbar.legend',
        run: () => useUiStore.getState().toggleLegend()
      },
      {
        id: 'view.toggle-sidebar',
        labelKey: 'toolbar.sidebar',
        run: () => useUiStore.getState().toggleSidebar()
      },
      {
        id: 'app.about',
        labelKey: 'menu.about',
        run: () => useUiStore.getState().setAboutOpen(true)
      },
      {
        id: 'view.whole-map',
        labelKey: 'lens.all',
        shortcut: 'mod+1',
        run: () => useUiStore.getState().setLens('all')
      },
      {
        id: 'view.lesson-map',
        labelKey: 'lens.lessonMap',
        shortcut: 'mod+2',
        run: () => useUiStore.getState().setLens('lessonMap')
      },
      {
        id: 'view.tensions',
        labelKey: 'lens.tensions',
        shortcut: 'mod+3',
        run: () => useUiStore.getState().setLens('tensions')
      },
      {
        id: 'view.toggle-list',
        labelKey: 'display.list',
        shortcut: 'mod+L',
        run: () => {
          const s = useUiStore.getState()
          s.setDisplay(s.display === 'list' ? 'canvas' : 'list')
        }
      },
      {
        id: 'filter.clear',
        labelKey: 'filter.clear',
        run: () => useUiStore.getState().clearFilter()
      },
      { id: 'search.open', labelKey: 'search.title', shortcut: 'mod+K', run: () => useUiStore.getState().setSearchOpen(true) },
      {
        id: 'graph.import',
        labelKey: 'importDialog.menu',
        shortcut: 'mod+O',
        isEnabled: writable,
        run: () =>
          startImport((id) => repo.store.node(id), session.settings.author, (message) =>
            notifications.show({ color: 'red', title: t('importDialog.failed', { message: '' }), message })
          )
      },
      {
        id: 'history.undo',
        labelKey: 'history.undo',
        shortcut: 'mod+Z',
        isEnabled: () => writable() && repo.canUndo(),
        run: async () => {
          const r = await repo.undo()
          if (!r.ok) report(r, '')
          else if (r.value) notifications.show({ message: t('history.undone', { action: t(actionKey(r.value.action), { defaultValue: r.value.action }) }) })
        }
      },
      {
        id: 'history.redo',
        labelKey: 'history.redo',
        shortcut: 'mod+shift+Z',
        isEnabled: () => writable() && repo.canRedo(),
        run: async () => {
          const r = await repo.redo()
          if (!r.ok) report(r, '')
          else if (r.value) notifications.show({ message: t('history.redone', { action: t(actionKey(r.value.action), { defaultValue: r.value.action }) }) })
        }
      },
      {
        id: 'privacy.toggle-safe',
        labelKey: 'privacy.safe',
        run: () => display.setPresentationSafe(!display.presentationSafe)
      },
      {
        id: 'node.new',
        labelKey: 'toolbar.new',
        shortcut: 'mod+shift+N',
        isEnabled: writable,
        run: () => newNode('lesson', canvas.current)
      },
      { id: 'node.edit', labelKey: 'editor.edit', shortcut: 'mod+E', isEnabled: writable, run: () => editSelected(repo) },
      {
        id: 'selection.delete',
        labelKey: 'editor.delete',
        isEnabled: writable,
        run: () => deleteSelected(repo, confirm, t)
      },
      {
        id: 'edge.connect',
        labelKey: 'editor.connect',
        isEnabled: writable,
        run: () => {
          const sel = useUiStore.getState().selection
          if (sel?.group === 'nodes') useEditorStore.getState().openEdgeForm({ sourceId: sel.id })
        }
      },
      {
        id: 'canvas.draw-mode',
        labelKey: 'toolbar.drawMode',
        isEnabled: writable,
        run: () => useUiStore.getState().setDrawMode(!useUiStore.getState().drawMode)
      },
      {
        id: 'layout.fcose',
        labelKey: 'layoutMenu.fcose',
        isEnabled: writable,
        run: () => runLayout('fcose')
      },
      {
        id: 'layout.concentric',
        labelKey: 'layoutMenu.concentric',
        isEnabled: writable,
        run: () => runLayout('concentric')
      },
      {
        id: 'layout.breadthfirst',
        labelKey: 'layoutMenu.breadthfirst',
        isEnabled: writable,
        run: () => runLayout('breadthfirst')
      },
      {
        id: 'layout.grid',
        labelKey: 'layoutMenu.grid',
        isEnabled: writable,
        run: () => runLayout('grid')
      }
    )
    return reg
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [repo, confirm, t])

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
        else await previewImport(opened.file, (id) => repo.store.node(id), session.settings.author, fail)
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
  useHotkeys(
    commands
      .list()
      .filter((c) => c.shortcut)
      .map((c) => [c.shortcut!, () => void commands.run(c.id)])
  )

  useEffect(() => {
    if (session.demoLoaded) notifications.show({ message: t('app.demoLoaded') })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const services: AppServices = { session, display, commands, settings, updateSettings, canvas }
  const dark = settings.colorScheme === 'dark'

  return (
    <AppContext.Provider value={services}>
      <ViewProvider>
        <AppShell
          header={{ height: 48, collapsed: presenting }}
          footer={{ height: 28 }}
          navbar={{
            width: 250,
            breakpoint: 0,
            collapsed: { desktop: !ui.sidebarOpen || presenting, mobile: !ui.sidebarOpen || presenting }
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
                {t('app.readOnly', { stored: session.storedVersion, ours: session.ourVersion })}
              </Alert>
            )}
            <div className="kg-main-inner">
              <ActiveViewBar />
              <div className="kg-stage">
                <GraphCanvas dark={dark} />
                <Minimap />
                <LayoutProgress />
                {ui.display === 'list' && <ListView />}
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
      </ViewProvider>
      <SettingsDialog />

      <Modal
        opened={ui.aboutOpen}
        onClose={() => ui.setAboutOpen(false)}
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
