// Drafts of task forms: what an agent typed into a claimed task's form, kept in the browser until the task is completed,
// so that switching tasks, a reload or a closed tab loses nothing.

type Data = Record<string, unknown>

interface Draft {
  savedAt: number
  values: Data
  /** The task's creation time: keys start over with a fresh database, so the key alone may name an earlier task. */
  created?: string
}

/** The task a draft belongs to. */
export interface DraftTask {
  userTaskKey: string
  creationDate: string
}

const prefix = 'orchestrator.draft.'
/** Drafts untouched for this long are dropped (their tasks have long been completed or reassigned). */
export const draftLifetimeMs = 30 * 86_400_000

const keyOf = (user: string, userTaskKey: string) => `${prefix}${user}.${userTaskKey}`

/** The fields whose value differs from what the form was opened with: what the user changed. */
export function changedFields(initial: Data, current: Data): Data {
  return Object.fromEntries(Object.entries(current).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(initial[name])))
}

/** The user's draft of a task, or nothing (a draft saved for an earlier task with the same key is nothing). */
export function readDraft(storage: Storage, user: string, task: DraftTask): Data | undefined {
  const text = storage.getItem(keyOf(user, task.userTaskKey))
  if (!text) return undefined
  try {
    const draft = JSON.parse(text) as Draft
    if (draft.created !== undefined && draft.created !== task.creationDate) return undefined
    return draft.values && typeof draft.values === 'object' ? draft.values : undefined
  } catch {
    return undefined
  }
}

/**
 * The draft to put into a form that opened with `opened` (the case's variables with each field's default or empty value,
 * as the form shows them): the saved fields the user had changed from that. A draft that changes nothing is dropped.
 */
export function restoreDraft(storage: Storage, user: string, task: DraftTask, opened: Data): Data | undefined {
  const changed = changedFields(opened, readDraft(storage, user, task) ?? {})
  if (Object.keys(changed).length > 0) return changed
  discardDraft(storage, user, task.userTaskKey)
  return undefined
}

/** Keeps the fields the user changed; a form back to its opening values leaves no draft. */
export function saveDraft(storage: Storage, user: string, task: DraftTask, values: Data, now: number): void {
  const key = keyOf(user, task.userTaskKey)
  if (Object.keys(values).length === 0) {
    storage.removeItem(key)
    return
  }
  try {
    storage.setItem(key, JSON.stringify({ savedAt: now, values, created: task.creationDate } satisfies Draft))
  } catch {
    // A full storage keeps the previous draft; the form itself still holds every value.
  }
}

export function discardDraft(storage: Storage, user: string, userTaskKey: string): void {
  storage.removeItem(keyOf(user, userTaskKey))
}

/** Drops drafts older than the lifetime, and unreadable ones. */
export function pruneDrafts(storage: Storage, now: number): void {
  const stale: string[] = []
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (!key?.startsWith(prefix)) continue
    try {
      const draft = JSON.parse(storage.getItem(key) ?? '') as Draft
      if (!(now - draft.savedAt < draftLifetimeMs)) stale.push(key)
    } catch {
      stale.push(key)
    }
  }
  stale.forEach((key) => storage.removeItem(key))
}
