import { describe, expect, it } from 'vitest'
import type { Translate } from '../format'
import { i18n } from '../i18n/i18n'
import { arrived, linkFilters, nextTask, shortcut, slaClock, slaMatches, step, stillListed, titleWithCount, urgency, type KeyPress, type RowSla } from './workspace'

const sla = (minutesLeft: number, minutesAllowed = 240, extra: Partial<RowSla> = {}): RowSla => ({
  dueDate: '2026-12-05T06:00:00.000Z', state: 'OK', timeZone: 'Asia/Shanghai', minutesLeft, minutesLate: 0, minutesAllowed, ...extra,
})

describe('SLA urgency', () => {
  it('follows the share of the allowance left', () => {
    expect(urgency(sla(200))).toBe('relaxed')
    expect(urgency(sla(120))).toBe('steady')
    expect(urgency(sla(61))).toBe('steady')
    expect(urgency(sla(59))).toBe('soon')
    expect(urgency(sla(23))).toBe('urgent')
    expect(urgency(sla(0, 240, { state: 'BREACHED', minutesLate: 5 }))).toBe('breached')
  })

  it('tells "1 h left" from "4 h left" of an 8-hour allowance', () => {
    expect(urgency(sla(60, 480))).toBe('soon')
    expect(urgency(sla(240, 480))).toBe('steady')
    expect(urgency(sla(60, 480))).not.toBe(urgency(sla(240, 480)))
  })

  it('is urgent once the server warns, whatever is left', () => {
    expect(urgency(sla(200, 240, { state: 'WARNING' }))).toBe('urgent')
  })

  it('is none without a due date', () => {
    expect(urgency(undefined)).toBe('none')
    expect(urgency(null)).toBe('none')
  })
})

describe('SLA clock', () => {
  const tasksIn = (language: 'en' | 'zh-CN'): Translate => {
    const t = i18n.getFixedT(language, 'tasks')
    return (key, values) => t(key, values)
  }
  const en = tasksIn('en')
  const zh = tasksIn('zh-CN')

  // As the dashboard's handling-time note names them: the standard calendar by description, another by its id in quotes.
  it('names the business calendar as a person reads it, in English', () => {
    expect(slaClock(sla(60, 240, { calendar: 'default' }), en)).toBe('Working hours of the standard business calendar')
    expect(slaClock(sla(60, 240, { calendar: 'support' }), en)).toBe('Working hours of the “support” calendar')
  })

  it('names the business calendar as a person reads it, in Chinese', () => {
    expect(slaClock(sla(60, 240, { calendar: 'default' }), zh)).toBe('按标准工作日历的工作时间计算')
    expect(slaClock(sla(60, 240, { calendar: 'support' }), zh)).toBe('按“support”日历的工作时间计算')
  })

  it('says clock time when the SLA runs on no business calendar', () => {
    expect(slaClock(sla(60), en)).toBe('Clock time')
    expect(slaClock(sla(60, 240, { calendar: null }), zh)).toBe('按自然时间计算')
  })
})

describe('shortcuts', () => {
  const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, ...extra })

  it('map j, k, Enter, c, ?, Escape and Ctrl+Enter', () => {
    expect(['j', 'k', 'Enter', 'c', '?', 'Escape'].map((k) => shortcut(press(k)))).toEqual(['next', 'previous', 'open', 'claim', 'help', 'close'])
    expect(shortcut(press('Enter', { ctrlKey: true }))).toBe('complete')
    expect(shortcut(press('Enter', { metaKey: true }))).toBe('complete')
    expect(shortcut(press('x'))).toBeUndefined()
  })

  it('never fire while the user types in a field, bar Ctrl+Enter', () => {
    expect(['j', 'k', 'Enter', 'c', '?', 'Escape'].map((k) => shortcut(press(k, { typing: true })))).toEqual(Array(6).fill(undefined))
    expect(shortcut(press('Enter', { ctrlKey: true, typing: true }))).toBe('complete')
  })

  it('leave the browser its own combinations', () => {
    expect(shortcut(press('c', { ctrlKey: true }))).toBeUndefined()
    expect(shortcut(press('j', { altKey: true }))).toBeUndefined()
  })

  it('step through the list without leaving it', () => {
    expect(step(['a', 'b', 'c'], undefined, 1)).toBe('a')
    expect(step(['a', 'b', 'c'], 'a', 1)).toBe('b')
    expect(step(['a', 'b', 'c'], 'c', 1)).toBe('c')
    expect(step(['a', 'b', 'c'], 'a', -1)).toBe('a')
    expect(step([], 'a', 1)).toBeUndefined()
  })
})

describe('the next task', () => {
  const list = ['a', 'b', 'c'].map((userTaskKey) => ({ userTaskKey, mine: userTaskKey !== 'b' }))

  it('is the one after the completed one, else the one before', () => {
    expect(nextTask(list, 'a')?.userTaskKey).toBe('b')
    expect(nextTask(list, 'c')?.userTaskKey).toBe('b')
  })

  it('skips tasks the user cannot work on', () => {
    expect(nextTask(list, 'a', (t) => t.mine)?.userTaskKey).toBe('c')
  })

  it('is none when the completed task was the only one', () => {
    expect(nextTask([{ userTaskKey: 'a' }], 'a')).toBeUndefined()
  })
})

describe('new tasks', () => {
  it('are those not seen yet, counted in the title', () => {
    expect(arrived(['a', 'b', 'c'], new Set(['a']))).toEqual(['b', 'c'])
    expect(titleWithCount('Tasks', 2)).toBe('(2) Tasks')
    expect(titleWithCount('Tasks', 0)).toBe('Tasks')
  })
})

describe('filter links', () => {
  it('read group, process and SLA from the hash', () => {
    expect(linkFilters('#/tasks?group=tier1-agents&process=complaint-escalation&sla=breached')).toEqual({ group: 'tier1-agents', process: 'complaint-escalation', sla: 'breached' })
    expect(linkFilters('#/tasks')).toEqual({ group: '', process: '', sla: '' })
    expect(linkFilters('#/tasks?sla=later')).toEqual({ group: '', process: '', sla: '' })
  })

  it('match rows by their SLA', () => {
    const row = (s: RowSla) => ({ userTaskKey: '1', processInstanceKey: '2', priority: 50, sla: s })
    expect(slaMatches(row(sla(0, 240, { state: 'BREACHED', minutesLate: 3 })), 'breached')).toBe(true)
    expect(slaMatches(row(sla(10, 240, { state: 'WARNING' })), 'warning')).toBe(true)
    expect(slaMatches(row(sla(200)), 'warning')).toBe(false)
    expect(slaMatches(undefined, '')).toBe(true)
  })
})

describe('tasks completed on the page', () => {
  it('stay hidden while a shown refresh still lists them, and leave the set once one does not', () => {
    const completed = new Set(['1', '2', '3'])
    expect([...stillListed(completed, ['2', '3', '4'])]).toEqual(['2', '3'])
    expect(stillListed(completed, ['1', '2', '3', '4'])).toBe(completed)
    expect(stillListed(completed, ['4']).size).toBe(0)
    const none = new Set<string>()
    expect(stillListed(none, ['4'])).toBe(none)
  })
})
