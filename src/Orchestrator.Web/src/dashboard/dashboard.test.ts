import { describe, expect, it } from 'vitest'
import { backlogChart, casesChart, firstContactText, headline, percent, recentBreaches, slaChart, tierChart, tiers, type DashboardData, type SlaEvent } from './dashboard'

const data: DashboardData = {
  generatedAt: '2026-12-07T10:00:00.000Z',
  processes: [
    { processDefinitionId: 'complaint-escalation', open: 2, closed: 1, slaMet: 1, slaBreached: 1, slaCompliancePercent: 50, csatAverage: 2, csatResponses: 1 },
    { processDefinitionId: 'return-and-refund', open: 4, closed: 6, slaMet: 5, slaBreached: 0, slaCompliancePercent: 100, averageFirstResponseMinutes: 42, csatAverage: 5, csatResponses: 3 },
    { processDefinitionId: 'repair', open: 1, closed: 0, slaMet: 0, slaBreached: 0, csatResponses: 0 },
  ],
  backlog: [
    { group: 'directors', open: 1, oldestMinutes: 100, ageing: { under1h: 0, '1to4h': 1, '4to24h': 0, over24h: 0 } },
    { group: 'returns-agents', open: 3, oldestMinutes: 2000, ageing: { under1h: 1, '1to4h': 0, '4to24h': 0, over24h: 2 } },
  ],
  tiers: {
    tier2: { label: 'Resolve complaint (tier 2 specialist)', open: 1, slaMet: 0, slaBreached: 0 },
    tier1: { label: 'Resolve complaint (tier 1 agent)', open: 0, slaMet: 1, slaBreached: 1, slaCompliancePercent: 50 },
  },
  firstContact: { percent: 100, resolvedCases: 1 },
}

describe('headline figures', () => {
  it('adds up the processes, weighting compliance by SLAs and CSAT by answers', () => {
    const h = headline(data)
    expect(h).toMatchObject({ open: 7, closed: 7, breaches: 1, csatResponses: 4, firstContactResolutionPercent: 100, backlog: 4 })
    expect(h.compliancePercent).toBeCloseTo((100 * 6) / 7)
    expect(h.csatAverage).toBeCloseTo((2 + 15) / 4)
  })

  it('has no compliance or CSAT before there is any', () => {
    const h = headline({ ...data, processes: [data.processes[2]] })
    expect(h.compliancePercent).toBeNull()
    expect(h.csatAverage).toBeNull()
  })

  it('rounds percentages to one decimal and shows a dash for none', () => {
    expect(percent(85.714)).toBe('85.7 %')
    expect(percent(100)).toBe('100 %')
    expect(percent(null)).toBe('—')
  })
})

describe('charts', () => {
  it('puts open and closed cases, and met and breached SLAs, side by side per process', () => {
    expect(casesChart(data.processes).datasets.map((d) => [d.label, d.data])).toEqual([['Open', [2, 4, 1]], ['Closed', [1, 6, 0]]])
    expect(slaChart(data.processes).datasets.map((d) => [d.label, d.data])).toEqual([['Met', [1, 5, 0]], ['Breached', [1, 0, 0]]])
  })

  it('stacks the backlog by age, the largest group first', () => {
    const chart = backlogChart(data.backlog)
    expect(chart.labels).toEqual(['returns-agents', 'directors'])
    expect(chart.datasets.map((d) => [d.label, d.data])).toEqual([
      ['under 1 h', [1, 0]], ['1–4 h', [0, 1]], ['4–24 h', [0, 0]], ['over 24 h', [2, 0]],
    ])
  })

  it('orders the tiers, named as the server names them', () => {
    expect(tiers(data).map((t) => t.label)).toEqual(['Resolve complaint (tier 1 agent)', 'Resolve complaint (tier 2 specialist)'])
    expect(tierChart(data).datasets.map((d) => d.data)).toEqual([[0, 1], [1, 0]])
  })
})

describe('first-contact resolution', () => {
  it('says how many resolved cases it is counted over, and says so when there are none', () => {
    expect(firstContactText({ percent: 50, resolvedCases: 4 })).toBe('50 % of 4 resolved cases were resolved at the first contact.')
    expect(firstContactText({ percent: 100, resolvedCases: 1 })).toBe('100 % of 1 resolved case was resolved at the first contact.')
    expect(firstContactText({ percent: null, resolvedCases: 0 })).toBe('No case has been resolved yet.')
  })
})

describe('recent breaches', () => {
  const event = (key: string, at: string, extra: Partial<SlaEvent> = {}): SlaEvent => ({
    eventKey: key, subjectType: 'USER_TASK', processInstanceKey: '9', processDefinitionId: 'complaint-escalation', elementId: 'tier1',
    event: 'BREACHED', dueDate: '2026-12-07T09:00:00.000Z', at, ...extra,
  })

  it('lists breaches only, newest first, saying what breached', () => {
    const list = recentBreaches([
      event('1', '2026-12-07T09:00:00.000Z'),
      event('2', '2026-12-07T11:00:00.000Z', { subjectType: 'PROCESS_INSTANCE', elementId: null }),
      event('3', '2026-12-07T12:00:00.000Z', { event: 'WARNING' }),
    ])
    expect(list.map((e) => [e.eventKey, e.what])).toEqual([['2', 'case SLA'], ['1', 'task tier1']])
  })
})
