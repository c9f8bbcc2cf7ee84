import { Fragment, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api'
import { Timeline } from '../history/Timeline'
import { CaseContext, caseVariables, type Data } from './CasePanel'
import type { ReviewedWork as Work } from './caseContext'

/**
 * What a quality reviewer looks at: the reviewed task and agent, why it was sampled, what the agent submitted, and the
 * reviewed case with its history.
 */
export function ReviewedWork({ work, me }: { work: Work; me: Me }) {
  const { t } = useTranslation('tasks')
  const [data, setData] = useState<Data>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    let current = true
    caseVariables(work.instanceKey).then((d) => current && setData(d), (e) => current && setError(e instanceof Error ? e.message : String(e)))
    return () => { current = false }
  }, [work.instanceKey])

  return (
    <section className="reviewed" aria-label={t('review.title')}>
      <h3>{t('review.heading', { task: work.taskName ? `“${work.taskName}”` : t('review.aTask'), agent: work.agent ?? t('review.unknownAgent') })}</h3>
      <dl>
        {work.caseReference && <><dt>{t('review.caseReference')}</dt><dd>{work.caseReference}</dd></>}
        <dt>{t('review.sampledBecause')}</dt><dd>{work.reasons.length === 0 ? '—' : work.reasons.map((r) => t(`review.reasons.${r}`, { defaultValue: r })).join(t('review.separator'))}</dd>
      </dl>
      <section aria-label={t('review.input')}>
        <h4>{t('review.submitted')}</h4>
        {work.input.length === 0
          ? <p className="hint">{t('review.nothing')}</p>
          : (
            <dl>
              {work.input.map((i) => (
                <Fragment key={i.name}>
                  <dt title={i.name}>{i.label}</dt>
                  <dd>{i.structured ? <pre>{i.value}</pre> : i.value}</dd>
                </Fragment>
              ))}
            </dl>
          )}
      </section>
      {error && <p role="alert">{error}</p>}
      {data && <CaseContext processInstanceKey={work.instanceKey} processDefinitionId={work.processId} data={data} me={me} label="Reviewed case" />}
      <Timeline processInstanceKey={work.instanceKey} title="History of the reviewed case" />
    </section>
  )
}
