import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../services/AppContext'
import { EDGE_RULES, allowedEdgeKinds, type EdgeKind } from '../../domain/edge-kinds'
import {
  PARTICIPATION_LEVELS,
  STATUSES,
  type ParticipationLevel,
  type Status
} from '../../domain/facets'
import { errorMessage } from '../../i18n/error-message'
import { fieldIssueMessages } from '../../i18n/issue-message'
import { useView } from '../canvas/view-context'
import { useDisplayVersion } from '../hooks/useDisplay'
import { dialogOf, useUiStore } from '../../state/ui-store'

/**
 * Connects two nodes. Only the edge kinds EDGE_RULES allows between their kinds are offered, in
 * either direction (a reversed kind swaps source and target).
 */
export function EdgeForm(): React.JSX.Element {
  const { t } = useTranslation()
  const { session, display } = useApp()
  const { index } = useView()
  const form = useUiStore(dialogOf('edgeForm'))?.request ?? null
  const closeDialog = useUiStore((s) => s.closeDialog)
  const close = (): void => closeDialog('edgeForm')
  const [targetId, setTargetId] = useState<string | null>(null)
  const [choice, setChoice] = useState<string | null>(null)
  const [status, setStatus] = useState<Status>('reported')
  const [label, setLabel] = useState('')
  const [weight, setWeight] = useState<number | ''>('')
  const [role, setRole] = useState('')
  const [level, setLevel] = useState<ParticipationLevel | null>(null)
  const [topic, setTopic] = useState('')
  const [evidence, setEvidence] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    setTargetId(form?.targetId ?? null)
    setChoice(null)
    setErrors({})
    setEvidence([])
    setLabel('')
    setWeight('')
    setRole('')
    setLevel(null)
    setTopic('')
  }, [form])

  // Names as they may be shown (consent rules, Presentatieveilig), in every list and line.
  const displayVersion = useDisplayVersion()
  const source = form ? display.node(form.sourceId) : undefined
  const target = targetId ? display.node(targetId) : undefined
  const options = useMemo(() => {
    if (!source || !target) return []
    const fwd = allowedEdgeKinds(source.kind, target.kind).map((k) => ({
      value: `fwd:${k}`,
      label: t(`edge.${k}`)
    }))
    const rev = allowedEdgeKinds(target.kind, source.kind)
      .filter((k) => EDGE_RULES[k].directed)
      .map((k) => ({
        value: `rev:${k}`,
        label: t('edgeForm.reversed', {
          label: t(`edge.${k}`),
          from: short(source.title),
          to: short(target.title)
        })
      }))
    return [...fwd, ...rev]
  }, [source, target, t])
  const nodeOptions = useMemo(
    () =>
      [...index.nodes.keys()]
        .filter((id) => id !== form?.sourceId)
        .map((id) => display.node(id)!)
        .map((n) => ({ value: n.id, label: `${n.title} (${t(`kind.${n.kind}`)})` })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, form, t, display, displayVersion]
  )
  const quoteOptions = useMemo(
    () =>
      [...index.nodes.values()]
        .filter((n) => n.kind === 'quote')
        .map((n) => ({ value: n.id, label: display.label(n.id) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, display, displayVersion]
  )

  if (!form || !source) return <Modal opened={false} onClose={close} />
  const kind = choice ? (choice.slice(4) as EdgeKind) : null
  const extra: readonly string[] = kind ? EDGE_RULES[kind].extra : []

  const save = async (): Promise<void> => {
    if (!kind || !target) {
      setErrors({ kind: t('edgeForm.kind') })
      return
    }
    const reversed = choice!.startsWith('rev:')
    let r
    try {
      r = await session.repo.createEdge({
        kind,
        source: reversed ? target.id : source.id,
        target: reversed ? source.id : target.id,
        status,
        evidence,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(weight !== '' ? { weight } : {}),
        ...(extra.includes('role') && role.trim() ? { role: role.trim() } : {}),
        ...(extra.includes('participationLevel') && level ? { participationLevel: level } : {}),
        ...(extra.includes('topic') && topic.trim() ? { topic: topic.trim() } : {})
      })
    } catch (error) {
      // Nothing was stored; the form keeps its choices for another try.
      setErrors({ _form: errorMessage(t, error) })
      return
    }
    if (!r.ok) {
      setErrors(fieldIssueMessages(t, r.issues))
      return
    }
    notifications.show({ message: t('edgeForm.saved'), color: 'green' })
    close()
  }

  return (
    <Modal opened onClose={close} title={t('edgeForm.title')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
        data-testid="edge-form"
      >
        <Stack gap="sm">
          {Object.keys(errors).length > 0 && (
            <Alert color="red" data-testid="form-error">
              {Object.values(errors).join(' ')}
            </Alert>
          )}
          <Text size="sm">
            {t('edgeForm.from')}: <strong>{source.title}</strong> ({t(`kind.${source.kind}`)})
          </Text>
          <Select
            label={t('edgeForm.to')}
            placeholder={t('edgeForm.pickTarget')}
            data={nodeOptions}
            value={targetId}
            onChange={(v) => {
              setTargetId(v)
              setChoice(null)
            }}
            searchable
            limit={50}
            data-testid="edge-target"
            comboboxProps={{ withinPortal: true }}
          />
          {target && options.length === 0 && (
            <Alert color="orange">
              {t('edgeForm.noneAllowed', {
                from: t(`kind.${source.kind}`),
                to: t(`kind.${target.kind}`)
              })}
            </Alert>
          )}
          {target && options.length > 0 && (
            <Select
              label={t('edgeForm.kind')}
              data={options}
              value={choice}
              onChange={setChoice}
              allowDeselect={false}
              data-testid="edge-kind"
              comboboxProps={{ withinPortal: true }}
            />
          )}
          {extra.includes('role') && (
            <TextInput
              label={t('field.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value)}
            />
          )}
          {extra.includes('participationLevel') && (
            <Select
              label={t('field.participationLevel')}
              data={PARTICIPATION_LEVELS.map((l) => ({
                value: l,
                label: t(`facet.participationLevel.${l}`)
              }))}
              value={level}
              onChange={(v) => setLevel(v as ParticipationLevel | null)}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
          )}
          {extra.includes('topic') && (
            <TextInput
              label={t('field.topic')}
              value={topic}
              onChange={(e) => setTopic(e.currentTarget.value)}
            />
          )}
          <Group grow>
            <Select
              label={t('editor.status')}
              data={STATUSES.map((s) => ({ value: s, label: t(`facet.status.${s}`) }))}
              value={status}
              onChange={(v) => v && setStatus(v as Status)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <NumberInput
              label={t('edgeForm.weight')}
              min={1}
              max={5}
              value={weight}
              onChange={(v) => setWeight(typeof v === 'number' ? v : '')}
              error={errors.weight}
            />
          </Group>
          <TextInput
            label={t('edgeForm.label')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
          <MultiSelect
            label={t('edgeForm.evidence')}
            data={quoteOptions}
            value={evidence}
            onChange={setEvidence}
            searchable
            limit={50}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('editor.cancel')}
            </Button>
            <Button type="submit" disabled={!kind} data-testid="edge-save">
              {t('edgeForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function short(title: string): string {
  return title.length > 28 ? `${title.slice(0, 26).trimEnd()}…` : title
}
