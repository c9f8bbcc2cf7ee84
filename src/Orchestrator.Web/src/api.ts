// The server's API as the UI calls it: same origin, the sign-in cookie, problems turned into errors with their detail.

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly title: string, detail: string) {
    super(detail)
  }
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}))
    throw new ApiError(response.status, problem.title ?? 'ERROR', problem.detail ?? response.statusText)
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T)
}

/** A text resource (e.g. a process definition's BPMN XML), with the same error handling as `call`. */
export async function text(path: string): Promise<string> {
  const response = await fetch(path, { credentials: 'same-origin' })
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}))
    throw new ApiError(response.status, problem.title ?? 'ERROR', problem.detail ?? response.statusText)
  }
  return response.text()
}

export interface Me {
  name: string
  groups: string[]
  roles: string[]
  /** What the user may do, as the server checks it on each route (`definitions:deploy`, `instances:create`, …). */
  permissions: string[]
}
