import { describe, expect, it } from 'vitest'
import {
  backlogChart, casesChart, csvText, firstContactBase, firstContactText, headline, operationsLink, overviewCsv, overviewLinks, recentBreaches, slaBase,
  slaChart, tasksLink, tierChart, tiers, type DashboardData, type SlaEvent,
} from './dashboard'
import { wordsIn } from './testWords'
import { percent } from './words'

const en = wordsIn('en')
const zh = wordsIn('zh-CN')

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
  firstContact: { percent: 100, resolvedCases: 1, firstContactCases: 1 },
  breaches: [],
}

describe('headline figures', () => {
  it('adds up the processes, weighting compliance by SLAs and CSAT by answers', () => {
    const h = headline(data)
    expect(h).toMatchObject({ open: 7, closed: 7, met: 6, breaches: 1, csatResponses: 4, firstContactResolutionPercent: 100, backlog: 4 })
    expect(h.compliancePercent).toBeCloseTo((100 * 6) / 7)
    expect(h.csatAverage).toBeCloseTo((2 + 15) / 4)
  })

  it('has no compliance or CSAT before there is any', () => {
    const h = headline({ ...data, processes: [data.processes[2]] })
    expect(h.compliancePercent).toBeNull()
    expect(h.csatAverage).toBeNull()
  })

  it('rounds percentages to one decimal and shows a dash for none, in either language', () => {
    expect(percent(85.714, en)).toBe('85.7 %')
    expect(percent(100, en)).toBe('100 %')
    expect(percent(null, en)).toBe('—')
    expect(percent(85.714, zh)).toBe('85.7%')
  })
})

describe('charts', () => {
  it('puts open and closed cases, and met and breached SLAs, side by side per process', () => {
    expect(casesChart(data.processes, en).datasets.map((d) => [d.label, d.data])).toEqual([['Open', [2, 4, 1]], ['Closed', [1, 6, 0]]])
    expect(slaChart(data.processes, en).datasets.map((d) => [d.label, d.data])).toEqual([['Met', [1, 5, 0]], ['Breached', [1, 0, 0]]])
    expect(slaChart(data.processes, zh).datasets.map((d) => d.label)).toEqual(['达成', '超时'])
  })

  it('stacks the backlog by age, the largest group first', () => {
    const chart = backlogChart(data.backlog, en)
    expect(chart.labels).toEqual(['returns-agents', 'directors'])
    expect(chart.datasets.map((d) => [d.label, d.data])).toEqual([
      ['under 1 h', [1, 0]], ['1–4 h', [0, 1]], ['4–24 h', [0, 0]], ['over 24 h', [2, 0]],
    ])
  })

  it('orders the tiers, named as the server names them', () => {
    expect(tiers(data).map((t) => t.label)).toEqual(['Resolve complaint (tier 1 agent)', 'Resolve complaint (tier 2 specialist)'])
    expect(tierChart(data, en).datasets.map((d) => d.data)).toEqual([[0, 1], [1, 0]])
  })
})

describe('wording that cannot contradict itself', () => {
  it('gives first-contact resolution with its base, and says there is nothing to measure when the base is empty', () => {
    expect(firstContactText({ percent: 25, resolvedCases: 12, firstContactCases: 3 }, en))
      .toBe('First-contact resolution: 3 of 12 resolved cases were resolved at the first contact (25 %).')
    expect(firstContactText({ percent: 100, resolvedCases: 1, firstContactCases: 1 }, en))
      .toBe('First-contact resolution: 1 of 1 resolved case was resolved at the first contact (100 %).')
    expect(firstContactText({ percent: null, resolvedCases: 0, firstContactCases: 0 }, en))
      .toBe('First-contact resolution: no case has been resolved yet, so there is nothing to measure.')
    expect(firstContactText({ percent: 25, resolvedCases: 0 }, en)).not.toContain('%')
    expect(firstContactBase({ percent: 25, resolvedCases: 12, firstContactCases: 3 }, en)).toBe('3 of 12 resolved cases')
    expect(firstContactBase({ percent: null, resolvedCases: 0 }, en)).toBe('nothing to measure yet')
  })

  it('says the same in Chinese', () => {
    expect(firstContactText({ percent: 25, resolvedCases: 12, firstContactCases: 3 }, zh)).toBe('首次联系解决率：12 个已解决工单中有 3 个在首次联系时解决（25%）。')
    expect(firstContactText({ percent: null, resolvedCases: 0 }, zh)).toBe('首次联系解决率：还没有已解决的工单，暂无可统计的数据。')
  })

  it('gives SLA compliance its base in the singular and the plural', () => {
    expect(slaBase(3, 1, en)).toBe('3 of 4 SLAs met')
    expect(slaBase(1, 0, en)).toBe('1 of 1 SLA met')
    expect(slaBase(0, 0, en)).toBe('no SLA met or breached yet')
    expect(slaBase(1200, 34, en)).toBe('1,200 of 1,234 SLAs met')
  })
})

describe('links to what a figure counts', () => {
  it('builds the operations and task list hashes, leaving out what is not set', () => {
    expect(operationsLink({ process: 'return-and-refund', state: 'ACTIVE', incidents: true, businessKey: 'RMA-1', from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' }))
      .toBe('#/operations?process=return-and-refund&state=ACTIVE&incidents=true&businessKey=RMA-1&from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-02T00%3A00%3A00.000Z')
    expect(operationsLink({})).toBe('#/operations')
    expect(operationsLink({ incidents: false, process: 'a b&c' })).toBe('#/operations?process=a+b%26c')
    expect(tasksLink({ group: 'returns-agents', process: 'return-and-refund', sla: 'breached' })).toBe('#/tasks?group=returns-agents&process=return-and-refund&sla=breached')
    expect(tasksLink({ sla: 'warning' })).toBe('#/tasks?sla=warning')
  })

  it('leads each figure to its instances or tasks under the filters and period', () => {
    const links = overviewLinks(['tasks', 'operations', 'dashboard'], { process: 'repair', group: 'directors', channel: 'web' }, { from: 'F', to: 'T' })
    expect(links.open).toBe('#/operations?process=repair&state=ACTIVE&from=F&to=T')
    expect(links.closed).toBe('#/operations?process=repair&state=COMPLETED&from=F&to=T')
    expect(links.breaches).toBe('#/tasks?group=directors&process=repair&sla=breached')
    expect(links.openTasks).toBe('#/tasks?group=directors&process=repair')
    expect(links.processOpen('return-and-refund')).toBe('#/operations?process=return-and-refund&state=ACTIVE&from=F&to=T')
    expect(links.processBreaches('return-and-refund')).toBe('#/tasks?group=directors&process=return-and-refund&sla=breached')
    expect(links.group('returns-agents')).toBe('#/tasks?group=returns-agents&process=repair')
    expect(links.instance('2251799813685281')).toBe('#/operations/2251799813685281')
  })

  it('offers no link to a page the user cannot open', () => {
    const agent = overviewLinks(['tasks', 'dashboard'], { process: '', group: '', channel: '' }, {})
    expect(agent.open).toBeUndefined()
    expect(agent.instance('1')).toBeUndefined()
    expect(agent.openTasks).toBe('#/tasks')
    const operator = overviewLinks(['operations', 'dashboard'], { process: '', group: '', channel: '' }, {})
    expect(operator.open).toBe('#/operations?state=ACTIVE')
    expect(operator.breaches).toBeUndefined()
    expect(operator.group('directors')).toBeUndefined()
  })
})

describe('CSV', () => {
  it('quotes what needs it and defuses formulas', () => {
    expect(csvText([['a', 'b,c'], ['say "hi"', null], ['=SUM(A1)', -3]])).toBe(`a,"b,c"\r\n"say ""hi""",\r\n'=SUM(A1),-3\r\n`)
  })

  it('exports each overview table with the API field names and unrounded figures', () => {
    expect(overviewCsv(data, 'processes')[0]).toEqual([
      'processDefinitionId', 'open', 'closed', 'slaMet', 'slaBreached', 'slaCompliancePercent', 'averageFirstResponseMinutes', 'averageHandlingMinutes', 'csatAverage', 'csatResponses',
    ])
    expect(overviewCsv(data, 'processes')[2]).toEqual(['return-and-refund', 4, 6, 5, 0, 100, 42, undefined, 5, 3])
    expect(overviewCsv(data, 'backlog')[2]).toEqual(['returns-agents', 3, 2000, 1, 0, 0, 2])
    expect(overviewCsv(data, 'tiers').map((r) => r[0])).toEqual(['tier', 'tier1', 'tier2'])
    expect(overviewCsv(data, 'breaches')).toHaveLength(1)
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
    ], en)
    expect(list.map((e) => [e.eventKey, e.what])).toEqual([['2', 'case SLA'], ['1', 'task tier1']])
  })
})
