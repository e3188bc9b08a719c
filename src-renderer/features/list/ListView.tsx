import { Group, SegmentedControl, Text, UnstyledButton } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUiStore } from '../../state/ui-store'
import { useDisplayName } from '../hooks/useDisplay'
import { useView } from '../canvas/view-context'
import { NodeSwatch } from '../sidebar/swatches'

interface Column<Row> {
  key: string
  label: string
  value: (row: Row) => string | number
  width: string
}

/**
 * The accessible mirror of the canvas: a sortable, virtualised table of the nodes or edges that the
 * current filter, focus and lens show. Row counts equal the canvas's visible counts.
 */
export function ListView(): React.JSX.Element {
  const { t } = useTranslation()
  const [tab, setTab] = useState<'nodes' | 'edges'>('nodes')
  return (
    <div className="kg-list" data-testid="list-view">
      <Group p="xs" gap="xs">
        <SegmentedControl
          size="xs"
          value={tab}
          onChange={(v) => setTab(v as 'nodes' | 'edges')}
          data={[
            { value: 'nodes', label: t('display.nodes') },
            { value: 'edges', label: t('display.edges') }
          ]}
          data-testid="list-tab"
        />
      </Group>
      {tab === 'nodes' ? <NodeTable /> : <EdgeTable />}
    </div>
  )
}

function useShown(): { nodeIds: string[]; edgeIds: string[] } {
  const { index, view } = useView()
  return useMemo(() => {
    const shown = (id: string): boolean => !view.hidden.has(id) && !view.faded.has(id)
    return {
      nodeIds: [...index.nodes.keys()].filter(shown),
      edgeIds: [...index.edges.keys()].filter(shown)
    }
  }, [index, view])
}

function NodeTable(): React.JSX.Element {
  const { t } = useTranslation()
  const { index } = useView()
  const { nodeIds } = useShown()
  const degree = useMemo(() => {
    const d = new Map<string, number>()
    for (const [id, inc] of index.incident) d.set(id, inc.length)
    return d
  }, [index])
  const rows = useMemo(() => nodeIds.map((id) => index.nodes.get(id as never)!), [nodeIds, index])
  const nameOf = useDisplayName()
  type Row = (typeof rows)[number]
  const columns: Column<Row>[] = [
    { key: 'title', label: t('display.title'), value: (n) => nameOf(n), width: '50%' },
    { key: 'kind', label: t('display.kind'), value: (n) => t(`kind.${n.kind}`), width: '18%' },
    { key: 'status', label: t('display.status'), value: (n) => t(`facet.status.${n.status}`), width: '18%' },
    { key: 'degree', label: t('display.degree'), value: (n) => degree.get(n.id) ?? 0, width: '14%' }
  ]
  return <VirtualTable rows={rows} columns={columns} rowId={(n) => n.id} group="nodes" icon={(n) => <NodeSwatch kind={n.kind} />} />
}

function EdgeTable(): React.JSX.Element {
  const { t } = useTranslation()
  const { index } = useView()
  const { edgeIds } = useShown()
  const rows = useMemo(() => edgeIds.map((id) => index.edges.get(id as never)!), [edgeIds, index])
  type Row = (typeof rows)[number]
  const nameOf = useDisplayName()
  const title = (id: string): string => {
    const n = index.nodes.get(id as never)
    return n ? nameOf(n) : id
  }
  const columns: Column<Row>[] = [
    { key: 'from', label: t('display.from'), value: (e) => title(e.source), width: '36%' },
    { key: 'kind', label: t('display.edgeKind'), value: (e) => e.label || t(`edge.${e.kind}`), width: '20%' },
    { key: 'to', label: t('display.to'), value: (e) => title(e.target), width: '30%' },
    { key: 'status', label: t('display.status'), value: (e) => t(`facet.status.${e.status}`), width: '14%' }
  ]
  return <VirtualTable rows={rows} columns={columns} rowId={(e) => e.id} group="edges" />
}

function VirtualTable<Row>({
  rows,
  columns,
  rowId,
  group,
  icon
}: {
  rows: Row[]
  columns: Column<Row>[]
  rowId: (r: Row) => string
  group: 'nodes' | 'edges'
  icon?: (r: Row) => React.ReactNode
}): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: columns[0]!.key, dir: 1 })
  const selection = useUiStore((s) => s.selection)
  const select = useUiStore((s) => s.select)
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort.key) ?? columns[0]!
    const collator = new Intl.Collator(i18n.language, { numeric: true, sensitivity: 'base' })
    const keyed = rows.map((r) => [col.value(r), r] as const)
    keyed.sort(([a], [b]) =>
      sort.dir * (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)))
    )
    return keyed.map(([, r]) => r)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sort, i18n.language])
  const parent = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => parent.current, estimateSize: () => 30, overscan: 12 })
  return (
    <div className="kg-table" role="table" aria-rowcount={sorted.length + 1} data-testid={`list-${group}`}>
      <div role="row" className="kg-table-head">
        {columns.map((c) => (
          <UnstyledButton
            key={c.key}
            role="columnheader"
            aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
            style={{ width: c.width }}
            className="kg-table-cell"
            onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? ((-s.dir) as 1 | -1) : 1 }))}
            data-testid={`sort-${c.key}`}
          >
            <Text size="xs" fw={700}>
              {c.label} {sort.key === c.key ? (sort.dir === 1 ? '▲' : '▼') : ''}
            </Text>
          </UnstyledButton>
        ))}
      </div>
      <Text size="xs" c="dimmed" px="xs" data-testid="list-count">
        {t('display.count', { count: sorted.length })}
      </Text>
      <div ref={parent} className="kg-table-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = sorted[v.index]!
            const id = rowId(row)
            return (
              <div
                key={id}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={selection?.id === id}
                tabIndex={0}
                className={`kg-table-row${selection?.id === id ? ' is-selected' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, height: v.size }}
                onClick={() => select({ id, group })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') select({ id, group })
                }}
                data-testid="list-row"
              >
                {columns.map((c, i) => {
                  const text = String(c.value(row))
                  // Cut with an ellipsis inside its column; the full text shows on hover.
                  return (
                    <div key={c.key} role="cell" style={{ width: c.width }} className="kg-table-cell" title={text}>
                      {i === 0 && icon?.(row)}
                      <span className="kg-table-text">{text}</span>
                    </div>
                  )
                })}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
