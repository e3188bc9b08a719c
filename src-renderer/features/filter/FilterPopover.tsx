import { Badge, Button, Group, MultiSelect, Popover, SegmentedControl, Stack, Switch } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { FACETS } from '../../domain/facets'
import { NODE_KINDS } from '../../domain/node-kinds'
import { activeFilterCount, type GraphFilter } from '../../graph-view/view-filter'
import { useUiStore } from '../../state/ui-store'
import { useView } from '../canvas/view-context'

type ListKey = 'kinds' | 'actorTypes' | 'phases' | 'participationLevels' | 'statuses'
const FACET_OF: Record<ListKey, keyof typeof FACETS | 'kind'> = {
  kinds: 'kind',
  actorTypes: 'actorType',
  phases: 'phase',
  participationLevels: 'participationLevel',
  statuses: 'status'
}

/** The filter: by kind, actor type, phase, participation level, status and tag; fade or hide. */
export function FilterPopover(): React.JSX.Element {
  const { t } = useTranslation()
  const filter = useUiStore((s) => s.filter)
  const setFilter = useUiStore((s) => s.setFilter)
  const { index } = useView()
  const tags = useMemo(() => {
    const all = new Set<string>()
    for (const n of index.nodes.values()) n.tags.forEach((tag) => all.add(tag))
    return [...all].sort((a, b) => a.localeCompare(b, 'nl'))
  }, [index])
  const count = activeFilterCount(filter)
  const options = (key: ListKey): { value: string; label: string }[] => {
    const facet = FACET_OF[key]
    const values: readonly string[] = facet === 'kind' ? NODE_KINDS : FACETS[facet]
    return values.map((v) => ({ value: v, label: facet === 'kind' ? t(`kindPlural.${v}`) : t(`facet.${facet}.${v}`) }))
  }
  return (
    <Popover position="bottom-start" width={340} withinPortal trapFocus shadow="md">
      <Popover.Target>
        <Button size="xs" variant={count ? 'filled' : 'default'} data-testid="filter-button">
          {t('toolbar.filter')} {count > 0 && <Badge size="xs" ml={4} color="white" c="red">{count}</Badge>} ▾
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="filter-panel">
        <Stack gap="xs">
          {(Object.keys(FACET_OF) as ListKey[]).map((key) => (
            <MultiSelect
              key={key}
              size="xs"
              label={t(`filter.${key}`)}
              placeholder={t('filter.pick')}
              data={options(key)}
              value={filter[key] as string[]}
              onChange={(v) => setFilter({ [key]: v } as Partial<GraphFilter>)}
              clearable
              comboboxProps={{ withinPortal: false }}
              data-testid={`filter-${key}`}
            />
          ))}
          <MultiSelect
            size="xs"
            label={t('filter.tags')}
            placeholder={t('filter.pick')}
            data={tags}
            value={filter.tags}
            onChange={(v) => setFilter({ tags: v })}
            searchable
            clearable
            comboboxProps={{ withinPortal: false }}
          />
          <Switch
            size="xs"
            label={t('filter.hideIllustrative')}
            checked={filter.hideIllustrative}
            onChange={(e) => setFilter({ hideIllustrative: e.currentTarget.checked })}
            data-testid="filter-hide-illustrative"
          />
          <Switch
            size="xs"
            label={t('filter.contestedOnly')}
            checked={filter.contestedOnly}
            onChange={(e) => setFilter({ contestedOnly: e.currentTarget.checked })}
            data-testid="filter-contested"
          />
          <Group gap="xs" justify="space-between">
            <SegmentedControl
              size="xs"
              aria-label={t('filter.mode')}
              value={filter.mode}
              onChange={(v) => setFilter({ mode: v as 'fade' | 'hide' })}
              data={[
                { value: 'fade', label: t('filter.fade') },
                { value: 'hide', label: t('filter.hide') }
              ]}
              data-testid="filter-mode"
            />
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
