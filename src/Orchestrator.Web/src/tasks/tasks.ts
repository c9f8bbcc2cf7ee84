// Task-list logic without React: which tasks a view shows, in which order, and each task's SLA badge.

export interface UserTask {
  userTaskKey: string
  name: string
  state: string
  assignee?: string
  elementId: string
  candidateGroups: string[]
  processDefinitionId: string
  processInstanceKey: string
  formKey?: string
  creationDate: string
  dueDate?: string
  priority: number
}

export type View = 'mine' | 'groups' | 'unassigned'

export type SlaBadge = { kind: 'none' } | { kind: 'ok' | 'warning'; minutesLeft: number } | { kind: 'breached'; minutesLate: number }

/** The tasks of a view for a user with these groups. */
export function inView(tasks: UserTask[], view: View, user: string, groups: string[]): UserTask[] {
  switch (view) {
    case 'mine':
      return tasks.filter((t) => t.assignee === user)
    case 'unassigned':
      return tasks.filter((t) => !t.assignee)
    case 'groups':
      return tasks.filter((t) => t.candidateGroups.some((g) => groups.includes(g)))
  }
}

/** Most urgent first: the earliest due date, then the highest priority, then the oldest. */
export function byUrgency(tasks: UserTask[]): UserTask[] {
  const due = (t: UserTask) => (t.dueDate ? Date.parse(t.dueDate) : Number.POSITIVE_INFINITY)
  return [...tasks].sort((a, b) => due(a) - due(b) || b.priority - a.priority || Date.parse(a.creationDate) - Date.parse(b.creationDate))
}

/** The SLA badge: warning once `warningShare` of the time from creation to due has passed, breached after the due date. */
export function slaBadge(task: UserTask, now: Date, warningShare = 0.8): SlaBadge {
  if (!task.dueDate) return { kind: 'none' }
  const due = Date.parse(task.dueDate)
  const created = Date.parse(task.creationDate)
  const left = due - now.getTime()
  if (left < 0) return { kind: 'breached', minutesLate: Math.round(-left / 60000) }
  const warnAt = created + (due - created) * warningShare
  return { kind: now.getTime() >= warnAt ? 'warning' : 'ok', minutesLeft: Math.round(left / 60000) }
}
