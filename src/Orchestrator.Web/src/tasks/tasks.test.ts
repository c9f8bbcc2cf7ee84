import { describe, expect, it } from 'vitest'
import { byUrgency, inView, slaBadge, type UserTask } from './tasks'

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

describe('views', () => {
  const tasks = [task('1', { assignee: 'alice' }), task('2'), task('3', { candidateGroups: ['finance'] })]

  it('shows my tasks, my groups\' tasks and unassigned ones', () => {
    expect(inView(tasks, 'mine', 'alice', []).map((t) => t.userTaskKey)).toEqual(['1'])
    expect(inView(tasks, 'unassigned', 'alice', []).map((t) => t.userTaskKey)).toEqual(['2', '3'])
    expect(inView(tasks, 'groups', 'alice', ['returns-agents']).map((t) => t.userTaskKey)).toEqual(['1', '2'])
  })
})

describe('urgency', () => {
  it('puts the earliest due date first, then the highest priority, then the oldest', () => {
    const sorted = byUrgency([
      task('late', { dueDate: '2026-12-07T08:00:00.000Z' }),
      task('none'),
      task('soon', { dueDate: '2026-12-07T03:00:00.000Z', priority: 10 }),
      task('soonUrgent', { dueDate: '2026-12-07T03:00:00.000Z', priority: 90 }),
    ])
    expect(sorted.map((t) => t.userTaskKey)).toEqual(['soonUrgent', 'soon', 'late', 'none'])
  })
})

describe('SLA badge', () => {
  const fourHours = task('1', { dueDate: '2026-12-07T06:00:00.000Z' })

  it('is ok, then a warning at 80 % of the time, then breached', () => {
    expect(slaBadge(fourHours, new Date('2026-12-07T03:00:00.000Z'))).toEqual({ kind: 'ok', minutesLeft: 180 })
    expect(slaBadge(fourHours, new Date('2026-12-07T05:30:00.000Z'))).toEqual({ kind: 'warning', minutesLeft: 30 })
    expect(slaBadge(fourHours, new Date('2026-12-07T06:45:00.000Z'))).toEqual({ kind: 'breached', minutesLate: 45 })
    expect(slaBadge(task('2'), new Date())).toEqual({ kind: 'none' })
  })
})
