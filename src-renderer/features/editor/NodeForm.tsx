import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  ScrollArea,
  Select,
  Stack,
  TagsInput,
  TextInput,
  Textarea
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { STATUSES } from '../../domain/facets'
import {
  NODE_KINDS,
  nodeDefaults,
  nodeFields,
  type FieldSpec,
  type GraphNode,
  type NodeKind,
  type Position,
  type SourceRef
} from '../../domain/node-kinds'
import type { Issue } from '../../domain/result'
import { validateNodeDraft } from '../../domain/validate'
import { errorMessage } from '../../i18n/error-message'
import { fieldIssueMessages } from '../../i18n/issue-message'
import { useDisplayVersion } from '../hooks/useDisplay'
import { defaultAnchor, spotsForNew } from './new-node-spot'
import { dialogOf, useUiStore } from '../../state/ui-store'

type Draft = Record<string, unknown> & { kind: NodeKind }

/** The fields every kind has, rendered by the form itself around the kind's own fields. */
const COMMON_FIELDS = new Set(['title', 'description', 'tags', 'status', 'sources'])

/** A new draft of a kind: the kind's defaults (the same table the import uses) and an empty title. */
export function newDraft(kind: NodeKind, position?: Position): Draft {
  const d: Draft = { ...nodeDefaults(kind), title: '' }
  if (position) d.position = position
  return d
}

/**
 * The form for every node kind: common fields, the kind's own fields (its kind file's field list)
 * with facets as pick lists, and sources. Field-level messages come from the domain validator's
 * issues, translated with `issueMessage`; nothing is saved while invalid.
 */
export function NodeForm(): React.JSX.Element {
  const { t } = useTranslation()
  const { session, display, canvas } = useApp()
  // Follows the Presentatieveilig switch while the form is open.
  useDisplayVersion()
  const editing = useUiStore(dialogOf('nodeForm'))?.request ?? null
  const closeDialog = useUiStore((s) => s.closeDialog)
  const close = (): void => closeDialog('nodeForm')
  const [draft, setDraft] = useState<Draft | null>(null)
  const [issues, setIssues] = useState<Issue[]>([])
  const [saving, setSaving] = useState(false)
  /** Why the last save failed in storage (disk full, …); the draft is kept. */
  const [failure, setFailure] = useState<string | null>(null)

  useEffect(() => {
    setIssues([])
    setFailure(null)
    setDraft(
      editing ? ({ ...(editing.node ?? newDraft(editing.kind, editing.position)) } as Draft) : null
    )
  }, [editing])

  if (!editing || !draft) return <Modal opened={false} onClose={close} />
  const set = (key: string, value: unknown): void =>
    setDraft((d) => (d ? { ...d, [key]: value } : d))
  const kind = draft.kind
  const isNew = !editing.node
  // While names are hidden, fields whose shown value differs from the stored one are left out (their
  // stored value is kept on save): the form can neither show a hidden name nor write a redacted one.
  const hidden: ReadonlySet<string> =
    !isNew && editing.node ? display.hiddenFields(editing.node.id) : new Set()
  const visible = (key: string): boolean => !hidden.has(key)
  const fields = nodeFields(kind).filter((f) => visible(f.key))
  // Messages are made at render time, so they follow a language switch.
  const errors = fieldIssueMessages(t, issues)
  const shown = new Set([...COMMON_FIELDS, ...fields.map((f) => f.key)])
  const elsewhere = Object.entries(errors)
    .filter(([key]) => !shown.has(key))
    .map(([, message]) => message)

  const save = async (): Promise<void> => {
    const checked = validateNodeDraft(draft)
    if (!checked.ok) {
      setIssues(checked.issues)
      return
    }
    setSaving(true)
    setFailure(null)
    try {
      const repo = session.repo
      const {
        id: _id,
        createdAt: _c,
        updatedAt: _u,
        createdBy: _cb,
        updatedBy: _ub,
        deletedAt: _d,
        ...values
      } = draft
      // A new node goes to the free spot nearest where it was asked for (the clicked point, the node
      // it connects to, the centre of the view), never on top of another node; the spot is stored.
      if (isNew) {
        const view = canvas?.current ?? null
        const anchor = (draft.position as Position | undefined) ?? defaultAnchor(view)
        const title = typeof values.title === 'string' ? values.title : ''
        values.position = spotsForNew([{ kind, title, anchor }], repo.store, view)[0]
      }
      const r = isNew
        ? await repo.createNode(values as never)
        : await repo.updateNode(editing.node!.id, values as never, undefined, {
            // Fields left as they were when the form opened keep another window's later change.
            base: editing.node!
          })
      if (!r.ok) {
        setIssues(r.issues)
        return
      }
      notifications.show({ message: t('editor.saved'), color: 'green' })
      editing.onSaved?.(r.value)
      close()
    } catch (error) {
      // The write is one transaction: nothing was stored. Say why (disk full, …) and keep the form
      // with the user's input, so they can try again.
      setFailure(errorMessage(t, error))
    } finally {
      setSaving(false)
    }
  }

  const renderField = (field: FieldSpec): React.JSX.Element => {
    const { key } = field
    const label = t(field.label)
    const error = errors[key]
    const testId = `field-${key}`
    if (field.type === 'facet') {
      const optional = !field.required
      return (
        <Select
          key={key}
          label={label}
          data={(field.options ?? []).map((v) => ({
            value: v,
            label: t(`facet.${field.facet}.${v}`)
          }))}
          value={(draft[key] as string | undefined) ?? null}
          onChange={(v) => set(key, v ?? undefined)}
          clearable={optional}
          allowDeselect={optional}
          required={field.required}
          error={error}
          data-testid={testId}
          comboboxProps={{ withinPortal: true }}
        />
      )
    }
    if (field.type === 'boolean') {
      return (
        <Checkbox
          key={key}
          label={label}
          checked={!!draft[key]}
          onChange={(e) => set(key, e.currentTarget.checked)}
          error={error}
          data-testid={testId}
        />
      )
    }
    if (field.type === 'textList') {
      return (
        <Textarea
          key={key}
          label={label}
          description={t('editor.listHelp')}
          autosize
          minRows={2}
          value={((draft[key] as string[] | undefined) ?? []).join('\n')}
          onChange={(e) =>
            set(
              key,
              e.currentTarget.value
                .split('\n')
                .filter((l, i, all) => l.trim() || i < all.length - 1)
            )
          }
          error={error}
          data-testid={testId}
        />
      )
    }
    const common = {
      label,
      value: String(draft[key] ?? ''),
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        set(key, e.currentTarget.value || undefined),
      error,
      required: field.required,
      'data-testid': testId
    }
    return field.multiline ? (
      <Textarea
        key={key}
        {...common}
        autosize
        minRows={field.rows?.min ?? 2}
        {...(field.rows?.max ? { maxRows: field.rows.max } : {})}
      />
    ) : (
      <TextInput key={key} {...common} />
    )
  }

  const sources = (draft.sources as SourceRef[]) ?? []
  return (
    <Modal
      opened
      onClose={close}
      size="lg"
      title={t(isNew ? 'editor.newTitle' : 'editor.editTitle', { kind: t(`kind.${kind}`) })}
      scrollAreaComponent={ScrollArea.Autosize}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
        data-testid="node-form"
        noValidate
      >
        <Stack gap="sm">
          {failure && (
            <Alert color="red" title={t('errors.notSaved')} data-testid="form-failure">
              {failure}
            </Alert>
          )}
          {Object.keys(errors).length > 0 && (
            <Alert color="red" data-testid="form-error">
              {[t('editor.invalid'), ...elsewhere].join(' ')}
            </Alert>
          )}
          {isNew && (
            <Select
              label={t('display.kind')}
              data={NODE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value={kind}
              onChange={(v) =>
                v &&
                setDraft((d) => ({
                  ...newDraft(v as NodeKind, editing.position),
                  title: d?.title ?? ''
                }))
              }
              allowDeselect={false}
              data-testid="field-kind"
              comboboxProps={{ withinPortal: true }}
            />
          )}
          {hidden.size > 0 && (
            <Alert color="yellow" data-testid="form-hidden-fields">
              {t('editor.hiddenFields', { count: hidden.size })}
            </Alert>
          )}
          {visible('title') && (
            <TextInput
              label={t('editor.title')}
              required
              value={String(draft.title ?? '')}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              data-testid="field-title"
              data-autofocus
            />
          )}
          {fields.map(renderField)}
          {visible('description') && (
            <Textarea
              label={t('editor.description')}
              autosize
              minRows={2}
              value={String(draft.description ?? '')}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={errors.description}
            />
          )}
          {visible('tags') && (
            <TagsInput
              label={t('editor.tags')}
              description={t('editor.tagsHelp')}
              value={(draft.tags as string[]) ?? []}
              onChange={(v) => set('tags', v)}
              error={errors.tags}
            />
          )}
          <Select
            label={t('editor.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`facet.status.${s}`) }))}
            value={String(draft.status)}
            onChange={(v) => v && set('status', v)}
            allowDeselect={false}
            error={errors.status}
            data-testid="field-status"
            comboboxProps={{ withinPortal: true }}
          />
          <Stack gap={4} display={visible('sources') ? undefined : 'none'}>
            {visible('sources') &&
              sources.map((s, i) => (
                <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    placeholder={t('editor.sourceTitle')}
                    value={s.title}
                    onChange={(e) =>
                      set(
                        'sources',
                        sources.map((x, j) =>
                          j === i ? { ...x, title: e.currentTarget.value } : x
                        )
                      )
                    }
                    error={errors.sources && !s.title ? errors.sources : undefined}
                  />
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    placeholder={t('editor.sourceUrl')}
                    value={s.url ?? ''}
                    onChange={(e) => {
                      const url = e.currentTarget.value
                      set(
                        'sources',
                        sources.map((x, j) =>
                          j === i
                            ? {
                                title: x.title,
                                ...(url ? { url } : {}),
                                ...(x.note ? { note: x.note } : {})
                              }
                            : x
                        )
                      )
                    }}
                  />
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      set(
                        'sources',
                        sources.filter((_, j) => j !== i)
                      )
                    }
                  >
                    {t('editor.remove')}
                  </Button>
                </Group>
              ))}
            {errors.sources && (
              <Alert color="red" p={4} data-testid="sources-error">
                {errors.sources}
              </Alert>
            )}
            <Button
              size="xs"
              variant="default"
              w={160}
              onClick={() => set('sources', [...sources, { title: '' }])}
            >
              {t('editor.addSource')}
            </Button>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('editor.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="form-save">
              {t('editor.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export type { GraphNode }
