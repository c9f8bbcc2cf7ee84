// Drafts of task forms: what an agent typed into a claimed task's form, kept in the browser until the task is completed,
// so that switching tasks, a reload or a closed tab loses nothing.

type Data = Record<string, unknown>

interface Draft {
  savedAt: number
  values: Data
}

const prefix = 'orchestrator.draft.'
/** Drafts untouched for this long are dropped (their tasks have long been completed or reassigned). */
export const draftLifetimeMs = 30 * 86_400_000

const keyOf = (user: string, userTaskKey: string) => `${prefix}${user}.${userTaskKey}`

/** The fields whose value differs from what the form was opened with: what the user changed. */
export function changedFields(initial: Data, current: Data): Data {
  return Object.fromEntries(Object.entries(current).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(initial[name])))
}

/** The user's draft of a task, or nothing. */
export function readDraft(storage: Storage, user: string, userTaskKey: string): Data | undefined {
  const text = storage.getItem(keyOf(user, userTaskKey))
  if (!text) return undefined
  try {
    const draft = JSON.parse(text) as Draft
    return draft.values && typeof draft.values === 'object' ? draft.values : undefined
  } catch {
    return undefined
  }
}

/** Keeps the fields the user changed; a form back to its opening values leaves no draft. */
export function saveDraft(storage: Storage, user: string, userTaskKey: string, values: Data, now: number): void {
  const key = keyOf(user, userTaskKey)
  if (Object.keys(values).length === 0) {
    storage.removeItem(key)
    return
  }
  try {
    storage.setItem(key, JSON.stringify({ savedAt: now, values } satisfies Draft))
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
