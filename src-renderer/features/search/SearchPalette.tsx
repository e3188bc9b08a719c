import { Badge, Button, Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import Fuse from 'fuse.js'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { commandLabel, shortcutLabel } from '../commands/useCommand'
import type { Command, CommandGroup } from '../commands/registry'
import { useApp } from '../services/AppContext'
import { useDisplayVersion } from '../hooks/useDisplay'
import { isSearchAbort, type SearchClient } from '../../search/search-client'
import { groupByKind, type SearchResult } from '../../search/search-index'
import { dialogOf, useUiStore } from '../../state/ui-store'
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

/** The palette's command mode starts with this character (as in VS Code). */
const COMMAND_PREFIX = '>'
const GROUP_ORDER: CommandGroup[] = ['map', 'edit', 'history', 'view', 'layout', 'export', 'app']

/**
 * The palette (Ctrl+K): fuzzy, diacritics-insensitive search over every node as it may be shown,
 * results grouped by kind with highlighted snippets; Enter jumps to a node, "show all" highlights
 * every match. Typing `>` first (or opening it with Ctrl+Shift+P) lists the commands instead: every
 * action of the app, with its shortcut, disabled where it cannot run now; Enter runs it. Reopened,
 * it selects the previous query, so typing replaces it.
 */
export function SearchPalette({ client }: { client: SearchClient }): React.JSX.Element {
  const { t } = useTranslation()
  const { canvas, commands } = useApp()
  const mode = useUiStore(dialogOf('palette'))?.mode ?? null
  const open = mode !== null
  const closeDialog = useUiStore((s) => s.closeDialog)
  const closePalette = (): void => closeDialog('palette')
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<SearchResult[]>([])
  const [active, setActive] = useState(0)
  const listRef = useRef<HTMLDivElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const commandMode = query.startsWith(COMMAND_PREFIX)

  // Opening in command mode starts at ">"; opening for search keeps the last search, selected.
  useEffect(() => {
    if (mode === 'commands') setQuery((q) => (q.startsWith(COMMAND_PREFIX) ? q : COMMAND_PREFIX))
    if (mode === 'search') setQuery((q) => (q.startsWith(COMMAND_PREFIX) ? '' : q))
    if (mode !== null) setActive(0)
  }, [mode])
  // The dialog's focus trap may focus the (new) input after this effect ran, so the selection is
  // also made on that focus: reopened for search, the previous query is selected either way.
  const selectOnFocus = useRef(false)
  const placeCaret = (input: HTMLInputElement): void => {
    if (mode === 'commands') input.setSelectionRange(input.value.length, input.value.length)
    else input.select()
  }
  useEffect(() => {
    if (!open) return
    selectOnFocus.current = true
    const id = setTimeout(() => {
      const input = inputRef.current
      if (!input) return
      input.focus()
      placeCaret(input)
    }, 0)
    return () => clearTimeout(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, mode])

  const commandList = useCommandResults(commands, query, t, open)
  // Results are searched again when the palette opens and whenever what may be shown changed (an
  // edit, Presentatieveilig): a reopened palette never shows results from before.
  const shownVersion = useDisplayVersion()

  useEffect(() => {
    if (commandMode || !query.trim()) {
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
  }, [query, client, commandMode, open, shownVersion])

  const groups = useMemo(() => groupByKind(results), [results])
  const flat = useMemo(() => groups.flatMap((g) => g.results), [groups])

  const runCommand = (c: Command): void => {
    if (!commands.isEnabled(c.id)) return
    closePalette()
    void commands.run(c.id)
  }
  const jump = (r: SearchResult): void => {
    const ui = useUiStore.getState()
    ui.select({ id: r.id, group: 'nodes' })
    ui.closeDialog('palette')
    if (ui.display !== 'canvas') ui.setDisplay('canvas')
    setTimeout(() => canvas.current?.centerOn(r.id), 0)
  }
  const showAll = (): void => {
    const ui = useUiStore.getState()
    ui.setSearchMatches({ query, ids: results.map((r) => r.id) })
    ui.closeDialog('palette')
    setTimeout(() => canvas.current?.fitVisible(), 0)
  }

  const count = commandMode ? commandList.length : flat.length
  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((a) => Math.min(a + 1, count - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' && commandMode) {
      e.preventDefault()
      const c = commandList[active]
      if (c) runCommand(c)
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
    <Modal
      opened={open}
      onClose={closePalette}
      size="xl"
      withCloseButton={false}
      padding="sm"
      yOffset="8vh"
      // The title names the dialog for screen readers (aria-labelledby); the field says it on screen.
      title={commandMode ? t('palette.title') : t('search.title')}
      styles={{ header: { display: 'none' } }}
    >
      <TextInput
        ref={inputRef}
        aria-label={commandMode ? t('palette.title') : t('search.title')}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          if (!selectOnFocus.current) return
          selectOnFocus.current = false
          placeCaret(e.currentTarget)
        }}
        data-autofocus
        data-testid="search-input"
        size="md"
      />
      {commandMode && (
        <CommandList
          commands={commandList}
          active={active}
          setActive={setActive}
          isEnabled={(c) => commands.isEnabled(c.id)}
          onRun={runCommand}
        />
      )}
      {!commandMode && query.trim() && results.length === 0 && (
        <Text size="sm" c="dimmed" mt="sm" data-testid="search-none">
          {t('search.none', { q: query })}
        </Text>
      )}
      {!query.trim() && (
        <Text size="xs" c="dimmed" mt="sm">
          {t('search.hint')} {t('palette.hint')}
        </Text>
      )}
      {!commandMode && results.length > 0 && (
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
              {t('search.showAll', { count: results.length })}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  )
}

/** The commands matching the text after `>`, fuzzy on their labels, in menu order when empty. */
function useCommandResults(
  registry: { list(): Command[]; version: number },
  query: string,
  t: (key: string, values?: Record<string, string>) => string,
  open: boolean
): Command[] {
  const all = useMemo(
    () =>
      registry
        .list()
        .filter((c) => c.inPalette !== false)
        .sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group))
        .map((c) => ({ command: c, label: commandLabel(t, c), group: t(`palette.group.${c.group}`) })),
    // Labels follow the language; the list is read again whenever the palette opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [registry, t, open]
  )
  const fuse = useMemo(
    () => new Fuse(all, { keys: ['label', 'group'], threshold: 0.4, ignoreDiacritics: true }),
    [all]
  )
  const text = query.startsWith(COMMAND_PREFIX) ? query.slice(1).trim() : ''
  return useMemo(
    () => (text ? fuse.search(text).map((r) => r.item.command) : all.map((a) => a.command)),
    [text, fuse, all]
  )
}

function CommandList({
  commands,
  active,
  setActive,
  isEnabled,
  onRun
}: {
  commands: Command[]
  active: number
  setActive: (i: number) => void
  isEnabled: (c: Command) => boolean
  onRun: (c: Command) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const listRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    listRef.current?.querySelector('[data-active="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [active])
  if (commands.length === 0)
    return (
      <Text size="sm" c="dimmed" mt="sm" data-testid="command-none">
        {t('palette.none')}
      </Text>
    )
  return (
    <ScrollArea.Autosize mah="55vh" mt="sm" viewportRef={listRef}>
      <Stack gap={2} role="listbox" aria-label={t('palette.title')} data-testid="command-results">
        {commands.map((c, i) => {
          const enabled = isEnabled(c)
          const shortcut = shortcutLabel(c.shortcut)
          return (
            <UnstyledButton
              key={c.id}
              role="option"
              aria-selected={i === active}
              aria-disabled={!enabled}
              data-active={i === active}
              data-command={c.id}
              data-enabled={enabled}
              className="kg-search-row"
              onMouseEnter={() => setActive(i)}
              onClick={() => onRun(c)}
              data-testid="command-result"
            >
              <Group justify="space-between" wrap="nowrap">
                <Group gap={8} wrap="nowrap">
                  <Text size="xs" c="dimmed" w={90}>
                    {t(`palette.group.${c.group}`)}
                  </Text>
                  <Text size="sm" c={enabled ? undefined : 'dimmed'}>
                    {commandLabel(t, c)}
                  </Text>
                </Group>
                {shortcut && (
                  <Badge variant="default" size="sm" radius="sm" tt="none">
                    {shortcut}
                  </Badge>
                )}
              </Group>
            </UnstyledButton>
          )
        })}
      </Stack>
    </ScrollArea.Autosize>
  )
}
