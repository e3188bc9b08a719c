/**
 * Where the UI puts a node it creates (the node form, the interview workbench): at the free spot
 * nearest to its anchor, the node it connects to or the point the user clicked, so that it never
 * lands on top of another node (domain/queries/placement.ts). The spot is stored with the node, so
 * the canvas never has to guess a place for it.
 */
import type { CyController } from '../../graph-view/cy-controller'
import { nodeExtent } from '../../graph-view/node-boxes'
import { BoxIndex, boxAt, placeMany, type Box } from '../../domain/queries/placement'
import type { NodeKind, Position } from '../../domain/node-kinds'
import type { GraphStore } from '../../storage/graph-store'

/**
 * The boxes every live node of the map takes: at its stored position, or where the canvas drew it
 * when it has none (a node from before positions were stored at creation).
 */
export function takenBoxes(store: GraphStore, canvas: CyController | null): BoxIndex {
  const drawn = canvas?.visiblePositions()
  const boxes: Box[] = []
  for (const n of store.liveNodes()) {
    const at = n.position ?? drawn?.get(n.id)
    if (at) boxes.push(boxAt(at, nodeExtent(n.kind, n.title)))
  }
  return new BoxIndex(boxes)
}

/** Where node `id` is: its stored position, else where the canvas drew it. */
export function positionOf(id: string, store: GraphStore, canvas: CyController | null): Position | undefined {
  return store.node(id)?.position ?? canvas?.visiblePositions().get(id)
}

/** A node to place: its kind and title (for its size) and where it belongs. */
export interface NewNode {
  kind: NodeKind
  title: string
  /** The node it connects to, the clicked point, or the centre of the view. */
  anchor: Position
}

/**
 * Free spots for new nodes, in order, none on top of the map's nodes or of each other; each as
 * near its anchor as the room around it allows.
 */
export function spotsForNew(
  nodes: readonly NewNode[],
  store: GraphStore,
  canvas: CyController | null
): Position[] {
  return placeMany(
    nodes.map((n) => ({ anchor: n.anchor, extent: nodeExtent(n.kind, n.title) })),
    takenBoxes(store, canvas)
  )
}

/** Where a new node goes when nothing says otherwise: the centre of the view, or the origin. */
export function defaultAnchor(canvas: CyController | null): Position {
  return canvas?.viewportCentre() ?? { x: 0, y: 0 }
}
