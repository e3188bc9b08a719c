import { notifications } from '@mantine/notifications'
import type { TFunction } from 'i18next'
import type { CyController } from '../../graph-view/cy-controller'
import type { GraphRepository } from '../../storage/repositories/graph-repository'
import type { ConfirmRequest } from '../confirm/ConfirmDialog'
import { useUiStore } from '../../state/ui-store'
import { reportWrite } from '../services/report-write'
import type { NodeKind, Position } from '../../domain/node-kinds'
import { positionOf } from './new-node-spot'

/** The centre of the visible canvas in model coordinates, where a new node goes. */
export function viewportCentre(canvas: CyController | null): Position | undefined {
  return canvas?.viewportCentre()
}

/**
 * Opens the form for a new node. It is saved at the free spot nearest `position` (the clicked
 * point), or the centre of the view, never on top of another node (NodeForm, new-node-spot.ts).
 */
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

/** The kind a new node connected to a node of `kind` most often has (the form lets the user change it). */
const NEXT_KIND: Readonly<Record<NodeKind, NodeKind>> = {
  actor: 'interview',
  interview: 'quote',
  quote: 'lesson',
  lesson: 'ingredient',
  ingredient: 'project',
  project: 'lesson',
  theme: 'lesson'
}

/**
 * Opens the form for a new node connected to `fromId`: saved next to that node (the free spot
 * nearest it), then the edge form opens from `fromId` to the new node to choose how they connect.
 */
export function newConnectedNode(fromId: string, repo: GraphRepository, canvas: CyController | null): void {
  const from = repo.store.node(fromId)
  if (!from) return
  const at = positionOf(fromId, repo.store, canvas)
  useUiStore.getState().openDialog({
    type: 'nodeForm',
    request: {
      kind: NEXT_KIND[from.kind] ?? 'lesson',
      ...(at ? { position: at } : {}),
      onSaved: (n) => {
        useUiStore.getState().select({ id: n.id, group: 'nodes' })
        useUiStore.getState().openDialog({ type: 'edgeForm', request: { sourceId: fromId, targetId: n.id } })
      }
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
