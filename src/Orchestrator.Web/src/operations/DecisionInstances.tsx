import { Fragment, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'
import { formatDateTime } from '../i18n/dates'
import {
  decisionInstanceSearch, decisionKind, inEvaluationOrder, longValue, outcome, type DecisionInstance, type DecisionInstanceDetail,
} from './decisions'

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** What one evaluation read, which rules matched with what they gave, or why it failed. */
function Evaluation({ detail }: { detail: DecisionInstanceDetail }) {
  const { t } = useTranslation('operations')
  const name = detail.decisionDefinitionName || detail.decisionDefinitionId
  return (
    <div className="decision-detail">
      {detail.state === 'FAILED' && <p className="field-error" role="alert">{t('decisions.failed', { reason: detail.evaluationFailure || t('decisions.noReason') })}</p>}
      <section aria-label={t('decisions.inputsOf', { name })}>
        <h3>{t('decisions.inputs')}</h3>
        {detail.evaluatedInputs.length === 0
          ? <p className="empty">{t('decisions.noInputs')}</p>
          : (
            <table>
              <tbody>
                {detail.evaluatedInputs.map((i, index) => (
                  <tr key={index}><th scope="row">{i.inputName || i.inputId}</th><td><pre tabIndex={0}>{longValue(i.inputValue)}</pre></td></tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
      {detail.decisionDefinitionType === 'DECISION_TABLE' && (
        <section aria-label={t('decisions.matchedRulesOf', { name })}>
          <h3>{t('decisions.matchedRules')}</h3>
          {detail.matchedRules.length === 0
            ? <p className="empty">{t('decisions.noRule')}</p>
            : (
              <ul className="matched-rules">
                {detail.matchedRules.map((r) => (
                  <li key={r.ruleIndex}>
                    <strong>{t('decisions.rule', { index: r.ruleIndex })}</strong> <small>{r.ruleId}</small>
                    <dl>
                      {r.evaluatedOutputs.map((o, index) => (
                        <Fragment key={index}>
                          <dt>{o.outputName || o.outputId}</dt>
                          <dd><pre tabIndex={0}>{longValue(o.outputValue)}</pre></dd>
                        </Fragment>
                      ))}
                    </dl>
                  </li>
                ))}
              </ul>
            )}
        </section>
      )}
      {detail.state === 'EVALUATED' && (
        <section aria-label={t('decisions.resultOf', { name })}>
          <h3>{t('decisions.result')}</h3>
          <pre tabIndex={0}>{longValue(detail.result)}</pre>
        </section>
      )}
    </div>
  )
}

/**
 * The decisions an instance evaluated (business rule tasks, with the decisions they required): each with its version,
 * state, time and result; opened, what it read and the rules that matched. Reloaded when `version` changes.
 */
export function DecisionInstances({ processInstanceKey, version }: { processInstanceKey: string; version: number }) {
  const { t } = useTranslation('operations')
  const [instances, setInstances] = useState<DecisionInstance[]>([])
  const [open, setOpen] = useState<string>()
  const [detail, setDetail] = useState<DecisionInstanceDetail>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    let current = true
    call<{ items: DecisionInstance[] }>('POST', '/v2/decision-instances/search', decisionInstanceSearch(processInstanceKey)).then(
      (found) => { if (current) { setInstances(inEvaluationOrder(found.items)); setError(undefined) } },
      (e) => current && setError(message(e)))
    return () => { current = false }
  }, [processInstanceKey, version])

  useEffect(() => {
    if (!open) return
    let current = true
    setDetail(undefined)
    call<DecisionInstanceDetail>('GET', `/v2/decision-instances/${encodeURIComponent(open)}`).then(
      (loaded) => current && setDetail(loaded),
      (e) => current && setError(message(e)))
    return () => { current = false }
  }, [open])

  return (
    <section aria-label={t('decisions.title')}>
      <h2>{t('decisions.title')}</h2>
      {error && <p role="alert">{error}</p>}
      {instances.length === 0
        ? <p className="empty">{t('decisions.none')}</p>
        : (
          <table className="decisions">
            <thead><tr><th>{t('decisions.decision')}</th><th>{t('decisions.version')}</th><th>{t('decisions.state')}</th><th>{t('decisions.evaluated')}</th><th>{t('decisions.result')}</th><th /></tr></thead>
            <tbody>
              {instances.map((d) => {
                const name = d.decisionDefinitionName || d.decisionDefinitionId
                const opened = open === d.decisionEvaluationInstanceKey
                return (
                  <Fragment key={d.decisionEvaluationInstanceKey}>
                    <tr className={opened ? 'selected' : undefined}>
                      <td>{name} <small>{t(`decisions.kinds.${d.decisionDefinitionType}`, { defaultValue: decisionKind(d.decisionDefinitionType) })}</small></td>
                      <td>{d.decisionDefinitionVersion}</td>
                      <td><span className={`state ${d.state === 'FAILED' ? 'incident' : 'completed'}`}>{d.state}</span></td>
                      <td>{formatDateTime(d.evaluationDate)}</td>
                      <td><code>{outcome(d)}</code></td>
                      <td>
                        <button aria-expanded={opened} aria-label={t('decisions.detailsOf', { name })} onClick={() => setOpen(opened ? undefined : d.decisionEvaluationInstanceKey)}>
                          {opened ? t('decisions.hide') : t('decisions.details')}
                        </button>
                      </td>
                    </tr>
                    {opened && (
                      <tr>
                        <td colSpan={6}>{detail?.decisionEvaluationInstanceKey === open ? <Evaluation detail={detail} /> : <p className="empty">{t('decisions.loading')}</p>}</td>
                      </tr>
                    )}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        )}
    </section>
  )
}
