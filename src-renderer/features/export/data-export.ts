/**
 * Data exports (CSV for Excel and Kumu, GEXF, GraphML, Cytoscape JSON): the map as it may be shown
 * (display projection), and only what is shown when a filter, focus or lens narrows it.
 */
import type { FileKind } from '../../../src-main/shared/ipc-contract'
import { EXPORT_EXTENSIONS, exportGraph } from '../../exchange/export/data-export'
import { bridge } from '../../platform/bridge'
import { graphToExport } from '../../state/export-graph'
import type { CommandContext } from '../commands/context'
import type { DataExportKey } from '../commands/ids'

type ExportFormat = Parameters<typeof exportGraph>[1]

export const DATA_EXPORTS: Record<
  DataExportKey,
  { format: ExportFormat; kind: FileKind; delimiter?: ',' | ';' }
> = {
  csv: { format: 'csv-zip', kind: 'zip' },
  csvComma: { format: 'csv-zip', kind: 'zip', delimiter: ',' },
  gexf: { format: 'gexf', kind: 'gexf' },
  graphml: { format: 'graphml', kind: 'graphml' },
  cyjs: { format: 'cyjs', kind: 'cyjs' }
}

/** Whether the map shows less than all of it right now (then data exports write only that). */
export function mapIsNarrowed(ctx: CommandContext): boolean {
  const current = ctx.view.current
  return current !== null && current.view.shownNodes < current.index.nodes.size
}

export async function exportData(ctx: CommandContext, key: DataExportKey): Promise<void> {
  const d = DATA_EXPORTS[key]
  const base = `stadmaken-kennisgraaf-${new Date().toISOString().slice(0, 10)}`
  const view = ctx.view.current?.view
  const graph = graphToExport(ctx.repo.store, ctx.display, {
    purpose: 'shown',
    ...(view && mapIsNarrowed(ctx)
      ? { isShown: (id: string) => !view.hidden.has(id) && !view.faded.has(id) }
      : {})
  })
  const data = exportGraph(graph, d.format, {
    baseName: base,
    ...(d.delimiter ? { delimiter: d.delimiter } : {})
  })
  const r = await bridge.files.saveFile({
    suggestedName: `${base}${EXPORT_EXTENSIONS[d.format]}`,
    kind: d.kind,
    data
  })
  if (r.saved) ctx.notify.ok(ctx.t('exportDialog.saved', { name: r.name }))
  else if (r.reason === 'error')
    ctx.notify.error(ctx.t('exportDialog.failed', { message: '' }), r.message ?? '')
}
