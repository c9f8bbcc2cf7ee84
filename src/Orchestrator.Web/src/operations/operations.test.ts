import { describe, expect, it } from 'vitest'
import {
  cancelWith, diagramMarkers, filtersFromQuery, filtersToQuery, formatVariableValue, groupIncidents, instanceSearch, messagePattern, noInstanceFilters, parseVariableValue,
  retryOutcome, variableNameError,
} from './operations'

describe('instance search', () => {
  it('asks for everything, newest first, without filters', () => {
    expect(instanceSearch(noInstanceFilters, { from: 0, limit: 50 })).toEqual({
      filter: {}, sort: [{ field: 'startDate', order: 'DESC' }], page: { from: 0, limit: 50 },
    })
  })

  it('turns each filter into its API field', () => {
    const body = instanceSearch({
      process: 'return-and-refund', version: '2', state: 'ACTIVE', businessKey: ' DEMO-1001 ', incidentsOnly: true,
      startedFrom: '2026-12-01T08:00', startedTo: '2026-12-02T18:30',
    }, { from: 50, limit: 50 }) as { filter: Record<string, unknown> }
    expect(body.filter).toEqual({
      processDefinitionId: 'return-and-refund', processDefinitionVersion: 2, state: 'ACTIVE', businessKey: { $like: 'DEMO-1001*' }, hasIncident: true,
      startDate: { $gte: new Date('2026-12-01T08:00').toISOString(), $lte: new Date('2026-12-02T18:30').toISOString() },
    })
  })

  it('ignores a version without a process', () => {
    const body = instanceSearch({ ...noInstanceFilters, version: '3' }, { from: 0, limit: 10 }) as { filter: Record<string, unknown> }
    expect(body.filter).toEqual({})
  })
})

describe('diagram markers', () => {
  it('colours an element by its most pressing state and counts every state', () => {
    const markers = diagramMarkers([
      { elementId: 'label', active: 1, completed: 0, terminated: 0, incidents: 1 },
      { elementId: 'review', active: 1, completed: 2, terminated: 0, incidents: 0 },
      { elementId: 'start', active: 0, completed: 1, terminated: 0, incidents: 0 },
      { elementId: 'reminder', active: 0, completed: 0, terminated: 1, incidents: 0 },
      { elementId: 'untouched', active: 0, completed: 0, terminated: 0, incidents: 0 },
    ])
    expect(markers.map((m) => [m.elementId, m.kind, m.badges.map((b) => `${b.kind}:${b.count}`)])).toEqual([
      ['label', 'incident', ['incident:1', 'active:1']],
      ['review', 'active', ['active:1', 'completed:2']],
      ['start', 'completed', ['completed:1']],
      ['reminder', 'completed', ['terminated:1']],
    ])
  })
})

describe('variable values', () => {
  it('accepts JSON and sends it compact', () => {
    expect(parseVariableValue(' { "a" : [1, 2] } ')).toEqual({ ok: true, json: '{"a":[1,2]}' })
    expect(parseVariableValue('"text"')).toEqual({ ok: true, json: '"text"' })
    expect(parseVariableValue('null')).toEqual({ ok: true, json: 'null' })
  })

  it('refuses what is not JSON, saying so', () => {
    const unquoted = parseVariableValue('approved')
    expect(unquoted.ok).toBe(false)
    expect(!unquoted.ok && unquoted.error).toBe('notJson')
    expect(parseVariableValue('  ')).toMatchObject({ ok: false, error: 'required' })
  })

  it('lays out objects over several lines and leaves scalars as they are', () => {
    expect(formatVariableValue('{"a":1}')).toBe('{\n  "a": 1\n}')
    expect(formatVariableValue('"x"')).toBe('"x"')
  })
})

describe('filters in the link', () => {
  it('reads the agreed hash query, CANCELED being the API\'s TERMINATED', () => {
    const filters = filtersFromQuery(new URLSearchParams('process=return-and-refund&state=CANCELED&incidents=true&businessKey=RET-&from=2026-12-01T00:00:00.000Z'))
    expect(filters).toMatchObject({ process: 'return-and-refund', state: 'TERMINATED', incidentsOnly: true, businessKey: 'RET-', startedTo: '' })
    expect(new Date(filters.startedFrom).toISOString()).toBe('2026-12-01T00:00:00.000Z')
  })

  it('writes what it reads', () => {
    const query = 'process=p&state=CANCELED&incidents=true&businessKey=RET-&from=2026-12-01T08%3A00%3A00.000Z'
    expect(filtersToQuery(filtersFromQuery(new URLSearchParams(query)))).toBe(query)
    expect(filtersToQuery(noInstanceFilters)).toBe('')
    expect(filtersFromQuery(new URLSearchParams('state=bogus')).state).toBe('')
  })
})

describe('incident groups', () => {
  const incident = (key: string, instance: string, message: string, elementId = 'charge', errorType = 'JOB_NO_RETRIES') =>
    ({ incidentKey: key, processInstanceKey: instance, errorType, errorMessage: message, elementId })

  it('leaves out what varies between instances', () => {
    expect(messagePattern('order 1234 failed: status 503 for "RET-77"')).toBe('order … failed: status … for …')
  })

  it('groups by type, element and message pattern, the largest first', () => {
    const groups = groupIncidents([
      incident('1', 'a', 'payment 503'), incident('2', 'b', 'payment 502'), incident('3', 'c', 'payment 503', 'label'),
      incident('4', 'd', 'no variable x', 'charge', 'IO_MAPPING_ERROR'), incident('5', 'b', 'payment 504'),
    ])
    expect(groups.map((g) => [g.errorType, g.elementId, g.pattern, g.incidents.length, g.processInstanceKeys])).toEqual([
      ['JOB_NO_RETRIES', 'charge', 'payment …', 3, ['a', 'b']],
      ['IO_MAPPING_ERROR', 'charge', 'no variable x', 1, ['d']],
      ['JOB_NO_RETRIES', 'label', 'payment …', 1, ['c']],
    ])
  })
})

describe('retry feedback', () => {
  it('says retrying until the element moves on, and failed again when an incident comes back', () => {
    expect(retryOutcome({ elementActive: true, openIncidentOnElement: false })).toBe('retrying')
    expect(retryOutcome({ elementActive: false, openIncidentOnElement: false })).toBe('succeeded')
    expect(retryOutcome({ elementActive: true, openIncidentOnElement: true })).toBe('failedAgain')
  })
})

describe('new variable names', () => {
  it('takes a FEEL name not in use', () => {
    expect(variableNameError('refundNote', ['amount'])).toBeNull()
    expect(variableNameError('', [])).toBe('required')
    expect(variableNameError('2fast', [])).toBe('invalid')
    expect(variableNameError('amount', ['amount'])).toBe('exists')
  })
})

describe('cancel', () => {
  const instance = {
    processInstanceKey: '2251799813685300', processDefinitionId: 'claim', processDefinitionName: 'Claim', processDefinitionVersion: 1,
    processDefinitionKey: '2251799813685001', startDate: '2026-12-05T02:00:00Z', state: 'ACTIVE', hasIncident: false,
  }

  it('is offered on an instance nothing called', () => {
    expect(cancelWith(instance)).toBeUndefined()
    expect(cancelWith({ ...instance, parentProcessInstanceKey: null })).toBeUndefined()
  })

  it('points a called instance to its caller, since the server refuses it on its own', () => {
    expect(cancelWith({ ...instance, parentProcessInstanceKey: '2251799813685200' })).toBe('2251799813685200')
  })
})
