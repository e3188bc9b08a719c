/**
 * Writes the UI does not show in a form of their own (delete an annotation, move a node, mark a
 * review step, save a view): a refusal (a Result with issues, e.g. read-only) or a failure (a thrown
 * error, e.g. the disk is full) becomes one red notification in the user's language. Forms with a
 * place for messages show them there instead (NodeForm, EdgeForm, ImportDialog, …), through the same
 * `errorMessage` (i18n/error-message.ts).
 */
import { notifications } from '@mantine/notifications'
import type { Result } from '../../domain/result'
import { errorMessage } from '../../i18n/error-message'
import { issueMessage, type Translate } from '../../i18n/issue-message'

/** Shows a thrown error as a red "Niet opgeslagen" notification. */
export function notifyFailure(t: Translate, error: unknown): void {
  notifications.show({ color: 'red', title: t('errors.notSaved'), message: errorMessage(t, error) })
}

/**
 * Awaits a write; tells the user when it was refused or failed. Resolves to its result, or null when
 * it threw (nothing was stored: a write is one transaction).
 */
export async function reportWrite<T>(
  t: Translate,
  write: Promise<Result<T>> | (() => Promise<Result<T>>)
): Promise<Result<T> | null> {
  try {
    const r = await (typeof write === 'function' ? write() : write)
    if (!r.ok) {
      notifications.show({
        color: 'red',
        title: t('errors.notSaved'),
        message: r.issues
          .slice(0, 3)
          .map((i) => issueMessage(t, i))
          .join(' ')
      })
    }
    return r
  } catch (error) {
    notifyFailure(t, error)
    return null
  }
}

/** Awaits a write that returns no Result (views, presentations, settings); null when it threw. */
export async function reportPlainWrite<T>(
  t: Translate,
  write: Promise<T> | (() => Promise<T>)
): Promise<T | null> {
  try {
    return await (typeof write === 'function' ? write() : write)
  } catch (error) {
    notifyFailure(t, error)
    return null
  }
}
