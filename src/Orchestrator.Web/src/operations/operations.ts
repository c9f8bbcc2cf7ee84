// Operations logic without React: the instance search a filter form asks for, the diagram's markers from the
// per-element statistics, and checking a variable's new value before it is sent.

export type InstanceState = '' | 'ACTIVE' | 'COMPLETED' | 'TERMINATED'

export interface InstanceFilters {
  process: string
  version: string
  state: InstanceState
  /** A business key or its beginning: `RET-` finds RET-1001 and RET-1002. */
  businessKey: string
  incidentsOnly: boolean
  /** `datetime-local` input values, in the browser's time zone. */
  startedFrom: string
  startedTo: string
}

export const noInstanceFilters: InstanceFilters = { process: '', version: '', state: '', businessKey: '', incidentsOnly: false, startedFrom: '', startedTo: '' }

export interface ProcessInstance {
  processInstanceKey: string
  processDefinitionId: string
  processDefinitionName: string
  processDefinitionVersion: number
  processDefinitionKey: string
  startDate: string
  endDate?: string | null
  state: string
  hasIncident: boolean
  /** For an instance a call activity started: the instance that called it. */
  parentProcessInstanceKey?: string | null
}

/** A `datetime-local` value ("2026-12-04T09:30") from an ISO instant, in the browser's zone; empty when unreadable. */
function localInput(iso: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000)
  return local.toISOString().slice(0, 16)
}

/**
 * The filters a link names: `#/operations?process=<bpmnProcessId>&state=ACTIVE|COMPLETED|CANCELED&incidents=true&businessKey=<prefix>&from=<ISO>&to=<ISO>`
 * (the agreed link between pages; CANCELED is the API's TERMINATED).
 */
export function filtersFromQuery(query: URLSearchParams): InstanceFilters {
  const state = query.get('state')?.toUpperCase()
  return {
    process: query.get('process') ?? '',
    version: query.get('version') ?? '',
    state: state === 'CANCELED' || state === 'TERMINATED' ? 'TERMINATED' : state === 'ACTIVE' || state === 'COMPLETED' ? state : '',
    businessKey: query.get('businessKey') ?? '',
    incidentsOnly: query.get('incidents') === 'true',
    startedFrom: localInput(query.get('from')),
    startedTo: localInput(query.get('to')),
  }
}

/** The hash query for these filters (only those set), the inverse of `filtersFromQuery`. */
export function filtersToQuery(filters: InstanceFilters): string {
  const query = new URLSearchParams()
  if (filters.process) query.set('process', filters.process)
  if (filters.process && filters.version) query.set('version', filters.version)
  if (filters.state) query.set('state', filters.state === 'TERMINATED' ? 'CANCELED' : filters.state)
  if (filters.incidentsOnly) query.set('incidents', 'true')
  if (filters.businessKey.trim()) query.set('businessKey', filters.businessKey.trim())
  if (filters.startedFrom) query.set('from', new Date(filters.startedFrom).toISOString())
  if (filters.startedTo) query.set('to', new Date(filters.startedTo).toISOString())
  return query.toString()
}

/** The `filter` of a process-instance search (and of a batch over the same instances) for these filters. */
export function instanceFilter(filters: InstanceFilters): Record<string, unknown> {
  const filter: Record<string, unknown> = {}
  if (filters.process) filter.processDefinitionId = filters.process
  if (filters.process && filters.version) filter.processDefinitionVersion = Number(filters.version)
  if (filters.state) filter.state = filters.state
  // A business key is searched by its beginning; the server's wildcards are * and ?, so those typed are taken as they are.
  if (filters.businessKey.trim()) filter.businessKey = { $like: `${filters.businessKey.trim()}*` }
  if (filters.incidentsOnly) filter.hasIncident = true
  const started: Record<string, string> = {}
  if (filters.startedFrom) started.$gte = new Date(filters.startedFrom).toISOString()
  if (filters.startedTo) started.$lte = new Date(filters.startedTo).toISOString()
  if (Object.keys(started).length > 0) filter.startDate = started
  return filter
}

/** The `POST /v2/process-instances/search` body for these filters, newest first, one page. */
export function instanceSearch(filters: InstanceFilters, page: { from: number; limit: number }): object {
  return { filter: instanceFilter(filters), sort: [{ field: 'startDate', order: 'DESC' }], page }
}

/** Variables that name a case (its business key) or its customer, as the list rows show them. */
export const caseVariableNames = ['businessKey', 'complaintId', 'caseId', 'orderId', 'customerName', 'customerId', 'address']

export interface IncidentLike {
  incidentKey: string
  processInstanceKey: string
  processDefinitionId?: string
  errorType: string
  errorMessage: string
  elementId: string
}

export interface IncidentGroup {
  id: string
  errorType: string
  /** The message with its varying parts (numbers, keys, quoted values) as `…`. */
  pattern: string
  processDefinitionId?: string
  elementId: string
  incidents: IncidentLike[]
  processInstanceKeys: string[]
}

/** A message with what varies between instances (numbers, quoted values) left out, so like failures fall into one group. */
export function messagePattern(message: string): string {
  return message
    .replace(/'[^']*'|"[^"]*"/g, '…')
    .replace(/\d+(?:[.,]\d+)*/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Incidents grouped by error type, message pattern and element; the largest group first. */
export function groupIncidents(incidents: IncidentLike[]): IncidentGroup[] {
  const groups = new Map<string, IncidentGroup>()
  for (const incident of incidents) {
    const pattern = messagePattern(incident.errorMessage)
    const id = `${incident.errorType}|${incident.processDefinitionId ?? ''}|${incident.elementId}|${pattern}`
    const group = groups.get(id) ?? {
      id, errorType: incident.errorType, pattern, processDefinitionId: incident.processDefinitionId, elementId: incident.elementId, incidents: [], processInstanceKeys: [],
    }
    group.incidents.push(incident)
    if (!group.processInstanceKeys.includes(incident.processInstanceKey)) group.processInstanceKeys.push(incident.processInstanceKey)
    groups.set(id, group)
  }
  return [...groups.values()].sort((a, b) => b.incidents.length - a.incidents.length || a.id.localeCompare(b.id))
}

export type RetryOutcome = 'retrying' | 'succeeded' | 'failedAgain'

/**
 * Where a retried incident stands: failed again once a new incident is open on the same element instance, succeeded once
 * that element instance has moved on (its job completed), retrying until then.
 */
export function retryOutcome(state: { openIncidentOnElement: boolean; elementActive: boolean }): RetryOutcome {
  if (state.openIncidentOnElement) return 'failedAgain'
  return state.elementActive ? 'retrying' : 'succeeded'
}

/** A batch is done once it is no longer active. */
export function batchDone(state: string): boolean {
  return state !== 'ACTIVE' && state !== 'CREATED'
}

/**
 * The instance to cancel instead of this one: an instance a call activity started is canceled only with its caller (the server
 * refuses it on its own, as Camunda does, naming the root).
 */
export function cancelWith(instance: ProcessInstance): string | undefined {
  return instance.parentProcessInstanceKey ?? undefined
}

/** Only a running instance can be changed (variables, retry, cancel). */
export function isFinished(state: string): boolean {
  return state !== 'ACTIVE'
}

export interface ElementStatistics {
  elementId: string
  active: number
  completed: number
  terminated: number
  incidents: number
}

export type MarkerKind = 'incident' | 'active' | 'completed'

export interface DiagramMarker {
  elementId: string
  /** The colour the element gets: an incident outranks active work, which outranks work done. */
  kind: MarkerKind
  badges: { kind: MarkerKind | 'terminated'; count: number; title: string }[]
}

/** One marker per element the instance touched, with a count badge for each state it has elements in. */
export function diagramMarkers(statistics: ElementStatistics[]): DiagramMarker[] {
  return statistics.flatMap((s) => {
    const badges = [
      { kind: 'incident' as const, count: s.incidents, title: `${s.incidents} incident(s)` },
      { kind: 'active' as const, count: s.active, title: `${s.active} active` },
      { kind: 'completed' as const, count: s.completed, title: `${s.completed} completed` },
      { kind: 'terminated' as const, count: s.terminated, title: `${s.terminated} canceled` },
    ].filter((b) => b.count > 0)
    if (badges.length === 0) return []
    const kind: MarkerKind = s.incidents > 0 ? 'incident' : s.active > 0 ? 'active' : 'completed'
    return [{ elementId: s.elementId, kind, badges }]
  })
}

export type ParsedValue = { ok: true; json: string } | { ok: false; error: 'required' | 'notJson'; detail?: string }

/** A variable's new value as typed: JSON (a string needs its quotes); `detail` says where it stops being JSON. */
export function parseVariableValue(text: string): ParsedValue {
  if (text.trim() === '') return { ok: false, error: 'required' }
  try {
    return { ok: true, json: JSON.stringify(JSON.parse(text)) }
  } catch (e) {
    return { ok: false, error: 'notJson', detail: e instanceof Error ? e.message : String(e) }
  }
}

/** A new variable's name: letters, digits and _ (a FEEL name), not starting with a digit; null when it is fine. */
export function variableNameError(name: string, existing: string[]): 'required' | 'invalid' | 'exists' | null {
  if (name.trim() === '') return 'required'
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'invalid'
  return existing.includes(name) ? 'exists' : null
}

/** A stored variable value (JSON text) laid out for reading and editing. */
export function formatVariableValue(json: string): string {
  try {
    const value = JSON.parse(json)
    return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : json
  } catch {
    return json
  }
}
