// The dashboard's report pages (KPIs, voice of the customer, quality) without React: which section and breakdown a
// hash names, the date range sent to the API, report and CSV addresses, how figures and changes read, chart datasets.

import { formatMinutes } from '../format'
import { percent } from './dashboard'

export type Section = 'overview' | 'kpis' | 'voc' | 'quality'

export const sections: { section: Section; label: string; by: string[] }[] = [
  { section: 'overview', label: 'Overview', by: [] },
  { section: 'kpis', label: 'KPIs', by: ['agent', 'group', 'process', 'tier'] },
  { section: 'voc', label: 'Voice of the customer', by: ['reason', 'sku', 'category', 'carrier', 'supplier', 'country'] },
  { section: 'quality', label: 'Quality', by: ['agent', 'group', 'process'] },
]

export const byLabels: Record<string, string> = {
  agent: 'Agent', group: 'Group', process: 'Process', tier: 'Tier',
  reason: 'Reason', sku: 'SKU', category: 'Product category', carrier: 'Carrier', supplier: 'Supplier', country: 'Country',
}

/** The section and breakdown of a dashboard hash's rest (`#/dashboard/kpis/group` → kpis by group); the overview, or the section's first breakdown, when the hash names none it knows. */
export function dashboardRoute(rest: string[]): { section: Section; by: string } {
  const found = sections.find((s) => s.section === rest[0]) ?? sections[0]
  return { section: found.section, by: found.by.find((b) => b === rest[1]) ?? found.by[0] ?? '' }
}

/** A range of whole days as the date inputs hold them (`YYYY-MM-DD`, local time), both days included. */
export interface DayRange {
  from: string
  to: string
}

const day = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

const midnight = (value: string) => {
  const [year, month, date] = value.split('-').map(Number)
  return new Date(year, month - 1, date)
}

/** The last 30 days up to today, as the API's default. */
export function defaultRange(now: Date): DayRange {
  const from = new Date(now)
  from.setDate(from.getDate() - 30)
  return { from: day(from), to: day(now) }
}

/** The days an API period (`from` included, `to` excluded) covers: "2026-10-05 – 2026-11-03", one day alone. */
export function periodDays(from: string, to: string): string {
  const first = day(new Date(from))
  const last = day(new Date(Date.parse(to) - 1))
  return first === last ? first : `${first} – ${last}`
}

/** The API's `from`/`to`: the start of the first day, and the end of the last day or now, whichever comes first; an error when the range is empty or incomplete. */
export function rangeQuery(range: DayRange, now: Date): { from: string; to: string } | { error: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return { error: 'Choose both dates of the range.' }
  if (range.from > range.to) return { error: 'The range must start on or before its last day.' }
  if (midnight(range.from).getTime() > now.getTime()) return { error: 'The range starts in the future.' }
  const end = midnight(range.to)
  end.setDate(end.getDate() + 1)
  return { from: midnight(range.from).toISOString(), to: new Date(Math.min(end.getTime(), now.getTime())).toISOString() }
}

/** A report's address with its query (parameters without a value left out); `csv` asks for the CSV export. */
export function reportUrl(path: string, query: Record<string, string | undefined>, csv = false): string {
  const parameters = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...query, format: csv ? 'csv' : undefined })) {
    if (value !== undefined && value !== '') parameters.set(name, value)
  }
  return `${path}?${parameters}`
}

/** The days a report covers, and the moment "now" meant when they were chosen (so the query stays the same until Refresh). */
export interface Period {
  range: DayRange
  asOf: Date
}

/**
 * The addresses of a report (JSON and CSV) for the period and the breakdown, and the error that stops asking for it
 * (an empty or reversed range).
 */
export function reportAddresses(path: string, by: string, period: Period, extra: Record<string, string> = {}) {
  const range = rangeQuery(period.range, period.asOf)
  if ('error' in range) return { error: range.error }
  const query = { ...range, by, ...extra }
  return { json: reportUrl(path, query), csv: reportUrl(path, query, true) }
}

const missing = (value: number | null | undefined): value is null | undefined => value === null || value === undefined

/** A figure rounded to one decimal, or "—" when nothing was measured. */
export function decimal(value: number | null | undefined): string {
  return missing(value) ? '—' : String(Math.round(value * 10) / 10)
}

/** A duration in minutes as people read it, or "—". */
export function minutes(value: number | null | undefined): string {
  return missing(value) ? '—' : formatMinutes(value)
}

/** A duration in hours as people read it, or "—". */
export function hours(value: number | null | undefined): string {
  return missing(value) ? '—' : formatMinutes(value * 60)
}

/** An NPS (−100 … 100) with its sign, or "—". */
export function nps(value: number | null | undefined): string {
  if (missing(value)) return '—'
  const rounded = Math.round(value * 10) / 10
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0'
}

export type ChangeKind = 'up' | 'down' | 'same' | 'new' | 'none'

/** How a count moved against the previous period: an arrow and a signed percentage, "new" when there was none before, "—" when there is none at all. */
export function change(count: number, previousCount: number, changePercent: number | null | undefined): { kind: ChangeKind; text: string; title: string } {
  if (previousCount === 0) {
    return count === 0
      ? { kind: 'none', text: '—', title: 'none in either period' }
      : { kind: 'new', text: 'new', title: `${count} now, none in the previous period` }
  }
  const value = missing(changePercent) ? (100 * (count - previousCount)) / previousCount : changePercent
  const rounded = Math.round(value * 10) / 10
  const title = `${previousCount} in the previous period, ${count} now`
  if (rounded > 0) return { kind: 'up', text: `▲ +${rounded} %`, title }
  if (rounded < 0) return { kind: 'down', text: `▼ −${-rounded} %`, title }
  return { kind: 'same', text: '= 0 %', title }
}

export interface KpiFigures {
  key: string
  label: string
  cases: number
  tasksCompleted: number
  firstResponseMinutes: number | null
  handlingMinutes: number | null
  resolutionHours: number | null
  firstContactResolutionPercent: number | null
  slaMet: number
  slaBreached: number
  slaCompliancePercent: number | null
  reopenRatePercent: number | null
  csatAverage: number | null
  csatResponses: number
  nps: number | null
  npsResponses: number
  promoters: number
  passives: number
  detractors: number
}

/** A period's figures; a figure the API does not report is absent, one it could not measure is null. */
export interface TrendPoint {
  period: string
  cases: number
  slaCompliancePercent?: number | null
  firstContactResolutionPercent?: number | null
  reopenRatePercent?: number | null
  csatAverage?: number | null
  nps?: number | null
  firstResponseMinutes?: number | null
}

export interface Backlog {
  group: string
  open: number
  oldestMinutes: number
  ageing: { under1h: number; '1to4h': number; '4to24h': number; over24h: number }
}

export interface KpiReport {
  from: string
  to: string
  by: string
  calendarNote?: string
  rows: KpiFigures[]
  totals: KpiFigures
  backlog: Backlog[]
  trend: TrendPoint[]
}

/** The KPI table's columns: heading and how each row's figure reads. */
export const kpiColumns: { heading: string; cell: (row: KpiFigures) => string }[] = [
  { heading: 'Cases', cell: (r) => String(r.cases) },
  { heading: 'Tasks completed', cell: (r) => String(r.tasksCompleted) },
  { heading: 'First response', cell: (r) => minutes(r.firstResponseMinutes) },
  { heading: 'Handling time', cell: (r) => minutes(r.handlingMinutes) },
  { heading: 'Resolution time', cell: (r) => hours(r.resolutionHours) },
  { heading: 'First-contact resolution', cell: (r) => percent(r.firstContactResolutionPercent) },
  { heading: 'SLA met', cell: (r) => String(r.slaMet) },
  { heading: 'SLA breached', cell: (r) => String(r.slaBreached) },
  { heading: 'SLA compliance', cell: (r) => percent(r.slaCompliancePercent) },
  { heading: 'Reopen rate', cell: (r) => percent(r.reopenRatePercent) },
  { heading: 'CSAT (1–5)', cell: (r) => decimal(r.csatAverage) },
  { heading: 'CSAT answers', cell: (r) => String(r.csatResponses) },
  { heading: 'NPS', cell: (r) => nps(r.nps) },
  { heading: 'NPS answers', cell: (r) => String(r.npsResponses) },
  { heading: 'Promoters / passives / detractors', cell: (r) => `${r.promoters} / ${r.passives} / ${r.detractors}` },
]

const trendColours = ['#1f5f99', '#1f7a3d', '#8d6e00', '#7c3aa0', '#a61b1b']

/**
 * One line chart per figure over the report's periods (a gap where nothing was measured), each with its value axis's
 * bounds; a line the API reports in no period is left out, a chart left without lines too.
 */
export function trendCharts(trend: TrendPoint[]) {
  const series: { title: string; scale: { min?: number; max?: number }; lines: { label: string; value: (p: TrendPoint) => number | null | undefined }[] }[] = [
    { title: 'Cases', scale: { min: 0 }, lines: [{ label: 'Cases', value: (p) => p.cases }] },
    {
      title: 'Rates (%)',
      scale: { min: 0, max: 100 },
      lines: [
        { label: 'SLA compliance %', value: (p) => p.slaCompliancePercent },
        { label: 'First-contact resolution %', value: (p) => p.firstContactResolutionPercent },
        { label: 'Reopen rate %', value: (p) => p.reopenRatePercent },
      ],
    },
    { title: 'CSAT (1–5)', scale: { min: 1, max: 5 }, lines: [{ label: 'CSAT', value: (p) => p.csatAverage }] },
    { title: 'NPS (−100 … 100)', scale: { min: -100, max: 100 }, lines: [{ label: 'NPS', value: (p) => p.nps }] },
    { title: 'First response (minutes)', scale: { min: 0 }, lines: [{ label: 'First response', value: (p) => p.firstResponseMinutes }] },
  ]
  return series
    .map((s, i) => ({
      title: s.title,
      scale: s.scale,
      data: {
        labels: trend.map((p) => p.period),
        datasets: s.lines
          .filter((line) => trend.some((p) => line.value(p) !== undefined))
          .map((line, j) => {
            const colour = trendColours[(i + j) % trendColours.length]
            return { label: line.label, data: trend.map((p) => line.value(p) ?? null), borderColor: colour, backgroundColor: colour }
          }),
      },
    }))
    .filter((chart) => chart.data.datasets.length > 0)
}

export interface VocRow {
  key: string
  label: string
  count: number
  sharePercent: number | null
  previousCount: number
  changePercent: number | null
}

export interface VocMover {
  reason: string
  reasonLabel: string
  by: string
  key: string
  count: number
  previousCount: number
  changePercent: number | null
  text: string
}

export interface VocReport {
  from: string
  to: string
  previousFrom: string
  previousTo: string
  by: string
  total: number
  previousTotal: number
  rows: VocRow[]
  movers: VocMover[]
}

const reasonLanguages = ['zh-CN', 'en', 'id', 'th', 'vi', 'ms', 'es', 'de']

/** The catalogue language for the UI's language tag (`<html lang>`): the same tag, else the same language, else English. */
export function reasonLanguage(tag: string): string {
  const lower = tag.toLowerCase()
  return reasonLanguages.find((l) => l.toLowerCase() === lower)
    ?? reasonLanguages.find((l) => l.split('-')[0].toLowerCase() === lower.split('-')[0])
    ?? 'en'
}

interface ReasonEntry {
  code?: unknown
  label?: unknown
  children?: unknown
  reasons?: unknown
}

/** Reason code → label from the catalogue (`GET /api/voc/reasons?lang=`): a list of reasons (or `{ reasons }`), each `{ code, label }`, nested under `children`. */
export function reasonLabels(catalogue: unknown): Record<string, string> {
  const labels: Record<string, string> = {}
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit)
    } else if (typeof value === 'object' && value !== null) {
      const entry = value as ReasonEntry
      if (typeof entry.code === 'string' && typeof entry.label === 'string') labels[entry.code] = entry.label
      visit(entry.children)
      visit(entry.reasons)
    }
  }
  visit(catalogue)
  return labels
}

/** Counts now and in the previous period per row (a grouped bar chart), the rows as the report orders them. */
export function vocChart(rows: VocRow[], label: (row: VocRow) => string) {
  return {
    labels: rows.map(label),
    datasets: [
      { label: 'This period', data: rows.map((r) => r.count), backgroundColor: '#1f5f99' },
      { label: 'Previous period', data: rows.map((r) => r.previousCount), backgroundColor: '#9fb3c8' },
    ],
  }
}

export interface QualityFigures {
  key: string
  label: string
  sampled: number
  reviewed: number
  averageScore: number | null
  redLineViolations: number
}

export interface QualityReport {
  from: string
  to: string
  by: string
  rows: QualityFigures[]
  totals: QualityFigures
}

/** The quality table's columns. */
export const qualityColumns: { heading: string; cell: (row: QualityFigures) => string }[] = [
  { heading: 'Sampled', cell: (r) => String(r.sampled) },
  { heading: 'Reviewed', cell: (r) => String(r.reviewed) },
  { heading: 'Average score (0–100)', cell: (r) => decimal(r.averageScore) },
  { heading: 'Red-line violations', cell: (r) => String(r.redLineViolations) },
]
