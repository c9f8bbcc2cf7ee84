// The dashboard's figures (GET /api/dashboard) shaped for cards, tables, Chart.js datasets and CSV, the sentences that
// word them, and the links from each figure to the instances or tasks behind it.

import type { Page } from '../navigation'
import { count, percent, type Words } from './words'

export interface ProcessFigures {
  processDefinitionId: string
  open: number
  closed: number
  slaMet: number
  slaBreached: number
  slaCompliancePercent?: number | null
  averageFirstResponseMinutes?: number | null
  averageHandlingMinutes?: number | null
  csatAverage?: number | null
  csatResponses: number
}

export interface GroupBacklog {
  group: string
  open: number
  oldestMinutes: number
  ageing: { under1h: number; '1to4h': number; '4to24h': number; over24h: number }
}

/** A tier: the user tasks the models give this `tier` property, named after their task. */
export interface TierFigures {
  label: string
  open: number
  slaMet: number
  slaBreached: number
  slaCompliancePercent?: number | null
}

export interface SlaEvent {
  eventKey: string
  subjectType: 'USER_TASK' | 'PROCESS_INSTANCE'
  processInstanceKey: string
  processDefinitionId: string
  elementId?: string | null
  event: string
  dueDate: string
  at: string
}

export interface DashboardData {
  generatedAt: string
  /** The period asked for; absent for all time. */
  from?: string | null
  to?: string | null
  processes: ProcessFigures[]
  backlog: GroupBacklog[]
  tiers: Record<string, TierFigures>
  /** First-contact resolution over the resolved cases of every flow: how many were resolved, how many of them at the first contact. */
  firstContact: { percent?: number | null; resolvedCases: number; firstContactCases?: number }
  /** The latest breaches under the same filters, newest first. */
  breaches: SlaEvent[]
}

/** The headline figures over all processes: SLA compliance weighs every met and breached SLA alike; CSAT weighs every answer. */
export function headline(data: DashboardData) {
  const sum = (f: (p: ProcessFigures) => number) => data.processes.reduce((total, p) => total + f(p), 0)
  const met = sum((p) => p.slaMet)
  const breached = sum((p) => p.slaBreached)
  const responses = sum((p) => p.csatResponses)
  return {
    open: sum((p) => p.open),
    closed: sum((p) => p.closed),
    met,
    breaches: breached,
    compliancePercent: met + breached === 0 ? null : (100 * met) / (met + breached),
    csatAverage: responses === 0 ? null : sum((p) => (p.csatAverage ?? 0) * p.csatResponses) / responses,
    csatResponses: responses,
    firstContactResolutionPercent: data.firstContact.percent ?? null,
    backlog: data.backlog.reduce((total, g) => total + g.open, 0),
  }
}

/** The note under SLA compliance: its base ("3 of 4 SLAs met"), or that nothing was decided yet. */
export function slaBase(met: number, breached: number, w: Words): string {
  const decided = met + breached
  return decided === 0 ? w.t('overview.noSla') : w.t('overview.slaBase', { count: decided, total: count(decided, w), met: count(met, w) })
}

/** The note under first-contact resolution: its base ("1 of 4 resolved cases"), or that there is nothing to measure yet. */
export function firstContactBase(firstContact: DashboardData['firstContact'], w: Words): string {
  return firstContact.resolvedCases === 0
    ? w.t('overview.nothingToMeasure')
    : w.t('overview.firstContactBase', { count: firstContact.resolvedCases, total: count(firstContact.resolvedCases, w), first: count(firstContactCount(firstContact), w) })
}

/** First-contact resolution in a sentence that holds for any count: none resolved says there is nothing to measure, never "25 % of 0". */
export function firstContactText(firstContact: DashboardData['firstContact'], w: Words): string {
  return firstContact.resolvedCases === 0
    ? w.t('overview.firstContactNone')
    : w.t('overview.firstContactSentence', {
      count: firstContact.resolvedCases, total: count(firstContact.resolvedCases, w), first: count(firstContactCount(firstContact), w),
      percent: percent(firstContact.percent, w),
    })
}

// Older servers sent the percentage alone; the count follows from it.
const firstContactCount = (f: DashboardData['firstContact']) => f.firstContactCases ?? Math.round(((f.percent ?? 0) * f.resolvedCases) / 100)

const colours = { open: '#2680c2', closed: '#3ebd93', breached: '#e12d39', met: '#3ebd93', ages: ['#9fb3c8', '#f0b429', '#f7844e', '#e12d39'] }

/** Open and closed cases per process (a grouped bar chart). */
export function casesChart(processes: ProcessFigures[], w: Words) {
  return {
    labels: processes.map((p) => p.processDefinitionId),
    datasets: [
      { label: w.t('overview.open'), data: processes.map((p) => p.open), backgroundColor: colours.open },
      { label: w.t('overview.closed'), data: processes.map((p) => p.closed), backgroundColor: colours.closed },
    ],
  }
}

/** SLAs met and breached per process (a stacked bar chart). */
export function slaChart(processes: ProcessFigures[], w: Words) {
  return {
    labels: processes.map((p) => p.processDefinitionId),
    datasets: [
      { label: w.t('overview.met'), data: processes.map((p) => p.slaMet), backgroundColor: colours.met },
      { label: w.t('overview.breached'), data: processes.map((p) => p.slaBreached), backgroundColor: colours.breached },
    ],
  }
}

export const ageBuckets: (keyof GroupBacklog['ageing'])[] = ['under1h', '1to4h', '4to24h', 'over24h']

/** Open tasks per candidate group by age (a stacked bar chart), the largest backlog first. */
export function backlogChart(backlog: GroupBacklog[], w: Words) {
  const groups = [...backlog].sort((a, b) => b.open - a.open || a.group.localeCompare(b.group))
  return {
    labels: groups.map((g) => g.group),
    datasets: ageBuckets.map((bucket, i) => ({ label: w.t(`overview.ages.${bucket}`), data: groups.map((g) => g.ageing[bucket]), backgroundColor: colours.ages[i] })),
  }
}

/** The tiers in order with their figures. */
export function tiers(data: DashboardData): (TierFigures & { tier: string })[] {
  return Object.entries(data.tiers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tier, figures]) => ({ ...figures, tier }))
}

/** Open tasks and breaches per tier (a grouped bar chart). */
export function tierChart(data: DashboardData, w: Words) {
  const rows = tiers(data)
  return {
    labels: rows.map((t) => t.label),
    datasets: [
      { label: w.t('overview.open'), data: rows.map((t) => t.open), backgroundColor: colours.open },
      { label: w.t('overview.breached'), data: rows.map((t) => t.slaBreached), backgroundColor: colours.breached },
    ],
  }
}

/** Breaches newest first, each saying what breached (a task or the case's own SLA). */
export function recentBreaches(events: SlaEvent[], w: Words, limit = 10) {
  return events
    .filter((e) => e.event === 'BREACHED')
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.eventKey.localeCompare(a.eventKey))
    .slice(0, limit)
    .map((e) => ({ ...e, what: e.subjectType === 'USER_TASK' ? w.t('overview.taskSla', { element: e.elementId ?? '' }) : w.t('overview.caseSla') }))
}

/** What the overview is narrowed to besides its period (empty: everything). */
export interface Filters {
  process: string
  group: string
  channel: string
}

export const noFilters: Filters = { process: '', group: '', channel: '' }

/** The instance list's filter (`#/operations?…`, read by the operations page). */
export interface InstanceFilter {
  process?: string
  state?: 'ACTIVE' | 'COMPLETED' | 'CANCELED'
  incidents?: boolean
  businessKey?: string
  from?: string
  to?: string
}

/** The task list's filter (`#/tasks?…`, read by the task list). */
export interface TaskFilter {
  group?: string
  process?: string
  sla?: 'breached' | 'warning'
}

function hash(page: Page, query: Record<string, string | undefined>): string {
  const parameters = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') parameters.set(name, value)
  }
  const text = parameters.toString()
  return text === '' ? `#/${page}` : `#/${page}?${text}`
}

/** `#/operations?process=…&state=ACTIVE&incidents=true&businessKey=…&from=…&to=…`, leaving out what is not set. */
export function operationsLink(filter: InstanceFilter): string {
  return hash('operations', {
    process: filter.process, state: filter.state, incidents: filter.incidents ? 'true' : undefined, businessKey: filter.businessKey, from: filter.from, to: filter.to,
  })
}

/** `#/tasks?group=…&process=…&sla=breached`, leaving out what is not set. */
export function tasksLink(filter: TaskFilter): string {
  return hash('tasks', { group: filter.group, process: filter.process, sla: filter.sla })
}

/**
 * Where each overview figure leads: the instances (operations) or tasks behind it, under the overview's process and group
 * filters and period — only to pages the user may open (none: undefined). The pages take no channel, so a channel filter
 * is not carried over.
 */
export function overviewLinks(pages: Page[], filters: Filters, period: { from?: string; to?: string }) {
  const operations = pages.includes('operations')
  const tasks = pages.includes('tasks')
  const process = filters.process || undefined
  const group = filters.group || undefined
  const instances = (id: string | undefined, state?: InstanceFilter['state']) =>
    operations ? operationsLink({ process: id, state, from: period.from, to: period.to }) : undefined
  const work = (filter: TaskFilter) => (tasks ? tasksLink(filter) : undefined)
  return {
    open: instances(process, 'ACTIVE'),
    closed: instances(process, 'COMPLETED'),
    breaches: work({ group, process, sla: 'breached' }),
    openTasks: work({ group, process }),
    process: (id: string) => instances(id),
    processOpen: (id: string) => instances(id, 'ACTIVE'),
    processClosed: (id: string) => instances(id, 'COMPLETED'),
    processBreaches: (id: string) => work({ group, process: id, sla: 'breached' }),
    group: (name: string) => work({ group: name, process }),
    instance: (key: string) => (operations ? `#/operations/${encodeURIComponent(key)}` : undefined),
  }
}

type Cell = string | number | null | undefined

/** Rows as CSV (RFC 4180, CRLF): quoted where needed; text a spreadsheet would run as a formula starts with an apostrophe. */
export function csvText(rows: Cell[][]): string {
  const field = (value: Cell) => {
    let text = value === null || value === undefined ? '' : String(value)
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n'
}

export type OverviewTable = 'processes' | 'tiers' | 'backlog' | 'breaches'

/** An overview table as CSV rows: the API's field names as headers, the figures as the API gives them (no rounding, no words). */
export function overviewCsv(data: DashboardData, table: OverviewTable): Cell[][] {
  switch (table) {
    case 'processes':
      return [
        ['processDefinitionId', 'open', 'closed', 'slaMet', 'slaBreached', 'slaCompliancePercent', 'averageFirstResponseMinutes', 'averageHandlingMinutes', 'csatAverage', 'csatResponses'],
        ...data.processes.map((p) => [
          p.processDefinitionId, p.open, p.closed, p.slaMet, p.slaBreached, p.slaCompliancePercent, p.averageFirstResponseMinutes, p.averageHandlingMinutes, p.csatAverage, p.csatResponses,
        ]),
      ]
    case 'tiers':
      return [['tier', 'label', 'open', 'slaMet', 'slaBreached', 'slaCompliancePercent'], ...tiers(data).map((t) => [t.tier, t.label, t.open, t.slaMet, t.slaBreached, t.slaCompliancePercent])]
    case 'backlog':
      return [
        ['group', 'open', 'oldestMinutes', ...ageBuckets],
        ...data.backlog.map((g) => [g.group, g.open, g.oldestMinutes, ...ageBuckets.map((b) => g.ageing[b])]),
      ]
    case 'breaches':
      return [
        ['eventKey', 'subjectType', 'processInstanceKey', 'processDefinitionId', 'elementId', 'dueDate', 'at'],
        ...data.breaches.map((b) => [b.eventKey, b.subjectType, b.processInstanceKey, b.processDefinitionId, b.elementId, b.dueDate, b.at]),
      ]
  }
}
