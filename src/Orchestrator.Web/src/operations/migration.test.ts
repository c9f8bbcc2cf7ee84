import { describe, expect, it } from 'vitest'
import { elementLabel, mappingRows, migrationRequest, modelElements, unmapped, type ModelElement, type XmlNode } from './migration'

const bpmn = 'http://www.omg.org/spec/BPMN/20100524/MODEL'
const node = (localName: string, attributes: Record<string, string>, children: XmlNode[] = [], namespaceURI = bpmn): XmlNode => ({
  localName, namespaceURI, children, getAttribute: (name) => attributes[name] ?? null,
})

const v1: ModelElement[] = [
  { id: 'start', name: '', type: 'startEvent' },
  { id: 'review', name: 'Review the return', type: 'userTask' },
  { id: 'ship', name: 'Ship', type: 'serviceTask' },
  { id: 'wait', name: 'Paid', type: 'intermediateCatchEvent' },
]
const v2: ModelElement[] = [
  { id: 'start', name: '', type: 'startEvent' },
  { id: 'review', name: 'Review the return (v2)', type: 'userTask' },
  { id: 'inspect', name: 'Inspect', type: 'userTask' },
  { id: 'dispatch', name: 'Dispatch', type: 'serviceTask' },
  { id: 'wait', name: 'Paid', type: 'userTask' },
]

describe('modelElements', () => {
  it('reads flow nodes with their scope, skipping flows and other namespaces', () => {
    const process = node('process', { id: 'p' }, [
      node('startEvent', { id: 's' }),
      node('sequenceFlow', { id: 'f' }),
      node('subProcess', { id: 'sub', name: 'Handle' }, [node('userTask', { id: 'inner', name: 'Inner' })]),
      node('subProcess', { id: 'esp', triggeredByEvent: 'true' }, []),
      node('userTask', { id: 'x' }, [], 'http://camunda.org/schema/zeebe/1.0'),
    ])
    expect(modelElements(process)).toEqual([
      { id: 's', name: '', type: 'startEvent', parentId: undefined },
      { id: 'sub', name: 'Handle', type: 'subProcess', parentId: undefined },
      { id: 'inner', name: 'Inner', type: 'userTask', parentId: 'sub' },
      { id: 'esp', name: '', type: 'eventSubProcess', parentId: undefined },
    ])
  })
})

describe('mappingRows', () => {
  it('maps an active element to the target element with the same id and type', () => {
    const [row] = mappingRows(['review'], v1, v2)
    expect(row.targetId).toBe('review')
    expect(row.implicit).toBe(true)
    expect(row.candidates.map((c) => c.id)).toEqual(['review', 'inspect', 'wait'])
  })

  it('flags an active element with no same-id target, or one of another type', () => {
    const rows = mappingRows(['ship', 'wait', 'review'], v1, v2)
    expect(unmapped(rows).map((r) => r.source.id)).toEqual(['ship', 'wait'])
    expect(rows.find((r) => r.source.id === 'wait')!.candidates).toEqual([])
  })

  it('takes the user choice over the proposal, counts each element once and skips what the model does not know', () => {
    const rows = mappingRows(['ship', 'ship', 'p'], v1, v2, { ship: 'dispatch' })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ targetId: 'dispatch', implicit: false })
    expect(unmapped(mappingRows(['review'], v1, v2, { review: '' }))).toHaveLength(1)
  })

  it('sends every mapped row as an instruction', () => {
    const rows = mappingRows(['review', 'ship'], v1, v2, { ship: 'dispatch' })
    expect(migrationRequest('42', rows)).toEqual({
      targetProcessDefinitionKey: '42',
      mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'review' }, { sourceElementId: 'ship', targetElementId: 'dispatch' }],
    })
  })

  it('labels an element by its name, else its id', () => {
    expect(elementLabel(v1[1])).toBe('Review the return')
    expect(elementLabel(v1[0])).toBe('start')
  })
})
