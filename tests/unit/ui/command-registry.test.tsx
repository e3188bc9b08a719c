import { describe, expect, it, vi } from 'vitest'
import { MENU_COMMANDS } from '../../../src-main/shared/menu-commands'
import { ALL_COMMANDS, createCommands, type CommandContext } from '@renderer/features/commands'
import { useUiStore } from '@renderer/state/ui-store'
import { DisplayProjection } from '@renderer/state/display-projection'
import { GraphStore } from '@renderer/storage/graph-store'
import type { GraphRepository } from '@renderer/storage/repositories/graph-repository'

function context(options: { readOnly?: boolean; canUndo?: boolean } = {}): CommandContext {
  const store = new GraphStore()
  const repo = {
    store,
    readOnly: options.readOnly ?? false,
    canUndo: () => options.canUndo ?? false,
    canRedo: () => false,
    undo: vi.fn(async () => ({ ok: true, value: null })),
    redo: vi.fn(async () => ({ ok: true, value: null }))
  } as unknown as GraphRepository
  return {
    repo,
    display: new DisplayProjection(store),
    canvas: { current: null },
    view: { current: null },
    t: ((key: string) => key) as CommandContext['t'],
    confirm: async () => false,
    notify: { ok: vi.fn(), error: vi.fn(), info: vi.fn() },
    runLayout: vi.fn(async () => undefined),
    loadDemo: vi.fn(async () => ({
      ok: true as const,
      value: { nodes: [], edges: [], annotations: [] }
    })),
    author: () => 'Anna'
  }
}

describe('command registry', () => {
  it('has one command for every id the native menu sends, and no id twice', () => {
    const ids = ALL_COMMANDS.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of MENU_COMMANDS) expect(ids, id).toContain(id)
  })

  it('every command has a label in both languages', async () => {
    const nl = (await import('@renderer/i18n/nl.json')).default as Record<string, unknown>
    const en = (await import('@renderer/i18n/en.json')).default as Record<string, unknown>
    const lookup = (bundle: Record<string, unknown>, key: string): unknown =>
      key
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], bundle)
    for (const c of ALL_COMMANDS) {
      expect(typeof lookup(nl, c.labelKey), `nl ${c.labelKey}`).toBe('string')
      expect(typeof lookup(en, c.labelKey), `en ${c.labelKey}`).toBe('string')
    }
  })

  it('a read-only map disables every command that writes, and running one does nothing', async () => {
    const registry = createCommands(context({ readOnly: true }))
    for (const id of [
      'graph.new-empty',
      'graph.import',
      'node.new',
      'node.new-actor',
      'layout.fcose',
      'canvas.draw-mode'
    ] as const)
      expect(registry.isEnabled(id), id).toBe(false)
    expect(registry.isEnabled('view.fit')).toBe(true)
    expect(registry.isEnabled('export.backup')).toBe(true)
    expect(await registry.run('canvas.draw-mode')).toBe(false)
    expect(useUiStore.getState().drawMode).toBe(false)
  })

  it('undo is enabled only when there is something to undo', async () => {
    expect(createCommands(context({ canUndo: false })).isEnabled('history.undo')).toBe(false)
    const ctx = context({ canUndo: true })
    const registry = createCommands(ctx)
    expect(registry.isEnabled('history.undo')).toBe(true)
    expect(await registry.run('history.undo')).toBe(true)
    expect(ctx.repo.undo).toHaveBeenCalledOnce()
  })

  it('edit, connect and delete need a selection; breadth-first needs a selected node', () => {
    const registry = createCommands(context())
    useUiStore.getState().select(null)
    expect(registry.isEnabled('node.edit')).toBe(false)
    expect(registry.isEnabled('selection.delete')).toBe(false)
    expect(registry.isEnabled('layout.breadthfirst')).toBe(false)
    expect(registry.isEnabled('layout.fcose')).toBe(true)
    useUiStore.getState().setLens('lessonMap')
    expect(registry.isEnabled('layout.fcose')).toBe(false)
    useUiStore.getState().setLens('all')
  })

  it('tells subscribers when enabled states may have changed', () => {
    const registry = createCommands(context())
    const listener = vi.fn()
    const stop = registry.subscribe(listener)
    const before = registry.version
    registry.changed()
    expect(listener).toHaveBeenCalledOnce()
    expect(registry.version).toBe(before + 1)
    stop()
    registry.changed()
    expect(listener).toHaveBeenCalledOnce()
  })

  it('the palette commands open the palette in the right mode, Presentatieveilig toggles the projection', async () => {
    const ctx = context()
    const registry = createCommands(ctx)
    await registry.run('palette.commands')
    expect(useUiStore.getState().dialog).toEqual({ type: 'palette', mode: 'commands' })
    await registry.run('search.open')
    expect(useUiStore.getState().dialog).toEqual({ type: 'palette', mode: 'search' })
    await registry.run('privacy.toggle-safe')
    expect(ctx.display.presentationSafe).toBe(true)
  })
})
