import { Alert, Button, Checkbox, Group, List, Modal, Progress, Radio, ScrollArea, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useRef, useState } from 'react'
import i18next, { type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { errorMessage, isCancel } from '../../i18n/error-message'
import { issueMessage } from '../../i18n/issue-message'
import { dialogOf, useUiStore, type ImportReading as ImportReadingState } from '../../state/ui-store'
import { useApp } from '../services/AppContext'
import { EDGE_KINDS, type EdgeKind } from '../../domain/edge-kinds'
import { NODE_KINDS, type NodeKind } from '../../domain/node-kinds'
import { applyMapping, importInto, readImportAsync, type ImportIssue, type ImportPreview } from '../../exchange/import'
import { bridge, type FileBytes } from '../../platform/bridge'
import { layoutUnpositioned, type ImportLayoutResult } from './import-layout'

/** Shows the preview (or, with null, closes it). */
function setPreview(preview: ImportPreview | null): void {
  const ui = useUiStore.getState()
  if (preview) ui.openDialog({ type: 'importPreview', preview })
  else ui.closeDialog('importPreview')
}

/** Shown while a file is being read, with cancel. */
export function ImportReading(): React.JSX.Element | null {
  const { t } = useTranslation()
  const reading = useUiStore((s) => s.importReading)
  if (!reading) return null
  return (
    <Modal opened onClose={reading.cancel} title={t('importDialog.reading', { name: reading.name })} centered withCloseButton={false}>
      <Stack gap="sm" data-testid="import-reading">
        <ReadingProgress progress={reading.progress} />
        <Group justify="flex-end">
          <Button variant="default" onClick={reading.cancel}>
            {t('importDialog.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** The read's phase and percentage (an animated full bar while the size is unknown). */
function ReadingProgress({ progress }: { progress: ImportReadingState['progress'] }): React.JSX.Element {
  const { t } = useTranslation()
  const percent =
    progress?.phase === 'read' && progress.total > 0 ? Math.min(100, Math.floor((progress.read / progress.total) * 100)) : null
  const label = progress?.phase === 'check' ? t('importDialog.readingCheck') : percent !== null ? t('importDialog.readingRead', { percent }) : null
  return (
    <>
      <Progress value={percent ?? 100} animated={percent === null} aria-label={label ?? undefined} data-testid="import-reading-progress" />
      {label && (
        <Text size="sm" c="dimmed" data-testid="import-reading-phase">
          {label}
        </Text>
      )}
    </>
  )
}

/**
 * Picks a file (main's open dialog in the desktop app, a file input in the browser) and reads it into
 * a preview. A file that cannot be read gets a clear Dutch message and changes nothing.
 */
export async function startImport(
  existing: (id: string) => ReturnType<import('../../storage/graph-store').GraphStore['node']>,
  author: string,
  onError: (message: string) => void
): Promise<void> {
  let file
  try {
    file = await bridge.files.openFile({ kinds: ['kg-json', 'kg-json-gz', 'csv', 'zip', 'gexf', 'graphml', 'cyjs'] })
  } catch (err) {
    onError(errorMessage(i18next.t, err))
    return
  }
  if (!file) return
  await previewImport(file, existing, author, onError)
}

/**
 * Reads a file into the import preview (the user then chooses merge or replace). Used for a picked
 * file and for a file opened with the app (double-click on a `.kg.json`). The file is read as a
 * stream (in the worker for large files, with progress); it is released when the read ends.
 */
export async function previewImport(
  file: { name: string; data: Uint8Array | FileBytes; close?: () => void },
  existing: (id: string) => ReturnType<import('../../storage/graph-store').GraphStore['node']>,
  author: string,
  onError: (message: string) => void
): Promise<void> {
  const controller = new AbortController()
  const cancel = (): void => controller.abort()
  useUiStore.getState().setImportReading({ name: file.name, cancel })
  let r
  try {
    r = await readImportAsync(file.name, file.data, {
      existing,
      author,
      signal: controller.signal,
      onProgress: (progress) => {
        if (!controller.signal.aborted) useUiStore.getState().setImportReading({ name: file.name, cancel, progress })
      }
    })
  } catch (err) {
    // A cancel says so in the reader's own words; anything else through the one error classifier.
    onError(isCancel(err, controller.signal) && err instanceof Error ? err.message : errorMessage(i18next.t, err, { signal: controller.signal }))
    return
  } finally {
    useUiStore.getState().setImportReading(null)
    file.close?.()
  }
  if (!r.ok) {
    onError(r.issues.slice(0, 3).map((i) => describe(i18next.t, i)).join(' '))
    return
  }
  setPreview(r.value)
}

/** A problem in the UI language: its message, and where it is (line, record, field). */
function describe(t: TFunction, i: ImportIssue): string {
  const where = [
    i.line !== undefined ? t('importDialog.line', { n: i.line }) : '',
    i.recordId ? `record ${i.recordId}` : '',
    i.field ?? ''
  ]
    .filter(Boolean)
    .join(', ')
  const message = issueMessage(t, i)
  return where ? `${message} (${where})` : message
}

/** The import preview: counts, every problem, the mapping of foreign types, merge or replace. */
export function ImportDialog(): React.JSX.Element {
  const { t } = useTranslation()
  const { session, canvas } = useApp()
  const preview = useUiStore(dialogOf('importPreview'))?.preview ?? null
  const [mapping, setMapping] = useState<Record<string, NodeKind>>({})
  const [edgeMapping, setEdgeMapping] = useState<Record<string, EdgeKind>>({})
  const [mode, setMode] = useState<'merge' | 'replace'>('merge')
  /** While applying: laying out the nodes without a position (a fraction), then writing (records). */
  const [progress, setProgress] = useState<
    { phase: 'layout'; fraction: number } | { phase: 'write'; done: number; total: number } | null
  >(null)
  const [problems, setProblems] = useState<ImportIssue[] | null>(null)
  /** Why the last write failed (disk full, database closed, …); the dialog stays usable. */
  const [failure, setFailure] = useState<string | null>(null)
  const [dropLoops, setDropLoops] = useState(true)
  const abort = useRef<AbortController | null>(null)

  const close = (): void => {
    abort.current?.abort()
    setPreview(null)
    setMapping({})
    setEdgeMapping({})
    setProblems(null)
    setFailure(null)
    setDropLoops(true)
    setProgress(null)
  }
  if (!preview) return <Modal opened={false} onClose={close} />
  const shown = problems ?? preview.problems
  // The loop count is the suggested mapping's; a kind the user picks may forbid loops the suggestion
  // kept, so once they change a mapping every loop in the file is subject to the choice.
  const remapped = Object.keys(mapping).length > 0 || Object.keys(edgeMapping).length > 0
  const loopChoice = remapped ? preview.selfLoops.allowed + preview.selfLoops.forbidden : preview.selfLoops.forbidden

  const run = async (): Promise<void> => {
    setFailure(null)
    const mapped = applyMapping(preview, mapping, edgeMapping, { selfLoops: dropLoops ? 'drop' : 'keep' })
    if (!mapped.ok) {
      setProblems(mapped.issues as ImportIssue[])
      return
    }
    setProblems(null)
    const controller = new AbortController()
    abort.current = controller
    setProgress({ phase: 'layout', fraction: 0 })
    let r
    let placed: ImportLayoutResult | null = null
    try {
      // Nodes without a position are laid out first (in the layout worker), beside the map, and
      // written with their positions in the same write: the map already there does not move.
      placed = await layoutUnpositioned(mapped.value, mode, {
        store: session.repo.store,
        drawn: canvas?.current?.visiblePositions(),
        signal: controller.signal,
        onProgress: (p) => setProgress({ phase: 'layout', fraction: p.fraction })
      })
      setProgress({ phase: 'write', done: 0, total: 1 })
      // A .kg.json brings its views, presentations, map title and history along (H3: backups).
      r = await importInto(
        session.repo,
        mapped.value,
        mode,
        { signal: controller.signal, onProgress: (done, total) => setProgress({ phase: 'write', done, total }) },
        preview.document
      )
    } catch (error) {
      placed?.undo()
      // The write is one transaction: it failed as a whole, nothing is stored. Say why; keep the
      // dialog, its choices and the Apply button so the user can free space and try again.
      if (!controller.signal.aborted) setFailure(errorMessage(t, error, { signal: controller.signal }))
      return
    } finally {
      if (abort.current === controller) abort.current = null
      setProgress(null)
    }
    if (!r.ok) {
      placed.undo()
      setProblems(r.issues as ImportIssue[])
      return
    }
    const v = r.value
    // Show the whole map with what came in (the new nodes stand beside it).
    if (placed.placed > 0) requestAnimationFrame(() => canvas?.current?.fitVisible({ animate: true }))
    notifications.show({
      color: 'green',
      message:
        v.mode === 'merge'
          ? t('importDialog.doneMerge', { added: v.added ?? 0, updated: v.updated ?? 0, unchanged: v.unchanged ?? 0 })
          : t('importDialog.done', { nodes: v.nodes, edges: v.edges })
    })
    close()
  }

  return (
    <Modal opened onClose={close} title={t('importDialog.title', { name: preview.name })} size="lg">
      <Stack gap="sm" data-testid="import-preview">
        <Text size="sm">
          {t('importDialog.format', { format: preview.format })} ·{' '}
          <span data-testid="import-counts">
            {t('importDialog.counts', { nodes: preview.counts.nodes, edges: preview.counts.edges, annotations: preview.counts.annotations })}
          </span>
        </Text>
        <Group gap={6}>
          {NODE_KINDS.filter((k) => preview.counts.byKind[k]).map((k) => (
            <Text key={k} size="xs" c="dimmed">
              {t(`kindPlural.${k}`)}: {preview.counts.byKind[k]}
            </Text>
          ))}
        </Group>
        {shown.length > 0 && (
          <Alert color="red" title={t('importDialog.problems', { n: shown.length })} data-testid="import-problems">
            <ScrollArea.Autosize mah={160}>
              <List size="xs">
                {shown.slice(0, 50).map((p, i) => (
                  <List.Item key={i}>{describe(t, p)}</List.Item>
                ))}
              </List>
              {shown.length > 50 && <Text size="xs">{t('importDialog.more', { n: shown.length - 50 })}</Text>}
            </ScrollArea.Autosize>
          </Alert>
        )}
        {failure && (
          <Alert color="red" title={t('importDialog.failedTitle')} data-testid="import-failure">
            <Text size="sm">{failure}</Text>
          </Alert>
        )}
        {preview.notes.length > 0 && (
          <Alert color="yellow" title={t('importDialog.notes', { n: preview.notes.length })} data-testid="import-notes">
            <ScrollArea.Autosize mah={120}>
              <List size="xs">
                {preview.notes.slice(0, 50).map((p, i) => (
                  <List.Item key={i}>{describe(t, p)}</List.Item>
                ))}
              </List>
              {preview.notes.length > 50 && <Text size="xs">{t('importDialog.more', { n: preview.notes.length - 50 })}</Text>}
            </ScrollArea.Autosize>
          </Alert>
        )}
        {preview.selfLoops.allowed > 0 && (
          <Text size="xs" c="dimmed" data-testid="import-loops-kept">
            {t('importDialog.loopsKept', { n: preview.selfLoops.allowed })}
          </Text>
        )}
        {loopChoice > 0 && (
          <Checkbox
            checked={dropLoops}
            onChange={(e) => setDropLoops(e.currentTarget.checked)}
            label={t(remapped ? 'importDialog.dropLoopsRemapped' : 'importDialog.dropLoops', { n: loopChoice })}
            description={t('importDialog.dropLoopsHint')}
            data-testid="import-drop-loops"
          />
        )}
        <TypeMapping
          title={t('importDialog.mapping')}
          types={preview.unknownTypes}
          options={NODE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          chosen={mapping}
          onChange={(type, v) => setMapping({ ...mapping, [type]: v as NodeKind })}
        />
        <TypeMapping
          title={t('importDialog.edgeMapping')}
          types={preview.unknownEdgeTypes}
          options={EDGE_KINDS.map((k) => ({ value: k, label: t(`edge.${k}`) }))}
          chosen={edgeMapping}
          onChange={(type, v) => setEdgeMapping({ ...edgeMapping, [type]: v as EdgeKind })}
        />
        <Radio.Group label={t('importDialog.mode')} value={mode} onChange={(v) => setMode(v as 'merge' | 'replace')}>
          <Stack gap={4} mt={4}>
            <Radio value="merge" label={t('importDialog.merge')} data-testid="import-merge" />
            <Radio
              value="replace"
              label={t('importDialog.replace')}
              description={
                <Text span size="xs" fw={600} data-testid="import-replace-warning">
                  ⚠ {t('importDialog.replaceWarning')}
                </Text>
              }
              data-testid="import-replace"
            />
          </Stack>
        </Radio.Group>
        {progress?.phase === 'layout' && (
          <Stack gap={2} data-testid="import-layout-progress">
            <Text size="xs">{t('importDialog.layoutProgress', { percent: Math.round(100 * progress.fraction) })}</Text>
            <Progress value={100 * progress.fraction} animated />
          </Stack>
        )}
        {progress?.phase === 'write' && (
          <Stack gap={2}>
            <Text size="xs">{t('importDialog.progress', progress)}</Text>
            <Progress value={(100 * progress.done) / Math.max(1, progress.total)} />
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {progress ? t('importDialog.cancel') : t('editor.cancel')}
          </Button>
          <Button onClick={() => void run()} disabled={!!progress} data-testid="import-apply">
            {t('importDialog.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** One row per foreign type in the file: how often it occurs and the app kind it maps to. */
function TypeMapping({
  title,
  types,
  options,
  chosen,
  onChange
}: {
  title: string
  types: readonly { type: string; count: number; suggested: string }[]
  options: { value: string; label: string }[]
  chosen: Readonly<Record<string, string>>
  onChange: (type: string, value: string) => void
}): React.JSX.Element | null {
  const { t } = useTranslation()
  if (types.length === 0) return null
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {types.map((u) => (
        <Group key={u.type} gap="xs" wrap="nowrap">
          <Text size="sm" w={220} truncate>
            {u.type ? t('importDialog.typeCount', { type: u.type, n: u.count }) : `${t('importDialog.noType')} (${u.count}×)`}
          </Text>
          <Select
            size="xs"
            data={options}
            value={chosen[u.type] ?? u.suggested}
            onChange={(v) => v && onChange(u.type, v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            aria-label={`${title}: ${u.type || t('importDialog.noType')}`}
            data-testid="import-map"
          />
        </Group>
      ))}
    </Stack>
  )
}
