import { describe, expect, it } from 'vitest'
import { diagramMarkers, formatVariableValue, instanceSearch, noInstanceFilters, parseVariableValue } from './operations'

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
      processDefinitionId: 'return-and-refund', processDefinitionVersion: 2, state: 'ACTIVE', businessKey: 'DEMO-1001', hasIncident: true,
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
    expect(!unquoted.ok && unquoted.error).toMatch(/^not JSON: .*double quotes/)
    expect(parseVariableValue('  ')).toMatchObject({ ok: false, error: expect.stringContaining('required') })
  })

  it('lays out objects over several lines and leaves scalars as they are', () => {
    expect(formatVariableValue('{"a":1}')).toBe('{\n  "a": 1\n}')
    expect(formatVariableValue('"x"')).toBe('"x"')
  })
})
