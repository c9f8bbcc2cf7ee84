import { ApiError } from '../api'
import type { Problem } from './designer'

/** One resource `POST /v2/deployments` made: a process, a form, a decision requirements graph or one of its decisions. */
export interface Deployed {
  processDefinition?: { processDefinitionId: string; processDefinitionVersion: number; processDefinitionKey: string }
  form?: { formId: string; version: number; formKey: string }
  decisionRequirements?: {
    decisionRequirementsId: string
    version: number
    decisionRequirementsName?: string
    tenantId?: string
    resourceName?: string
    decisionRequirementsKey: string
  }
  decisionDefinition?: {
    decisionDefinitionId: string
    version: number
    name?: string
    tenantId?: string
    decisionRequirementsId: string
    decisionDefinitionKey: string
    decisionRequirementsKey: string
  }
}

/** What `POST /api/models/validate` finds in a .bpmn or .dmn file. */
export interface Validation {
  valid: boolean
  processes: string[]
  /** The ids of the decisions in a .dmn file. */
  decisions: string[]
  problems: Problem[]
}

async function failed(response: Response): Promise<ApiError> {
  const problem = await response.json().catch(() => ({}))
  return new ApiError(response.status, problem.title ?? 'ERROR', problem.detail ?? response.statusText)
}

/** Deploys one resource file (`POST /v2/deployments`, multipart) and returns what the server made of it. */
export async function deploy(name: string, content: string, type: string): Promise<Deployed[]> {
  const body = new FormData()
  body.append('resources', new Blob([content], { type }), name)
  const response = await fetch('/v2/deployments', { method: 'POST', credentials: 'same-origin', body })
  if (!response.ok) throw await failed(response)
  return ((await response.json()) as { deployments: Deployed[] }).deployments
}

/** Validates a model file on the server; its name's extension (.bpmn, .dmn) says which kind of model it is. */
export async function validate(name: string, content: string): Promise<Validation> {
  const body = new FormData()
  body.append('file', new Blob([content], { type: 'application/xml' }), name)
  const response = await fetch('/api/models/validate', { method: 'POST', credentials: 'same-origin', body })
  if (!response.ok) throw await failed(response)
  return (await response.json()) as Validation
}

/** Offers text as a file download. */
export function download(name: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  URL.revokeObjectURL(url)
}
