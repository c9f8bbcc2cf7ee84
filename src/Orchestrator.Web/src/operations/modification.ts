// Modification logic without React: which elements a token may go to, variables typed as JSON, and the request one
// action (move a token, add one, cancel an element instance) sends.
import type { ModelElement } from './migration'

/**
 * Elements a token can be added to or moved to by hand: not start or boundary events or event subprocesses (Camunda refuses
 * them), and inside a subprocess only while that subprocess runs (the server does not create the enclosing scope).
 */
export const activatable = (elements: ModelElement[], activeIds: string[]) =>
  elements.filter((e) => !['startEvent', 'boundaryEvent', 'eventSubProcess'].includes(e.type) && (e.parentId === undefined || activeIds.includes(e.parentId)))

export type Parsed = { ok: true; value: Record<string, unknown> | undefined } | { ok: false }

/** Variables typed as JSON: empty is none; otherwise a JSON object, or not ok. */
export function parseVariables(textValue: string): Parsed {
  if (textValue.trim() === '') return { ok: true, value: undefined }
  try {
    const value: unknown = JSON.parse(textValue)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ok: true, value: value as Record<string, unknown> } : { ok: false }
  } catch {
    return { ok: false }
  }
}

export type Modification =
  | { kind: 'move'; sourceElementId: string; targetElementId: string; variables?: Record<string, unknown> }
  | { kind: 'activate'; elementId: string; variables?: Record<string, unknown> }
  | { kind: 'terminate'; elementInstanceKey: string }

/**
 * The `POST /v2/process-instances/{key}/modification` body for one action. Variables of a move go to the process (Camunda's
 * global scope: the next steps read them); those of an added token to the element itself.
 */
export function modificationRequest(modification: Modification) {
  switch (modification.kind) {
    case 'move':
      return {
        moveInstructions: [{
          sourceElementInstruction: { sourceType: 'byId', sourceElementId: modification.sourceElementId },
          targetElementId: modification.targetElementId,
          ...(modification.variables ? { variableInstructions: [{ variables: modification.variables }] } : {}),
        }],
      }
    case 'activate':
      return {
        activateInstructions: [{
          elementId: modification.elementId,
          ...(modification.variables ? { variableInstructions: [{ variables: modification.variables, scopeId: modification.elementId }] } : {}),
        }],
      }
    case 'terminate':
      return { terminateInstructions: [{ elementInstanceKey: modification.elementInstanceKey }] }
  }
}
