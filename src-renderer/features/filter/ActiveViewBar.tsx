import { Badge, Button, Group, SegmentedControl, Select, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { OVERVIEW_CAP, OVERVIEW_NODES } from '../../graph-view/cy-controller'
import { activeFilterCount, isFilterActive } from '../../graph-view/view-filter'
import { useUiStore } from '../../state/ui-store'
import { useShownNode } from '../hooks/useDisplay'
import { useView } from '../canvas/view-context'

/**
 * Always-visible strip over the canvas: the lens switch, what is active (filter, focus) with a
 * one-click clear, and how much of the map is visible.
 */
export function ActiveViewBar(): React.JSX.Element {
  const { t } = useTranslation()
  const { index, view } = useView()
  const filter = useUiStore((s) => s.filter)
  const clearFilter = useUiStore((s) => s.clearFilter)
  const focus = useUiStore((s) => s.focus)
  const setFocus = useUiStore((s) => s.setFocus)
  const lens = useUiStore((s) => s.lens)
  const setLens = useUiStore((s) => s.setLens)
  const centrality = useUiStore((s) => s.centrality)
  const setCentrality = useUiStore((s) => s.setCentrality)
  const display = useUiStore((s) => s.display)
  const searchMatches = useUiStore((s) => s.searchMatches)
  const setSearchMatches = useUiStore((s) => s.setSearchMatches)
  const setDisplay = useUiStore((s) => s.setDisplay)
  const viewPositions = useUiStore((s) => s.viewPositions)
  const setViewPositions = useUiStore((s) => s.setViewPositions)
  const focusTitle = useShownNode(focus?.seedIds[0])?.title ?? ''
  const clusters = view.clusterOf ? new Set(view.clusterOf.values()).size : 0
  return (
    <Group className="kg-viewbar" gap="xs" wrap="wrap" data-testid="view-bar">
      <SegmentedControl
        size="xs"
        value={lens}
        onChange={(v) => setLens(v as typeof lens)}
        data={[
          { value: 'all', label: t('lens.all') },
          { value: 'lessonMap', label: t('lens.lessonMap') },
          { value: 'tensions', label: t('lens.tensions') }
        ]}
        data-testid="lens"
      />
      {lens === 'lessonMap' && (
        <>
          <Select
            size="xs"
            w={170}
            aria-label={t('lens.centrality')}
            value={centrality}
            onChange={(v) => v && setCentrality(v as typeof centrality)}
            data={[
              { value: 'degree', label: `${t('lens.centrality')}: ${t('lens.degree')}` },
              { value: 'betweenness', label: `${t('lens.centrality')}: ${t('lens.betweenness')}` }
            ]}
            allowDeselect={false}
          />
          <Badge variant="light" data-testid="cluster-count">
            {t('lens.clusters', { count: clusters })}
          </Badge>
        </>
      )}
      {isFilterActive(filter) && (
        <ClearableChip
          color="red"
          onClear={clearFilter}
          clearLabel={t('filter.clear')}
          clearTestId="filter-clear"
          testId="filter-active"
        >
          {t('filter.active', { n: activeFilterCount(filter) })}
        </ClearableChip>
      )}
      {searchMatches && (
        <ClearableChip
          color="yellow"
          dark
          onClear={() => setSearchMatches(null)}
          clearLabel={t('search.clearShowAll')}
          clearTestId="search-clear"
          testId="search-active"
        >
          {t('search.matches', { n: searchMatches.ids.length })}: {searchMatches.query}
        </ClearableChip>
      )}
      {viewPositions && (
        <ClearableChip
          color="grape"
          onClear={() => setViewPositions(null)}
          clearLabel={t('views.positionsClear')}
          clearTestId="view-positions-clear"
          testId="view-positions"
        >
          {t('views.positions', { name: viewPositions.viewName.slice(0, 40) })}
        </ClearableChip>
      )}
      {focus && (
        <ClearableChip
          color="dark"
          onClear={() => setFocus(null)}
          clearLabel={t('focusBar.clear')}
          clearTestId="focus-clear"
          testId="focus-active"
        >
          {t('focusBar.label', { title: focusTitle.slice(0, 40), depth: focus.depth })}
        </ClearableChip>
      )}
      <Text size="xs" c="dimmed" data-testid="visible-count">
        {t('filter.visible', { nodes: view.shownNodes, count: index.nodes.size })}
      </Text>
      {index.nodes.size > OVERVIEW_NODES && view.visibleNodes > OVERVIEW_CAP && (
        <Badge
          color="yellow"
          variant="light"
          data-testid="overview-note"
          style={{ textTransform: 'none' }}
        >
          {t('filter.overview', {
            cap: OVERVIEW_CAP.toLocaleString(),
            total: index.nodes.size.toLocaleString()
          })}
        </Badge>
      )}
      <SegmentedControl
        ml="auto"
        size="xs"
        value={display}
        onChange={(v) => setDisplay(v as typeof display)}
        data={[
          { value: 'canvas', label: t('display.canvas') },
          { value: 'list', label: t('display.list') }
        ]}
        data-testid="display-toggle"
      />
      {(isFilterActive(filter) || focus || lens !== 'all') && (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            clearFilter()
            setFocus(null)
            setLens('all')
          }}
        >
          {t('focusBar.clear')}
        </Button>
      )}
    </Group>
  )
}

/** A filled badge for an active constraint, with a × that clears it. */
function ClearableChip({
  color,
  dark = false,
  onClear,
  clearLabel,
  clearTestId,
  testId,
  children
}: {
  color: string
  dark?: boolean
  onClear: () => void
  clearLabel: string
  clearTestId: string
  testId: string
  children: React.ReactNode
}): React.JSX.Element {
  return (
    <Badge
      color={color}
      variant="filled"
      {...(dark ? { c: 'dark' } : {})}
      rightSection={
        <button
          type="button"
          className="kg-chip-x"
          onClick={onClear}
          aria-label={clearLabel}
          data-testid={clearTestId}
        >
          ×
        </button>
      }
      data-testid={testId}
    >
      {children}
    </Badge>
  )
}
