// Task-list logic without React: which tasks a view shows, the filters and the order.

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
  completionDate?: string
  dueDate?: string
  priority: number
}

export type View = 'mine' | 'groups' | 'unassigned' | 'completed'

/**
 * The states of a task that is still open: created, or waiting for its task listeners to decide an assignment, an update
 * or a completion (it stays in the list, without actions, until they do; a denial brings it back to created).
 */
export const openStates = ['CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING']

/** The message key of what a task waiting for its task listeners shows instead of its actions; undefined for a task one can act on. */
export function pendingLabel(state: string): 'pending.assigning' | 'pending.updating' | 'pending.completing' | undefined {
  switch (state) {
    case 'ASSIGNING':
      return 'pending.assigning'
    case 'UPDATING':
      return 'pending.updating'
    case 'COMPLETING':
      return 'pending.completing'
    default:
      return undefined
  }
}

/** The open tasks of a view for a user with these groups (the completed view is asked of the server). */
export function inView(tasks: UserTask[], view: Exclude<View, 'completed'>, user: string, groups: string[]): UserTask[] {
  switch (view) {
    case 'mine':
      return tasks.filter((t) => t.assignee === user)
    case 'unassigned':
      return tasks.filter((t) => !t.assignee)
    case 'groups':
      return tasks.filter((t) => t.candidateGroups.some((g) => groups.includes(g)))
  }
}

export type DueFilter = 'any' | 'overdue' | 'today' | 'week' | 'none'

export interface TaskFilters {
  process: string
  group: string
  minPriority: number
  due: DueFilter
}

export const noFilters: TaskFilters = { process: '', group: '', minPriority: 0, due: 'any' }

/** The tasks that pass the filters; "today" and "this week" mean due before the end of the local day or of the next 7 days. */
export function applyFilters(tasks: UserTask[], filters: TaskFilters, now: Date): UserTask[] {
  const endOfDay = new Date(now)
  endOfDay.setHours(24, 0, 0, 0)
  const dueBefore: Record<DueFilter, (due: number | undefined) => boolean> = {
    any: () => true,
    none: (due) => due === undefined,
    overdue: (due) => due !== undefined && due < now.getTime(),
    today: (due) => due !== undefined && due < endOfDay.getTime(),
    week: (due) => due !== undefined && due < endOfDay.getTime() + 6 * 86_400_000,
  }
  return tasks.filter((t) =>
    (!filters.process || t.processDefinitionId === filters.process)
    && (!filters.group || t.candidateGroups.includes(filters.group))
    && t.priority >= filters.minPriority
    && dueBefore[filters.due](t.dueDate ? Date.parse(t.dueDate) : undefined))
}

/**
 * The filters a task-list hash sets: `#/tasks/group/qa-reviewers` (a group's queue) or `#/tasks?group=…&process=…`
 * (`linked`, read from the query); none for any other.
 */
export function filtersFor(path: string[], linked: { group: string; process: string } = { group: '', process: '' }): TaskFilters {
  const group = path[0] === 'group' && path[1] ? path[1] : linked.group
  return { ...noFilters, group, process: linked.process }
}

/** The values the process and group filters offer: those of the tasks at hand and the ones chosen. */
export function filterChoices(tasks: UserTask[], chosen: TaskFilters): { processes: string[]; groups: string[] } {
  const sorted = (values: string[], selected: string) => [...new Set(selected ? [...values, selected] : values)].sort()
  return {
    processes: sorted(tasks.map((t) => t.processDefinitionId), chosen.process),
    groups: sorted(tasks.flatMap((t) => t.candidateGroups), chosen.group),
  }
}

export type SortOrder = 'due' | 'priority'

/**
 * By due date: the earliest due first, then the highest priority, then the oldest; tasks without a due date last.
 * By priority: the highest first, then by due date.
 */
export function sortTasks(tasks: UserTask[], order: SortOrder): UserTask[] {
  const due = (t: UserTask) => (t.dueDate ? Date.parse(t.dueDate) : Number.POSITIVE_INFINITY)
  const byDue = (a: UserTask, b: UserTask) => due(a) - due(b) || 0
  const byPriority = (a: UserTask, b: UserTask) => b.priority - a.priority
  const byAge = (a: UserTask, b: UserTask) => Date.parse(a.creationDate) - Date.parse(b.creationDate)
  return [...tasks].sort((a, b) => (order === 'due' ? byDue(a, b) || byPriority(a, b) : byPriority(a, b) || byDue(a, b)) || byAge(a, b))
}
