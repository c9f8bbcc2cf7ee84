// An instance's decision evaluations without React: the search, the order they are listed in, and their values
// (JSON text from the server) as people read them.

import { formatVariableValue } from './operations'

export type DecisionDefinitionType = 'DECISION_TABLE' | 'LITERAL_EXPRESSION' | 'UNSPECIFIED'

/** One evaluated decision: `POST /v2/decision-instances/search`. */
export interface DecisionInstance {
  decisionEvaluationInstanceKey: string
  state: 'EVALUATED' | 'FAILED'
  evaluationDate: string
  evaluationFailure?: string | null
  decisionDefinitionId: string
  decisionDefinitionName?: string | null
  decisionDefinitionVersion: number
  decisionDefinitionType: DecisionDefinitionType
  /** The decision's result as JSON text. */
  result?: string | null
  tenantId?: string
  /** Shared by the decision called and the decisions it required, evaluated with it. */
  decisionEvaluationKey: string
  processDefinitionKey?: string | null
  processInstanceKey?: string | null
  decisionDefinitionKey: string
  elementInstanceKey?: string | null
  /** The decision the evaluation was asked for (a required decision's differs from its own). */
  rootDecisionDefinitionKey?: string
}

export interface EvaluatedInput {
  inputId?: string | null
  inputName?: string | null
  /** JSON text. */
  inputValue?: string | null
}

export interface EvaluatedOutput {
  outputId?: string | null
  outputName?: string | null
  /** JSON text. */
  outputValue?: string | null
}

export interface MatchedRule {
  ruleId?: string | null
  /** 1 for the table's first rule. */
  ruleIndex: number
  evaluatedOutputs: EvaluatedOutput[]
}

/** One evaluated decision with what it read and which rules matched: `GET /v2/decision-instances/{key}`. */
export interface DecisionInstanceDetail extends DecisionInstance {
  evaluatedInputs: EvaluatedInput[]
  matchedRules: MatchedRule[]
}

/** The `POST /v2/decision-instances/search` body for an instance's decisions. */
export function decisionInstanceSearch(processInstanceKey: string): object {
  return { filter: { processInstanceKey }, page: { limit: 1000 } }
}

/** Oldest evaluation first; the decisions of one evaluation in the order they were evaluated (their keys count up). */
export function inEvaluationOrder(instances: DecisionInstance[]): DecisionInstance[] {
  return [...instances].sort((a, b) =>
    Date.parse(a.evaluationDate) - Date.parse(b.evaluationDate)
    || a.decisionEvaluationInstanceKey.localeCompare(b.decisionEvaluationInstanceKey, undefined, { numeric: true }))
}

const logicKinds: Record<DecisionDefinitionType, string> = {
  DECISION_TABLE: 'decision table',
  LITERAL_EXPRESSION: 'literal expression',
  UNSPECIFIED: 'decision',
}

/** What kind of logic the decision has, in words. */
export function decisionKind(type: DecisionDefinitionType): string {
  return logicKinds[type] ?? logicKinds.UNSPECIFIED
}

/** A value (JSON text) on one line for a table cell, cut after `max` characters. */
export function shortValue(json: string | null | undefined, max = 80): string {
  if (json === null || json === undefined) return ''
  let compact = json
  try {
    compact = JSON.stringify(JSON.parse(json))
  } catch {
    // Not JSON after all: shown as the server sent it.
  }
  return cut(compact, max)
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** What a row says an evaluation gave: its result, or why it failed. */
export function outcome(instance: Pick<DecisionInstance, 'state' | 'result' | 'evaluationFailure'>, max = 80): string {
  return instance.state === 'FAILED' ? cut(instance.evaluationFailure || 'failed', max) : shortValue(instance.result, max)
}

/** A value (JSON text) laid out for reading: objects and lists over several lines. */
export function longValue(json: string | null | undefined): string {
  return json === null || json === undefined ? '' : formatVariableValue(json)
}
