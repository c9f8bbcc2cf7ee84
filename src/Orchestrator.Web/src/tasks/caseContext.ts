// The case a task belongs to, read from its instance's variables: what an agent needs before opening the form.

export interface CaseFacts {
  businessKey?: string
  customer?: string
  order?: string
  amount?: string
  facts: { label: string; value: string }[]
}

type Variables = Record<string, unknown>

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined

/**
 * The business key is the case's own id (complaint, case) or else the order id; the customer is the id with the
 * name on the address; the amount carries its currency. Other well-known facts follow when present.
 */
export function caseFacts(variables: Variables): CaseFacts {
  const address = typeof variables.address === 'object' && variables.address !== null ? (variables.address as Variables) : {}
  const customerId = text(variables.customerId)
  const customerName = text(address.name) ?? text(variables.customerName)
  const amount = text(variables.amount) ?? text(variables.orderValue)
  const known: [string, string][] = [
    ['Customer tier', 'customerTier'], ['Kind', 'kind'], ['Reason', 'returnReason'], ['Issue', 'issue'], ['Description', 'description'],
    ['Severity', 'severity'], ['Tier', 'tier'], ['Tracking number', 'trackingNumber'], ['Status', 'status'], ['Language', 'language'],
  ]
  return {
    businessKey: text(variables.complaintId) ?? text(variables.caseId) ?? text(variables.orderId),
    customer: customerId && customerName ? `${customerName} (${customerId})` : customerName ?? customerId,
    order: text(variables.orderId),
    amount: amount && [amount, text(variables.currency)].filter(Boolean).join(' '),
    facts: known.flatMap(([label, name]) => (text(variables[name]) ? [{ label, value: text(variables[name])! }] : [])),
  }
}
