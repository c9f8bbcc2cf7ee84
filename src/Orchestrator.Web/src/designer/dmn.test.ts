import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrateDiagram } from '@bpmn-io/dmn-migrate'
import { DmnModdle } from 'dmn-moddle'
import { describe, expect, it } from 'vitest'
import english from '../i18n/locales/en/designer.json'
import { fileName } from './designer'
import {
  asDmn13,
  definitionsIdOf, deployedDecisionsSummary, drgElementHolding, groupDecisionRequirements, newDecisionXml, problemHighlightCss,
  problemsByDrgElement, viewTabs,
} from './dmn'

// A requirements graph as the DMN modeler writes it: input data, a decision table that requires a literal expression.
const routing = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="claim-routing" name="Claim routing" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="route" name="Route">
    <informationRequirement id="route-needs-tier">
      <requiredDecision href="#tier" />
    </informationRequirement>
    <decisionTable id="route-table">
      <input id="route-tier" label="Tier">
        <inputExpression id="route-tier-expression" typeRef="string"><text>Tier</text></inputExpression>
      </input>
      <output id="route-team" name="team" typeRef="string" />
      <rule id="route-gold">
        <inputEntry id="route-gold-tier"><text>"gold"</text></inputEntry>
        <outputEntry id="route-gold-team"><text>"priority"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <decision id="tier" name="Tier">
    <variable id="tier-variable" name="Tier" typeRef="string" />
    <informationRequirement id="tier-needs-customer">
      <requiredInput href="#customer" />
    </informationRequirement>
    <literalExpression id="tier-expression"><text>if customer.spend &gt; 1000 then "gold" else "standard"</text></literalExpression>
  </decision>
  <inputData id="customer" name="customer" />
</definitions>
`

const read = async (xml: string) => {
  const { rootElement, warnings } = await new DmnModdle().fromXML(xml, 'dmn:Definitions')
  expect(warnings).toEqual([])
  return rootElement
}

describe('a new decision', () => {
  it('is a DMN 1.3 decision table the editor opens, with its shape on the DRD', async () => {
    const xml = newDecisionXml('warranty-check', 'Warranty check <EU> & "UK"')
    const definitions = await read(xml)
    const [decision] = definitions.drgElement as { id: string; name: string; decisionLogic: { $type: string; rule: unknown[] } }[]
    expect(decision).toMatchObject({ id: 'warranty-check', name: 'Warranty check <EU> & "UK"', decisionLogic: { $type: 'dmn:DecisionTable' } })
    expect(decision.decisionLogic.rule).toHaveLength(2)
    expect(definitions.dmnDI).toBeDefined()
    expect(definitions.namespace).toBe('urn:aftersales-orchestrator:dmn:warranty-check')
    expect(definitionsIdOf(xml)).toBe('warranty-check-drd')
    expect(await migrateDiagram(xml)).toBe(xml)
  })

  it('is saved as a .dmn file named after its requirements graph', () => {
    expect(fileName('dmn', 'warranty-check-drd')).toBe('warranty-check-drd.dmn')
  })
})

describe('opening files', () => {
  it('reads the requirements graph id whatever the namespace prefix', () => {
    expect(definitionsIdOf(routing)).toBe('claim-routing')
    expect(definitionsIdOf('<dmn:definitions xmlns:dmn="x" name="n" id="d2">')).toBe('d2')
    expect(definitionsIdOf('<decision id="x"/>')).toBeUndefined()
  })

  it('migrates DMN 1.2 to the DMN 1.3 the editor opens', async () => {
    const dmn12 = routing.replace('https://www.omg.org/spec/DMN/20191111/MODEL/', 'http://www.omg.org/spec/DMN/20180521/MODEL/')
    const migrated = await migrateDiagram(dmn12)
    expect(migrated).toContain('"https://www.omg.org/spec/DMN/20191111/MODEL/"')
    expect(await read(migrated)).toMatchObject({ id: 'claim-routing' })
  })
})

describe('the list', () => {
  it('groups requirements graph versions by id, newest first, by name', () => {
    const groups = groupDecisionRequirements([
      { decisionRequirementsKey: '1', decisionRequirementsId: 'claim-routing', decisionRequirementsName: 'Claim routing', version: 1 },
      { decisionRequirementsKey: '4', decisionRequirementsId: 'claim-routing', decisionRequirementsName: 'Claim routing', version: 2 },
      { decisionRequirementsKey: '2', decisionRequirementsId: 'b-drd', decisionRequirementsName: null, version: 1 },
    ])
    expect(groups.map((g) => [g.name, g.latest.decisionRequirementsKey, g.versions.length])).toEqual([['b-drd', '2', 1], ['Claim routing', '4', 2]])
  })
})

describe('views', () => {
  it('shows the DRD and each decision with the kind of its logic, marking the open one', () => {
    const tabs = viewTabs([
      { id: 'claim-routing', name: 'Claim routing', type: 'drd' },
      { id: 'route', name: 'Route', type: 'decisionTable' },
      { id: 'tier', type: 'literalExpression' },
    ], { id: 'route' })
    expect(tabs).toEqual([
      { id: 'claim-routing', label: 'DRD', kind: 'requirements diagram', active: false },
      { id: 'route', label: 'Route', kind: 'decision table', active: true },
      { id: 'tier', label: 'tier', kind: 'literal expression', active: false },
    ])
  })
})

describe('validation problems', () => {
  it('finds the DRG element that is or holds an element', async () => {
    const definitions = await read(routing)
    expect(drgElementHolding(definitions, 'route-gold-team')?.id).toBe('route')
    expect(drgElementHolding(definitions, 'route-needs-tier')?.id).toBe('route')
    expect(drgElementHolding(definitions, 'tier-expression')?.id).toBe('tier')
    expect(drgElementHolding(definitions, 'customer')?.id).toBe('customer')
    expect(drgElementHolding(definitions, 'claim-routing')).toBeUndefined()
    expect(drgElementHolding(definitions, 'nowhere')).toBeUndefined()
  })

  it('marks on the DRD the decision holding each problem', async () => {
    const definitions = await read(routing)
    const byElement = problemsByDrgElement(definitions, [
      { elementId: 'route-gold', line: 12, column: 7, message: 'rule overlaps' },
      { elementId: 'route-tier', message: 'unknown name Tier' },
      { elementId: 'tier', message: 'no variable' },
      { elementId: 'claim-routing', message: 'no namespace' },
      { elementId: null, message: 'not DMN' },
    ])
    expect([...byElement]).toEqual([['route', ['rule overlaps', 'unknown name Tier']], ['tier', ['no variable']]])
  })

  it('highlights the rows, headers and cells with problems in a table', () => {
    expect(problemHighlightCss([{ message: 'x' }])).toBe('')
    const css = problemHighlightCss([{ elementId: 'route-gold', message: 'a' }, { elementId: 'route-gold', message: 'b' }, { elementId: 'we"ird', message: 'c' }])
    expect(css).toContain('.dmn-editor [data-element-id="route-gold"],\n.dmn-editor td[data-row-id="route-gold"],\n.dmn-editor th[data-col-id="route-gold"]')
    expect(css).toContain('[data-element-id="we\\"ird"]')
    expect(css.match(/route-gold/g)).toHaveLength(3)
  })
})

describe('deploying', () => {
  it('says which version of the graph and of each decision was made', () => {
    const graph = { decisionRequirements: { decisionRequirementsId: 'claim-routing', version: 3, decisionRequirementsKey: '10' } }
    const decision = (id: string, version: number) => ({
      decisionDefinition: { decisionDefinitionId: id, version, decisionDefinitionKey: `k-${id}`, decisionRequirementsId: 'claim-routing', decisionRequirementsKey: '10' },
    })
    // The designer's English messages, interpolated as i18next does.
    const t = (key: string, values?: Record<string, unknown>) => {
      const text = key.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown>)[k], english) as string
      return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values?.[name]))
    }
    expect(deployedDecisionsSummary([decision('route', 3), graph, decision('tier', 2)], t))
      .toBe('Deployed claim-routing version 3 with decisions route version 3, tier version 2.')
    expect(deployedDecisionsSummary([decision('route', 1)], t)).toBe('Deployed decision route version 1.')
    expect(deployedDecisionsSummary([graph], t)).toBe('Deployed claim-routing version 3 with no decisions.')
  })
})

describe('shipped decisions', () => {
  const workflows = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'workflows')
  const files = readdirSync(workflows).filter((f) => f.endsWith('.dmn'))

  it('are there', () => {
    expect(files.length).toBeGreaterThanOrEqual(4)
  })

  for (const file of files) {
    it(`${file} opens in the editor's model with every decision and its diagram`, async () => {
      const xml = readFileSync(join(workflows, file), 'utf8')
      const definitions = await read(xml)
      const decisions = (definitions.drgElement as { $type: string }[]).filter((e) => e.$type === 'dmn:Decision')
      expect(decisions.length).toBeGreaterThan(0)
      expect(xml.match(/<decision /g)?.length).toBe(decisions.length)
      expect(definitions.dmnDI).toBeDefined()
    })
  }
})

describe('a DMN 1.5 model', () => {
  const dmn15 = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20230324/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="late-fee" name="Late fee" namespace="https://example.com/late-fee">
  <decision id="fee" name="Fee"><literalExpression id="fee-expression"><text>days * 2</text></literalExpression></decision>
  <dmndi:DMNDI><dmndi:DMNDiagram id="diagram"><dmndi:DMNShape id="fee-shape" dmnElementRef="fee"><dc:Bounds height="80" width="180" x="100" y="100" /></dmndi:DMNShape></dmndi:DMNDiagram></dmndi:DMNDI>
</definitions>`

  it('is read in DMN 1.3 namespaces, so the editor opens it with its diagram', async () => {
    const converted = asDmn13(dmn15)
    expect(converted).not.toContain('20230324')
    const definitions = await read(converted)
    expect((definitions.drgElement as { id: string }[]).map((e) => e.id)).toEqual(['fee'])
    expect(definitions.dmnDI).toBeDefined()
  })

  it('leaves a DMN 1.3 model as it is', () => {
    const dmn13 = dmn15.split('20230324').join('20191111')
    expect(asDmn13(dmn13)).toBe(dmn13)
  })
})
