import { Menu } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { NODE_KINDS } from '../../domain/node-kinds'
import { useUiStore } from '../../state/ui-store'
import { newNode } from './editor-actions'
import { useEditorStore } from './editor-store'

/** Right-click menu on the canvas: new node here (by kind), or edit / connect / delete a node. */
export function CanvasContextMenu(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { canvas, commands, session } = useApp()
  const menu = useUiStore((s) => s.contextMenu)
  const setMenu = useUiStore((s) => s.setContextMenu)
  if (!menu || session.readOnly) return null
  const close = (): void => setMenu(null)
  const selectNode = (): void => {
    if (menu.nodeId) useUiStore.getState().select({ id: menu.nodeId, group: 'nodes' })
  }
  return (
    <Menu opened onChange={(o) => !o && close()} position="bottom-start" withinPortal>
      <Menu.Target>
        <div style={{ position: 'fixed', left: menu.x, top: menu.y, width: 1, height: 1 }} />
      </Menu.Target>
      <Menu.Dropdown data-testid="context-menu">
        {menu.nodeId ? (
          <>
            <Menu.Item onClick={() => { selectNode(); void commands.run('node.edit') }}>{t('editor.edit')}</Menu.Item>
            <Menu.Item onClick={() => useEditorStore.getState().openEdgeForm({ sourceId: menu.nodeId! })} data-testid="ctx-connect">
              {t('editor.connect')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" onClick={() => { selectNode(); void commands.run('selection.delete') }} data-testid="ctx-delete">
              {t('editor.delete')}
            </Menu.Item>
          </>
        ) : (
          <>
            <Menu.Label>{t('editor.newHere')}</Menu.Label>
            {NODE_KINDS.map((k) => (
              <Menu.Item key={k} onClick={() => newNode(k, canvas.current, menu.model)} data-testid={`ctx-new-${k}`}>
                {t(`kind.${k}`)}
              </Menu.Item>
            ))}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  )
}
