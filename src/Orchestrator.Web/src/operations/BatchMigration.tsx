import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'
import { MappingTable } from './MappingTable'
import { loadElements } from './Migration'
import { mappingRows, migrationRequest, unmapped, type ModelElement } from './migration'
import './repair.css'

interface Version {
  processDefinitionKey: string
  version: number
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * "Migrate to version…" for every running instance a filter matches (one process version): the target version, and for
 * each element where those instances wait the element it continues as — the single-instance migration's mapping rules
 * (`mappingRows`: same id and type proposed, others chosen among the target's elements of the same type); then a confirm
 * with the count, and the batch starts.
 */
export function BatchMigration({ processId, sourceVersion, filter, onStarted, onClose }: {
  processId: string
  sourceVersion: number
  filter: Record<string, unknown>
  onStarted: (batchOperationKey: string) => void
  onClose: () => void
}) {
  const { t } = useTranslation('operations')
  const titleId = useId()
  const [versions, setVersions] = useState<Version[]>()
  const [sourceKey, setSourceKey] = useState('')
  const [targetKey, setTargetKey] = useState('')
  const [source, setSource] = useState<ModelElement[]>([])
  const [target, setTarget] = useState<ModelElement[]>([])
  const [waiting, setWaiting] = useState<string[]>([])
  const [chosen, setChosen] = useState<Record<string, string>>({})
  const [count, setCount] = useState<number>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    call<{ items: Version[] }>('POST', '/v2/process-definitions/search', {
      filter: { processDefinitionId: processId }, sort: [{ field: 'version', order: 'DESC' }], page: { limit: 100 },
    }).then(async (found) => {
      const from = found.items.find((v) => v.version === sourceVersion)
      if (!from) return
      const [elements, active] = await Promise.all([
        loadElements(from.processDefinitionKey, processId),
        call<{ items: { elementId: string; type: string }[] }>('POST', '/v2/element-instances/search', {
          filter: { processDefinitionKey: from.processDefinitionKey, state: 'ACTIVE' }, page: { limit: 1000 },
        }),
      ])
      const others = found.items.filter((v) => v.version !== sourceVersion)
      setSourceKey(from.processDefinitionKey)
      setSource(elements)
      setWaiting(active.items.filter((e) => e.type !== 'PROCESS').map((e) => e.elementId))
      setVersions(others)
      setTargetKey(others[0]?.processDefinitionKey ?? '')
    }).catch((e: unknown) => setError(message(e)))
  }, [processId, sourceVersion])

  useEffect(() => {
    if (!targetKey) return
    setChosen({})
    loadElements(targetKey, processId).then(setTarget, (e) => setError(message(e)))
  }, [targetKey, processId])

  const rows = useMemo(() => mappingRows(waiting, source, target, chosen), [waiting, source, target, chosen])
  const missing = unmapped(rows)
  const targetVersion = versions?.find((v) => v.processDefinitionKey === targetKey)?.version

  async function ask() {
    try {
      setCount((await call<{ page: { totalItems: number } }>('POST', '/v2/process-instances/search', { filter, page: { limit: 0 } })).page.totalItems)
    } catch (e) {
      setError(message(e))
    }
  }

  async function migrate() {
    try {
      const started = await call<{ batchOperationKey: string }>('POST', '/v2/process-instances/migration', {
        filter, migrationPlan: migrationRequest(targetKey, rows),
      })
      onStarted(started.batchOperationKey)
    } catch (e) {
      setError(message(e))
    }
  }

  return (
    <section className="repair-dialog" role="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('batch.migrateTitle')}</h2>
      <p>{t('migration.current', { version: sourceVersion })}</p>
      {versions === undefined && !error && <p>{t('migration.loading')}</p>}
      {versions?.length === 0 && <p className="empty">{t('migration.noOtherVersion')}</p>}
      {versions !== undefined && versions.length > 0 && (
        <>
          <label className="repair-field">
            {t('migration.target')}
            <select value={targetKey} onChange={(e) => { setTargetKey(e.target.value); setCount(undefined) }}>
              {versions.map((v) => <option key={v.processDefinitionKey} value={v.processDefinitionKey}>{t('migration.version', { version: v.version })}</option>)}
            </select>
          </label>
          <MappingTable rows={rows} sourceHeading={t('batch.waitingAt')} onChoose={(id, targetId) => setChosen({ ...chosen, [id]: targetId })} />
        </>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      {count !== undefined && targetVersion !== undefined && (
        <p role="status">{t('batch.confirmMigrate', { count, version: targetVersion })}</p>
      )}
      <div className="repair-actions">
        {count === undefined
          ? <button className="primary" onClick={() => void ask()} disabled={!sourceKey || !targetKey || missing.length > 0}>{t('migration.confirm')}</button>
          : <button className="primary" onClick={() => void migrate()} disabled={count === 0}>{t('batch.confirm')}</button>}
        <button onClick={onClose}>{t('migration.close')}</button>
      </div>
    </section>
  )
}
