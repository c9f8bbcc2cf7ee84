// The dashboard's figures (GET /api/dashboard, SLA breach events) shaped for cards, tables and Chart.js datasets.

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

export interface DashboardData {
  generatedAt: string
  processes: ProcessFigures[]
  backlog: GroupBacklog[]
  tiers: Record<string, TierFigures>
  /** First-contact resolution over the resolved cases of every flow. */
  firstContact: { percent?: number | null; resolvedCases: number }
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

/** Compliance as people read it: "92.5 %", or "—" before any SLA was met or breached. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10} %`
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
    breaches: breached,
    compliancePercent: met + breached === 0 ? null : (100 * met) / (met + breached),
    csatAverage: responses === 0 ? null : sum((p) => (p.csatAverage ?? 0) * p.csatResponses) / responses,
    csatResponses: responses,
    firstContactResolutionPercent: data.firstContact.percent ?? null,
    backlog: data.backlog.reduce((total, g) => total + g.open, 0),
  }
}

const colours = { open: '#2680c2', closed: '#3ebd93', breached: '#e12d39', met: '#3ebd93', ages: ['#9fb3c8', '#f0b429', '#f7844e', '#e12d39'] }

/** Open and closed cases per process (a grouped bar chart). */
export function casesChart(processes: ProcessFigures[]) {
  return {
    labels: processes.map((p) => p.processDefinitionId),
    datasets: [
      { label: 'Open', data: processes.map((p) => p.open), backgroundColor: colours.open },
      { label: 'Closed', data: processes.map((p) => p.closed), backgroundColor: colours.closed },
    ],
  }
}

/** SLAs met and breached per process (a stacked bar chart). */
export function slaChart(processes: ProcessFigures[]) {
  return {
    labels: processes.map((p) => p.processDefinitionId),
    datasets: [
      { label: 'Met', data: processes.map((p) => p.slaMet), backgroundColor: colours.met },
      { label: 'Breached', data: processes.map((p) => p.slaBreached), backgroundColor: colours.breached },
    ],
  }
}

export const ageBuckets: { key: keyof GroupBacklog['ageing']; label: string }[] = [
  { key: 'under1h', label: 'under 1 h' },
  { key: '1to4h', label: '1–4 h' },
  { key: '4to24h', label: '4–24 h' },
  { key: 'over24h', label: 'over 24 h' },
]

/** Open tasks per candidate group by age (a stacked bar chart), the largest backlog first. */
export function backlogChart(backlog: GroupBacklog[]) {
  const groups = [...backlog].sort((a, b) => b.open - a.open || a.group.localeCompare(b.group))
  return {
    labels: groups.map((g) => g.group),
    datasets: ageBuckets.map((bucket, i) => ({ label: bucket.label, data: groups.map((g) => g.ageing[bucket.key]), backgroundColor: colours.ages[i] })),
  }
}

/** The tiers in order with their figures. */
export function tiers(data: DashboardData): (TierFigures & { tier: string })[] {
  return Object.entries(data.tiers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tier, figures]) => ({ ...figures, tier }))
}

/** Open tasks and breaches per tier (a grouped bar chart). */
export function tierChart(data: DashboardData) {
  const rows = tiers(data)
  return {
    labels: rows.map((t) => t.label),
    datasets: [
      { label: 'Open', data: rows.map((t) => t.open), backgroundColor: colours.open },
      { label: 'Breached', data: rows.map((t) => t.slaBreached), backgroundColor: colours.breached },
    ],
  }
}

/** Breaches newest first, each saying what breached (a task or the case's own SLA). */
export function recentBreaches(events: SlaEvent[], limit = 10) {
  return events
    .filter((e) => e.event === 'BREACHED')
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.eventKey.localeCompare(a.eventKey))
    .slice(0, limit)
    .map((e) => ({ ...e, what: e.subjectType === 'USER_TASK' ? `task ${e.elementId}` : 'case SLA' }))
}

/** First-contact resolution in words that hold for any count: none resolved yet says so rather than "— of 0". */
export function firstContactText(firstContact: DashboardData['firstContact']): string {
  return firstContact.resolvedCases === 0
    ? 'No case has been resolved yet.'
    : `${percent(firstContact.percent)} of ${firstContact.resolvedCases} resolved ${firstContact.resolvedCases === 1 ? 'case was' : 'cases were'} resolved at the first contact.`
}
