import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'
import { Dialog } from './Dialogs'

/** A deployed process, decision model or form with its versions, newest first. */
export interface Undeployable {
  kind: 'process' | 'decision' | 'form'
  name: string
  versions: { key: string; version: number }[]
}

/**
 * Undeploys one version of a process, decision model or form (`POST /v2/resources/{key}/deletion`) once the user picked it and confirmed;
 * the server refuses a version something uses (an instance of a process version, an open task showing a form version) and says why.
 */
const explanation = { process: 'undeploy.explainProcess', decision: 'undeploy.explainDecision', form: 'undeploy.explainForm' } as const

export function UndeployDialog({ resource, onClose, onDeleted }: { resource: Undeployable; onClose: () => void; onDeleted: (key: string) => void }) {
  const { t } = useTranslation('designer')
  const [key, setKey] = useState(resource.versions[0]?.key ?? '')
  const [sure, setSure] = useState(false)
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<number>()
  const [busy, setBusy] = useState(false)
  const version = resource.versions.find((v) => v.key === key)?.version

  async function undeploy() {
    setBusy(true)
    setError(undefined)
    try {
      await call('POST', `/v2/resources/${key}/deletion`, {})
      setDone(version)
      onDeleted(key)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
      setSure(false)
    }
  }

  return (
    <Dialog
      title={t('undeploy.title', { name: resource.name })}
      onCancel={onClose}
      actions={done !== undefined
        ? <button onClick={onClose}>{t('undeploy.close')}</button>
        : <>
          <button onClick={onClose}>{t('deploy.cancel')}</button>
          <button className="danger" disabled={!sure || busy || !key} onClick={() => void undeploy()}>{t('undeploy.submit', { version })}</button>
        </>}
    >
      {done !== undefined
        ? <p role="status">{t('undeploy.done', { name: resource.name, version: done })}</p>
        : <>
          <p>{t(explanation[resource.kind])}</p>
          <label>
            {t('undeploy.version')}
            <select value={key} onChange={(e) => { setKey(e.target.value); setSure(false) }}>
              {resource.versions.map((v) => <option key={v.key} value={v.key}>{t('list.version', { version: v.version })}</option>)}
            </select>
          </label>
          <label className="confirm">
            <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
            {t('undeploy.confirm', { name: resource.name, version })}
          </label>
        </>}
      {error && <p className="designer-error" role="alert">{error}</p>}
    </Dialog>
  )
}
