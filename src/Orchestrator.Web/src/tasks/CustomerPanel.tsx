import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, type Me } from '../api'
import { formatDateTime } from '../i18n/dates'
import { link, pagesFor } from '../navigation'

interface OtherCase {
  processInstanceKey: string
  businessKey?: string | null
  processDefinitionId: string
  processName?: string | null
  state: string
  startDate: string
}

interface CaseCustomer {
  customerId?: string | null
  name?: string | null
  record?: { tier: string; trustLevel: string; language: string; preferredChannel: string; country: string } | null
  otherCases: OtherCase[]
  hiddenCases: number
}

/**
 * The case's customer (from the customers API when the server has it) and their other cases the user may open, newest
 * first, with how many more another team handles (not named: the user may not see them).
 */
export function CustomerPanel({ processInstanceKey, me }: { processInstanceKey: string; me: Me }) {
  const { t } = useTranslation('tasks')
  const [customer, setCustomer] = useState<CaseCustomer>()
  const [error, setError] = useState<string>()
  const opensCases = pagesFor(me.roles).includes('operations')

  useEffect(() => {
    let current = true
    call<CaseCustomer>('GET', `/api/process-instances/${processInstanceKey}/customer`)
      .then((c) => current && setCustomer(c), (e) => current && setError(e instanceof Error ? e.message : String(e)))
    return () => { current = false }
  }, [processInstanceKey])

  if (error) return <p role="alert">{error}</p>
  if (!customer?.customerId) return null
  const record = customer.record
  return (
    <section className="customer-panel" aria-label={t('customer.title')}>
      <h3>{t('customer.title')}: {customer.name ?? customer.customerId}</h3>
      <dl>
        <dt>{t('customer.id')}</dt><dd>{customer.customerId}</dd>
        {record && (
          <>
            <dt>{t('customer.tier')}</dt><dd>{record.tier}</dd>
            <dt>{t('customer.trust')}</dt><dd>{t(`customer.trustLevels.${record.trustLevel}`, { defaultValue: record.trustLevel })}</dd>
            <dt>{t('customer.language')}</dt><dd>{record.language}</dd>
            <dt>{t('customer.channel')}</dt><dd>{t(`channels.${record.preferredChannel}`, { defaultValue: record.preferredChannel })}</dd>
            <dt>{t('customer.country')}</dt><dd>{record.country}</dd>
          </>
        )}
      </dl>
      <h4>{t('customer.otherCases')}</h4>
      {customer.otherCases.length === 0 && customer.hiddenCases === 0 && <p className="hint">{t('customer.noOtherCases')}</p>}
      {customer.otherCases.length > 0 && (
        <div className="scroll-box">
          <table className="other-cases">
            <thead>
              <tr><th>{t('customer.case')}</th><th>{t('customer.process')}</th><th>{t('customer.state')}</th><th>{t('customer.started')}</th></tr>
            </thead>
            <tbody>
              {customer.otherCases.map((c) => {
                const name = c.businessKey ?? `#${c.processInstanceKey}`
                return (
                  <tr key={c.processInstanceKey}>
                    <td>{opensCases ? <a href={link('operations', c.processInstanceKey)}>{name}</a> : name}</td>
                    <td>{c.processName ?? c.processDefinitionId}</td>
                    <td>{t(`states.${c.state}`, { defaultValue: c.state })}</td>
                    <td>{formatDateTime(c.startDate)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {customer.hiddenCases > 0 && <p className="hint">{t('customer.hiddenCases', { count: customer.hiddenCases })}</p>}
    </section>
  )
}
