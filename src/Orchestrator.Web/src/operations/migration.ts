// Migration logic without React: a model's elements read from its BPMN XML, the mapping a migration proposes (same id
// and type in the target), which active elements still need a target, and the request it sends.

/** A flow node of a process model: its id, name, BPMN type (the XML element's local name) and enclosing scope. */
export interface ModelElement {
  id: string
  name: string
  type: string
  parentId?: string
}

/** BPMN flow nodes people can see on the diagram (sequence flows, lanes and extension elements left out). */
const flowNodes = new Set([
  'startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent',
  'task', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'scriptTask', 'businessRuleTask', 'manualTask', 'callActivity',
  'subProcess', 'adHocSubProcess', 'transaction',
  'exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway', 'complexGateway',
])

const bpmnNamespace = 'http://www.omg.org/spec/BPMN/20100524/MODEL'

/** What this module needs of a DOM element, so that tests can hand in plain objects. */
export interface XmlNode {
  localName: string
  namespaceURI: string | null
  getAttribute(name: string): string | null
  readonly children: ArrayLike<XmlNode>
}

/** The flow nodes under a `<process>` element (or any scope), depth first, each with its enclosing scope's id. */
export function modelElements(scope: XmlNode, parentId?: string): ModelElement[] {
  const found: ModelElement[] = []
  for (const child of Array.from(scope.children)) {
    if (child.namespaceURI !== bpmnNamespace || !flowNodes.has(child.localName)) continue
    const id = child.getAttribute('id') ?? ''
    const type = child.localName === 'subProcess' && child.getAttribute('triggeredByEvent') === 'true' ? 'eventSubProcess' : child.localName
    found.push({ id, name: child.getAttribute('name') ?? '', type, parentId })
    if (type.endsWith('ubProcess') || type === 'transaction') found.push(...modelElements(child, id))
  }
  return found
}

/** What people read for an element: its name, else its id. */
export const elementLabel = (element: Pick<ModelElement, 'id' | 'name'>) => element.name.trim() || element.id

/** One active element of the source and where it goes. */
export interface MappingRow {
  source: ModelElement
  /** The target element's id, or '' while none is chosen. */
  targetId: string
  /** The target elements it may go to: the same type. */
  candidates: ModelElement[]
  /** True when the target was proposed because it has the same id (and type). */
  implicit: boolean
}

/**
 * The mapping a migration proposes for the instance's active elements (each id once): the target element with the same id
 * and type, unless the user chose another (`chosen`, source id → target id; '' clears). Elements the source does not know
 * (the process itself) are left out.
 */
export function mappingRows(activeIds: string[], source: ModelElement[], target: ModelElement[], chosen: Record<string, string> = {}): MappingRow[] {
  const sourceById = new Map(source.map((e) => [e.id, e]))
  return [...new Set(activeIds)].flatMap((id) => {
    const element = sourceById.get(id)
    if (!element) return []
    const candidates = target.filter((t) => t.type === element.type)
    const same = candidates.find((t) => t.id === id)
    const picked = chosen[id]
    const targetId = picked !== undefined ? picked : same?.id ?? ''
    return [{ source: element, targetId, candidates, implicit: picked === undefined && same !== undefined }]
  })
}

/** The rows that still need a target: nothing with the same id and type in the target, and nothing chosen. */
export const unmapped = (rows: MappingRow[]) => rows.filter((r) => r.targetId === '')

/** The `POST /v2/process-instances/{key}/migration` body: every row sent as an instruction (Camunda wants one per active element). */
export function migrationRequest(targetProcessDefinitionKey: string, rows: MappingRow[]) {
  return {
    targetProcessDefinitionKey,
    mappingInstructions: rows.filter((r) => r.targetId !== '').map((r) => ({ sourceElementId: r.source.id, targetElementId: r.targetId })),
  }
}
