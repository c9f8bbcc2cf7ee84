// An instance's history records (GET /api/process-instances/{key}/history) turned into a timeline people read:
// what happened, to which element, who did it; the engine's bookkeeping (activating, flows taken, gateways) left out.
// The words come from the `history` namespace through the `t` given (the component's, or a fixed language's in tests).

/** A message of the `history` namespace with its values. */
export type Translate = (key: string, values?: Record<string, string>) => string

export interface HistoryRecord {
  position: string
  timestamp: string
  key: string
  valueType: string
  intent: string
  elementId?: string | null
  elementName?: string | null
  /** The recorded text: for an operator's action `who` or `who: what`, in English. */
  detail?: string | null
  /** Who did it, for an operator's action (`OPERATION`). */
  actor?: string | null
  /** The versions a migration (`OPERATION` `MIGRATED`) went from and to. */
  migration?: Migration | null
}

/** A migration's source and target: process id and version of each. */
export interface Migration {
  fromProcessId: string
  fromVersion: number
  toProcessId: string
  toVersion: number
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

function entry(record: HistoryRecord, t: Translate): TimelineEntry | undefined {
  const name = record.elementName || record.elementId || ''
  const line = (kind: EntryKind, key: string, values: Record<string, string> = {}, detail?: string | null): TimelineEntry => ({
    at: record.timestamp, kind, elementId: record.elementId ?? undefined, text: t(`entries.${key}`, { name, ...values }), detail: detail || undefined,
  })
  switch (`${record.valueType}:${record.intent}`) {
    case 'ELEMENT:ELEMENT_ACTIVATED':
      return record.detail === 'PROCESS' ? line('process', 'processStarted') : undefined
    case 'ELEMENT:ELEMENT_COMPLETED':
      if (record.detail === 'PROCESS') return line('process', 'processCompleted')
      if (record.detail === 'EndEvent') return line('step', 'ended')
      return record.detail && steps.has(record.detail) ? line('step', 'stepDone') : undefined
    case 'ELEMENT:ELEMENT_TERMINATED':
      return record.detail === 'PROCESS' ? line('process', 'processCanceled') : record.detail === 'UserTask' ? undefined : line('step', 'interrupted')
    case 'USER_TASK:CREATED':
      return record.detail ? line('task', 'taskCreatedFor', { who: record.detail }) : line('task', 'taskCreated')
    case 'USER_TASK:ASSIGNED':
      return line('task', 'taskClaimed', { who: record.detail ?? '' })
    case 'USER_TASK:UNASSIGNED':
      return line('task', 'taskUnclaimed')
    case 'USER_TASK:COMPLETED':
      return record.detail ? line('task', 'taskCompletedBy', { who: record.detail }) : line('task', 'taskCompleted')
    case 'USER_TASK:CANCELED':
      return line('task', 'taskCanceled')
    case 'JOB:FAILED':
      return line('failure', 'jobFailed', {}, record.detail)
    case 'JOB:ERROR_THROWN':
      return line('failure', 'errorThrown', {}, record.detail)
    case 'INCIDENT:CREATED':
      return line('incident', 'incident', {}, record.detail)
    case 'INCIDENT:RESOLVED':
      return line('resolved', 'incidentResolved')
    case 'TIMER:TRIGGERED':
      return line('timer', 'timerFired')
    default:
      return record.valueType === 'OPERATION' ? operation(record, line, t) : undefined
  }
}

/**
 * An operator's action: who did it, and what (the record's detail is `who` or `who: what`; servers that name the actor
 * apart say so in `actor`). A migration is worded from its versions, not from the recorded English text.
 */
function operation(
  record: HistoryRecord,
  line: (kind: EntryKind, key: string, values?: Record<string, string>, detail?: string | null) => TimelineEntry,
  t: Translate,
): TimelineEntry {
  const [recordedWho, what] = record.detail ? record.detail.split(/: (.*)/s) : [t('entries.someone')]
  const who = record.actor ?? recordedWho
  switch (record.intent) {
    case 'CANCELED':
      return line('operation', 'canceledBy', { who })
    case 'INCIDENT_RESOLVED':
      return line('operation', 'retriedBy', { who })
    case 'VARIABLES_SET':
      return line('operation', 'variablesBy', { who }, what)
    case 'JOB_UPDATED':
      return line('operation', 'jobChangedBy', { who }, what)
    case 'MIGRATED':
      return migrated(record.migration, who, line, what)
    default:
      return line('operation', 'operationBy', { who, operation: record.intent.toLowerCase().replace(/_/g, ' ') }, what)
  }
}

/** "Migrated from version 1 to version 2 by …" (naming the processes when it moved to another one); without versions, the recorded text as detail. */
function migrated(
  migration: Migration | null | undefined,
  who: string,
  line: (kind: EntryKind, key: string, values?: Record<string, string>, detail?: string | null) => TimelineEntry,
  recorded?: string,
): TimelineEntry {
  if (!migration) return line('operation', 'migratedBy', { who }, recorded)
  const versions = { who, from: String(migration.fromVersion), to: String(migration.toVersion) }
  return migration.fromProcessId === migration.toProcessId
    ? line('operation', 'migratedVersionsBy', versions)
    : line('operation', 'migratedProcessBy', { ...versions, fromProcess: migration.fromProcessId, toProcess: migration.toProcessId })
}

/** The readable timeline, oldest first, in the order the engine recorded it. */
export function timeline(records: HistoryRecord[], t: Translate): TimelineEntry[] {
  return [...records]
    .sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : BigInt(a.position) > BigInt(b.position) ? 1 : 0))
    .flatMap((r) => entry(r, t) ?? [])
}
