import { useMemo } from 'react'
import { displayName, hiddenNames, interviewOrdinals } from '../../domain/consent'
import type { GraphNode } from '../../domain/node-kinds'
import type { GraphStore } from '../../storage/graph-store'
import { useUiStore } from '../../state/ui-store'
import { useGraphVersion } from './useGraph'

/**
 * How a node is named on screen under the consent rules: pseudonymised persons by their role, and
 * with "presentation-safe" on, nobody who did not consent by name (also inside other titles).
 */
export function useDisplayName(store: GraphStore): (node: GraphNode) => string {
  const version = useGraphVersion(store)
  const presentationSafe = useUiStore((s) => s.presentationSafe)
  return useMemo(() => {
    const nodes = store.liveNodes()
    const hidden = hiddenNames(nodes, { presentationSafe })
    const ordinals = interviewOrdinals(nodes)
    return (node: GraphNode) => {
      const ordinal = ordinals.get(node.id)
      return displayName(node, { presentationSafe, hidden, ...(ordinal !== undefined ? { ordinal } : {}) })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, version, presentationSafe])
}
