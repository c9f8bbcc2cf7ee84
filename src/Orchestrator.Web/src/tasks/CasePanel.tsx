import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { call, type Me } from '../api'
import { link, pagesFor } from '../navigation'
import { caseFacts } from './caseContext'

export type Data = Record<string, unknown>

interface Variable {
  name: string
  value: string
}

/** An instance's own variables (its root scope), whole: a search cuts long ones short. */
export async function caseVariables(processInstanceKey: string): Promise<Data> {
  const variables = await call<{ items: Variable[] }>('POST', '/v2/variables/search?truncateValues=false', {
    filter: { processInstanceKey, scopeKey: processInstanceKey },
    page: { limit: 1000 },
  })
  return asData(variables.items)
}

/**
 * What a task sees, whole: each name from the innermost scope that has it — the task's own (its inputs), a subprocess's, then
 * its instance's — as the server checks what its form sends. Its form shows them.
 */
export async function taskVariables(userTaskKey: string): Promise<Data> {
  const variables = await call<{ items: Variable[] }>('POST', `/v2/user-tasks/${userTaskKey}/effective-variables/search?truncateValues=false`, {
    page: { limit: 1000 },
  })
  return asData(variables.items)
}

function asData(items: Variable[]): Data {
  return Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value)]))
}

/** The case behind an instance: business key, customer, order and the facts an agent looks at first, and the process (a link for those who may open it). */
export function CaseContext({ processInstanceKey, processDefinitionId, data, me, label }: {
  processInstanceKey: string
  processDefinitionId?: string
  data: Data
  me: Me
  label?: string
}) {
  const { t } = useTranslation('tasks')
  const title = label ?? t('case.title')
  const facts = caseFacts(data)
  const process = `${processDefinitionId ?? t('case.process')} #${processInstanceKey}`
  return (
    <section className="case" aria-label={title}>
      <h3>{title} {facts.businessKey ?? processInstanceKey}</h3>
      <dl>
        {facts.customer && <><dt>{t('case.customer')}</dt><dd>{facts.customer}</dd></>}
        {facts.order && <><dt>{t('case.order')}</dt><dd>{facts.order}</dd></>}
        {facts.amount && <><dt>{t('case.amount')}</dt><dd>{facts.amount}</dd></>}
        {facts.facts.map((f) => <Fragment key={f.key}><dt>{t(`facts.${f.key}`)}</dt><dd>{f.value}</dd></Fragment>)}
        <dt>{t('case.process')}</dt>
        <dd>{pagesFor(me.roles).includes('operations') ? <a href={link('operations', processInstanceKey)}>{process}</a> : process}</dd>
      </dl>
    </section>
  )
}
