import { Alert, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FileKind } from '../../../src-main/shared/ipc-contract'
import { useApp } from '../services/AppContext'
import { gzipKgJson, kgJsonParts } from '../../exchange/export/data-export'
import { serializeKgJson } from '../../exchange/formats/kg-json'
// Types only: the PDF writer (jsPDF, svg2pdf.js) loads when a PDF is made.
import type { Orientation, PaperSize } from '../../graph-view/pdf'
import type { SnapshotFrame } from '../../graph-view/snapshot'
import { bridge } from '../../platform/bridge'
import { graphToExport } from '../../state/export-graph'
import { dialogOf, useUiStore, type ExportFormat } from '../../state/ui-store'
import { useView } from '../canvas/view-context'
import { usePresentationSafe } from '../hooks/useDisplay'
import { snapshotFrame } from './snapshot-frame'

export type { ExportFormat }

function stamp(): string {
  return new Date().toISOString().slice(0, 10)
}

/**
 * Exports the map: a snapshot of the current view (PNG at scale 1–4 on white or transparent, SVG, and
 * a vector PDF on A4 or A3, portrait or landscape) with title, date (in the UI language), caption and
 * a legend of the real shapes, colours and arrows, or the graph as .kg.json (all — the complete back-up with
 * views, presentations and map info, optionally deleted records and history — or what is visible),
 * optionally gzip-compressed (.kg.json.gz). Files go
 * through main's save dialog in the desktop app and download in the browser.
 */
export function ExportDialog(): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const { canvas, session, display } = useApp()
  const { index, view } = useView()
  const format = useUiStore(dialogOf('export'))?.format ?? null
  const openDialog = useUiStore((s) => s.openDialog)
  const closeDialog = useUiStore((s) => s.closeDialog)
  /** Switches the format, or (null) closes the dialog. */
  const open = (f: ExportFormat | null): void =>
    f ? openDialog({ type: 'export', format: f }) : closeDialog('export')
  const safe = usePresentationSafe()
  // null: the default title, in the current UI language.
  const [customTitle, setTitle] = useState<string | null>(null)
  const title = customTitle ?? t('exportDialog.defaultTitle')
  const [paper, setPaper] = useState<PaperSize>('a4')
  const [orientation, setOrientation] = useState<Orientation>('landscape')
  const [caption, setCaption] = useState('')
  const [scale, setScale] = useState('2')
  const [background, setBackground] = useState<'white' | 'transparent'>('white')
  const [spread, setSpread] = useState(true)
  const [scope, setScope] = useState<'all' | 'visible'>('all')
  const [complete, setComplete] = useState(false)
  const [gzip, setGzip] = useState(false)
  const [busy, setBusy] = useState(false)

  const frame = (): SnapshotFrame =>
    snapshotFrame(t, i18n.language, {
      title,
      caption,
      kinds: canvas.current ? canvas.current.visibleKinds() : { nodes: [], edges: [] }
    })

  const run = async (): Promise<void> => {
    if (!format) return
    const controller = canvas.current
    setBusy(true)
    try {
      let data: string | Uint8Array | Uint8Array[]
      let kind: FileKind = format
      const base = `stadmaken-kennisgraaf-${stamp()}`
      let extension: string = format
      if (format === 'kg-json') {
        // "All" is the complete back-up, read from the database in one transaction: records, saved
        // views, presentations, the map's title and description, and (when asked) soft-deleted
        // records and the change history. "Only what is shown" is the map as it may be shown.
        if (scope === 'all') {
          const backup = await session.repo.readBackup({ deleted: complete, history: complete })
          // Written piece by piece: a very large map never becomes one string or one buffer.
          data = kgJsonParts(
            backup.graph,
            {
              title: backup.map.title ?? title,
              ...(backup.map.description ? { description: backup.map.description } : {}),
              views: backup.views,
              presentations: backup.presentations,
              ...(backup.history ? { history: backup.history } : {})
            },
            gzip
          )
        } else {
          const shown = (id: string): boolean => !view.hidden.has(id) && !view.faded.has(id)
          const text = serializeKgJson(
            graphToExport(session.repo.store, display, { purpose: 'shown', isShown: shown }),
            { title }
          )
          data = gzip ? gzipKgJson(text) : text
        }
        extension = gzip ? 'kg.json.gz' : 'kg.json'
        kind = gzip ? 'kg-json-gz' : 'kg-json'
      } else if (!controller) {
        return
      } else if (format === 'png') {
        data = await controller.renderPng(frame(), { scale: Number(scale), background, spread })
      } else if (format === 'svg') {
        data = await controller.renderSvg(frame(), { background, spread })
      } else {
        const { renderPdf } = await import('../../graph-view/pdf')
        data = await renderPdf([{ scene: await controller.exportScene(), frame: frame() }], { paper, orientation, spread })
      }
      const r = await bridge.files.saveFile({ suggestedName: `${base}.${extension}`, kind, data })
      if (r.saved) notifications.show({ message: t('exportDialog.saved', { name: r.name }), color: 'green' })
      else if (r.reason === 'error') notifications.show({ message: t('exportDialog.failed', { message: r.message ?? '' }), color: 'red' })
      open(null)
    } catch (err) {
      const message = err instanceof Error && err.name === 'SnapshotTooLargeError' ? t('exportDialog.tooLarge') : err instanceof Error ? err.message : String(err)
      notifications.show({ message: t('exportDialog.failed', { message }), color: 'red' })
    } finally {
      setBusy(false)
    }
  }

  const snapshot = format === 'png' || format === 'svg' || format === 'pdf'
  return (
    <Modal opened={!!format} onClose={() => open(null)} title={t('exportDialog.title')} centered>
      <Stack gap="sm" data-testid="export-dialog">
        <Select
          label={t('exportDialog.format')}
          data={[
            { value: 'png', label: 'PNG' },
            { value: 'svg', label: 'SVG' },
            { value: 'pdf', label: 'PDF' },
            { value: 'kg-json', label: 'Kennisgraaf (.kg.json)' }
          ]}
          value={format}
          onChange={(v) => v && open(v as ExportFormat)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="export-format"
        />
        {snapshot && (
          <>
            <TextInput label={t('exportDialog.snapTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="export-title" />
            <TextInput label={t('exportDialog.caption')} value={caption} onChange={(e) => setCaption(e.currentTarget.value)} />
            {format === 'pdf' && (
              <>
                <Group grow>
                  <Select
                    label={t('exportDialog.paper')}
                    data={[
                      { value: 'a4', label: 'A4' },
                      { value: 'a3', label: 'A3' }
                    ]}
                    value={paper}
                    onChange={(v) => v && setPaper(v as PaperSize)}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="export-paper"
                  />
                  <SegmentedControl
                    aria-label={t('exportDialog.orientation')}
                    value={orientation}
                    onChange={(v) => setOrientation(v as Orientation)}
                    data={[
                      { value: 'landscape', label: t('exportDialog.landscape') },
                      { value: 'portrait', label: t('exportDialog.portrait') }
                    ]}
                    style={{ alignSelf: 'flex-end' }}
                    data-testid="export-orientation"
                  />
                </Group>
                <Text size="xs" c="dimmed">
                  {t('exportDialog.pdfNote')}
                </Text>
              </>
            )}
            {format === 'png' && (
              <Group grow>
                <Select label={t('exportDialog.scale')} data={['1', '2', '3', '4']} value={scale} onChange={(v) => v && setScale(v)} allowDeselect={false} comboboxProps={{ withinPortal: true }} data-testid="export-scale" />
                <Select
                  label={t('exportDialog.background')}
                  data={[
                    { value: 'white', label: t('exportDialog.white') },
                    { value: 'transparent', label: t('exportDialog.transparent') }
                  ]}
                  value={background}
                  onChange={(v) => v && setBackground(v as 'white' | 'transparent')}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                />
              </Group>
            )}
            <Checkbox
              label={t('exportDialog.spread')}
              description={t('exportDialog.spreadHint')}
              checked={spread}
              onChange={(e) => setSpread(e.currentTarget.checked)}
              data-testid="export-spread"
            />
            <Alert color={safe ? 'green' : 'yellow'} p={8}>
              {safe ? t('exportDialog.safeNote') : t('exportDialog.unsafeNote')}
            </Alert>
          </>
        )}
        {format === 'kg-json' && (
          <>
            <SegmentedControl
              value={scope}
              onChange={(v) => setScope(v as 'all' | 'visible')}
              data={[
                { value: 'all', label: `${t('exportDialog.scopeAll')} (${index.nodes.size})` },
                { value: 'visible', label: t('exportDialog.scopeVisible') }
              ]}
            />
            {scope === 'all' && (
              <>
                <Text size="xs" c="dimmed">
                  {t('exportDialog.backupCompleteHint')}
                </Text>
                <Checkbox
                  label={t('exportDialog.backupComplete')}
                  checked={complete}
                  onChange={(e) => setComplete(e.currentTarget.checked)}
                  data-testid="export-backup-complete"
                />
              </>
            )}
            <Checkbox
              label={t('exportDialog.backupGzip')}
              checked={gzip}
              onChange={(e) => setGzip(e.currentTarget.checked)}
              data-testid="export-backup-gzip"
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => open(null)}>
            {t('editor.cancel')}
          </Button>
          <Button onClick={() => void run()} loading={busy} data-testid="export-save">
            {t('exportDialog.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
