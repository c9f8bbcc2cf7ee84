// The agent workspace's logic without React: each row's case facts and SLA urgency, the keyboard shortcuts, which task
// opens after one is completed, and which tasks arrived since the list was last looked at.
import type { Translate } from '../format'
import { calendarName } from '../i18n/calendars'

/** A task's case and SLA as `POST /api/user-tasks/rows` gives them (read on the server, one call for the whole list). */
export interface TaskRow {
  userTaskKey: string
  processInstanceKey: string
  businessKey?: string | null
  customerId?: string | null
  customerName?: string | null
  subject?: string | null
  channel?: string | null
  language?: string | null
  priority: number
  sla?: RowSla | null
}

/** An open task's SLA: minutes left, late and allowed (creation to due) in its calendar's working time, and the zone to state the due time in. */
export interface RowSla {
  dueDate: string
  state: 'OK' | 'WARNING' | 'BREACHED'
  calendar?: string | null
  timeZone: string
  minutesLeft: number
  minutesLate: number
  minutesAllowed: number
}

/**
 * How urgent a task is, by the share of its allowance left: more than half `relaxed`, down to a quarter `steady`, below a
 * quarter `soon`, below a tenth (or once the server warns) `urgent`, past due `breached`.
 */
export type Urgency = 'none' | 'relaxed' | 'steady' | 'soon' | 'urgent' | 'breached'

export function urgency(sla: RowSla | null | undefined): Urgency {
  if (!sla) return 'none'
  if (sla.state === 'BREACHED' || sla.minutesLate > 0) return 'breached'
  const share = sla.minutesAllowed > 0 ? sla.minutesLeft / sla.minutesAllowed : 0
  if (sla.state === 'WARNING' || share < 0.1) return 'urgent'
  if (share < 0.25) return 'soon'
  if (share <= 0.5) return 'steady'
  return 'relaxed'
}

/** The pill's note on what an SLA counts: the working hours of its business calendar, or clock time. `t` speaks `tasks`. */
export function slaClock(sla: RowSla, t: Translate): string {
  return sla.calendar ? t('sla.workingTime', { calendar: calendarName(sla.calendar, t) }) : t('sla.wallTime', {})
}

/** What a key press asks the task list to do. */
export type Shortcut = 'next' | 'previous' | 'open' | 'claim' | 'complete' | 'help' | 'close'

/** The parts of a keyboard event the shortcuts look at. */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  /** The focused element is a field the user types in (input, textarea, select, contenteditable). */
  typing: boolean
}

/**
 * j/k next and previous task, Enter open, c claim, ? this list, Escape close, Ctrl+Enter (⌘+Enter) complete. While the
 * user types in a field only Ctrl+Enter counts (it types nothing); every other key is the field's.
 */
export function shortcut(press: KeyPress): Shortcut | undefined {
  if ((press.ctrlKey || press.metaKey) && press.key === 'Enter') return 'complete'
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return undefined
  switch (press.key) {
    case 'j':
      return 'next'
    case 'k':
      return 'previous'
    case 'Enter':
      return 'open'
    case 'c':
      return 'claim'
    case '?':
      return 'help'
    case 'Escape':
      return 'close'
    default:
      return undefined
  }
}

/** The shortcuts as the help lists them: keys and the message key of what they do. */
export const shortcutList: { keys: string; does: Shortcut }[] = [
  { keys: 'j', does: 'next' },
  { keys: 'k', does: 'previous' },
  { keys: 'Enter', does: 'open' },
  { keys: 'c', does: 'claim' },
  { keys: 'Ctrl+Enter', does: 'complete' },
  { keys: '?', does: 'help' },
  { keys: 'Esc', does: 'close' },
]

/** The key `steps` places from `current` in the list (clamped to its ends); the first one when none is current. */
export function step(keys: string[], current: string | undefined, steps: number): string | undefined {
  if (keys.length === 0) return undefined
  const at = current === undefined ? -1 : keys.indexOf(current)
  if (at < 0) return keys[0]
  return keys[Math.min(keys.length - 1, Math.max(0, at + steps))]
}

/**
 * The task to open once `done` is completed: the one after it in the list as shown, else the one before it; none when it
 * was the only one. Tasks the user cannot work on (`workable` false) are skipped.
 */
export function nextTask<T extends { userTaskKey: string }>(shown: T[], done: string, workable: (task: T) => boolean = () => true): T | undefined {
  const at = shown.findIndex((t) => t.userTaskKey === done)
  const after = at < 0 ? shown : shown.slice(at + 1)
  const before = at < 0 ? [] : shown.slice(0, at).reverse()
  return [...after, ...before].find((t) => t.userTaskKey !== done && workable(t))
}

/** The tasks of `keys` not in `seen`: those that arrived since the list was last looked at. */
export function arrived(keys: string[], seen: ReadonlySet<string>): string[] {
  return keys.filter((k) => !seen.has(k))
}

/** The tab's title with the count of new tasks in front ("(3) Tasks"), or the plain title when there are none. */
/**
 * The tasks completed on this page that a shown refresh still lists (its answer came from before the completion): they stay
 * hidden. The others leave the set, so it does not grow while the page stays open: an answer shown later is newer than this
 * one (older answers are not shown), so it no longer lists them either. The same set when nothing left it.
 */
export function stillListed(completedHere: ReadonlySet<string>, listed: string[]): ReadonlySet<string> {
  if (completedHere.size === 0) return completedHere
  const keys = new Set(listed)
  const kept = [...completedHere].filter((key) => keys.has(key))
  return kept.length === completedHere.size ? completedHere : new Set(kept)
}

export function titleWithCount(title: string, count: number): string {
  return count > 0 ? `(${count}) ${title}` : title
}

/** The task list's filter link: `#/tasks?group=…&process=…&sla=breached|warning`. */
export interface LinkFilters {
  group: string
  process: string
  sla: '' | 'breached' | 'warning'
}

export function linkFilters(hash: string): LinkFilters {
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '')
  const sla = query.get('sla')
  return { group: query.get('group') ?? '', process: query.get('process') ?? '', sla: sla === 'breached' || sla === 'warning' ? sla : '' }
}

/** True when a row passes the SLA filter: `breached` past due, `warning` warned (or urgent) but not yet past due. */
export function slaMatches(row: TaskRow | undefined, filter: LinkFilters['sla']): boolean {
  if (filter === '') return true
  const u = urgency(row?.sla)
  return filter === 'breached' ? u === 'breached' : u === 'urgent'
}
