import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'
import { loadActive, loadElements } from './Migration'
import { elementLabel, type ModelElement } from './migration'
import { activatable, modificationRequest, parseVariables, type Modification } from './modification'
import type { ProcessInstance } from './operations'
import './repair.css'

type Action = Modification['kind']

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * "Modify…": move the tokens of an active element to another element, add a token to an element (with variables for it), or
 * cancel one element instance. Elements are shown by name, their ids in a title.
 */
export function ModifyButton({ instance, onModified }: { instance: ProcessInstance; onModified: () => void }) {
  const { t } = useTranslation('operations')
  const [open, setOpen] = useState(false)
  return (
    <>
      <button onClick={() => setOpen(true)} aria-expanded={open}>{t('modification.open')}</button>
      {open && <ModificationDialog instance={instance} onClose={() => setOpen(false)} onModified={() => { setOpen(false); onModified() }} />}
    </>
  )
}

function ModificationDialog({ instance, onClose, onModified }: { instance: ProcessInstance; onClose: () => void; onModified: () => void }) {
  const { t } = useTranslation('operations')
  const titleId = useId()
  const [elements, setElements] = useState<ModelElement[]>()
  const [active, setActive] = useState<{ elementInstanceKey: string; elementId: string; elementName: string }[]>([])
  const [action, setAction] = useState<Action>('move')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [instanceKey, setInstanceKey] = useState('')
  const [variables, setVariables] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    Promise.all([loadElements(instance.processDefinitionKey, instance.processDefinitionId), loadActive(instance.processInstanceKey)])
      .then(([model, running]) => {
        setElements(model)
        setActive(running)
        setFrom(running[0]?.elementId ?? '')
        setInstanceKey(running[0]?.elementInstanceKey ?? '')
      }, (e) => setError(message(e)))
  }, [instance.processDefinitionKey, instance.processDefinitionId, instance.processInstanceKey])

  const activeIds = [...new Set(active.map((a) => a.elementId))]
  const byId = new Map((elements ?? []).map((e) => [e.id, e]))
  const label = (id: string) => (byId.has(id) ? elementLabel(byId.get(id)!) : id)
  const targets = activatable(elements ?? [], activeIds).filter((e) => action !== 'move' || e.id !== from)
  const parsed = parseVariables(variables)

  function request(): Modification | undefined {
    const values = parsed.ok ? parsed.value : undefined
    if (action === 'move') return from && to ? { kind: 'move', sourceElementId: from, targetElementId: to, variables: values } : undefined
    if (action === 'activate') return to ? { kind: 'activate', elementId: to, variables: values } : undefined
    return instanceKey ? { kind: 'terminate', elementInstanceKey: instanceKey } : undefined
  }

  const modification = request()

  async function apply() {
    if (!modification || !parsed.ok) return
    setBusy(true)
    try {
      await call('POST', `/v2/process-instances/${instance.processInstanceKey}/modification`, modificationRequest(modification))
      onModified()
    } catch (e) {
      setError(message(e))
    } finally {
      setBusy(false)
    }
  }

  const targetSelect = (
    <label className="repair-field">
      {action === 'move' ? t('modification.to') : t('modification.element')}
      <select value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{t('modification.choose')}</option>
        {targets.map((e) => <option key={e.id} value={e.id} title={e.id}>{elementLabel(e)}</option>)}
      </select>
    </label>
  )

  return (
    <section className="repair-dialog" role="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('modification.title')}</h2>
      {elements === undefined && !error && <p>{t('modification.loading')}</p>}
      {elements !== undefined && active.length === 0 && <p className="empty">{t('modification.nothingActive')}</p>}
      {elements !== undefined && (
        <>
          <label className="repair-field">
            {t('modification.action')}
            <select value={action} onChange={(e) => { setAction(e.target.value as Action); setTo('') }}>
              <option value="move">{t('modification.move')}</option>
              <option value="activate">{t('modification.activate')}</option>
              <option value="terminate">{t('modification.terminate')}</option>
            </select>
          </label>
          {action === 'move' && (
            <label className="repair-field">
              {t('modification.from')}
              <select value={from} onChange={(e) => setFrom(e.target.value)}>
                {activeIds.map((id) => <option key={id} value={id} title={id}>{label(id)}</option>)}
              </select>
            </label>
          )}
          {action !== 'terminate' && targetSelect}
          {action === 'terminate' && (
            <label className="repair-field">
              {t('modification.instance')}
              <select value={instanceKey} onChange={(e) => setInstanceKey(e.target.value)}>
                {active.map((a) => (
                  <option key={a.elementInstanceKey} value={a.elementInstanceKey} title={a.elementId}>
                    {t('modification.instanceOption', { name: label(a.elementId), key: a.elementInstanceKey })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {action !== 'terminate' && (
            <label className="repair-field">
              {t('modification.variables')}
              <textarea value={variables} onChange={(e) => setVariables(e.target.value)} rows={3} spellCheck={false} />
              {!parsed.ok && <span className="field-error" role="alert">{t('modification.badJson')}</span>}
            </label>
          )}
        </>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="repair-actions">
        <button className="primary" onClick={() => void apply()} disabled={busy || !modification || !parsed.ok}>{t('modification.apply')}</button>
        <button onClick={onClose}>{t('modification.close')}</button>
      </div>
    </section>
  )
}
