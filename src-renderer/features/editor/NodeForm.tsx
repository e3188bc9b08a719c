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
import { FACETS, STATUSES } from '../../domain/facets'
import { NODE_KINDS, type GraphNode, type NodeKind, type Position, type SourceRef } from '../../domain/node-kinds'
import { fieldErrors, validateNodeDraft } from '../../domain/validate'
import { NODE_FIELDS } from '../inspector/node-fields'
import { useEditorStore } from './editor-store'

type Draft = Record<string, unknown> & { kind: NodeKind }

/** Text-list fields edited as one point per line. */
const LIST_FIELDS = new Set(['wentWell', 'wentWrong', 'attentionPoints'])

/** A new draft of a kind with the facet defaults a user would pick first. */
export function newDraft(kind: NodeKind, position?: Position): Draft {
  const d: Draft = { kind, title: '', description: '', tags: [], status: 'reported', sources: [], fields: {} }
  if (position) d.position = position
  if (kind === 'actor') Object.assign(d, { actorType: 'resident', isPerson: false })
  if (kind === 'interview') Object.assign(d, { consent: 'pseudonymised', summary: '', wentWell: [], wentWrong: [], attentionPoints: [], transcript: '' })
  if (kind === 'quote') Object.assign(d, { text: '' })
  if (kind === 'lesson') Object.assign(d, { statement: '', reviewStatus: 'concept' })
  if (kind === 'ingredient') Object.assign(d, { reviewStatus: 'concept' })
  if (kind === 'project') Object.assign(d, { projectType: 'werkplaats' })
  if (kind === 'theme') Object.assign(d, { themeType: 'overig' })
  return d
}

/**
 * The form for every node kind: common fields, the kind's own fields with facets as pick lists, and
 * sources. Field-level Dutch errors come from the domain validator; nothing is saved while invalid.
 */
export function NodeForm(): React.JSX.Element {
  const { t } = useTranslation()
  const { session } = useApp()
  const editing = useEditorStore((s) => s.nodeForm)
  const close = useEditorStore((s) => s.closeNodeForm)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    setErrors({})
    setDraft(editing ? { ...(editing.node ?? newDraft(editing.kind, editing.position)) } as Draft : null)
  }, [editing])

  if (!editing || !draft) return <Modal opened={false} onClose={close} />
  const set = (key: string, value: unknown): void => setDraft((d) => (d ? { ...d, [key]: value } : d))
  const kind = draft.kind
  const isNew = !editing.node

  const save = async (): Promise<void> => {
    const checked = validateNodeDraft(draft)
    if (!checked.ok) {
      setErrors(fieldErrors(checked.issues))
      return
    }
    setSaving(true)
    try {
      const repo = session.repo
      const { id: _id, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, deletedAt: _d, ...fields } = draft
      const r = isNew ? await repo.createNode(fields as never) : await repo.updateNode(editing.node!.id, fields as never)
      if (!r.ok) {
        setErrors(fieldErrors(r.issues))
        return
      }
      notifications.show({ message: t('editor.saved'), color: 'green' })
      editing.onSaved?.(r.value)
      close()
    } finally {
      setSaving(false)
    }
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
          {Object.keys(errors).length > 0 && (
            <Alert color="red" data-testid="form-error">
              {t('editor.invalid')}
            </Alert>
          )}
          {isNew && (
            <Select
              label={t('display.kind')}
              data={NODE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value={kind}
              onChange={(v) => v && setDraft((d) => ({ ...newDraft(v as NodeKind, editing.position), title: d?.title ?? '' }))}
              allowDeselect={false}
              data-testid="field-kind"
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <TextInput
            label={t('editor.title')}
            required
            value={String(draft.title ?? '')}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            data-testid="field-title"
            data-autofocus
          />
          {NODE_FIELDS[kind].map(({ key, facet, block }) => {
            const label = t(`field.${key}`)
            if (facet) {
              const optional = !['actorType', 'projectType', 'themeType'].includes(key)
              return (
                <Select
                  key={key}
                  label={label}
                  data={FACETS[facet].map((v) => ({ value: v, label: t(`facet.${facet}.${v}`) }))}
                  value={(draft[key] as string | undefined) ?? null}
                  onChange={(v) => set(key, v ?? undefined)}
                  clearable={optional}
                  allowDeselect={optional}
                  error={errors[key]}
                  data-testid={`field-${key}`}
                  comboboxProps={{ withinPortal: true }}
                />
              )
            }
            if (LIST_FIELDS.has(key)) {
              return (
                <Textarea
                  key={key}
                  label={label}
                  description={t('editor.listHelp')}
                  autosize
                  minRows={2}
                  value={((draft[key] as string[] | undefined) ?? []).join('\n')}
                  onChange={(e) => set(key, e.currentTarget.value.split('\n').filter((l, i, all) => l.trim() || i < all.length - 1))}
                  error={errors[key]}
                  data-testid={`field-${key}`}
                />
              )
            }
            const Input = block ? Textarea : TextInput
            return (
              <Input
                key={key}
                label={label}
                {...(block ? { autosize: true, minRows: 2 } : {})}
                value={String(draft[key] ?? '')}
                onChange={(e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key, e.currentTarget.value || undefined)}
                error={errors[key]}
                required={key === 'text'}
                data-testid={`field-${key}`}
              />
            )
          })}
          {kind === 'actor' && (
            <Checkbox label={t('editor.isPerson')} checked={!!draft.isPerson} onChange={(e) => set('isPerson', e.currentTarget.checked)} />
          )}
          {kind === 'interview' && (
            <Textarea
              label={t('field.transcript')}
              autosize
              minRows={4}
              maxRows={14}
              value={String(draft.transcript ?? '')}
              onChange={(e) => set('transcript', e.currentTarget.value)}
              error={errors.transcript}
              data-testid="field-transcript"
            />
          )}
          <Textarea
            label={t('editor.description')}
            autosize
            minRows={2}
            value={String(draft.description ?? '')}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
          />
          <TagsInput
            label={t('editor.tags')}
            description={t('editor.tagsHelp')}
            value={(draft.tags as string[]) ?? []}
            onChange={(v) => set('tags', v)}
            error={errors.tags}
          />
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
          <Stack gap={4}>
            {sources.map((s, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  size="xs"
                  style={{ flex: 1 }}
                  placeholder={t('editor.sourceTitle')}
                  value={s.title}
                  onChange={(e) => set('sources', sources.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))}
                  error={errors.sources && !s.title ? errors.sources : undefined}
                />
                <TextInput
                  size="xs"
                  style={{ flex: 1 }}
                  placeholder={t('editor.sourceUrl')}
                  value={s.url ?? ''}
                  onChange={(e) => {
                    const url = e.currentTarget.value
                    set('sources', sources.map((x, j) => (j === i ? { title: x.title, ...(url ? { url } : {}), ...(x.note ? { note: x.note } : {}) } : x)))
                  }}
                />
                <Button size="xs" variant="subtle" color="red" onClick={() => set('sources', sources.filter((_, j) => j !== i))}>
                  {t('editor.remove')}
                </Button>
              </Group>
            ))}
            {errors.sources && <Alert color="red" p={4}>{errors.sources}</Alert>}
            <Button size="xs" variant="default" w={160} onClick={() => set('sources', [...sources, { title: '' }])}>
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
