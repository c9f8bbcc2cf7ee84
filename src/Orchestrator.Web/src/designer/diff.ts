// What a deployment changes: every flow element of two BPMN documents summarised as plain settings (name, type, task
// type, element template, inputs, headers, form link, conditions, timers, tracking properties ...), then compared by
// id. The same summaries tell which values an element template replaced on an element.

/** A moddle element as the modeler's model gives it (bpmn-moddle with the zeebe extension). */
export interface ModdleNode {
  $type: string
  id?: string
  name?: string
  get?(name: string): unknown
  [key: string]: unknown
}

/** An element's settings; keys are `kind` or `kind:name` (e.g. `input:template`, `property:tracking.step`). */
export interface ElementSummary {
  id: string
  name?: string
  type: string
  fields: Record<string, string>
}

export interface FieldChange {
  field: string
  before?: string
  after?: string
}

export interface ChangedElement {
  before: ElementSummary
  after: ElementSummary
  changes: FieldChange[]
}

export interface ModelDiff {
  added: ElementSummary[]
  removed: ElementSummary[]
  changed: ChangedElement[]
}

const list = (value: unknown): ModdleNode[] => (Array.isArray(value) ? (value as ModdleNode[]) : [])
const text = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : String(value))

function zeebeAttribute(element: ModdleNode, name: string): string | undefined {
  return text(element.get ? element.get(`zeebe:${name}`) : element[name])
}

/** The settings a process owner sees in the properties panel, for one flow element (or the process itself). */
export function summarise(element: ModdleNode): ElementSummary {
  const fields: Record<string, string> = {}
  const put = (key: string, value: unknown) => {
    const v = text(value)
    if (v !== undefined) fields[key] = v
  }
  put('name', element.name)
  put('template', zeebeAttribute(element, 'modelerTemplate'))
  put('templateVersion', zeebeAttribute(element, 'modelerTemplateVersion'))

  const condition = element.conditionExpression as ModdleNode | undefined
  put('condition', condition?.body)
  const source = element.sourceRef as ModdleNode | undefined
  const target = element.targetRef as ModdleNode | undefined
  if (element.$type === 'bpmn:SequenceFlow') {
    put('from', source?.name ?? source?.id)
    put('to', target?.name ?? target?.id)
  }
  const defaultFlow = element.default as ModdleNode | undefined
  put('default', defaultFlow?.name ?? defaultFlow?.id)

  for (const definition of list(element.eventDefinitions)) {
    const kind = definition.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toLowerCase()
    put('event', kind)
    for (const timer of ['timeDate', 'timeDuration', 'timeCycle']) put(`timer:${timer}`, (definition[timer] as ModdleNode | undefined)?.body)
    put('message', (definition.messageRef as ModdleNode | undefined)?.name)
    put('error', (definition.errorRef as ModdleNode | undefined)?.errorCode)
    put('signal', (definition.signalRef as ModdleNode | undefined)?.name)
    put('escalation', (definition.escalationRef as ModdleNode | undefined)?.escalationCode)
  }
  put('message', (element.messageRef as ModdleNode | undefined)?.name)

  const extensions = element.extensionElements as ModdleNode | undefined
  for (const value of list(extensions?.values)) {
    switch (value.$type) {
      case 'zeebe:TaskDefinition':
        put('taskType', value.type)
        put('retries', value.retries)
        break
      case 'zeebe:IoMapping':
        for (const p of list(value.inputParameters)) put(`input:${p.target}`, p.source)
        for (const p of list(value.outputParameters)) put(`output:${p.target}`, p.source)
        break
      case 'zeebe:TaskHeaders':
        for (const h of list(value.values)) put(`header:${h.key}`, h.value)
        break
      case 'zeebe:Properties':
        for (const p of list(value.properties)) put(`property:${p.name}`, p.value ?? '')
        break
      case 'zeebe:FormDefinition':
        put('form', value.formId ?? value.formKey ?? value.externalReference)
        break
      case 'zeebe:AssignmentDefinition':
        put('candidateGroups', value.candidateGroups)
        put('candidateUsers', value.candidateUsers)
        put('assignee', value.assignee)
        break
      case 'zeebe:CalledElement':
        put('calledProcess', value.processId)
        break
      case 'zeebe:CalledDecision':
        put('calledDecision', value.decisionId)
        put('resultVariable', value.resultVariable)
        break
      case 'zeebe:Script':
        put('script', value.expression)
        put('resultVariable', value.resultVariable)
        break
      case 'zeebe:Subscription':
        put('correlationKey', value.correlationKey)
        break
      case 'zeebe:TaskSchedule':
        put('dueDate', value.dueDate)
        put('followUpDate', value.followUpDate)
        break
      case 'zeebe:LoopCharacteristics':
        put('inputCollection', value.inputCollection)
        break
      default:
        for (const [key, v] of Object.entries(value)) if (!key.startsWith('$') && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) put(`${value.$type.replace(/^zeebe:/, '')}.${key}`, v)
    }
  }
  const loop = element.loopCharacteristics as ModdleNode | undefined
  if (loop) put('multiInstance', loop.isSequential ? 'sequential' : 'parallel')
  for (const v of list((loop?.extensionElements as ModdleNode | undefined)?.values)) {
    put('inputCollection', v.inputCollection)
    put('inputElement', v.inputElement)
  }
  return { id: element.id ?? '', name: text(element.name), type: element.$type, fields }
}

/** Every flow element of every process in a BPMN document (sub-processes included), and each process itself, by id. */
export function elementsOf(definitions: ModdleNode): Map<string, ElementSummary> {
  const found = new Map<string, ElementSummary>()
  const walk = (container: ModdleNode) => {
    for (const element of list(container.flowElements)) {
      if (element.id) found.set(element.id, summarise(element))
      walk(element)
    }
  }
  for (const root of list(definitions.rootElements)) {
    if (root.$type !== 'bpmn:Process') continue
    if (root.id) found.set(root.id, summarise(root))
    walk(root)
  }
  return found
}

/** How the values of two summaries differ, field by field, in a stable order (name first). */
export function fieldChanges(before: ElementSummary, after: ElementSummary): FieldChange[] {
  const changes: FieldChange[] = []
  if (before.type !== after.type) changes.push({ field: 'type', before: before.type, after: after.type })
  const keys = [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])]
  keys.sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a.localeCompare(b)))
  for (const key of keys) {
    if (before.fields[key] !== after.fields[key]) changes.push({ field: key, before: before.fields[key], after: after.fields[key] })
  }
  return changes
}

/** Elements added, removed and changed from one version of a model to the next, each list sorted by name. */
export function diffModels(before: Map<string, ElementSummary>, after: Map<string, ElementSummary>): ModelDiff {
  const byName = (a: ElementSummary, b: ElementSummary) => (a.name ?? a.id).localeCompare(b.name ?? b.id)
  const added = [...after.values()].filter((e) => !before.has(e.id)).sort(byName)
  const removed = [...before.values()].filter((e) => !after.has(e.id)).sort(byName)
  const changed = [...after.values()]
    .filter((e) => before.has(e.id))
    .map((e) => ({ before: before.get(e.id)!, after: e, changes: fieldChanges(before.get(e.id)!, e) }))
    .filter((c) => c.changes.length > 0)
    .sort((a, b) => byName(a.after, b.after))
  return { added, removed, changed }
}

/** Whether a diff has nothing in it. */
export function isEmpty(diff: ModelDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0
}

/** Fields an element template sets on its own: not values a process owner gave the element. */
const templateOwned = new Set(['type', 'template', 'templateVersion'])

/**
 * The values an element template replaced or removed: those the element had before and has differently (or not at
 * all) after. Values the template only adds are not listed.
 */
export function overwrittenByTemplate(before: ElementSummary, after: ElementSummary): FieldChange[] {
  return fieldChanges(before, after).filter((c) => c.before !== undefined && !templateOwned.has(c.field))
}

/** `bpmn:ServiceTask` → `service task`: the element's type as a reader says it. */
export function typeWords(type: string): string {
  return type.replace(/^\w+:/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** A field key split into its kind and, for keyed kinds, the key: `input:template` → `['input', 'template']`. */
export function fieldParts(field: string): [string, string | undefined] {
  const at = field.indexOf(':')
  return at < 0 ? [field, undefined] : [field.slice(0, at), field.slice(at + 1)]
}

/** Every component of a form schema (nested ones too) by id, its label as name, its settings as fields. */
export function formElements(schema: Record<string, unknown>): Map<string, ElementSummary> {
  const found = new Map<string, ElementSummary>()
  const walk = (components: unknown) => {
    if (!Array.isArray(components)) return
    for (const component of components as Record<string, unknown>[]) {
      const fields: Record<string, string> = {}
      for (const [key, value] of Object.entries(component)) {
        if (key === 'id' || key === 'type' || key === 'components' || value === undefined || value === null) continue
        fields[key] = typeof value === 'object' ? JSON.stringify(value) : String(value)
      }
      const id = String(component.id ?? component.key ?? '')
      if (id) found.set(id, { id, name: text(component.label) ?? text(component.key) ?? text(component.text), type: `form:${String(component.type ?? '')}`, fields })
      walk(component.components)
    }
  }
  walk(schema.components)
  return found
}
