import nl from '../i18n/nl.json'
import type { EdgeKind } from './edge-kinds'
import type { NodeKind } from './node-kinds'

/** Dutch kind labels for validation messages (the domain speaks Dutch to users; the UI uses i18n). */
export const nodeKindLabelNl = (kind: NodeKind): string => nl.kind[kind]
export const edgeKindLabelNl = (kind: EdgeKind): string => nl.edge[kind]
