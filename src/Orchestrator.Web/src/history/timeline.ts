// An instance's history records (GET /api/process-instances/{key}/history) turned into a timeline people read:
// what happened, to which element, who did it; the engine's bookkeeping (activating, flows taken, gateways) left out.

export interface HistoryRecord {
  position: string
  timestamp: string
  key: string
  valueType: string
  intent: string
  elementId?: string | null
  elementName?: string | null
  detail?: string | null
}

export type EntryKind = 'process' | 'task' | 'step' | 'timer' | 'failure' | 'incident' | 'resolved' | 'operation'

export interface TimelineEntry {
  at: string
  kind: EntryKind
  elementId?: string
  text: string
  detail?: string
}

/** Element types whose completion is worth a line (user tasks are told by their task records, timers by their firing, gateways and flows not at all). */
const steps = new Set([
  'ServiceTask', 'SendTask', 'ScriptTask', 'BusinessRuleTask', 'ReceiveTask', 'ManualTask', 'Task', 'CallActivity', 'SubProcess',
  'IntermediateCatchEvent', 'IntermediateThrowEvent', 'EndEvent',
])

function entry(record: HistoryRecord): TimelineEntry | undefined {
  const name = record.elementName || record.elementId || ''
  const line = (kind: EntryKind, text: string, detail?: string | null): TimelineEntry => ({
    at: record.timestamp, kind, elementId: record.elementId ?? undefined, text, detail: detail || undefined,
  })
  switch (`${record.valueType}:${record.intent}`) {
    case 'ELEMENT:ELEMENT_ACTIVATED':
      return record.detail === 'PROCESS' ? line('process', 'Process started') : undefined
    case 'ELEMENT:ELEMENT_COMPLETED':
      if (record.detail === 'PROCESS') return line('process', 'Process completed')
      if (record.detail === 'EndEvent') return line('step', `Ended: ${name}`)
      return record.detail && steps.has(record.detail) ? line('step', `${name} done`) : undefined
    case 'ELEMENT:ELEMENT_TERMINATED':
      return record.detail === 'PROCESS' ? line('process', 'Process canceled') : record.detail === 'UserTask' ? undefined : line('step', `${name} interrupted`)
    case 'USER_TASK:CREATED':
      return line('task', `Task "${name}" created${record.detail ? ` for ${record.detail}` : ''}`)
    case 'USER_TASK:ASSIGNED':
      return line('task', `Task "${name}" claimed by ${record.detail}`)
    case 'USER_TASK:UNASSIGNED':
      return line('task', `Task "${name}" unclaimed`)
    case 'USER_TASK:COMPLETED':
      return line('task', `Task "${name}" completed${record.detail ? ` by ${record.detail}` : ''}`)
    case 'USER_TASK:CANCELED':
      return line('task', `Task "${name}" canceled`)
    case 'JOB:FAILED':
      return line('failure', `${name} failed`, record.detail)
    case 'JOB:ERROR_THROWN':
      return line('failure', `${name} raised business error`, record.detail)
    case 'INCIDENT:CREATED':
      return line('incident', `Incident at ${name}`, record.detail)
    case 'INCIDENT:RESOLVED':
      return line('resolved', `Incident at ${name} resolved`)
    case 'TIMER:TRIGGERED':
      return line('timer', `Timer "${name}" fired`)
    default:
      return record.valueType === 'OPERATION' ? operation(record, name, line) : undefined
  }
}

/** An operator's action: who did it, and what (the record's detail is `who` or `who: what`). */
function operation(record: HistoryRecord, name: string, line: (kind: EntryKind, text: string, detail?: string | null) => TimelineEntry): TimelineEntry {
  const [who, what] = (record.detail ?? 'someone').split(/: (.*)/s)
  switch (record.intent) {
    case 'CANCELED':
      return line('operation', `Canceled by ${who}`)
    case 'INCIDENT_RESOLVED':
      return line('operation', `Incident at ${name} retried by ${who}`)
    case 'VARIABLES_SET':
      return line('operation', `Variables changed by ${who}`, what)
    case 'JOB_UPDATED':
      return line('operation', `${name} changed by ${who}`, what)
    default:
      return line('operation', `${record.intent.toLowerCase().replace(/_/g, ' ')} by ${who}`, what)
  }
}

/** The readable timeline, oldest first, in the order the engine recorded it. */
export function timeline(records: HistoryRecord[]): TimelineEntry[] {
  return [...records]
    .sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : BigInt(a.position) > BigInt(b.position) ? 1 : 0))
    .flatMap((r) => entry(r) ?? [])
}
