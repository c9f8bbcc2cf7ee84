import { describe, expect, it } from 'vitest'
import type { ModelElement } from './migration'
import { activatable, modificationRequest, parseVariables } from './modification'

const elements: ModelElement[] = [
  { id: 'start', name: '', type: 'startEvent' },
  { id: 'review', name: 'Review', type: 'userTask' },
  { id: 'late', name: 'Late', type: 'boundaryEvent' },
  { id: 'sub', name: 'Handle', type: 'subProcess' },
  { id: 'inner', name: 'Inner', type: 'serviceTask', parentId: 'sub' },
  { id: 'esp', name: '', type: 'eventSubProcess' },
]

describe('activatable', () => {
  it('leaves out start and boundary events, event subprocesses, and elements of subprocesses that do not run', () => {
    expect(activatable(elements, ['review']).map((e) => e.id)).toEqual(['review', 'sub'])
    expect(activatable(elements, ['sub']).map((e) => e.id)).toEqual(['review', 'sub', 'inner'])
  })
})

describe('parseVariables', () => {
  it('takes a JSON object or nothing', () => {
    expect(parseVariables('  ')).toEqual({ ok: true, value: undefined })
    expect(parseVariables('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } })
    expect(parseVariables('[1]').ok).toBe(false)
    expect(parseVariables('{a').ok).toBe(false)
  })
})

describe('modificationRequest', () => {
  it('moves by element id with variables for the process', () => {
    expect(modificationRequest({ kind: 'move', sourceElementId: 'review', targetElementId: 'inner', variables: { a: 1 } })).toEqual({
      moveInstructions: [{ sourceElementInstruction: { sourceType: 'byId', sourceElementId: 'review' }, targetElementId: 'inner', variableInstructions: [{ variables: { a: 1 } }] }],
    })
  })

  it('activates with variables local to the element, and terminates by key', () => {
    expect(modificationRequest({ kind: 'activate', elementId: 'review', variables: { note: 'x' } })).toEqual({
      activateInstructions: [{ elementId: 'review', variableInstructions: [{ variables: { note: 'x' }, scopeId: 'review' }] }],
    })
    expect(modificationRequest({ kind: 'activate', elementId: 'review' })).toEqual({ activateInstructions: [{ elementId: 'review' }] })
    expect(modificationRequest({ kind: 'terminate', elementInstanceKey: '7' })).toEqual({ terminateInstructions: [{ elementInstanceKey: '7' }] })
  })
})
