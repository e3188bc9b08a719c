import { notifications } from '@mantine/notifications'
import type { TFunction } from 'i18next'
import type { CyController } from '../../graph-view/cy-controller'
import type { GraphRepository } from '../../storage/repositories/graph-repository'
import type { ConfirmRequest } from '../confirm/ConfirmDialog'
import { useUiStore } from '../../state/ui-store'
import { reportWrite } from '../services/report-write'
import type { NodeKind, Position } from '../../domain/node-kinds'

/** The centre of the visible canvas in model coordinates, where a new node goes. */
export function viewportCentre(canvas: CyController | null): Position | undefined {
  return canvas?.viewportCentre()
}

/** Opens the form for a new node, placed at `position` or the centre of the view. */
export function newNode(kind: NodeKind, canvas: CyController | null, position?: Position): void {
  const at = position ?? viewportCentre(canvas)
  useUiStore.getState().openDialog({
    type: 'nodeForm',
    request: {
      kind,
      ...(at ? { position: at } : {}),
      onSaved: (n) => useUiStore.getState().select({ id: n.id, group: 'nodes' })
    }
  })
}

/** Opens the edit form for a node, or the edge form's evidence for an edge. */
export function editSelected(repo: GraphRepository): void {
  const sel = useUiStore.getState().selection
  if (!sel || sel.group !== 'nodes') return
  const node = repo.store.node(sel.id)
  if (node)
    useUiStore.getState().openDialog({ type: 'nodeForm', request: { kind: node.kind, node } })
}

/**
 * Deletes the selected node or edge after a confirmation that says what goes with it. The delete is
 * one change: Ctrl+Z brings everything back.
 */
export async function deleteSelected(
  repo: GraphRepository,
  confirm: (req: ConfirmRequest) => Promise<boolean>,
  t: TFunction,
  /** How the node is named in the question (the display projection's label). */
  labelOf: (id: string) => string
): Promise<void> {
  const sel = useUiStore.getState().selection
  if (!sel) return
  if (sel.group === 'nodes') {
    const node = repo.store.node(sel.id)
    if (!node) return
    const edges = repo.store.liveEdges().filter((e) => e.source === node.id || e.target === node.id)
    const edgeIds = new Set<string>(edges.map((e) => e.id))
    const annotations = repo.store
      .liveAnnotations()
      .filter((a) => a.targetId === node.id || edgeIds.has(a.targetId)).length
    const ok = await confirm({
      title: t('editor.deleteTitle', { kind: t(`kind.${node.kind}`) }),
      body: t('editor.deleteBody', { title: labelOf(node.id), edges: edges.length, annotations }),
      confirmLabel: t('editor.delete'),
      danger: true
    })
    if (!ok) return
    const r = await reportWrite(t, repo.deleteNode(node.id))
    if (r?.ok) {
      useUiStore.getState().select(null)
      notifications.show({ message: t('editor.deleted') })
    }
    return
  }
  const edge = repo.store.edge(sel.id)
  if (!edge) return
  const annotations = repo.store.liveAnnotations().filter((a) => a.targetId === edge.id).length
  const ok = await confirm({
    title: t('editor.deleteTitle', { kind: t('inspector.edgeTitle') }),
    body: t('editor.deleteBody', { title: t(`edge.${edge.kind}`), edges: 0, annotations }),
    confirmLabel: t('editor.delete'),
    danger: true
  })
  if (!ok) return
  const r = await reportWrite(t, repo.deleteEdge(edge.id))
  if (r?.ok) {
    useUiStore.getState().select(null)
    notifications.show({ message: t('editor.deleted') })
  }
}
