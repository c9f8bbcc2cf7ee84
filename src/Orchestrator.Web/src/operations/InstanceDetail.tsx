import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, text } from '../api'
import { Timeline } from '../history/Timeline'
import { link } from '../navigation'
import { caseFacts } from '../tasks/caseContext'
import { DecisionInstances } from './DecisionInstances'
import { DiagramViewer } from './DiagramViewer'
import { MigrateButton } from './Migration'
import { ModifyButton } from './Modification'
import { diagramMarkers, formatVariableValue, parseVariableValue, type DiagramMarker, type ElementStatistics, type ProcessInstance } from './operations'

interface Incident {
  incidentKey: string
  errorType: string
  errorMessage: string
  elementId: string
  creationTime: string
  jobKey?: string | null
}

interface Variable {
  variableKey: string
  name: string
  value: string
  scopeKey: string
  isTruncated?: boolean
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * One variable: its value, and an editor that accepts JSON only. A long value comes cut short from the search; the whole
 * of it is loaded (by key) to show it all or to edit it.
 */
function VariableRow({ variable: searched, instanceKey, onSaved }: { variable: Variable; instanceKey: string; onSaved: () => void }) {
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
              <pre>{variable.isTruncated ? `${variable.value}…` : formatVariableValue(variable.value)}</pre>
              {variable.isTruncated && <button className="link" onClick={() => void loadWhole()}>Show all of {variable.name}</button>}
              {error && <p className="field-error" role="alert">{error}</p>}
            </>
          )
          : (
            <>
              <textarea aria-label={`Value of ${variable.name}`} value={editing} onChange={(e) => setEditing(e.target.value)} rows={Math.min(10, editing.split('\n').length + 1)} />
              {parsed && !parsed.ok && <p className="field-error" role="alert">{parsed.error}</p>}
              {error && <p className="field-error" role="alert">{error}</p>}
            </>
          )}
      </td>
      <td>{variable.scopeKey === instanceKey ? 'instance' : variable.scopeKey}</td>
      <td className="row-actions">
        {editing === undefined
          ? <button onClick={() => void edit()} aria-label={`Edit ${variable.name}`}>Edit</button>
          : (
            <>
              <button onClick={() => void save()} disabled={!parsed?.ok}>Save</button>
              <button onClick={() => { setEditing(undefined); setError(undefined) }}>Cancel</button>
            </>
          )}
      </td>
    </tr>
  )
}

/**
 * One instance: the diagram marked with where it is (active, done, incidents, with counts), its case facts, incidents
 * with Retry, the decisions it evaluated (inputs, matched rules), its variables (view and edit), its history, and
 * Cancel. Refreshes every few seconds while it runs.
 */
export function InstanceDetail({ processInstanceKey }: { processInstanceKey: string }) {
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
  const { t } = useTranslation('operations')

  const refresh = useCallback(async () => {
    try {
      const [found, stats, open, vars] = await Promise.all([
        call<ProcessInstance>('GET', `/v2/process-instances/${processInstanceKey}`),
        call<ElementStatistics[]>('GET', `/api/process-instances/${processInstanceKey}/statistics`),
        call<{ items: Incident[] }>('POST', '/v2/incidents/search', { filter: { processInstanceKey, state: 'ACTIVE' }, page: { limit: 100 } }),
        call<{ items: Variable[] }>('POST', '/v2/variables/search', { filter: { processInstanceKey }, sort: [{ field: 'name', order: 'ASC' }], page: { limit: 1000 } }),
      ])
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
      setError(message(e))
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

  async function retry(incident: Incident) {
    try {
      if (incident.jobKey) await call('PATCH', `/v2/jobs/${incident.jobKey}`, { changeset: { retries: 1 } })
      await call('POST', `/v2/incidents/${incident.incidentKey}/resolution`, {})
      setNotice(`Incident at ${incident.elementId} resolved; the instance retries it.`)
    } catch (e) {
      setError(message(e))
    }
    await refresh()
  }

  async function cancel() {
    setConfirmCancel(false)
    try {
      await call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`, {})
      setNotice('Instance canceled.')
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

  return (
    <main className="operations instance">
      <p><a href={link('operations')}>← All instances</a></p>
      {error && <p role="alert">{error}</p>}
      {instance && (
        <header className="instance-header">
          <div>
            <h1>{instance.processDefinitionName} <small>version {instance.processDefinitionVersion}</small></h1>
            <p>
              Instance {instance.processInstanceKey} · <span className={`state ${instance.state.toLowerCase()}`}>{instance.state}</span>
              {instance.hasIncident && <span className="state incident">incident</span>}
              {' · '}started {new Date(instance.startDate).toLocaleString()}
              {instance.endDate && <> · ended {new Date(instance.endDate).toLocaleString()}</>}
              {facts.businessKey && <> · business key <strong>{facts.businessKey}</strong></>}
              {facts.customer && <> · {facts.customer}</>}
            </p>
          </div>
          {instance.state === 'ACTIVE' && (
            <div className="instance-repair">
              <MigrateButton instance={instance} onMigrated={(v) => { setNotice(t('migration.done', { version: v })); void refresh() }} />
              <ModifyButton instance={instance} onModified={() => { setNotice(t('modification.done')); void refresh() }} />
            </div>
          )}
          {instance.state === 'ACTIVE' && (confirmCancel
            ? (
              <div className="confirm" role="group" aria-label="Confirm cancel">
                <span>Cancel this instance? Its open tasks and jobs end.</span>
                <button className="danger" onClick={() => void cancel()}>Yes, cancel instance</button>
                <button onClick={() => setConfirmCancel(false)}>Keep it</button>
              </div>
            )
            : <button className="danger" onClick={() => setConfirmCancel(true)}>Cancel instance</button>)}
        </header>
      )}
      {notice && <p className="notice" role="status">{notice}</p>}
      {xml && <DiagramViewer xml={xml} markers={markers} />}
      <p className="legend">
        <span className="op-badge active">n</span> active <span className="op-badge completed">n</span> completed
        <span className="op-badge incident">n</span> incidents <span className="op-badge terminated">n</span> canceled
      </p>
      <section aria-label="Incidents">
        <h2>Incidents</h2>
        {incidents.length === 0
          ? <p className="empty">No open incidents.</p>
          : (
            <table>
              <thead><tr><th>Element</th><th>Type</th><th>Message</th><th>Since</th><th /></tr></thead>
              <tbody>
                {incidents.map((i) => (
                  <tr key={i.incidentKey}>
                    <td>{i.elementId}</td>
                    <td>{i.errorType}</td>
                    <td>{i.errorMessage}</td>
                    <td>{new Date(i.creationTime).toLocaleString()}</td>
                    <td><button onClick={() => void retry(i)}>Retry</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
      <DecisionInstances processInstanceKey={processInstanceKey} version={version} />
      <div className="instance-columns">
        <section aria-label="Variables">
          <h2>Variables</h2>
          <table className="variables">
            <thead><tr><th>Name</th><th>Value</th><th>Scope</th><th /></tr></thead>
            <tbody>
              {variables.map((v) => <VariableRow key={v.variableKey} variable={v} instanceKey={processInstanceKey} onSaved={() => void refresh()} />)}
            </tbody>
          </table>
        </section>
        <Timeline processInstanceKey={processInstanceKey} version={version} />
      </div>
    </main>
  )
}
