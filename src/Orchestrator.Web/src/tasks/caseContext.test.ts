import { describe, expect, it } from 'vitest'
import { caseFacts } from './caseContext'

describe('case facts', () => {
  it('reads a return: order id as business key, customer with name, amount with currency', () => {
    const facts = caseFacts({
      orderId: 'DEMO-1001', customerId: 'CUST-WANG', customerTier: 'VIP', amount: 399, currency: 'CNY',
      returnReason: 'changed my mind', address: { name: 'Wang Fang', city: 'Shanghai' },
    })
    expect(facts).toMatchObject({ businessKey: 'DEMO-1001', customer: 'Wang Fang (CUST-WANG)', order: 'DEMO-1001', amount: '399 CNY' })
    expect(facts.facts).toEqual([{ label: 'Customer tier', value: 'VIP' }, { label: 'Reason', value: 'changed my mind' }])
  })

  it('prefers the complaint id as business key and uses the order value as amount', () => {
    const facts = caseFacts({ complaintId: 'DEMO-C-1', orderId: 'DEMO-1002', customerId: 'CUST-LI', orderValue: 1299, severity: 'major' })
    expect(facts).toMatchObject({ businessKey: 'DEMO-C-1', customer: 'CUST-LI', order: 'DEMO-1002', amount: '1299' })
    expect(facts.facts).toEqual([{ label: 'Severity', value: 'major' }])
  })

  it('leaves out what the case does not have', () => {
    expect(caseFacts({ note: 'x', address: null })).toEqual({ businessKey: undefined, customer: undefined, order: undefined, amount: undefined, facts: [] })
  })
})
