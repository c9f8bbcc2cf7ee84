import { ApiError } from '../api'

export interface Deployed {
  processDefinition?: { processDefinitionId: string; processDefinitionVersion: number; processDefinitionKey: string }
  form?: { formId: string; version: number; formKey: string }
}

/** Deploys one resource file (`POST /v2/deployments`, multipart) and returns what the server made of it. */
export async function deploy(name: string, content: string, type: string): Promise<Deployed> {
  const body = new FormData()
  body.append('resources', new Blob([content], { type }), name)
  const response = await fetch('/v2/deployments', { method: 'POST', credentials: 'same-origin', body })
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}))
    throw new ApiError(response.status, problem.title ?? 'ERROR', problem.detail ?? response.statusText)
  }
  const result = (await response.json()) as { deployments: Deployed[] }
  return result.deployments[0] ?? {}
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
