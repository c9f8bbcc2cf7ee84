// Designer logic without the modelers: what the lists show, what a new model or form starts as, which file a model
// is saved to, and where the server's validation problems go on the diagram (decisions: dmn.ts).

export interface DefinitionVersion {
  processDefinitionKey: string
  processDefinitionId: string
  name?: string | null
  version: number
  resourceName?: string
}

export interface FormVersion {
  formKey: string
  formId: string
  version: number
  resourceName: string
}

export interface Versioned<T> {
  id: string
  name: string
  latest: T
  versions: T[]
}

/** Versions grouped by id, newest version first; the groups sorted by name. */
export function groupVersions<T>(items: T[], id: (item: T) => string, version: (item: T) => number, name: (newest: T) => string): Versioned<T>[] {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(id(item), [...(groups.get(id(item)) ?? []), item])
  return [...groups.entries()]
    .map(([key, versions]) => {
      const sorted = versions.sort((a, b) => version(b) - version(a))
      return { id: key, name: name(sorted[0]), latest: sorted[0], versions: sorted }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The groups without the version whose key is `key`: a group left with no version goes, the next version becomes its latest. */
export function withoutVersion<T>(groups: Versioned<T>[], keyOf: (item: T) => string, key: string): Versioned<T>[] {
  return groups.flatMap((g) => {
    const versions = g.versions.filter((v) => keyOf(v) !== key)
    if (versions.length === g.versions.length) return [g]
    return versions.length ? [{ ...g, latest: versions[0], versions }] : []
  })
}

/** Process versions grouped by process id, newest version first, processes by name. */
export function groupProcesses(definitions: DefinitionVersion[]): Versioned<DefinitionVersion>[] {
  return groupVersions(definitions, (d) => d.processDefinitionId, (d) => d.version, (d) => d.name || d.processDefinitionId)
}

/** Form versions grouped by form id, newest first. */
export function groupForms(forms: FormVersion[]): Versioned<FormVersion>[] {
  return groupVersions(forms, (f) => f.formId, (f) => f.version, (f) => f.formId)
}

/** The id of the first process in a BPMN document (whatever its namespace prefix), or undefined when it has none. */
export function processIdOf(xml: string): string | undefined {
  const process = /<(?:[\w-]+:)?process\b[^>]*>/.exec(xml)?.[0]
  return process ? /\sid="([^"]+)"/.exec(process)?.[1] : undefined
}

/** The file a process, form or decision requirements graph is deployed and downloaded as. */
export function fileName(kind: 'bpmn' | 'form' | 'dmn', id: string): string {
  return `${id.replace(/[^\w.-]+/g, '-')}.${kind}`
}

/**
 * What to save: the XML as it was opened while nothing was changed (the modeler would re-format it), otherwise the
 * modeler's export. This keeps a model that is only looked at byte-for-byte unchanged.
 */
export function xmlToSave(opened: string, changed: boolean, exported: () => Promise<string>): Promise<string> {
  return changed ? exported() : Promise.resolve(opened)
}

/** A new, empty process: one start event, executable, with its diagram, ready for the Camunda 8 modeler. */
export function newProcessXml(id: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="${id}-definitions" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Aftersales Orchestrator" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${id}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="start" name="Start" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${id}-diagram">
    <bpmndi:BPMNPlane id="${id}-plane" bpmnElement="${id}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`
}

/** A new form with one text field; its `id` is the form id user tasks link to. */
export function newFormSchema(id: string): Record<string, unknown> {
  return {
    id,
    type: 'default',
    schemaVersion: 16,
    components: [{ id: 'note', key: 'note', type: 'textfield', label: 'Note' }],
  }
}

/** Ids for new models and forms: lower case words joined by hyphens, starting with a letter. */
export function slug(name: string): string | undefined {
  const id = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return /^[a-z]/.test(id) ? id : undefined
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
}

export interface Problem {
  elementId?: string | null
  line?: number | null
  column?: number | null
  message: string
}

/** Problems per diagram element (for markers and their overlays); those without an element stay in the list only. */
export function problemsByElement(problems: Problem[]): Map<string, string[]> {
  const byElement = new Map<string, string[]>()
  for (const p of problems) {
    if (p.elementId) byElement.set(p.elementId, [...(byElement.get(p.elementId) ?? []), p.message])
  }
  return byElement
}

/** Words for a problem's line and column (the designer's `problems.line` and `problems.lineColumn` messages). */
export type Words = (key: string, values?: Record<string, unknown>) => string

const english: Words = (key, values) => key === 'problems.lineColumn' ? `line ${values?.line}, column ${values?.column}` : `line ${values?.line}`

/** Where a problem is, as people read it: the element and the line and column in the XML. */
export function problemPlace(p: Problem, t: Words = english): string {
  const at = p.line ? (p.column ? t('problems.lineColumn', { line: p.line, column: p.column }) : t('problems.line', { line: p.line })) : ''
  return [p.elementId, at].filter(Boolean).join(' · ')
}

/** Variables typed for a new instance: a JSON object, or why the text is not one. */
export function parseVariables(json: string): { variables: Record<string, unknown> } | { error: 'json' | 'object'; detail?: string } {
  if (json.trim() === '') return { variables: {} }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    return { error: 'json', detail: e instanceof Error ? e.message : String(e) }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { variables: value as Record<string, unknown> } : { error: 'object' }
}

/** The permissions the server requires of the designer's actions (the server's `Permissions`). */
export const designerPermissions = {
  /** `POST /v2/deployments` and `POST /v2/resources/{key}/deletion`. */
  deploy: 'definitions:deploy',
  /** `POST /v2/process-instances`. */
  startInstance: 'instances:create',
} as const

/** The designer's actions a user may take: those the server would refuse (403) are not offered. */
export function designerActions(permissions: string[]): { deploy: boolean; undeploy: boolean; startInstance: boolean } {
  const deploy = permissions.includes(designerPermissions.deploy)
  return { deploy, undeploy: deploy, startInstance: permissions.includes(designerPermissions.startInstance) }
}
