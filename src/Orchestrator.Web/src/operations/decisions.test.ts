import { describe, expect, it } from 'vitest'
import { decisionInstanceSearch, decisionKind, inEvaluationOrder, longValue, outcome, shortValue, type DecisionInstance } from './decisions'

const evaluated = (key: string, at: string, decision = 'route'): DecisionInstance => ({
  decisionEvaluationInstanceKey: key,
  state: 'EVALUATED',
  evaluationDate: at,
  decisionDefinitionId: decision,
  decisionDefinitionName: null,
  decisionDefinitionVersion: 1,
  decisionDefinitionType: 'DECISION_TABLE',
  result: '"priority"',
  decisionEvaluationKey: key.split('-')[0],
  decisionDefinitionKey: '7',
})

describe('an instance’s decisions', () => {
  it('are searched by the instance', () => {
    expect(decisionInstanceSearch('2251799813685281')).toEqual({ filter: { processInstanceKey: '2251799813685281' }, page: { limit: 1000 } })
  })

  it('are listed oldest evaluation first, a required decision before the one that needed it', () => {
    const listed = inEvaluationOrder([
      evaluated('30-1', '2026-12-03T10:00:00Z', 'later'),
      evaluated('20-10', '2026-12-02T10:00:00.000Z', 'route'),
      evaluated('20-2', '2026-12-02T10:00:00Z', 'tier'),
    ])
    expect(listed.map((d) => d.decisionDefinitionId)).toEqual(['tier', 'route', 'later'])
  })

  it('name the kind of their logic', () => {
    expect(decisionKind('DECISION_TABLE')).toBe('decision table')
    expect(decisionKind('LITERAL_EXPRESSION')).toBe('literal expression')
    expect(decisionKind('UNSPECIFIED')).toBe('decision')
  })
})

describe('values', () => {
  it('fit on one line in the list, cut when long', () => {
    expect(shortValue('{ "team": "priority",\n "sla": 4 }')).toBe('{"team":"priority","sla":4}')
    expect(shortValue(JSON.stringify('x'.repeat(100)), 10)).toBe('"xxxxxxxx…')
    expect(shortValue('not json')).toBe('not json')
    expect(shortValue(null)).toBe('')
  })

  it('are laid out over several lines when opened', () => {
    expect(longValue('{"team":"priority"}')).toBe('{\n  "team": "priority"\n}')
    expect(longValue('4')).toBe('4')
    expect(longValue(undefined)).toBe('')
  })

  it('give the result of an evaluation, or why it failed', () => {
    expect(outcome({ state: 'EVALUATED', result: '["a","b"]' })).toBe('["a","b"]')
    expect(outcome({ state: 'FAILED', result: null, evaluationFailure: 'no rule matched and the table has no default' }, 20)).toBe('no rule matched and…')
    expect(outcome({ state: 'FAILED', result: null })).toBe('failed')
  })
})
