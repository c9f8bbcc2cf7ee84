import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, text } from '../api'
import { MappingTable } from './MappingTable'
import { mappingRows, migrationRequest, modelElements, unmapped, type ModelElement, type XmlNode } from './migration'
import type { ProcessInstance } from './operations'
import './repair.css'

interface Definition {
  processDefinitionKey: string
  processDefinitionId: string
  version: number
}

interface ElementInstance {
  elementInstanceKey: string
  elementId: string
  elementName: string
  type: string
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** The flow nodes of a deployed process version, read from its XML. */
export async function loadElements(definitionKey: string, processId: string): Promise<ModelElement[]> {
  const doc = new DOMParser().parseFromString(await text(`/v2/process-definitions/${definitionKey}/xml`), 'application/xml')
  const process = Array.from(doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'process')).find((p) => p.getAttribute('id') === processId)
  return process ? modelElements(process as unknown as XmlNode) : []
}

/** The instance's active element instances (the process itself left out). */
export async function loadActive(processInstanceKey: string): Promise<ElementInstance[]> {
  const found = await call<{ items: ElementInstance[] }>('POST', '/v2/element-instances/search', { filter: { processInstanceKey, state: 'ACTIVE' }, page: { limit: 1000 } })
  return found.items.filter((e) => e.type !== 'PROCESS')
}

/**
 * "Migrate…": the other versions of the instance's process, newest first; for the chosen one, each active element with the
 * element it continues as (the same id and type proposed, each changeable to an element of the same type), those without
 * one flagged. Migrating is offered once every active element has a target.
 */
export function MigrateButton({ instance, onMigrated }: { instance: ProcessInstance; onMigrated: (version: number) => void }) {
  const { t } = useTranslation('operations')
  const [open, setOpen] = useState(false)
  return (
    <>
      <button onClick={() => setOpen(true)} aria-expanded={open}>{t('migration.open')}</button>
      {open && <MigrationDialog instance={instance} onClose={() => setOpen(false)} onMigrated={(version) => { setOpen(false); onMigrated(version) }} />}
    </>
  )
}

function MigrationDialog({ instance, onClose, onMigrated }: { instance: ProcessInstance; onClose: () => void; onMigrated: (version: number) => void }) {
  const { t } = useTranslation('operations')
  const titleId = useId()
  const [versions, setVersions] = useState<Definition[]>()
  const [targetKey, setTargetKey] = useState('')
  const [source, setSource] = useState<ModelElement[]>([])
  const [target, setTarget] = useState<ModelElement[]>([])
  const [active, setActive] = useState<string[]>([])
  const [chosen, setChosen] = useState<Record<string, string>>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    Promise.all([
      call<{ items: Definition[] }>('POST', '/v2/process-definitions/search', {
        filter: { processDefinitionId: instance.processDefinitionId }, sort: [{ field: 'version', order: 'DESC' }], page: { limit: 100 },
      }),
      loadElements(instance.processDefinitionKey, instance.processDefinitionId),
      loadActive(instance.processInstanceKey),
    ]).then(([found, elements, running]) => {
      const others = found.items.filter((d) => d.processDefinitionKey !== instance.processDefinitionKey)
      setVersions(others)
      setTargetKey(others[0]?.processDefinitionKey ?? '')
      setSource(elements)
      setActive(running.map((e) => e.elementId))
    }, (e) => setError(message(e)))
  }, [instance.processDefinitionKey, instance.processDefinitionId, instance.processInstanceKey])

  useEffect(() => {
    if (!targetKey) return
    setChosen({})
    loadElements(targetKey, instance.processDefinitionId).then(setTarget, (e) => setError(message(e)))
  }, [targetKey, instance.processDefinitionId])

  const rows = useMemo(() => mappingRows(active, source, target, chosen), [active, source, target, chosen])
  const missing = unmapped(rows)
  const targetVersion = versions?.find((v) => v.processDefinitionKey === targetKey)?.version

  async function migrate() {
    if (!targetKey || targetVersion === undefined) return
    setBusy(true)
    try {
      await call('POST', `/v2/process-instances/${instance.processInstanceKey}/migration`, migrationRequest(targetKey, rows))
      onMigrated(targetVersion)
    } catch (e) {
      setError(message(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="repair-dialog" role="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('migration.title')}</h2>
      <p>{t('migration.current', { version: instance.processDefinitionVersion })}</p>
      {versions === undefined && !error && <p>{t('migration.loading')}</p>}
      {versions?.length === 0 && <p className="empty">{t('migration.noOtherVersion')}</p>}
      {versions !== undefined && versions.length > 0 && (
        <>
          <label className="repair-field">
            {t('migration.target')}
            <select value={targetKey} onChange={(e) => setTargetKey(e.target.value)}>
              {versions.map((v) => <option key={v.processDefinitionKey} value={v.processDefinitionKey}>{t('migration.version', { version: v.version })}</option>)}
            </select>
          </label>
          <MappingTable rows={rows} sourceHeading={t('migration.source')} flagMissing onChoose={(id, targetId) => setChosen({ ...chosen, [id]: targetId })} />
          <p>{t('migration.summary', { active: rows.length, open: missing.length })}</p>
        </>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="repair-actions">
        <button className="primary" onClick={() => void migrate()} disabled={busy || !targetKey || rows.length === 0 || missing.length > 0}>{t('migration.confirm')}</button>
        <button onClick={onClose}>{t('migration.close')}</button>
      </div>
    </section>
  )
}
