// Decision logic without the modeler: the deployed requirements graphs, what a new decision starts as, the editor's
// views as tabs, and where the server's validation problems go (the DRD shape and the table cells that hold them).

import type { DmnElement, DmnView } from 'camunda-dmn-js'
import type { Deployed } from './deploy'
import { groupVersions, type Problem, type Versioned, type Words } from './designer'

/** One deployed version of a decision requirements graph (one .dmn resource): `POST /v2/decision-requirements/search`. */
export interface DecisionRequirementsVersion {
  decisionRequirementsKey: string
  decisionRequirementsId: string
  decisionRequirementsName?: string | null
  version: number
  resourceName?: string
  tenantId?: string
}

/** One deployed version of a decision: `POST /v2/decision-definitions/search`. */
export interface DecisionDefinitionVersion {
  decisionDefinitionKey: string
  decisionDefinitionId: string
  name?: string | null
  version: number
  decisionRequirementsId: string
  decisionRequirementsKey: string
  tenantId?: string
}

/** Requirements graph versions grouped by id, newest first, graphs by name. */
export function groupDecisionRequirements(items: DecisionRequirementsVersion[]): Versioned<DecisionRequirementsVersion>[] {
  return groupVersions(items, (d) => d.decisionRequirementsId, (d) => d.version, (d) => d.decisionRequirementsName || d.decisionRequirementsId)
}

const dmn13 = { model: 'https://www.omg.org/spec/DMN/20191111/MODEL/', dmndi: 'https://www.omg.org/spec/DMN/20191111/DMNDI/' }
const newer = [
  { model: 'https://www.omg.org/spec/DMN/20211108/MODEL/', dmndi: 'https://www.omg.org/spec/DMN/20191111/DMNDI/' },
  { model: 'https://www.omg.org/spec/DMN/20230324/MODEL/', dmndi: 'https://www.omg.org/spec/DMN/20230324/DMNDI/' },
]

/**
 * A DMN 1.4 or 1.5 document in DMN 1.3's namespaces, which the editor reads: what 1.4 and 1.5 added (conditional, filter
 * and iterator boxed expressions, type constraints) then shows as the reader's warnings, the rest opens and saves as 1.3,
 * which the server reads as well. Other documents are given back unchanged (1.1 and 1.2 are migrated separately).
 */
export function asDmn13(xml: string): string {
  let result = xml
  for (const version of newer) {
    if (!result.includes(version.model)) continue
    result = result.split(version.model).join(dmn13.model).split(version.dmndi).join(dmn13.dmndi)
  }
  return result
}

/** The id of a DMN document's definitions (the requirements graph's id), whatever its namespace prefix. */
export function definitionsIdOf(xml: string): string | undefined {
  const definitions = /<(?:[\w-]+:)?definitions\b[^>]*>/.exec(xml)?.[0]
  return definitions ? /\sid="([^"]+)"/.exec(definitions)?.[1] : undefined
}

/**
 * A new decision: a DMN 1.3 requirements graph `<id>-drd` holding one decision table `<id>` (one number input, one
 * text output, two rules) with its shape on the DRD, for the Camunda 8 DMN modeler. Its namespace is its own (the
 * modeler gives every file the same one), since DMN tells models apart, and imports them, by namespace.
 */
export function newDecisionXml(id: string, name: string): string {
  const label = escapeXml(name)
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="${id}-drd" name="${label}" namespace="urn:aftersales-orchestrator:dmn:${id}" exporter="Aftersales Orchestrator" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <decision id="${id}" name="${label}">
    <decisionTable id="${id}-table" hitPolicy="UNIQUE">
      <input id="${id}-amount" label="Amount">
        <inputExpression id="${id}-amount-expression" typeRef="number">
          <text>amount</text>
        </inputExpression>
      </input>
      <output id="${id}-result" label="Result" name="result" typeRef="string" />
      <rule id="${id}-rule-1">
        <inputEntry id="${id}-rule-1-amount">
          <text>&lt; 100</text>
        </inputEntry>
        <outputEntry id="${id}-rule-1-result">
          <text>"low"</text>
        </outputEntry>
      </rule>
      <rule id="${id}-rule-2">
        <inputEntry id="${id}-rule-2-amount">
          <text>&gt;= 100</text>
        </inputEntry>
        <outputEntry id="${id}-rule-2-result">
          <text>"high"</text>
        </outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="${id}-diagram">
      <dmndi:DMNShape id="${id}-shape" dmnElementRef="${id}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
}

const viewKinds: Record<DmnView['type'], string> = {
  drd: 'requirements diagram',
  decisionTable: 'decision table',
  literalExpression: 'literal expression',
  boxedExpression: 'boxed expression',
}

export interface ViewTab {
  id: string
  label: string
  kind: string
  active: boolean
}

/** The editor's views as tabs: the DRD first, then each decision (or knowledge model) by name, with the kind of its logic. */
export function viewTabs(views: Pick<DmnView, 'id' | 'name' | 'type'>[], active?: Pick<DmnView, 'id'>): ViewTab[] {
  return views.map((v) => ({
    id: v.id,
    label: v.type === 'drd' ? 'DRD' : v.name || v.id,
    kind: viewKinds[v.type] ?? v.type,
    active: v.id === active?.id,
  }))
}

/**
 * The DRG element (decision, input data, knowledge model, …) that is or holds the element with this id — a rule, an
 * input, a cell; undefined for the definitions themselves and for ids the model does not have.
 */
export function drgElementHolding(definitions: DmnElement, elementId: string): DmnElement | undefined {
  const drgElements = (definitions.drgElement ?? []) as DmnElement[]
  return drgElements.find((e) => e.id === elementId || holds(e, elementId, new Set()))
}

function holds(element: DmnElement, id: string, seen: Set<unknown>): boolean {
  seen.add(element)
  return Object.keys(element).filter((k) => !k.startsWith('$')).some((key) => {
    const value = element[key]
    const children = (Array.isArray(value) ? value : [value]).filter((v): v is DmnElement => typeof v === 'object' && v !== null && '$type' in v && !seen.has(v))
    return children.some((c) => c.id === id || holds(c, id, seen))
  })
}

/** Problems per DRG element, for the markers on the DRD: a problem in a rule or a cell marks the decision holding it. */
export function problemsByDrgElement(definitions: DmnElement, problems: Problem[]): Map<string, string[]> {
  const byElement = new Map<string, string[]>()
  for (const p of problems) {
    const holder = p.elementId ? drgElementHolding(definitions, p.elementId) : undefined
    if (holder?.id) byElement.set(holder.id, [...(byElement.get(holder.id) ?? []), p.message])
  }
  return byElement
}

/**
 * A style sheet marking the problems' elements inside a decision table (a rule's row, an input's or output's header, a
 * cell), which the table re-renders at will: a rule that follows the ids holds however often it does.
 */
export function problemHighlightCss(problems: Problem[]): string {
  const ids = [...new Set(problems.flatMap((p) => (p.elementId ? [p.elementId] : [])))]
  if (ids.length === 0) return ''
  const selectors = ids.flatMap((id) => {
    const quoted = `"${id.replace(/["\\]/g, '\\$&')}"`
    return [`[data-element-id=${quoted}]`, `td[data-row-id=${quoted}]`, `th[data-col-id=${quoted}]`].map((s) => `.dmn-editor ${s}`)
  })
  return `${selectors.join(',\n')} { background: #ffe3e3 !important; box-shadow: inset 0 0 0 2px #e12d39; }`
}

/** The deployment as one sentence in the user's language: the graph's new version and the version of each decision in it. */
export function deployedDecisionsSummary(deployments: Deployed[], t: Words): string {
  const graph = deployments.find((d) => d.decisionRequirements)?.decisionRequirements
  const decisions = deployments.flatMap((d) => (d.decisionDefinition ? [t('status.decisionVersion', { id: d.decisionDefinition.decisionDefinitionId, version: d.decisionDefinition.version })] : []))
  const list = decisions.join(', ')
  const what = decisions.length === 0 ? t('status.noDecisions') : t(decisions.length > 1 ? 'status.manyDecisions' : 'status.oneDecision', { list })
  return graph ? t('status.dmnDeployed', { id: graph.decisionRequirementsId, version: graph.version, decisions: what }) : t('status.dmnDeployedAlone', { decisions: what })
}
