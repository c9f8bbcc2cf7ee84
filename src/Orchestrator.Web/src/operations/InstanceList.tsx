import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { call } from '../api'
import { link } from '../navigation'
import { instanceSearch, noInstanceFilters, type InstanceFilters, type InstanceState, type ProcessInstance } from './operations'

interface Definition {
  processDefinitionId: string
  version: number
}

const pageSize = 50

/** Instances with filters (process, version, state, business key, incidents, started between), newest first, paged. */
export function InstanceList() {
  const [draft, setDraft] = useState<InstanceFilters>(noInstanceFilters)
  const [filters, setFilters] = useState<InstanceFilters>(noInstanceFilters)
  const [from, setFrom] = useState(0)
  const [result, setResult] = useState<{ items: ProcessInstance[]; total: number }>()
  const [definitions, setDefinitions] = useState<Definition[]>([])
  const [error, setError] = useState<string>()

  useEffect(() => {
    call<{ items: Definition[] }>('POST', '/v2/process-definitions/search', { page: { limit: 1000 } })
      .then((r) => setDefinitions(r.items), (e) => setError(e instanceof Error ? e.message : String(e)))
  }, [])

  const load = useCallback(async () => {
    try {
      const page = await call<{ items: ProcessInstance[]; page: { totalItems: number } }>('POST', '/v2/process-instances/search', instanceSearch(filters, { from, limit: pageSize }))
      setResult({ items: page.items, total: page.page.totalItems })
      setError(undefined)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }, [filters, from])

  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), 10000)
    return () => clearInterval(timer)
  }, [load])

  function search(event: FormEvent) {
    event.preventDefault()
    setFilters(draft)
    setFrom(0)
  }

  const processes = [...new Set(definitions.map((d) => d.processDefinitionId))].sort()
  const versions = definitions.filter((d) => d.processDefinitionId === draft.process).map((d) => d.version).sort((a, b) => b - a)
  const set = (change: Partial<InstanceFilters>) => setDraft({ ...draft, ...change })

  return (
    <main className="operations">
      <h1>Process instances</h1>
      <form className="instance-filters" onSubmit={search} aria-label="Instance filters">
        <label>Process
          <select value={draft.process} onChange={(e) => set({ process: e.target.value, version: '' })}>
            <option value="">All</option>
            {processes.map((p) => <option key={p}>{p}</option>)}
          </select>
        </label>
        <label>Version
          <select value={draft.version} onChange={(e) => set({ version: e.target.value })} disabled={!draft.process}>
            <option value="">All</option>
            {versions.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <label>State
          <select value={draft.state} onChange={(e) => set({ state: e.target.value as InstanceState })}>
            <option value="">All</option>
            <option value="ACTIVE">Active</option>
            <option value="COMPLETED">Completed</option>
            <option value="TERMINATED">Canceled</option>
          </select>
        </label>
        <label>Business key
          <input value={draft.businessKey} onChange={(e) => set({ businessKey: e.target.value })} placeholder="order, complaint or case id" />
        </label>
        <label>Started from
          <input type="datetime-local" value={draft.startedFrom} onChange={(e) => set({ startedFrom: e.target.value })} />
        </label>
        <label>Started to
          <input type="datetime-local" value={draft.startedTo} onChange={(e) => set({ startedTo: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.incidentsOnly} onChange={(e) => set({ incidentsOnly: e.target.checked })} /> With incidents only
        </label>
        <button type="submit">Search</button>
        <button type="button" onClick={() => { setDraft(noInstanceFilters); setFilters(noInstanceFilters); setFrom(0) }}>Clear</button>
      </form>
      {error && <p role="alert">{error}</p>}
      <table aria-label="Process instances">
        <thead><tr><th>Instance</th><th>Process</th><th>Version</th><th>State</th><th>Started</th><th>Ended</th></tr></thead>
        <tbody>
          {result?.items.map((i) => (
            <tr key={i.processInstanceKey}>
              <td><a href={link('operations', i.processInstanceKey)}>{i.processInstanceKey}</a></td>
              <td>{i.processDefinitionName}</td>
              <td>{i.processDefinitionVersion}</td>
              <td>
                <span className={`state ${i.state.toLowerCase()}`}>{i.state}</span>
                {i.hasIncident && <span className="state incident">incident</span>}
              </td>
              <td>{new Date(i.startDate).toLocaleString()}</td>
              <td>{i.endDate ? new Date(i.endDate).toLocaleString() : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result && (
        <nav className="pager" aria-label="Pages">
          <span>{result.total === 0 ? 'No instances match.' : `${from + 1}–${from + result.items.length} of ${result.total}`}</span>
          <button onClick={() => setFrom(Math.max(0, from - pageSize))} disabled={from === 0}>Previous</button>
          <button onClick={() => setFrom(from + pageSize)} disabled={from + pageSize >= result.total}>Next</button>
        </nav>
      )}
    </main>
  )
}
