import { Menu } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { NODE_KINDS } from '../../domain/node-kinds'
import { useUiStore } from '../../state/ui-store'
import { newConnectedNode, newNode } from './editor-actions'
import { CommandMenuItem } from '../commands/CommandMenuItem'

/**
 * Right-click menu on the canvas: new node here (by kind), or edit / connect / new connected node /
 * delete a node.
 */
export function CanvasContextMenu(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { canvas, session } = useApp()
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
            <CommandMenuItem id="node.edit" onBeforeRun={selectNode} testId="ctx-edit" />
            <CommandMenuItem id="edge.connect" onBeforeRun={selectNode} testId="ctx-connect" />
            <Menu.Item onClick={() => newConnectedNode(menu.nodeId!, session.repo, canvas.current)} data-testid="ctx-new-connected">
              {t('editor.newConnected')}
            </Menu.Item>
            <Menu.Divider />
            <CommandMenuItem id="selection.delete" onBeforeRun={selectNode} color="red" testId="ctx-delete" />
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
