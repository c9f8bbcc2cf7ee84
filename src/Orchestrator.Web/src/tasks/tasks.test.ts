import { describe, expect, it } from 'vitest'
import { applyFilters, filterChoices, filtersFor, inView, noFilters, openStates, pendingLabel, sortTasks, type UserTask } from './tasks'

const task = (key: string, extra: Partial<UserTask> = {}): UserTask => ({
  userTaskKey: key,
  name: 'Review the return',
  state: 'CREATED',
  elementId: 'review',
  candidateGroups: ['returns-agents'],
  processDefinitionId: 'return-and-refund',
  processInstanceKey: '1',
  creationDate: '2026-12-07T02:00:00.000Z',
  priority: 50,
  ...extra,
})

const keys = (tasks: UserTask[]) => tasks.map((t) => t.userTaskKey)

describe('views', () => {
  const tasks = [task('1', { assignee: 'alice' }), task('2'), task('3', { candidateGroups: ['finance'] })]

  it("shows my tasks, my groups' tasks and unassigned ones", () => {
    expect(keys(inView(tasks, 'mine', 'alice', []))).toEqual(['1'])
    expect(keys(inView(tasks, 'unassigned', 'alice', []))).toEqual(['2', '3'])
    expect(keys(inView(tasks, 'groups', 'alice', ['returns-agents']))).toEqual(['1', '2'])
  })
})

describe('filters', () => {
  const now = new Date('2026-12-07T10:00:00')
  const tasks = [
    task('overdue', { dueDate: new Date('2026-12-07T09:00:00').toISOString(), priority: 80 }),
    task('tonight', { dueDate: new Date('2026-12-07T23:00:00').toISOString(), processDefinitionId: 'repair' }),
    task('friday', { dueDate: new Date('2026-12-11T12:00:00').toISOString(), candidateGroups: ['finance'] }),
    task('later', { dueDate: new Date('2026-12-30T12:00:00').toISOString() }),
    task('open-ended', { priority: 10 }),
  ]

  it('passes everything without filters', () => {
    expect(applyFilters(tasks, noFilters, now)).toHaveLength(5)
  })

  it('filters by due date: overdue, today, this week, without one', () => {
    expect(keys(applyFilters(tasks, { ...noFilters, due: 'overdue' }, now))).toEqual(['overdue'])
    expect(keys(applyFilters(tasks, { ...noFilters, due: 'today' }, now))).toEqual(['overdue', 'tonight'])
    expect(keys(applyFilters(tasks, { ...noFilters, due: 'week' }, now))).toEqual(['overdue', 'tonight', 'friday'])
    expect(keys(applyFilters(tasks, { ...noFilters, due: 'none' }, now))).toEqual(['open-ended'])
  })

  it('filters by process, group and lowest priority', () => {
    expect(keys(applyFilters(tasks, { ...noFilters, process: 'repair' }, now))).toEqual(['tonight'])
    expect(keys(applyFilters(tasks, { ...noFilters, group: 'finance' }, now))).toEqual(['friday'])
    expect(keys(applyFilters(tasks, { ...noFilters, minPriority: 50 }, now))).toEqual(['overdue', 'tonight', 'friday', 'later'])
  })

  it('offers the processes and groups of the tasks, once each, sorted', () => {
    expect(filterChoices(tasks, noFilters)).toEqual({ processes: ['repair', 'return-and-refund'], groups: ['finance', 'returns-agents'] })
  })

  it('offers the chosen process and group even when no task has them', () => {
    expect(filterChoices(tasks, { ...noFilters, process: 'quality-review', group: 'qa-reviewers' })).toEqual({
      processes: ['quality-review', 'repair', 'return-and-refund'], groups: ['finance', 'qa-reviewers', 'returns-agents'],
    })
  })

  it("opens a group's queue from the hash and nothing else", () => {
    expect(filtersFor(['group', 'qa-reviewers'])).toEqual({ ...noFilters, group: 'qa-reviewers' })
    expect(filtersFor(['group'])).toEqual(noFilters)
    expect(filtersFor(['process', 'repair'])).toEqual(noFilters)
    expect(filtersFor([], { group: 'tier1-agents', process: 'repair' })).toEqual({ ...noFilters, group: 'tier1-agents', process: 'repair' })
  })
})

describe('order', () => {
  const tasks = [
    task('late', { dueDate: '2026-12-07T08:00:00.000Z', priority: 95 }),
    task('none', { priority: 100 }),
    task('soon', { dueDate: '2026-12-07T03:00:00.000Z', priority: 10 }),
    task('soonUrgent', { dueDate: '2026-12-07T03:00:00.000Z', priority: 90 }),
  ]

  it('by due date puts the earliest first, then the highest priority, and tasks without a due date last', () => {
    expect(keys(sortTasks(tasks, 'due'))).toEqual(['soonUrgent', 'soon', 'late', 'none'])
  })

  it('by priority puts the highest first, then the earliest due', () => {
    expect(keys(sortTasks(tasks, 'priority'))).toEqual(['none', 'late', 'soonUrgent', 'soon'])
  })

  it('keeps the oldest first among equals', () => {
    const older = task('older', { creationDate: '2026-12-01T00:00:00.000Z' })
    expect(keys(sortTasks([task('newer'), older], 'due'))).toEqual(['older', 'newer'])
  })
})

describe('tasks waiting for their listeners', () => {
  it('stay in the list without actions while an assignment, update or completion is decided', () => {
    expect(openStates).toEqual(['CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING'])
    expect(pendingLabel('ASSIGNING')).toBe('pending.assigning')
    expect(pendingLabel('UPDATING')).toBe('pending.updating')
    expect(pendingLabel('COMPLETING')).toBe('pending.completing')
  })

  it('leave a created task its actions and show nothing for ended ones', () => {
    expect(pendingLabel('CREATED')).toBeUndefined()
    expect(pendingLabel('COMPLETED')).toBeUndefined()
    expect(openStates).not.toContain('COMPLETED')
    expect(openStates).not.toContain('CANCELED')
  })
})
