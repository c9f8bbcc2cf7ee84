// Operations logic without React: the instance search a filter form asks for, the diagram's markers from the
// per-element statistics, and checking a variable's new value before it is sent.

export type InstanceState = '' | 'ACTIVE' | 'COMPLETED' | 'TERMINATED'

export interface InstanceFilters {
  process: string
  version: string
  state: InstanceState
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
}

/** The `POST /v2/process-instances/search` body for these filters, newest first, one page. */
export function instanceSearch(filters: InstanceFilters, page: { from: number; limit: number }): object {
  const filter: Record<string, unknown> = {}
  if (filters.process) filter.processDefinitionId = filters.process
  if (filters.process && filters.version) filter.processDefinitionVersion = Number(filters.version)
  if (filters.state) filter.state = filters.state
  if (filters.businessKey.trim()) filter.businessKey = filters.businessKey.trim()
  if (filters.incidentsOnly) filter.hasIncident = true
  const started: Record<string, string> = {}
  if (filters.startedFrom) started.$gte = new Date(filters.startedFrom).toISOString()
  if (filters.startedTo) started.$lte = new Date(filters.startedTo).toISOString()
  if (Object.keys(started).length > 0) filter.startDate = started
  return { filter, sort: [{ field: 'startDate', order: 'DESC' }], page }
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

export type ParsedValue = { ok: true; json: string } | { ok: false; error: string }

/** A variable's new value as typed: JSON (a string needs its quotes); the error says where it stops being JSON. */
export function parseVariableValue(text: string): ParsedValue {
  if (text.trim() === '') return { ok: false, error: 'a value is required (null, a number, "text", true, [..] or {..})' }
  try {
    return { ok: true, json: JSON.stringify(JSON.parse(text)) }
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)} (text needs double quotes)` }
  }
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
