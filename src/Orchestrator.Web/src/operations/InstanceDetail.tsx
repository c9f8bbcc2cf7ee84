import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { call, text } from '../api'
import { AnswerOrder } from '../answers'
import { Timeline } from '../history/Timeline'
import { formatDateTime } from '../i18n/dates'
import { link } from '../navigation'
import { caseFacts } from '../tasks/caseContext'
import { DecisionInstances } from './DecisionInstances'
import { DiagramViewer } from './DiagramViewer'
import { MigrateButton } from './Migration'
import { ModifyButton } from './Modification'
import {
  cancelWith, diagramMarkers, formatVariableValue, isFinished, parseVariableValue, retryOutcome, variableNameError, type DiagramMarker, type ElementStatistics,
  type ParsedValue, type ProcessInstance, type RetryOutcome,
} from './operations'

interface Incident {
  incidentKey: string
  errorType: string
  errorMessage: string
  elementId: string
  elementInstanceKey: string
  creationTime: string
  jobKey?: string | null
}

interface FollowedRetry {
  elementInstanceKey: string
  element: string
  outcome: RetryOutcome
  message?: string
}

interface Variable {
  variableKey: string
  name: string
  value: string
  scopeKey: string
  isTruncated?: boolean
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** A value check's outcome in the user's language. */
function valueError(parsed: ParsedValue | undefined, t: (key: string, options?: Record<string, unknown>) => string): string | undefined {
  if (!parsed || parsed.ok) return undefined
  return parsed.error === 'required' ? t('variables.required') : t('variables.notJson', { detail: parsed.detail ?? '' })
}

/**
 * A new variable on the instance: a name not in use and a JSON value, both checked as typed. Names added here count as in
 * use at once, before the refresh lists them; while one is being saved the button is off (a double click saves it once).
 */
function AddVariable({ instanceKey, existing, onSaved }: { instanceKey: string; existing: string[]; onSaved: (name: string) => void }) {
  const { t } = useTranslation('operations')
  const [name, setName] = useState('')
  const [value, setValue] = useState('')
  const [added, setAdded] = useState<string[]>([])
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const busy = useRef(false)
  const nameProblem = variableNameError(name, [...existing, ...added])
  const parsed = parseVariableValue(value)
  const nameMessage = nameProblem === 'required' ? t('variables.nameRequired') : nameProblem === 'invalid' ? t('variables.nameInvalid')
    : nameProblem === 'exists' ? t('variables.nameExists', { name }) : undefined

  async function add(event: FormEvent) {
    event.preventDefault()
    setTouched(true)
    if (nameProblem || !parsed.ok || busy.current) return
    busy.current = true
    setSaving(true)
    try {
      await call('PUT', `/v2/element-instances/${instanceKey}/variables`, { variables: { [name]: JSON.parse(parsed.json) }, local: true })
      setAdded((before) => [...before, name])
      setName('')
      setValue('')
      setTouched(false)
      setError(undefined)
      onSaved(name)
    } catch (e) {
      setError(message(e))
    } finally {
      busy.current = false
      setSaving(false)
    }
  }

  return (
    <form className="add-variable" onSubmit={(e) => void add(e)} aria-label={t('variables.addTitle')} noValidate>
      <label>{t('variables.newName')}
        <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={touched && !!nameMessage} />
      </label>
      {touched && nameMessage && <p className="field-error" role="alert">{nameMessage}</p>}
      <label>{t('variables.newValue')}
        <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={2} aria-invalid={touched && !parsed.ok} />
      </label>
      {touched && !parsed.ok && <p className="field-error" role="alert">{valueError(parsed, t)}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit" disabled={saving}>{t('variables.add')}</button>
    </form>
  )
}

/**
 * One variable: its value, and an editor that accepts JSON only. A long value comes cut short from the search; the whole
 * of it is loaded (by key) to show it all or to edit it.
 */
function VariableRow({ variable: searched, instanceKey, editable, onSaved }: { variable: Variable; instanceKey: string; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation('operations')
  const [whole, setWhole] = useState<Variable>()
  const [editing, setEditing] = useState<string>()
  const [error, setError] = useState<string>()
  const variable = whole?.variableKey === searched.variableKey ? whole : searched
  const parsed = editing === undefined ? undefined : parseVariableValue(editing)

  async function loadWhole(): Promise<Variable | undefined> {
    try {
      const loaded = await call<Variable>('GET', `/v2/variables/${variable.variableKey}`)
      setWhole(loaded)
      return loaded
    } catch (e) {
      setError(message(e))
      return undefined
    }
  }

  async function edit() {
    const full = variable.isTruncated ? await loadWhole() : variable
    if (full) setEditing(formatVariableValue(full.value))
  }

  async function save() {
    if (!parsed?.ok) return
    try {
      await call('PUT', `/v2/element-instances/${variable.scopeKey}/variables`, { variables: { [variable.name]: JSON.parse(parsed.json) }, local: true })
      setEditing(undefined)
      setError(undefined)
      onSaved()
    } catch (e) {
      setError(message(e))
    }
  }

  return (
    <tr>
      <th scope="row">{variable.name}</th>
      <td>
        {editing === undefined
          ? (
            <>
              <pre tabIndex={0}>{variable.isTruncated ? `${variable.value}…` : formatVariableValue(variable.value)}</pre>
              {variable.isTruncated && <button className="link" onClick={() => void loadWhole()}>{t('variables.showAll', { name: variable.name })}</button>}
              {error && <p className="field-error" role="alert">{error}</p>}
            </>
          )
          : (
            <>
              <textarea aria-label={t('variables.valueOf', { name: variable.name })} value={editing} onChange={(e) => setEditing(e.target.value)} rows={Math.min(10, editing.split('\n').length + 1)} />
              {parsed && !parsed.ok && <p className="field-error" role="alert">{valueError(parsed, t)}</p>}
              {error && <p className="field-error" role="alert">{error}</p>}
            </>
          )}
      </td>
      <td>{variable.scopeKey === instanceKey ? t('variables.instanceScope') : <small>{variable.scopeKey}</small>}</td>
      <td className="row-actions">
        {editable && (editing === undefined
          ? <button onClick={() => void edit()} aria-label={t('variables.editLabel', { name: variable.name })}>{t('variables.edit')}</button>
          : (
            <>
              <button onClick={() => void save()} disabled={!parsed?.ok}>{t('variables.save')}</button>
              <button onClick={() => { setEditing(undefined); setError(undefined) }}>{t('variables.cancel')}</button>
            </>
          ))}
      </td>
    </tr>
  )
}

/**
 * One instance: the diagram marked with where it is (active, done, incidents, with counts), its case facts, incidents
 * with Retry (followed until the job succeeds or fails again), the decisions it evaluated (inputs, matched rules), its
 * variables (view, edit, add), its history, Migrate, Modify and Cancel (for an instance a call activity started, a link to its
 * caller instead) — no changes once it has ended. Refreshes every few seconds while it runs.
 */
export function InstanceDetail({ processInstanceKey }: { processInstanceKey: string }) {
  const { t } = useTranslation('operations')
  const [elementNames, setElementNames] = useState<Map<string, string>>(new Map())
  const [follow, setFollow] = useState<FollowedRetry>()
  const [instance, setInstance] = useState<ProcessInstance>()
  const [xml, setXml] = useState<string>()
  const lastStatistics = useRef('')
  const [markers, setMarkers] = useState<DiagramMarker[]>([])
  const [incidents, setIncidents] = useState<Incident[]>([])
  const [variables, setVariables] = useState<Variable[]>([])
  const [version, setVersion] = useState(0)
  const [confirmCancel, setConfirmCancel] = useState(false)
  const [error, setError] = useState<string>()
  const [notice, setNotice] = useState<string>()

  // Refreshes overlap: the poll, a retry's, a change's.
  const refreshes = useRef(new AnswerOrder())

  const refresh = useCallback(async () => {
    const request = refreshes.current.start()
    try {
      const [found, stats, open, vars, elements] = await Promise.all([
        call<ProcessInstance>('GET', `/v2/process-instances/${processInstanceKey}`),
        call<ElementStatistics[]>('GET', `/api/process-instances/${processInstanceKey}/statistics`),
        call<{ items: Incident[] }>('POST', '/v2/incidents/search', { filter: { processInstanceKey, state: 'ACTIVE' }, page: { limit: 100 } }),
        call<{ items: Variable[] }>('POST', '/v2/variables/search', { filter: { processInstanceKey }, sort: [{ field: 'name', order: 'ASC' }], page: { limit: 1000 } }),
        call<{ items: { elementId: string; elementName: string }[] }>('POST', '/v2/element-instances/search', { filter: { processInstanceKey }, page: { limit: 1000 } }),
      ])
      if (!refreshes.current.show(request)) return
      setElementNames(new Map(elements.items.map((e) => [e.elementId, e.elementName])))
      setInstance(found)
      // The diagram is redrawn only when the counts change, so a refresh keeps the user's pan and zoom.
      if (JSON.stringify(stats) !== lastStatistics.current) {
        lastStatistics.current = JSON.stringify(stats)
        setMarkers(diagramMarkers(stats))
      }
      setIncidents(open.items)
      setVariables(vars.items)
      setVersion((v) => v + 1)
      setError(undefined)
    } catch (e) {
      if (refreshes.current.current(request)) setError(message(e))
    }
  }, [processInstanceKey])

  useEffect(() => {
    void refresh()
  }, [refresh])

  useEffect(() => {
    if (instance?.state !== 'ACTIVE') return
    const timer = setInterval(() => void refresh(), 5000)
    return () => clearInterval(timer)
  }, [instance?.state, refresh])

  useEffect(() => {
    if (!instance) return
    text(`/v2/process-definitions/${instance.processDefinitionKey}/xml`).then(setXml, (e) => setError(message(e)))
  }, [instance?.processDefinitionKey])

  const elementName = (elementId: string) => elementNames.get(elementId) ?? elementId

  async function retry(incident: Incident) {
    try {
      if (incident.jobKey) await call('PATCH', `/v2/jobs/${incident.jobKey}`, { changeset: { retries: 1 } })
      await call('POST', `/v2/incidents/${incident.incidentKey}/resolution`, {})
      setNotice(undefined)
      setFollow({ elementInstanceKey: incident.elementInstanceKey, element: elementName(incident.elementId), outcome: 'retrying' })
    } catch (e) {
      setError(message(e))
    }
    await refresh()
  }

  // A retry is followed until its element moves on or an incident comes back there, so the outcome shown is the real one.
  useEffect(() => {
    if (follow?.outcome !== 'retrying') return
    const timer = setInterval(async () => {
      try {
        const [element, open] = await Promise.all([
          call<{ state: string }>('GET', `/v2/element-instances/${follow.elementInstanceKey}`),
          call<{ items: Incident[] }>('POST', '/v2/incidents/search', { filter: { elementInstanceKey: follow.elementInstanceKey, state: 'ACTIVE' }, page: { limit: 1 } }),
        ])
        const outcome = retryOutcome({ elementActive: element.state === 'ACTIVE', openIncidentOnElement: open.items.length > 0 })
        if (outcome !== 'retrying') {
          setFollow({ ...follow, outcome, message: open.items[0]?.errorMessage })
          void refresh()
        }
      } catch (e) {
        setError(message(e))
      }
    }, 1000)
    return () => clearInterval(timer)
  }, [follow, refresh])

  async function cancel() {
    setConfirmCancel(false)
    try {
      await call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`, {})
      setNotice(t('detail.canceled'))
    } catch (e) {
      setError(message(e))
    }
    await refresh()
  }

  const values = Object.fromEntries(variables.filter((v) => v.scopeKey === processInstanceKey).map((v) => {
    try {
      return [v.name, JSON.parse(v.value)]
    } catch {
      return [v.name, v.value]
    }
  }))
  const facts = caseFacts(values)

  const finished = instance ? isFinished(instance.state) : true
  const caller = instance ? cancelWith(instance) : undefined
  const stateLabel = (state: string) => t(`states.${state}`, { defaultValue: state })

  return (
    <main className="operations instance">
      <p><a href={link('operations')}>{t('detail.back')}</a></p>
      {error && <p role="alert">{error}</p>}
      {instance && (
        <header className="instance-header">
          <div>
            <h1>{instance.processDefinitionName} <small>{t('detail.version', { version: instance.processDefinitionVersion })}</small></h1>
            <p>
              {facts.businessKey && <><strong>{t('detail.businessKey', { key: facts.businessKey })}</strong>{' · '}</>}
              {facts.customer && <>{facts.customer}{' · '}</>}
              <span className={`state ${instance.state.toLowerCase()}`}>{stateLabel(instance.state)}</span>
              {instance.hasIncident && <span className="state incident">{t('states.incident')}</span>}
              {' · '}{t('detail.started', { date: formatDateTime(instance.startDate) })}
              {instance.endDate && <> · {t('detail.ended', { date: formatDateTime(instance.endDate) })}</>}
              {' · '}<small>{t('detail.summary', { key: instance.processInstanceKey })}</small>
            </p>
          </div>
          {!finished && (
            <div className="instance-repair">
              <MigrateButton instance={instance} onMigrated={(v) => { setNotice(t('migration.done', { version: v })); void refresh() }} />
              <ModifyButton instance={instance} onModified={() => { setNotice(t('modification.done')); void refresh() }} />
            </div>
          )}
          {!finished && caller && (
            <p className="called-by">
              {t('detail.calledBy')} <a href={link('operations', caller)}>{t('detail.openCaller', { key: caller })}</a>
            </p>
          )}
          {!finished && !caller && (confirmCancel
            ? (
              <div className="confirm" role="group" aria-label={t('detail.confirmLabel')}>
                <span>{t('detail.confirmCancel')}</span>
                <button className="danger" onClick={() => void cancel()}>{t('detail.confirmCancelYes')}</button>
                <button onClick={() => setConfirmCancel(false)}>{t('detail.keep')}</button>
              </div>
            )
            : <button className="danger" onClick={() => setConfirmCancel(true)}>{t('detail.cancel')}</button>)}
        </header>
      )}
      {instance && finished && <p className="notice" role="status">{t('detail.finished')}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {follow && (
        <p className={`notice retry-${follow.outcome}`} role="status" data-testid="retry-outcome">
          {follow.outcome === 'retrying' && t('incidents.retrying', { element: follow.element })}
          {follow.outcome === 'succeeded' && t('incidents.succeeded', { element: follow.element })}
          {follow.outcome === 'failedAgain' && t('incidents.failedAgain', { element: follow.element, message: follow.message ?? '' })}
        </p>
      )}
      {xml && <DiagramViewer xml={xml} markers={markers} />}
      <p className="legend">
        <span className="op-badge active">n</span> {t('legend.active')} <span className="op-badge completed">n</span> {t('legend.completed')}
        <span className="op-badge incident">n</span> {t('legend.incidents')} <span className="op-badge terminated">n</span> {t('legend.canceled')}
      </p>
      <section aria-label={t('incidents.title')}>
        <h2>{t('incidents.title')}</h2>
        {incidents.length === 0
          ? <p className="empty">{t('incidents.none')}</p>
          : (
            <div className="table-scroll">
              <table className="stack">
                <thead><tr><th>{t('incidents.element')}</th><th>{t('incidents.type')}</th><th>{t('incidents.message')}</th><th>{t('incidents.since')}</th><th /></tr></thead>
                <tbody>
                  {incidents.map((i) => (
                    <tr key={i.incidentKey}>
                      <td data-label={t('incidents.element')} title={i.elementId}>{elementName(i.elementId)}</td>
                      <td data-label={t('incidents.type')}>{i.errorType}</td>
                      <td data-label={t('incidents.message')}>{i.errorMessage}</td>
                      <td data-label={t('incidents.since')}>{formatDateTime(i.creationTime)}</td>
                      <td>{!finished && <button onClick={() => void retry(i)}>{t('incidents.retry')}</button>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>
      <DecisionInstances processInstanceKey={processInstanceKey} version={version} />
      <div className="instance-columns">
        <section aria-label={t('variables.title')}>
          <h2>{t('variables.title')}</h2>
          <div className="table-scroll">
            <table className="variables">
              <thead><tr><th>{t('variables.name')}</th><th>{t('variables.value')}</th><th>{t('variables.scope')}</th><th /></tr></thead>
              <tbody>
                {variables.map((v) => (
                  <VariableRow key={v.variableKey} variable={v} instanceKey={processInstanceKey} editable={!finished} onSaved={() => void refresh()} />
                ))}
              </tbody>
            </table>
          </div>
          {!finished && (
            <AddVariable
              key={processInstanceKey}
              instanceKey={processInstanceKey}
              existing={variables.filter((v) => v.scopeKey === processInstanceKey).map((v) => v.name)}
              onSaved={(name) => { setNotice(t('variables.added', { name })); void refresh() }}
            />
          )}
        </section>
        <Timeline processInstanceKey={processInstanceKey} version={version} />
      </div>
    </main>
  )
}
