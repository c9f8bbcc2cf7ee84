// The case a task belongs to, read from its instance's variables: what an agent needs before opening the form.

export interface CaseFacts {
  businessKey?: string
  customer?: string
  order?: string
  amount?: string
  /** Other well-known facts: `key` is the message key of its label (`facts.<key>` in the `tasks` namespace). */
  facts: { key: string; value: string }[]
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
  const known = ['customerTier', 'kind', 'returnReason', 'issue', 'description', 'severity', 'tier', 'trackingNumber', 'status', 'channel', 'language']
  return {
    businessKey: text(variables.complaintId) ?? text(variables.caseId) ?? text(variables.orderId),
    customer: customerId && customerName ? `${customerName} (${customerId})` : customerName ?? customerId,
    order: text(variables.orderId),
    amount: amount && [amount, text(variables.currency)].filter(Boolean).join(' '),
    facts: known.flatMap((key) => (text(variables[key]) ? [{ key, value: text(variables[key])! }] : [])),
  }
}

/** The work a quality-review task looks at: the reviewed case and task, who did it, why it was sampled, what the agent submitted. */
export interface ReviewedWork {
  instanceKey: string
  processId?: string
  taskName?: string
  agent?: string
  caseReference?: string
  /** Why it was sampled: codes (`rate`, `sla-breached`, `tier3`, `amount`, `low-csat`, or others), labelled by the page. */
  reasons: string[]
  input: { name: string; label: string; value: string; structured: boolean }[]
}

/** `refundAmount` → "Refund amount". */
const spoken = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A submitted value as it reads: text as typed, yes/no, lists joined, structures as indented JSON, "—" for none. */
function submitted(value: unknown): { value: string; structured: boolean } {
  if (value === null || value === undefined) return { value: '—', structured: false }
  if (typeof value === 'boolean') return { value: value ? 'yes' : 'no', structured: false }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return { value: value.length === 0 ? '—' : value.join(', '), structured: false }
  if (typeof value === 'object') return { value: JSON.stringify(value, null, 2), structured: true }
  return { value: String(value), structured: false }
}

/** The reviewed work of a quality-review task's variables (`reviewedInstanceKey`, `reviewedTaskName`, `agent`, `sampleReasons`, `agentInput`); undefined for any other task. */
export function reviewedWork(variables: Variables): ReviewedWork | undefined {
  const instanceKey = text(variables.reviewedInstanceKey)
  if (!instanceKey) return undefined
  const input = typeof variables.agentInput === 'object' && variables.agentInput !== null && !Array.isArray(variables.agentInput)
    ? Object.entries(variables.agentInput as Variables)
    : []
  return {
    instanceKey,
    processId: text(variables.reviewedProcessId),
    taskName: text(variables.reviewedTaskName),
    agent: text(variables.agent),
    caseReference: text(variables.caseReference),
    reasons: Array.isArray(variables.sampleReasons) ? variables.sampleReasons.map(String) : [],
    input: input.map(([name, value]) => ({ name, label: spoken(name), ...submitted(value) })),
  }
}
