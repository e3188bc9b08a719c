import type { TFunction } from 'i18next'
import type { EdgeKind } from '../../domain/edge-kinds'
import type { NodeKind } from '../../domain/node-kinds'
import type { SnapshotFrame } from '../../graph-view/snapshot'

/** The date as a reader of the UI language writes it ("1 december 2026", "1 December 2026"). */
export function exportDate(language: string, date = new Date()): string {
  return date.toLocaleDateString(language, { day: 'numeric', month: 'long', year: 'numeric' })
}

/** Title band and legend of a snapshot, in the UI language. */
export function snapshotFrame(
  t: TFunction,
  language: string,
  input: { title: string; caption?: string; kinds: { nodes: NodeKind[]; edges: EdgeKind[] } }
): SnapshotFrame {
  return {
    title: input.title,
    ...(input.caption ? { caption: input.caption } : {}),
    date: exportDate(language),
    legend: {
      nodes: input.kinds.nodes.map((k) => ({ kind: k, label: t(`kindPlural.${k}`) })),
      edges: input.kinds.edges.map((k) => ({ kind: k, label: t(`edge.${k}`) })),
      markers: {
        singleVoice: t('exportDialog.legendSingleVoice'),
        contested: t('exportDialog.legendContested'),
        path: t('exportDialog.legendPath'),
        cluster: t('exportDialog.legendCluster')
      }
    }
  }
}
