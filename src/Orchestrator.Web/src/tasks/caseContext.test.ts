import { describe, expect, it } from 'vitest'
import { caseFacts, reviewedWork } from './caseContext'

describe('case facts', () => {
  it('reads a return: order id as business key, customer with name, amount with currency', () => {
    const facts = caseFacts({
      orderId: 'DEMO-1001', customerId: 'CUST-WANG', customerTier: 'VIP', amount: 399, currency: 'CNY',
      returnReason: 'changed my mind', address: { name: 'Wang Fang', city: 'Shanghai' },
    })
    expect(facts).toMatchObject({ businessKey: 'DEMO-1001', customer: 'Wang Fang (CUST-WANG)', order: 'DEMO-1001', amount: '399 CNY' })
    expect(facts.facts).toEqual([{ key: 'customerTier', value: 'VIP' }, { key: 'returnReason', value: 'changed my mind' }])
  })

  it('prefers the complaint id as business key and uses the order value as amount', () => {
    const facts = caseFacts({ complaintId: 'DEMO-C-1', orderId: 'DEMO-1002', customerId: 'CUST-LI', orderValue: 1299, severity: 'major' })
    expect(facts).toMatchObject({ businessKey: 'DEMO-C-1', customer: 'CUST-LI', order: 'DEMO-1002', amount: '1299' })
    expect(facts.facts).toEqual([{ key: 'severity', value: 'major' }])
  })

  it('leaves out what the case does not have', () => {
    expect(caseFacts({ note: 'x', address: null })).toEqual({ businessKey: undefined, customer: undefined, order: undefined, amount: undefined, facts: [] })
  })
})

describe('reviewed work', () => {
  it('reads what a quality review looks at, the agent input as people read it', () => {
    const work = reviewedWork({
      reviewedInstanceKey: '2251799813685290', reviewedProcessId: 'complaint-escalation', reviewedTaskName: 'Handle the complaint',
      agent: 'alice', caseReference: 'DEMO-C-7', sampleReasons: ['sla-breached', 'tier3', 'surprise'],
      agentInput: { refundAmount: 120, resolution_note: 'Refund sent', callBack: false, tags: ['vip', 'late'], none: null, address: { city: 'Shanghai' } },
    })
    expect(work).toEqual({
      instanceKey: '2251799813685290',
      processId: 'complaint-escalation',
      taskName: 'Handle the complaint',
      agent: 'alice',
      caseReference: 'DEMO-C-7',
      reasons: ['sla-breached', 'tier3', 'surprise'],
      input: [
        { name: 'refundAmount', label: 'Refund amount', value: '120', structured: false },
        { name: 'resolution_note', label: 'Resolution note', value: 'Refund sent', structured: false },
        { name: 'callBack', label: 'Call back', value: 'no', structured: false },
        { name: 'tags', label: 'Tags', value: 'vip, late', structured: false },
        { name: 'none', label: 'None', value: '—', structured: false },
        { name: 'address', label: 'Address', value: '{\n  "city": "Shanghai"\n}', structured: true },
      ],
    })
  })

  it('has nothing to review without a reviewed instance, and copes with missing details', () => {
    expect(reviewedWork({ orderId: 'DEMO-1' })).toBeUndefined()
    expect(reviewedWork({ reviewedInstanceKey: '9', agentInput: null, sampleReasons: 'rate' })).toEqual({
      instanceKey: '9', processId: undefined, taskName: undefined, agent: undefined, caseReference: undefined, reasons: [], input: [],
    })
  })
})
