import { Fragment, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AnswerOrder } from '../answers'
import { call } from '../api'
import { link } from '../navigation'
import { groupIncidents, type IncidentGroup, type IncidentLike } from './operations'

interface OpenIncident extends IncidentLike {
  elementInstanceKey: string
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Open incidents grouped by error type, message pattern and element, with counts; a group opens to its instances and is
 * retried as one batch. No group is retried while a batch (`running`, the batch in progress: the view shows one at a time)
 * runs or a retry is being started. Loads again whenever `version` changes.
 */
export function IncidentGroups({ processNames, version, running, onBatch }: {
  processNames: Map<string, string>; version: number; running?: string; onBatch: (key: string) => void
}) {
  const { t } = useTranslation('operations')
  const [groups, setGroups] = useState<IncidentGroup[]>()
  const [elementNames, setElementNames] = useState<Map<string, string>>(new Map())
  const [opened, setOpened] = useState<string>()
  const [confirming, setConfirming] = useState<string>()
  // The group retried last and its batch, once the server has started it.
  const [retried, setRetried] = useState<{ group: string; batch?: string }>()
  const [error, setError] = useState<string>()
  // Polls and the loads after a batch overlap on a slow server: an older answer never replaces a newer one.
  const loads = useRef(new AnswerOrder())

  const load = useCallback(async () => {
    const request = loads.current.start()
    try {
      const open = await call<{ items: OpenIncident[] }>('POST', '/v2/incidents/search', { filter: { state: 'ACTIVE' }, page: { limit: 1000 } })
      const keys = [...new Set(open.items.map((i) => i.elementInstanceKey))]
      const names = new Map<string, string>()
      if (keys.length > 0) {
        const elements = await call<{ items: { elementId: string; elementName: string; processDefinitionId: string }[] }>('POST', '/v2/element-instances/search', {
          filter: { elementInstanceKey: { $in: keys } }, page: { limit: 1000 },
        })
        for (const e of elements.items) names.set(`${e.processDefinitionId}|${e.elementId}`, e.elementName)
      }
      if (!loads.current.show(request)) return
      setElementNames(names)
      setGroups(groupIncidents(open.items))
      setError(undefined)
    } catch (e) {
      if (loads.current.current(request)) setError(message(e))
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load, version])

  async function retry(group: IncidentGroup) {
    setConfirming(undefined)
    setRetried({ group: group.id })
    try {
      const batch = await call<{ batchOperationKey: string }>('POST', '/v2/process-instances/incident-resolution', {
        filter: { processInstanceKey: { $in: group.processInstanceKeys } },
      })
      setRetried({ group: group.id, batch: batch.batchOperationKey })
      onBatch(batch.batchOperationKey)
    } catch (e) {
      setRetried(undefined)
      setError(message(e))
    }
  }

  const starting = retried !== undefined && retried.batch === undefined
  const busy = starting || running !== undefined
  const retrying = (g: IncidentGroup) => retried?.group === g.id && (starting || retried.batch === running)

  const where = (g: IncidentGroup) => {
    const process = g.processDefinitionId ? processNames.get(g.processDefinitionId) ?? g.processDefinitionId : ''
    const element = elementNames.get(`${g.processDefinitionId ?? ''}|${g.elementId}`) ?? g.elementId
    return process ? `${process} › ${element}` : element
  }

  return (
    <section className="incident-groups" aria-label={t('groups.title')}>
      <h2>{t('groups.title')}</h2>
      {error && <p role="alert" className="field-error">{error}</p>}
      {groups && groups.length === 0 && <p className="empty">{t('groups.none')}</p>}
      {groups && groups.length > 0 && (
        <div className="table-scroll">
          <table className="stack" aria-label={t('groups.tableLabel')}>
            <thead><tr><th>{t('groups.cause')}</th><th>{t('groups.where')}</th><th>{t('groups.count')}</th><th /></tr></thead>
            <tbody>
              {groups.map((g) => (
                <Fragment key={g.id}>
                  <tr data-testid="incident-group">
                    <td data-label={t('groups.cause')}><strong>{g.errorType}</strong><br /><span className="pattern">{g.pattern}</span></td>
                    <td data-label={t('groups.where')} title={`${g.processDefinitionId ?? ''} ${g.elementId}`}>{where(g)}</td>
                    <td data-label={t('groups.count')}>{g.incidents.length} <small>({t('groups.instances', { count: g.processInstanceKeys.length })})</small></td>
                    <td className="row-actions">
                      <button onClick={() => setOpened(opened === g.id ? undefined : g.id)} aria-expanded={opened === g.id}>
                        {opened === g.id ? t('groups.hide') : t('groups.show')}
                      </button>
                      {confirming === g.id
                        ? (
                          <span className="confirm" role="group" aria-label={t('batch.confirm')}>
                            <span>{t('batch.confirmGroup', { count: g.processInstanceKeys.length })}</span>
                            <button onClick={() => void retry(g)}>{t('batch.confirm')}</button>
                            <button onClick={() => setConfirming(undefined)}>{t('batch.back')}</button>
                          </span>
                        )
                        : (
                          <button onClick={() => setConfirming(g.id)} disabled={busy} title={retrying(g) ? t('groups.retrying') : busy ? t('groups.batchRunning') : undefined}>
                            {t('groups.retry')}
                          </button>
                        )}
                    </td>
                  </tr>
                  {opened === g.id && (
                    <tr>
                      <td colSpan={4}>
                        <ul className="group-instances" aria-label={t('groups.instancesOf')}>
                          {g.incidents.map((i) => (
                            <li key={i.incidentKey}><a href={link('operations', i.processInstanceKey)}>{i.processInstanceKey}</a> — {i.errorMessage}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
