import type { NodeKind } from '../../domain/node-kinds'
import { NODE_STYLES, type EDGE_STYLES } from '../../graph-view/stylesheet'

const CLIP: Record<string, string | undefined> = {
  ellipse: 'circle(50%)',
  'round-diamond': 'polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  'round-hexagon': 'polygon(25% 5%, 75% 5%, 100% 50%, 75% 95%, 25% 95%, 0 50%)',
  'round-octagon': 'polygon(30% 0, 70% 0, 100% 30%, 100% 70%, 70% 100%, 30% 100%, 0 70%, 0 30%)',
  'round-tag': 'polygon(0 0, 70% 0, 100% 50%, 70% 100%, 0 100%)'
}

/** A node kind's colour and shape, as in the canvas. */
export function NodeSwatch({ kind }: { kind: NodeKind }): React.JSX.Element {
  const s = NODE_STYLES[kind]
  return (
    <span
      className="kg-swatch"
      data-shape={s.shape}
      style={{ background: s.color, clipPath: CLIP[s.shape], borderRadius: s.shape === 'round-rectangle' ? 3 : 0 }}
      aria-hidden
    />
  )
}

/** An edge kind's colour, dash and arrow, as in the canvas. */
export function EdgeSwatch({ style }: { style: (typeof EDGE_STYLES)[keyof typeof EDGE_STYLES] }): React.JSX.Element {
  const dash = style.line === 'dashed' ? '5 3' : style.line === 'dotted' ? '1.5 2.5' : undefined
  return (
    <svg width="34" height="12" aria-hidden className="kg-edge-swatch">
      <line x1="1" y1="6" x2="26" y2="6" stroke={style.color} strokeWidth={Math.min(style.width, 3.5)} strokeDasharray={dash} />
      {style.arrow === 'tee' && <line x1="28" y1="1" x2="28" y2="11" stroke={style.color} strokeWidth="3" />}
      {(style.arrow === 'triangle' || style.arrow === 'vee') && <polygon points="25,1 33,6 25,11" fill={style.color} />}
      {style.arrow === 'circle' && <circle cx="29" cy="6" r="4" fill={style.color} />}
      {(style.arrow === 'diamond' || style.arrow === 'square') && (
        <polygon points={style.arrow === 'diamond' ? '25,6 29,2 33,6 29,10' : '25,2 33,2 33,10 25,10'} fill={style.color} />
      )}
    </svg>
  )
}
