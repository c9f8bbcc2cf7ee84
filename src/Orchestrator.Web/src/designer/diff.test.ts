import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BpmnModdle } from 'bpmn-moddle'
import { describe, expect, it } from 'vitest'
import { diffModels, elementsOf, fieldParts, formElements, isEmpty, overwrittenByTemplate, typeWords, type ModdleNode } from './diff'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const zeebePath = require.resolve('zeebe-bpmn-moddle/resources/zeebe.json', { paths: [dirname(require.resolve('camunda-bpmn-js/package.json'))] })
const zeebe = JSON.parse(readFileSync(zeebePath, 'utf8'))
const shipped = readFileSync(join(here, '..', '..', '..', '..', 'workflows', 'return-and-refund.bpmn'), 'utf8')

async function elements(xml: string) {
  const { rootElement } = await new BpmnModdle({ zeebe }).fromXML(xml)
  return elementsOf(rootElement as unknown as ModdleNode)
}

const tellIneligible = `<bpmn:serviceTask id="tellIneligible" name="Tell the customer why not">`
// What applying the "Notify customer" template did to that task (issue 18): its message went from an input to the
// template's header, with the template's default message.
const notified = `<bpmn:serviceTask id="tellIneligible" name="Tell the customer why not" zeebe:modelerTemplate="io.aftersales.notify.send" zeebe:modelerTemplateVersion="1">
      <bpmn:extensionElements>
        <zeebe:properties>
          <zeebe:property name="tracking.step" value="ineligible" />
        </zeebe:properties>
        <zeebe:taskDefinition type="notify.send" retries="3" />
        <zeebe:ioMapping>
          <zeebe:input source="=customerId" target="customerId" />
          <zeebe:input source="=&quot;en&quot;" target="language" />
          <zeebe:input source="={}" target="data" />
        </zeebe:ioMapping>
        <zeebe:taskHeaders>
          <zeebe:header key="template" value="refund-issued" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:serviceTask id="unused" name="Tell the customer why not (unused)">`

describe('the deploy diff', () => {
  it('finds nothing between a model and itself', async () => {
    expect(isEmpty(diffModels(await elements(shipped), await elements(shipped)))).toBe(true)
  })

  it('names the changed task, the template, the message that moved and the tracking property that went', async () => {
    const start = shipped.indexOf(tellIneligible)
    const end = shipped.indexOf('</bpmn:serviceTask>', start) + '</bpmn:serviceTask>'.length
    const changed = `${shipped.slice(0, start)}${notified}</bpmn:serviceTask>${shipped.slice(end)}`
    const diff = diffModels(await elements(shipped), await elements(changed))

    expect(diff.added.map((e) => [e.name, e.type])).toEqual([['Tell the customer why not (unused)', 'bpmn:ServiceTask']])
    expect(diff.removed).toEqual([])
    expect(diff.changed.map((c) => c.after.name)).toEqual(['Tell the customer why not'])
    const changes = Object.fromEntries(diff.changed[0].changes.map((c) => [c.field, [c.before, c.after]]))
    expect(changes['template']).toEqual([undefined, 'io.aftersales.notify.send'])
    expect(changes['input:template']).toEqual(['inspection-result', undefined])
    expect(changes['header:template']).toEqual([undefined, 'refund-issued'])
    expect(changes['input:language']).toEqual(['=get or else(language, "en")', '="en"'])
    expect(changes['property:tracking.label']).toEqual(['Not eligible for return', undefined])
    expect(changes['input:customerId']).toBeUndefined()
    expect(changes['taskType']).toBeUndefined()
  })

  it('tells a removed element, a changed condition and a changed timer', async () => {
    const xml = (condition: string, timer: string, withEnd: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:process id="p" name="P" isExecutable="true">
    <bpmn:startEvent id="start" name="Start" />
    <bpmn:sequenceFlow id="f" name="Large" sourceRef="start" targetRef="wait"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:intermediateCatchEvent id="wait" name="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    ${withEnd ? '<bpmn:endEvent id="end" name="Done" />' : ''}
  </bpmn:process>
</bpmn:definitions>`
    const diff = diffModels(await elements(xml('=amount > 100', 'PT1H', true)), await elements(xml('=amount > 500', 'PT2H', false)))
    expect(diff.removed.map((e) => e.name)).toEqual(['Done'])
    expect(diff.changed.map((c) => [c.after.name, c.changes.map((x) => `${x.field}: ${x.before} → ${x.after}`)])).toEqual([
      ['Large', ['condition: =amount > 100 → =amount > 500']],
      ['Wait', ['timer:timeDuration: PT1H → PT2H']],
    ])
  })
})

describe('the template guard', () => {
  it('lists the values a template replaced or removed, not those it only added', async () => {
    const before = (await elements(shipped)).get('tellIneligible')!
    const start = shipped.indexOf(tellIneligible)
    const end = shipped.indexOf('</bpmn:serviceTask>', start) + '</bpmn:serviceTask>'.length
    const after = (await elements(`${shipped.slice(0, start)}${notified}</bpmn:serviceTask>${shipped.slice(end)}`)).get('tellIneligible')!
    const fields = overwrittenByTemplate(before, after).map((c) => c.field)
    expect(fields).toContain('input:template')
    expect(fields).toContain('input:data')
    expect(fields).not.toContain('header:template')
    expect(fields).not.toContain('template')
    expect(overwrittenByTemplate(before, before)).toEqual([])
  })
})

describe('words', () => {
  it('says types and field keys as people read them', () => {
    expect(typeWords('bpmn:ServiceTask')).toBe('service task')
    expect(fieldParts('property:tracking.step')).toEqual(['property', 'tracking.step'])
    expect(fieldParts('name')).toEqual(['name', undefined])
  })
})

describe('the form diff', () => {
  it('names an added field and a changed label', () => {
    const before = { id: 'f', components: [{ id: 'a', key: 'amount', type: 'number', label: 'Amount' }] }
    const after = { id: 'f', components: [{ id: 'a', key: 'amount', type: 'number', label: 'Refund amount' }, { id: 'g', type: 'group', components: [{ id: 'n', key: 'note', type: 'textarea', label: 'Note' }] }] }
    const diff = diffModels(formElements(before), formElements(after))
    expect(diff.added.map((e) => [e.name ?? e.id, e.type])).toEqual([['g', 'form:group'], ['Note', 'form:textarea']])
    expect(diff.changed.map((c) => [c.after.name, c.changes])).toEqual([['Refund amount', [{ field: 'label', before: 'Amount', after: 'Refund amount' }]]])
    expect(isEmpty(diffModels(formElements(after), formElements(after)))).toBe(true)
  })
})
