import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, call } from '../api'
import { link } from '../navigation'
import { parseVariables } from './designer'
import { Dialog } from './Dialogs'

/**
 * Starts an instance of a deployed process version (`POST /v2/process-instances`) with variables typed as a JSON
 * object, checked before it is sent; links to the new instance in operations for those who may open it.
 */
export function StartInstance({ processKey, version, operations }: { processKey: string; version: number; operations: boolean }) {
  const { t } = useTranslation('designer')
  const [open, setOpen] = useState(false)
  const [json, setJson] = useState('{\n  \n}')
  const [error, setError] = useState<string>()
  const [started, setStarted] = useState<string>()
  const [busy, setBusy] = useState(false)
  const parsed = parseVariables(json)
  const invalid = 'error' in parsed ? (parsed.error === 'json' ? t('start.notJson', { detail: parsed.detail }) : t('start.notObject')) : undefined

  async function start() {
    if ('error' in parsed) return
    setBusy(true)
    setError(undefined)
    try {
      const created = await call<{ processInstanceKey: string }>('POST', '/v2/process-instances', { processDefinitionKey: processKey, variables: parsed.variables })
      setStarted(created.processInstanceKey)
      setOpen(false)
    } catch (e) {
      setError(e instanceof ApiError && e.status === 403 ? t('start.forbidden') : e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button onClick={() => { setOpen(true); setStarted(undefined) }}>{t('start.open', { version })}</button>
      {started && (
        <span className="status" role="status">
          {operations ? <a href={link('operations', started)}>{t('start.started', { key: started })}</a> : t('start.started', { key: started })}
        </span>
      )}
      {open && (
        <Dialog
          title={t('start.title', { version })}
          onCancel={() => setOpen(false)}
          actions={<>
            <button className="primary" disabled={busy || invalid !== undefined} onClick={() => void start()}>{t('start.submit')}</button>
            <button onClick={() => setOpen(false)}>{t('deploy.cancel')}</button>
          </>}
        >
          <label className="variables">
            {t('start.variables')}
            <textarea value={json} rows={8} spellCheck={false} aria-invalid={invalid !== undefined} aria-describedby="start-variables-problem" onChange={(e) => setJson(e.target.value)} />
          </label>
          <p id="start-variables-problem" className="designer-error" role={invalid || error ? 'alert' : undefined}>{invalid ?? error}</p>
        </Dialog>
      )}
    </>
  )
}
