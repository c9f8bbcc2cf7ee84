// The dashboard's report pages (KPIs, voice of the customer, quality) without React: which section and breakdown a
// hash names, the date range sent to the API, report and CSV addresses, how figures and changes read, chart datasets.

import { calendarName } from '../i18n/calendars'
import { formatDate, zoneLabel } from '../i18n/dates'
import type { Filters } from './dashboard'
import { count, decimal, hours, minutes, nps, number, percent, type Words } from './words'

export type Section = 'overview' | 'kpis' | 'voc' | 'quality'

/** The sections in menu order (their names are `sections.<section>` messages) and the breakdowns each offers (`by.<by>`). */
export const sections: { section: Section; by: string[] }[] = [
  { section: 'overview', by: [] },
  { section: 'kpis', by: ['agent', 'group', 'process', 'tier'] },
  { section: 'voc', by: ['reason', 'sku', 'category', 'carrier', 'supplier', 'country'] },
  { section: 'quality', by: ['agent', 'group', 'process'] },
]

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

/** The days an API period (`from` included, `to` excluded) covers, in the UI's language: "Oct 5, 2026 – Nov 3, 2026", one day alone. */
export function periodDays(from: string, to: string, w: Words): string {
  const first = formatDate(from)
  const last = formatDate(new Date(Date.parse(to) - 1))
  return first === last ? first : w.t('overview.period', { from: first, to: last })
}

/** Why a range cannot be asked for: a `controls.<error>` message. */
export type RangeError = 'chooseBoth' | 'reversed' | 'future'

/**
 * The API's `from`/`to`: the start of the first day, and the end of the last day or now, whichever comes first; an error
 * when the range is reversed, starts in the future or is incomplete — unless `open` allows no dates at all (all time).
 */
export function rangeQuery(range: DayRange, now: Date, open = false): { from?: string; to?: string } | { error: RangeError } {
  if (open && range.from === '' && range.to === '') return {}
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return { error: 'chooseBoth' }
  if (range.from > range.to) return { error: 'reversed' }
  if (midnight(range.from).getTime() > now.getTime()) return { error: 'future' }
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

/** The filters as the API's query parameters. */
export function filterQuery(filters: Filters): Record<string, string | undefined> {
  const value = (text: string) => (text.trim() === '' ? undefined : text.trim())
  return { processDefinitionId: value(filters.process), group: value(filters.group), channel: value(filters.channel) }
}

/**
 * The addresses of a report (JSON and CSV) for the period, the breakdown and the filters, and the error that stops asking
 * for it (an incomplete, reversed or future range).
 */
export function reportAddresses(path: string, by: string, period: Period, filters: Filters, extra: Record<string, string> = {}) {
  const range = rangeQuery(period.range, period.asOf)
  if ('error' in range) return { error: range.error }
  const query = { ...range, by, ...filterQuery(filters), ...extra }
  return { json: reportUrl(path, query), csv: reportUrl(path, query, true) }
}

/** The overview's address: its period (none: all time) and filters, or why it cannot be asked for. */
export function dashboardAddress(period: Period, filters: Filters): { url: string; from?: string; to?: string } | { error: RangeError } {
  const range = rangeQuery(period.range, period.asOf, true)
  if ('error' in range) return range
  return { url: reportUrl('/api/dashboard', { ...range, ...filterQuery(filters) }), ...range }
}

export type ChangeKind = 'up' | 'down' | 'same' | 'new' | 'none'

/** How a count moved against the previous period: an arrow and a signed percentage, "new" when there was none before, "—" when there is none at all. */
export function change(now: number, previousCount: number, changePercent: number | null | undefined, w: Words): { kind: ChangeKind; text: string; title: string } {
  if (previousCount === 0) {
    return now === 0
      ? { kind: 'none', text: w.t('none'), title: w.t('voc.noneEither') }
      : { kind: 'new', text: w.t('voc.new'), title: w.t('voc.newTitle', { count: count(now, w) }) }
  }
  const value = changePercent === null || changePercent === undefined ? (100 * (now - previousCount)) / previousCount : changePercent
  const rounded = Math.round(value * 10) / 10
  const title = w.t('voc.changeTitle', { previous: count(previousCount, w), count: count(now, w) })
  if (rounded > 0) return { kind: 'up', text: `▲ +${percent(rounded, w)}`, title }
  if (rounded < 0) return { kind: 'down', text: `▼ −${percent(-rounded, w)}`, title }
  return { kind: 'same', text: `= ${percent(0, w)}`, title }
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
  /** What the handling times count: the working hours of these business calendars, and elapsed time for some tasks. */
  handlingTime?: { calendars: string[]; elapsedTime: boolean }
  rows: KpiFigures[]
  totals: KpiFigures
  backlog: Backlog[]
  trend: TrendPoint[]
}

/** A report table's column: its heading and how each row's figure reads. */
export interface Column<T> {
  heading: string
  cell: (row: T) => string
}

/** The KPI table's columns. */
export function kpiColumns(w: Words): Column<KpiFigures>[] {
  const heading = (key: string) => w.t(`kpi.columns.${key}`)
  return [
    { heading: heading('cases'), cell: (r) => count(r.cases, w) },
    { heading: heading('tasksCompleted'), cell: (r) => count(r.tasksCompleted, w) },
    { heading: heading('firstResponse'), cell: (r) => minutes(r.firstResponseMinutes, w) },
    { heading: heading('handlingTime'), cell: (r) => minutes(r.handlingMinutes, w) },
    { heading: heading('resolutionTime'), cell: (r) => hours(r.resolutionHours, w) },
    { heading: heading('firstContact'), cell: (r) => percent(r.firstContactResolutionPercent, w) },
    { heading: heading('slaMet'), cell: (r) => count(r.slaMet, w) },
    { heading: heading('slaBreached'), cell: (r) => count(r.slaBreached, w) },
    { heading: heading('slaCompliance'), cell: (r) => percent(r.slaCompliancePercent, w) },
    { heading: heading('reopenRate'), cell: (r) => percent(r.reopenRatePercent, w) },
    { heading: heading('csat'), cell: (r) => decimal(r.csatAverage, w) },
    { heading: heading('csatAnswers'), cell: (r) => count(r.csatResponses, w) },
    { heading: heading('nps'), cell: (r) => nps(r.nps, w) },
    { heading: heading('npsAnswers'), cell: (r) => count(r.npsResponses, w) },
    { heading: heading('npsSplit'), cell: (r) => `${count(r.promoters, w)} / ${count(r.passives, w)} / ${count(r.detractors, w)}` },
  ]
}

const trendColours = ['#1f5f99', '#1f7a3d', '#8d6e00', '#7c3aa0', '#a61b1b']

/**
 * One line chart per figure over the report's periods (a gap where nothing was measured), each with its value axis's
 * bounds; a line the API reports in no period is left out, a chart left without lines too.
 */
export function trendCharts(trend: TrendPoint[], w: Words) {
  const c = (key: string) => w.t(`kpi.charts.${key}`)
  const series: { title: string; scale: { min?: number; max?: number }; lines: { label: string; value: (p: TrendPoint) => number | null | undefined }[] }[] = [
    { title: c('cases'), scale: { min: 0 }, lines: [{ label: c('cases'), value: (p) => p.cases }] },
    {
      title: c('rates'),
      scale: { min: 0, max: 100 },
      lines: [
        { label: c('slaCompliance'), value: (p) => p.slaCompliancePercent },
        { label: c('firstContact'), value: (p) => p.firstContactResolutionPercent },
        { label: c('reopenRate'), value: (p) => p.reopenRatePercent },
      ],
    },
    { title: c('csat'), scale: { min: 1, max: 5 }, lines: [{ label: c('csatLine'), value: (p) => p.csatAverage }] },
    { title: c('nps'), scale: { min: -100, max: 100 }, lines: [{ label: c('npsLine'), value: (p) => p.nps }] },
    { title: c('firstResponse'), scale: { min: 0 }, lines: [{ label: c('firstResponseLine'), value: (p) => p.firstResponseMinutes }] },
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
export function vocChart(rows: VocRow[], label: (row: VocRow) => string, w: Words) {
  return {
    labels: rows.map(label),
    datasets: [
      { label: w.t('voc.thisPeriod'), data: rows.map((r) => r.count), backgroundColor: '#1f5f99' },
      { label: w.t('voc.previousPeriod'), data: rows.map((r) => r.previousCount), backgroundColor: '#9fb3c8' },
    ],
  }
}

/**
 * A top mover in words, in the UI's language (the server's `text` is English): the reason (in the catalogue's words when
 * known) and, for other breakdowns, the value; how the count moved.
 */
export function moverText(m: VocMover, reasonLabel: string, w: Words): string {
  const subject = m.reason === m.key && m.by === 'reason' ? reasonLabel : w.t('voc.subjectWith', { reason: reasonLabel, by: w.t(`byLower.${m.by}`), value: m.key })
  const values = { subject, count: count(m.count, w), previous: count(m.previousCount, w) }
  if (m.previousCount === 0) return w.t('voc.moverNew', values)
  if (m.count === 0) return w.t('voc.moverGone', values)
  const moved = m.changePercent ?? (100 * (m.count - m.previousCount)) / m.previousCount
  return w.t(m.count > m.previousCount ? 'voc.moverUp' : 'voc.moverDown', { ...values, change: number(Math.abs(moved), w) })
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
export function qualityColumns(w: Words): Column<QualityFigures>[] {
  return [
    { heading: w.t('quality.columns.sampled'), cell: (r) => count(r.sampled, w) },
    { heading: w.t('quality.columns.reviewed'), cell: (r) => count(r.reviewed, w) },
    { heading: w.t('quality.columns.score'), cell: (r) => decimal(r.averageScore, w) },
    { heading: w.t('quality.columns.redLines'), cell: (r) => count(r.redLineViolations, w) },
  ]
}

/** The overview's note on the zones SLAs count working time in, each calendar named as people read it; none without calendars. */
export function calendarZoneNote(calendars: { name: string; timeZone: string }[], w: Words, at: Date = new Date()): string | undefined {
  if (calendars.length === 0) return undefined
  const zones = calendars.map((c) => w.t('overview.calendarEntry', { name: calendarName(c.name, w.t), zone: zoneLabel(c.timeZone, at) }))
  return w.t('overview.calendarZone', { zones: zones.join(', ') })
}

/** The note beside the KPI table on what handling time counts, when some of it counts working hours; none otherwise. */
export function handlingTimeNote(basis: KpiReport['handlingTime'], w: Words): string | undefined {
  if (!basis || basis.calendars.length === 0) return undefined
  const calendars = new Intl.ListFormat(w.language, { type: 'conjunction' }).format(basis.calendars.map((id) => calendarName(id, w.t)))
  return w.t(basis.elapsedTime ? 'kpi.handlingMixedTime' : 'kpi.handlingWorkingTime', { calendars })
}
