import { describe, expect, it } from 'vitest'
import { noFilters } from './dashboard'
import {
  calendarZoneNote, change, dashboardAddress, dashboardRoute, defaultRange, handlingTimeNote, kpiColumns, moverText, periodDays, rangeQuery, reasonLabels, reasonLanguage,
  reportAddresses, reportUrl, trendCharts, vocChart, type KpiFigures, type TrendPoint, type VocMover,
} from './reports'
import { wordsIn } from './testWords'
import { decimal, hours, minutes, nps } from './words'

const en = wordsIn('en')
const zh = wordsIn('zh-CN')

describe('dashboard route', () => {
  it('reads the section and the breakdown of the hash', () => {
    expect(dashboardRoute(['kpis', 'tier'])).toEqual({ section: 'kpis', by: 'tier' })
    expect(dashboardRoute(['voc', 'carrier'])).toEqual({ section: 'voc', by: 'carrier' })
  })

  it("takes the section's first breakdown for a missing or unknown one, and the overview for an unknown section", () => {
    expect(dashboardRoute(['quality'])).toEqual({ section: 'quality', by: 'agent' })
    expect(dashboardRoute(['voc', 'planet'])).toEqual({ section: 'voc', by: 'reason' })
    expect(dashboardRoute(['kpis', 'reason'])).toEqual({ section: 'kpis', by: 'agent' })
    expect(dashboardRoute(['nowhere'])).toEqual({ section: 'overview', by: '' })
    expect(dashboardRoute([])).toEqual({ section: 'overview', by: '' })
  })
})

describe('date range', () => {
  const now = new Date(2026, 11, 4, 15, 30)

  it('defaults to the last 30 days up to today', () => {
    expect(defaultRange(now)).toEqual({ from: '2026-11-04', to: '2026-12-04' })
  })

  it('asks from the start of the first day to the end of the last, never past now', () => {
    expect(rangeQuery({ from: '2026-11-01', to: '2026-11-30' }, now)).toEqual({
      from: new Date(2026, 10, 1).toISOString(), to: new Date(2026, 11, 1).toISOString(),
    })
    expect(rangeQuery({ from: '2026-11-04', to: '2026-12-04' }, now)).toEqual({ from: new Date(2026, 10, 4).toISOString(), to: now.toISOString() })
  })

  it("names the days of the API's periods, whose end is the next day's start", () => {
    expect(periodDays(new Date(2026, 9, 5).toISOString(), new Date(2026, 10, 4).toISOString(), en)).toBe('Oct 5, 2026 – Nov 3, 2026')
    expect(periodDays(new Date(2026, 9, 5).toISOString(), new Date(2026, 9, 5, 18).toISOString(), en)).toBe('Oct 5, 2026')
  })

  it('refuses an incomplete, reversed or future range', () => {
    expect(rangeQuery({ from: '', to: '2026-11-30' }, now)).toEqual({ error: 'chooseBoth' })
    expect(rangeQuery({ from: '2026-12-01', to: '2026-11-30' }, now)).toEqual({ error: 'reversed' })
    expect(rangeQuery({ from: '2026-12-05', to: '2026-12-06' }, now)).toEqual({ error: 'future' })
    expect(rangeQuery({ from: '', to: '' }, now)).toEqual({ error: 'chooseBoth' })
  })

  it('takes no dates as all time where that is allowed (the overview), but still refuses half a range', () => {
    expect(rangeQuery({ from: '', to: '' }, now, true)).toEqual({})
    expect(rangeQuery({ from: '2026-11-01', to: '' }, now, true)).toEqual({ error: 'chooseBoth' })
  })
})

describe('report addresses', () => {
  it('puts the query on the path, leaving out what has no value', () => {
    expect(reportUrl('/api/kpis', { by: 'agent', from: '2026-11-01T00:00:00.000Z', processDefinitionId: undefined, lang: '' }))
      .toBe('/api/kpis?by=agent&from=2026-11-01T00%3A00%3A00.000Z')
  })

  it('asks for CSV with the same query', () => {
    expect(reportUrl('/api/voc/report', { by: 'carrier' }, true)).toBe('/api/voc/report?by=carrier&format=csv')
  })

  it("gives a report's JSON and CSV addresses for a period and breakdown, or why there are none", () => {
    const asOf = new Date(2026, 11, 4, 15, 30)
    const range = `from=${encodeURIComponent(new Date(2026, 10, 1).toISOString())}&to=${encodeURIComponent(new Date(2026, 10, 3).toISOString())}`
    expect(reportAddresses('/api/voc/report', 'reason', { range: { from: '2026-11-01', to: '2026-11-02' }, asOf }, noFilters, { lang: 'de' })).toEqual({
      json: `/api/voc/report?${range}&by=reason&lang=de`,
      csv: `/api/voc/report?${range}&by=reason&lang=de&format=csv`,
    })
    expect(reportAddresses('/api/kpis', 'agent', { range: { from: '2026-11-03', to: '2026-11-02' }, asOf }, noFilters)).toEqual({ error: 'reversed' })
  })

  it('sends the process, group and channel filters, trimmed, and leaves out the empty ones', () => {
    const asOf = new Date(2026, 11, 4, 15, 30)
    const period = { range: { from: '2026-11-01', to: '2026-11-02' }, asOf }
    const range = `from=${encodeURIComponent(new Date(2026, 10, 1).toISOString())}&to=${encodeURIComponent(new Date(2026, 10, 3).toISOString())}`
    expect(reportAddresses('/api/kpis', 'group', period, { process: ' repair ', group: '', channel: 'web' }).json)
      .toBe(`/api/kpis?${range}&by=group&processDefinitionId=repair&channel=web`)
    expect(dashboardAddress(period, { process: '', group: 'directors', channel: '' })).toEqual({
      url: `/api/dashboard?${range}&group=directors`, from: new Date(2026, 10, 1).toISOString(), to: new Date(2026, 10, 3).toISOString(),
    })
  })

  it('asks the overview for all time when no dates are chosen', () => {
    expect(dashboardAddress({ range: { from: '', to: '' }, asOf: new Date() }, noFilters)).toEqual({ url: '/api/dashboard?' })
    expect(dashboardAddress({ range: { from: '2026-11-02', to: '' }, asOf: new Date() }, noFilters)).toEqual({ error: 'chooseBoth' })
  })
})

describe('figures', () => {
  it('shows a dash for what was not measured and rounds to one decimal', () => {
    expect(decimal(null, en)).toBe('—')
    expect(decimal(4.25, en)).toBe('4.3')
    expect(minutes(undefined, en)).toBe('—')
    expect(minutes(90, en)).toBe('1 h 30 min')
    expect(minutes(90, zh)).toBe('1 小时 30 分钟')
    expect(minutes(3000, en)).toBe('2 d 2 h')
    expect(hours(null, en)).toBe('—')
    expect(hours(20.5, en)).toBe('20 h 30 min')
  })

  it('signs the NPS', () => {
    expect(nps(20, en)).toBe('+20')
    expect(nps(-12.34, en)).toBe('−12.3')
    expect(nps(0, en)).toBe('0')
    expect(nps(null, en)).toBe('—')
  })

  it('fills the KPI table, with a dash for each figure that was not measured', () => {
    const row: KpiFigures = {
      key: 'alice', label: 'alice', cases: 12, tasksCompleted: 30, firstResponseMinutes: 12.5, handlingMinutes: null, resolutionHours: 20.2,
      firstContactResolutionPercent: 50, slaMet: 9, slaBreached: 1, slaCompliancePercent: 90, reopenRatePercent: null, csatAverage: 4.2,
      csatResponses: 5, nps: null, npsResponses: 0, promoters: 0, passives: 0, detractors: 0,
    }
    expect(kpiColumns(en).map((c) => c.cell(row))).toEqual([
      '12', '30', '13 min', '—', '20 h 12 min', '50 %', '9', '1', '90 %', '—', '4.2', '5', '—', '0', '0 / 0 / 0',
    ])
  })
})

describe('change against the previous period', () => {
  it('points up or down with a signed percentage', () => {
    expect(change(14, 10, 40, en)).toEqual({ kind: 'up', text: '▲ +40 %', title: '10 in the previous period, 14 now' })
    expect(change(6, 8, -25, en)).toMatchObject({ kind: 'down', text: '▼ −25 %' })
    expect(change(5, 5, 0, en)).toMatchObject({ kind: 'same', text: '= 0 %' })
    expect(change(14, 10, 40, zh)).toEqual({ kind: 'up', text: '▲ +40%', title: '上一周期 10 个，本周期 14 个' })
  })

  it('says "new" rather than a percentage of nothing, and a dash when there is none at all', () => {
    expect(change(3, 0, null, en)).toEqual({ kind: 'new', text: 'new', title: '3 now, none in the previous period' })
    expect(change(0, 0, null, en)).toMatchObject({ kind: 'none', text: '—' })
  })

  it('computes the change itself when the report leaves it out', () => {
    expect(change(0, 4, null, en)).toMatchObject({ kind: 'down', text: '▼ −100 %' })
  })
})

describe('top movers', () => {
  const mover = (extra: Partial<VocMover>): VocMover => ({
    reason: 'logistics/damaged', reasonLabel: 'Damaged in transit', by: 'carrier', key: 'JD', count: 1, previousCount: 0, changePercent: null, text: '', ...extra,
  })

  it("words a mover as the server's English does, with the value for other breakdowns", () => {
    expect(moverText(mover({}), 'Damaged in transit', en)).toBe('Damaged in transit with carrier JD: 1 new against none in the previous period')
    expect(moverText(mover({ count: 0, previousCount: 4 }), 'Damaged in transit', en)).toBe('Damaged in transit with carrier JD: none against 4 in the previous period')
    expect(moverText(mover({ by: 'reason', key: 'logistics/damaged', count: 6, previousCount: 4, changePercent: 50 }), 'Damaged in transit', en))
      .toBe('Damaged in transit up 50% against the previous period (4 → 6)')
    expect(moverText(mover({ count: 3, previousCount: 4, changePercent: -25 }), 'Damaged in transit', en))
      .toBe('Damaged in transit with carrier JD down 25% against the previous period (4 → 3)')
  })

  it('words it in Chinese with the reason in the catalogue language', () => {
    expect(moverText(mover({ count: 6, previousCount: 4, changePercent: 50 }), '运输途中损坏', zh)).toBe('运输途中损坏（承运商：JD） 较上一周期上升 50%（4 → 6）')
  })
})

describe('charts', () => {
  const trend: TrendPoint[] = [
    { period: '2026-11-30', cases: 10, slaCompliancePercent: 90, csatAverage: 4.1, nps: 10, firstResponseMinutes: 11, firstContactResolutionPercent: 40 },
    { period: '2026-12-01', cases: 0, slaCompliancePercent: null, csatAverage: null, nps: null, firstResponseMinutes: null, firstContactResolutionPercent: null },
  ]

  it('draws one line chart per figure over the periods, with a gap where nothing was measured', () => {
    const charts = trendCharts(trend, en)
    expect(charts.map((c) => c.title)).toEqual(['Cases', 'Rates (%)', 'CSAT (1–5)', 'NPS (−100 … 100)', 'First response (minutes)'])
    expect(charts.every((c) => c.data.labels.join() === '2026-11-30,2026-12-01')).toBe(true)
    expect(charts.map((c) => c.scale)).toEqual([{ min: 0 }, { min: 0, max: 100 }, { min: 1, max: 5 }, { min: -100, max: 100 }, { min: 0 }])
    expect(charts.flatMap((c) => c.data.datasets.map((d) => [d.label, d.data]))).toEqual([
      ['Cases', [10, 0]],
      ['SLA compliance %', [90, null]],
      ['First-contact resolution %', [40, null]],
      ['CSAT', [4.1, null]],
      ['NPS', [10, null]],
      ['First response', [11, null]],
    ])
  })

  it('leaves out the lines the API does not report, and a chart without any', () => {
    const charts = trendCharts([{ period: '2026-11-30', cases: 3, reopenRatePercent: 10, firstContactResolutionPercent: null }], en)
    expect(charts.map((c) => [c.title, c.data.datasets.map((d) => [d.label, d.data])])).toEqual([
      ['Cases', [['Cases', [3]]]],
      ['Rates (%)', [['First-contact resolution %', [null]], ['Reopen rate %', [10]]]],
    ])
  })

  it('sets the counts of this and the previous period side by side', () => {
    const chart = vocChart(
      [{ key: 'SF', label: 'SF Express', count: 40, sharePercent: 33.3, previousCount: 30, changePercent: 33.3 }],
      (r) => r.label,
      en,
    )
    expect(chart.labels).toEqual(['SF Express'])
    expect(chart.datasets.map((d) => [d.label, d.data])).toEqual([['This period', [40]], ['Previous period', [30]]])
  })
})

describe('reason labels', () => {
  it('reads the labels of the catalogue, nested or flat', () => {
    expect(reasonLabels([
      { code: 'logistics', label: 'Logistics', children: [{ code: 'logistics/damaged', label: 'Damaged in transit' }] },
      { code: 'quality/defect', label: 'Defect' },
    ])).toEqual({ logistics: 'Logistics', 'logistics/damaged': 'Damaged in transit', 'quality/defect': 'Defect' })
    expect(reasonLabels({ reasons: [{ code: 'service/attitude', label: 'Attitude' }] })).toEqual({ 'service/attitude': 'Attitude' })
  })

  it('has none for what it cannot read', () => {
    expect(reasonLabels(null)).toEqual({})
    expect(reasonLabels({ code: 7 })).toEqual({})
  })

  it("asks for the UI's language, the same language in another region, or else English", () => {
    expect(reasonLanguage('de')).toBe('de')
    expect(reasonLanguage('zh-cn')).toBe('zh-CN')
    expect(reasonLanguage('en-GB')).toBe('en')
    expect(reasonLanguage('fr')).toBe('en')
  })
})

describe('calendarZoneNote', () => {
  const july = new Date(Date.UTC(2026, 6, 1))
  it('names each calendar as people read it, with its zone', () => {
    expect(calendarZoneNote([{ name: 'default', timeZone: 'Asia/Shanghai' }, { name: 'warehouse', timeZone: 'Europe/Berlin' }], en, july))
      .toBe('SLAs count working time in the business calendar\'s zone: the standard business calendar — Asia/Shanghai (GMT+8), the “warehouse” calendar — Europe/Berlin (GMT+2).')
    expect(calendarZoneNote([{ name: 'default', timeZone: 'Asia/Shanghai' }], zh, july)).toBe('SLA 按工作日历的时区计算工作时间：标准工作日历 — Asia/Shanghai (GMT+8)。')
    expect(calendarZoneNote([], en, july)).toBeUndefined()
  })
})

describe('handlingTimeNote', () => {
  it('says in the reader’s language which calendars’ working hours handling time counts, the standard one by description', () => {
    expect(handlingTimeNote({ calendars: ['default'], elapsedTime: false }, en)).toBe('Handling time counts the working hours of the standard business calendar.')
    expect(handlingTimeNote({ calendars: ['default'], elapsedTime: false }, zh)).toBe('处理时长按标准工作日历的工作时间计算。')
    expect(handlingTimeNote({ calendars: ['support'], elapsedTime: false }, en)).toBe('Handling time counts the working hours of the “support” calendar.')
    expect(handlingTimeNote({ calendars: ['support', 'warehouse'], elapsedTime: false }, zh)).toBe('处理时长按“support”日历和“warehouse”日历的工作时间计算。')
    expect(handlingTimeNote({ calendars: ['default', 'support'], elapsedTime: true }, en))
      .toBe('Handling time counts the working hours of the standard business calendar and the “support” calendar for tasks whose SLA runs on a business calendar, and elapsed time for the others.')
    expect(handlingTimeNote({ calendars: ['default'], elapsedTime: true }, zh)).toBe('处理时长：SLA 按工作日历计时的任务按标准工作日历的工作时间计算，其他任务按实际经过的时间计算。')
  })

  it('says nothing when handling time is elapsed time only', () => {
    expect(handlingTimeNote({ calendars: [], elapsedTime: true }, en)).toBeUndefined()
    expect(handlingTimeNote(undefined, en)).toBeUndefined()
  })
})
