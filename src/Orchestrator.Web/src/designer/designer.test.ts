import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BpmnModdle } from 'bpmn-moddle'
import { describe, expect, it } from 'vitest'
import {
  designerActions, fileName, groupForms, groupProcesses, newFormSchema, newProcessXml, parseVariables, problemPlace, problemsByElement, processIdOf, slug, withoutVersion, xmlToSave,
} from './designer'

const here = dirname(fileURLToPath(import.meta.url))
const workflows = join(here, '..', '..', '..', '..', 'workflows')
// The zeebe extension exactly as the Camunda 8 modeler (camunda-bpmn-js) loads it.
const require = createRequire(import.meta.url)
const zeebePath = require.resolve('zeebe-bpmn-moddle/resources/zeebe.json', { paths: [dirname(require.resolve('camunda-bpmn-js/package.json'))] })
const zeebe = JSON.parse(readFileSync(zeebePath, 'utf8'))

type Element = { $type: string; $attrs?: Record<string, string>; [key: string]: unknown }

/** A model element tree as plain data: types, attributes, children, references by id; no parents, no cycles. */
function normalise(value: unknown, seen = new Set<unknown>()): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v, seen))
  if (typeof value !== 'object' || value === null) return value
  const element = value as Element
  if (seen.has(element)) return { ref: element.id }
  seen.add(element)
  const out: Record<string, unknown> = { $type: element.$type, ...(element.$attrs && Object.keys(element.$attrs).length ? { $attrs: element.$attrs } : {}) }
  for (const key of Object.keys(element).filter((k) => !k.startsWith('$')).sort()) out[key] = normalise(element[key], seen)
  return out
}

describe('shipped workflows round-trip through the modeler’s model', () => {
  const files = readdirSync(workflows).filter((f) => f.endsWith('.bpmn'))

  it('finds the shipped workflows, the four after-sales flows among them', () => {
    expect(files).toEqual(expect.arrayContaining(['complaint-escalation.bpmn', 'logistics-exception.bpmn', 'repair.bpmn', 'return-and-refund.bpmn']))
  })

  for (const file of files) {
    it(`${file}: export and re-import keep every element and every zeebe extension`, async () => {
      const moddle = new BpmnModdle({ zeebe })
      const original = readFileSync(join(workflows, file), 'utf8')
      const first = await moddle.fromXML(original)
      const { xml } = await moddle.toXML(first.rootElement, { format: true })
      const second = await moddle.fromXML(xml)

      expect(first.warnings).toEqual([])
      expect(second.warnings).toEqual([])
      expect(normalise(second.rootElement)).toEqual(normalise(first.rootElement))
      const zeebeTags = (text: string) => (text.match(/<zeebe:[\w]+/g) ?? []).sort()
      expect(zeebeTags(xml)).toEqual(zeebeTags(original))
    })
  }
})

describe('saving', () => {
  it('gives back the XML as opened while nothing changed, and the export after a change', async () => {
    const exported = async () => '<exported/>'
    expect(await xmlToSave('<opened/>', false, exported)).toBe('<opened/>')
    expect(await xmlToSave('<opened/>', true, exported)).toBe('<exported/>')
  })

  it('names files after the process or form id', () => {
    expect(fileName('bpmn', 'return-and-refund')).toBe('return-and-refund.bpmn')
    expect(fileName('form', 'return review/v2')).toBe('return-review-v2.form')
  })
})

describe('lists', () => {
  it('groups process versions by id, newest first, by name', () => {
    const groups = groupProcesses([
      { processDefinitionKey: '1', processDefinitionId: 'repair', name: 'Repair', version: 1 },
      { processDefinitionKey: '2', processDefinitionId: 'return-and-refund', name: 'Return and refund', version: 1 },
      { processDefinitionKey: '3', processDefinitionId: 'repair', name: 'Repair', version: 2 },
    ])
    expect(groups.map((g) => [g.id, g.latest.version, g.versions.map((v) => v.processDefinitionKey)])).toEqual([
      ['repair', 2, ['3', '1']], ['return-and-refund', 1, ['2']],
    ])
  })

  it('groups form versions by form id', () => {
    const groups = groupForms([
      { formKey: '5', formId: 'return-review', version: 1, resourceName: 'return-review.form' },
      { formKey: '9', formId: 'return-review', version: 2, resourceName: 'return-review.form' },
      { formKey: '7', formId: 'complaint-resolve', version: 1, resourceName: 'complaint-resolve.form' },
    ])
    expect(groups.map((g) => [g.id, g.latest.formKey])).toEqual([['complaint-resolve', '7'], ['return-review', '9']])
  })

  it('drops an undeployed version at once: the next becomes the latest, a group without versions goes', () => {
    const groups = groupProcesses([
      { processDefinitionKey: '1', processDefinitionId: 'repair', name: 'Repair', version: 1 },
      { processDefinitionKey: '2', processDefinitionId: 'return-and-refund', name: 'Return and refund', version: 1 },
      { processDefinitionKey: '3', processDefinitionId: 'repair', name: 'Repair', version: 2 },
    ])
    const key = (v: { processDefinitionKey: string }) => v.processDefinitionKey
    expect(withoutVersion(groups, key, '3').map((g) => [g.id, g.latest.version, g.versions.map(key)])).toEqual([
      ['repair', 1, ['1']], ['return-and-refund', 1, ['2']],
    ])
    expect(withoutVersion(groups, key, '2').map((g) => g.id)).toEqual(['repair'])
    expect(withoutVersion(groups, key, '99')).toEqual(groups)
  })
})

describe('new models and forms', () => {
  it('starts a process that the modeler opens and the engine can deploy', async () => {
    const xml = newProcessXml('warranty-claim', 'Warranty claim <EU>')
    const { rootElement, warnings } = await new BpmnModdle({ zeebe }).fromXML(xml)
    expect(warnings).toEqual([])
    expect(processIdOf(xml)).toBe('warranty-claim')
    expect(JSON.stringify(normalise(rootElement))).toContain('Warranty claim <EU>')
  })

  it('starts a form whose id is its form id', () => {
    expect(newFormSchema('refund-approval')).toMatchObject({ id: 'refund-approval', type: 'default', components: [{ type: 'textfield' }] })
  })

  it('makes ids from names, refusing names without a letter to start with', () => {
    expect(slug(' Warranty Claim (EU) ')).toBe('warranty-claim-eu')
    expect(slug('42')).toBeUndefined()
  })

  it('reads the process id whatever the namespace prefix', () => {
    expect(processIdOf('<definitions><process id="p1" isExecutable="true"/></definitions>')).toBe('p1')
    expect(processIdOf('<x:definitions><x:collaboration id="c"/><x:process isExecutable="true" id="p2">')).toBe('p2')
    expect(processIdOf('<definitions/>')).toBeUndefined()
  })
})

describe('validation problems', () => {
  const problems = [
    { elementId: 'label', line: 40, column: 7, message: 'no job type' },
    { elementId: 'label', line: 41, column: 9, message: 'bad retries' },
    { elementId: null, line: 1, column: 1, message: 'no executable process' },
  ]

  it('collects the messages per element for its marker', () => {
    expect([...problemsByElement(problems)]).toEqual([['label', ['no job type', 'bad retries']]])
  })

  it('says where a problem is', () => {
    expect(problemPlace(problems[0])).toBe('label · line 40, column 7')
    expect(problemPlace(problems[2])).toBe('line 1, column 1')
    expect(problemPlace({ message: 'x' })).toBe('')
  })
})

describe('variables for a new instance', () => {
  it('takes a JSON object (or nothing) and says why anything else is not one', () => {
    expect(parseVariables('{"orderId": "A-1", "amount": 42}')).toEqual({ variables: { orderId: 'A-1', amount: 42 } })
    expect(parseVariables('  ')).toEqual({ variables: {} })
    expect(parseVariables('[1, 2]')).toEqual({ error: 'object' })
    expect(parseVariables('"text"')).toEqual({ error: 'object' })
    expect(parseVariables('{"orderId": }')).toMatchObject({ error: 'json' })
  })
})

describe('designerActions', () => {
  // The server's default permissions of each role (Orchestrator.Server's Permissions.Defaults), as GET /api/auth/me lists them.
  const processOwner = ['definitions:read', 'definitions:deploy', 'instances:read', 'dashboard:read', 'webhooks:read']
  const readOnlyOwner = ['definitions:read', 'instances:read', 'dashboard:read']
  const admin = [...processOwner, 'instances:create', 'instances:cancel']

  it('offers Deploy and Undeploy only to users who may deploy (the server checks definitions:deploy on both)', () => {
    expect(designerActions(processOwner).undeploy).toBe(true)
    expect(designerActions(processOwner).deploy).toBe(true)
    expect(designerActions(readOnlyOwner).deploy).toBe(false)
    expect(designerActions(readOnlyOwner).undeploy).toBe(false)
    expect(designerActions([]).undeploy).toBe(false)
  })

  it('offers "Start an instance" only to users who may create instances', () => {
    expect(designerActions(admin).startInstance).toBe(true)
    expect(designerActions(processOwner).startInstance).toBe(false)
  })
})
