import { Button, Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { isSearchAbort, type SearchClient } from '../../search/search-client'
import { groupByKind, type SearchResult } from '../../search/search-index'
import { useUiStore } from '../../state/ui-store'
import { NodeSwatch } from '../sidebar/swatches'

/** Marks the highlighted ranges of a text. */
function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }): React.JSX.Element {
  const parts: React.ReactNode[] = []
  let at = 0
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue
    if (s > at) parts.push(text.slice(at, s))
    parts.push(<mark key={s}>{text.slice(s, e)}</mark>)
    at = e
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}

/**
 * The search palette (Ctrl+K): fuzzy, diacritics-insensitive search over every node, results grouped
 * by kind with highlighted snippets. Enter jumps to a node; "show all" highlights every match.
 */
export function SearchPalette({ client }: { client: SearchClient }): React.JSX.Element {
  const { t } = useTranslation()
  const { canvas } = useApp()
  const open = useUiStore((s) => s.searchOpen)
  const setOpen = useUiStore((s) => s.setSearchOpen)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<SearchResult[]>([])
  const [active, setActive] = useState(0)
  const listRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!query.trim()) {
      setResults([])
      return
    }
    let live = true
    client.search(query, { limit: 50 }).then(
      (r) => {
        if (live) {
          setResults(r)
          setActive(0)
        }
      },
      (err: unknown) => {
        if (!isSearchAbort(err)) throw err
      }
    )
    return () => {
      live = false
    }
  }, [query, client])

  const groups = useMemo(() => groupByKind(results), [results])
  const flat = useMemo(() => groups.flatMap((g) => g.results), [groups])

  const jump = (r: SearchResult): void => {
    const ui = useUiStore.getState()
    ui.select({ id: r.id, group: 'nodes' })
    ui.setSearchOpen(false)
    if (ui.display !== 'canvas') ui.setDisplay('canvas')
    setTimeout(() => canvas.current?.centerOn(r.id), 0)
  }
  const showAll = (): void => {
    const ui = useUiStore.getState()
    ui.setSearchMatches({ query, ids: results.map((r) => r.id) })
    ui.setSearchOpen(false)
    setTimeout(() => canvas.current?.fitVisible(), 0)
  }

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((a) => Math.min(a + 1, flat.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' && flat[active]) {
      e.preventDefault()
      if (e.altKey) showAll()
      else jump(flat[active])
    }
  }
  useEffect(() => {
    listRef.current?.querySelector('[data-active="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [active])

  let n = -1
  return (
    <Modal opened={open} onClose={() => setOpen(false)} size="xl" withCloseButton={false} padding="sm" yOffset="8vh" title={null}>
      <TextInput
        aria-label={t('search.title')}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        data-autofocus
        data-testid="search-input"
        size="md"
      />
      {query.trim() && results.length === 0 && (
        <Text size="sm" c="dimmed" mt="sm" data-testid="search-none">
          {t('search.none', { q: query })}
        </Text>
      )}
      {!query.trim() && (
        <Text size="xs" c="dimmed" mt="sm">
          {t('search.hint')}
        </Text>
      )}
      {results.length > 0 && (
        <>
          <ScrollArea.Autosize mah="55vh" mt="sm" viewportRef={listRef}>
            <Stack gap="xs" role="listbox" aria-label={t('search.title')} data-testid="search-results">
              {groups.map((g) => (
                <div key={g.kind}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                    {t(`kindPlural.${g.kind}`)} ({g.results.length})
                  </Text>
                  {g.results.map((r) => {
                    n++
                    const i = n
                    return (
                      <UnstyledButton
                        key={r.id}
                        role="option"
                        aria-selected={i === active}
                        data-active={i === active}
                        className="kg-search-row"
                        onMouseEnter={() => setActive(i)}
                        onClick={() => jump(r)}
                        data-testid="search-result"
                        data-id={r.id}
                      >
                        <Group gap={6} wrap="nowrap">
                          <NodeSwatch kind={r.kind} />
                          <Text size="sm" fw={600} lineClamp={1}>
                            <Highlighted text={r.title} ranges={r.titleHighlights} />
                          </Text>
                        </Group>
                        {r.field !== 'title' && (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {t(`search.field.${r.field}`)}: <Highlighted text={r.snippet} ranges={r.highlights} />
                          </Text>
                        )}
                      </UnstyledButton>
                    )
                  })}
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Group justify="flex-end" mt="sm">
            <Button size="xs" variant="light" onClick={showAll} data-testid="search-show-all">
              {t('search.showAll', { n: results.length })}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  )
}
