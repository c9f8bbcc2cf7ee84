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

export interface TierFigures {
  open: number
  slaMet: number
  slaBreached: number
  slaCompliancePercent?: number | null
}

export interface DashboardData {
  generatedAt: string
  processes: ProcessFigures[]
  backlog: GroupBacklog[]
  complaints: { tiers: Record<string, TierFigures>; firstContactResolutionPercent?: number | null; closed: number }
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

export const tierLabels: Record<string, string> = {
  tier1: 'Tier 1 — agent (1 h)',
  tier2: 'Tier 2 — specialist (4 h)',
  tier3: 'Tier 3 — director (24 h)',
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
    firstContactResolutionPercent: data.complaints.firstContactResolutionPercent ?? null,
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

/** The complaint tiers in order with their figures. */
export function tiers(data: DashboardData): (TierFigures & { tier: string; label: string })[] {
  return Object.entries(data.complaints.tiers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tier, figures]) => ({ ...figures, tier, label: tierLabels[tier] ?? tier }))
}

/** Open complaints and breaches per tier (a grouped bar chart). */
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
