import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AnswerOrder } from '../answers'
import { call } from '../api'
import { formatDateTime } from '../i18n/dates'
import { link } from '../navigation'
import { caseFacts } from '../tasks/caseContext'
import { BatchMigration } from './BatchMigration'
import { BatchProgress } from './BatchProgress'
import { IncidentGroups } from './IncidentGroups'
import {
  caseVariableNames, filtersFromQuery, filtersToQuery, instanceFilter, instanceSearch, type InstanceFilters, type InstanceState, type ProcessInstance,
} from './operations'

interface Definition {
  processDefinitionId: string
  name?: string | null
  version: number
}

interface CaseLine {
  businessKey?: string
  customer?: string
}

type BatchKind = 'retry' | 'cancel'

const pageSize = 50
const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Each listed instance's business key and customer, from its process-level variables. */
async function caseLines(keys: string[]): Promise<Map<string, CaseLine>> {
  const lines = new Map<string, CaseLine>()
  if (keys.length === 0) return lines
  const found = await call<{ items: { name: string; value: string; scopeKey: string; processInstanceKey: string }[] }>('POST', '/v2/variables/search', {
    filter: { processInstanceKey: { $in: keys }, name: { $in: caseVariableNames } }, page: { limit: 1000 },
  })
  const values = new Map<string, Record<string, unknown>>()
  for (const v of found.items) {
    if (v.scopeKey !== v.processInstanceKey) continue
    const own = values.get(v.processInstanceKey) ?? {}
    try {
      own[v.name] = JSON.parse(v.value)
    } catch {
      own[v.name] = v.value
    }
    values.set(v.processInstanceKey, own)
  }
  for (const [key, own] of values) {
    const facts = caseFacts(own)
    lines.set(key, { businessKey: typeof own.businessKey === 'string' ? own.businessKey : facts.businessKey, customer: facts.customer })
  }
  return lines
}

/**
 * Instances with filters (process, version, state, business key prefix, incidents, started between) kept in the hash,
 * newest first, paged; every matching instance retried, canceled or migrated as one batch, its progress followed; open
 * incidents grouped by cause.
 */
export function InstanceList({ query }: { query: string }) {
  const { t } = useTranslation('operations')
  const filters = useMemo(() => filtersFromQuery(new URLSearchParams(query)), [query])
  const [draft, setDraft] = useState<InstanceFilters>(filters)
  const [from, setFrom] = useState(0)
  const [result, setResult] = useState<{ items: ProcessInstance[]; total: number }>()
  const [lines, setLines] = useState<Map<string, CaseLine>>(new Map())
  const [definitions, setDefinitions] = useState<Definition[]>([])
  const [confirm, setConfirm] = useState<{ kind: BatchKind; count: number }>()
  const [batch, setBatch] = useState<string>()
  const [ended, setEnded] = useState<string>()
  const [migrating, setMigrating] = useState(false)
  // The incident groups load again with every poll of the list and once a batch is done.
  const [version, setVersion] = useState(0)
  const [error, setError] = useState<string>()
  // Searches overlap: the poll, the load after a batch, and those of the filters or page the user moved on from; an older
  // answer never replaces a newer one.
  const loads = useRef(new AnswerOrder())

  useEffect(() => {
    setDraft(filters)
    setFrom(0)
  }, [filters])

  useEffect(() => {
    call<{ items: Definition[] }>('POST', '/v2/process-definitions/search', { page: { limit: 1000 } })
      .then((r) => setDefinitions(r.items), (e) => setError(message(e)))
  }, [])

  const load = useCallback(async () => {
    const request = loads.current.start()
    try {
      const page = await call<{ items: ProcessInstance[]; page: { totalItems: number } }>('POST', '/v2/process-instances/search', instanceSearch(filters, { from, limit: pageSize }))
      const found = await caseLines(page.items.map((i) => i.processInstanceKey))
      if (!loads.current.show(request)) return
      setResult({ items: page.items, total: page.page.totalItems })
      setLines(found)
      setError(undefined)
    } catch (e) {
      if (loads.current.current(request)) setError(message(e))
    }
  }, [filters, from])

  useEffect(() => {
    void load()
    const timer = setInterval(() => {
      void load()
      setVersion((v) => v + 1)
    }, 10000)
    return () => clearInterval(timer)
  }, [load])

  function search(event: FormEvent) {
    event.preventDefault()
    const next = filtersToQuery(draft)
    window.location.hash = `${link('operations')}${next ? `?${next}` : ''}`
  }

  /** The batch's filter: the list's, narrowed to the instances the action applies to (running ones; with an incident for a retry). */
  function batchFilter(kind: BatchKind): Record<string, unknown> {
    return { ...instanceFilter(filters), state: 'ACTIVE', ...(kind === 'retry' ? { hasIncident: true } : {}) }
  }

  async function ask(kind: BatchKind) {
    try {
      const count = filters.state && filters.state !== 'ACTIVE'
        ? 0
        : (await call<{ page: { totalItems: number } }>('POST', '/v2/process-instances/search', { filter: batchFilter(kind), page: { limit: 0 } })).page.totalItems
      setConfirm({ kind, count })
    } catch (e) {
      setError(message(e))
    }
  }

  async function run(kind: BatchKind) {
    setConfirm(undefined)
    try {
      const started = await call<{ batchOperationKey: string }>('POST', kind === 'retry' ? '/v2/process-instances/incident-resolution' : '/v2/process-instances/cancellation', {
        filter: batchFilter(kind),
      })
      setBatch(started.batchOperationKey)
    } catch (e) {
      setError(message(e))
    }
  }

  const processNames = useMemo(() => {
    const names = new Map<string, string>()
    for (const d of [...definitions].sort((a, b) => a.version - b.version)) names.set(d.processDefinitionId, d.name || d.processDefinitionId)
    return names
  }, [definitions])
  const processes = [...processNames.entries()].sort((a, b) => a[1].localeCompare(b[1]))
  const versions = definitions.filter((d) => d.processDefinitionId === draft.process).map((d) => d.version).sort((a, b) => b - a)
  const set = (change: Partial<InstanceFilters>) => setDraft({ ...draft, ...change })
  const stateLabel = (state: string) => t(`states.${state}`, { defaultValue: state })

  return (
    <main className="operations">
      <h1>{t('list.title')}</h1>
      <form className="instance-filters" onSubmit={search} aria-label={t('filters.label')}>
        <label>{t('filters.process')}
          <select value={draft.process} onChange={(e) => set({ process: e.target.value, version: '' })}>
            <option value="">{t('filters.all')}</option>
            {processes.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
        <label>{t('filters.version')}
          <select value={draft.version} onChange={(e) => set({ version: e.target.value })} disabled={!draft.process}>
            <option value="">{t('filters.all')}</option>
            {versions.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <label>{t('filters.state')}
          <select value={draft.state} onChange={(e) => set({ state: e.target.value as InstanceState })}>
            <option value="">{t('filters.all')}</option>
            <option value="ACTIVE">{stateLabel('ACTIVE')}</option>
            <option value="COMPLETED">{stateLabel('COMPLETED')}</option>
            <option value="TERMINATED">{stateLabel('TERMINATED')}</option>
          </select>
        </label>
        <label>{t('filters.businessKey')}
          <input value={draft.businessKey} onChange={(e) => set({ businessKey: e.target.value })} placeholder={t('filters.businessKeyHint')} />
        </label>
        <label>{t('filters.from')}
          <input type="datetime-local" value={draft.startedFrom} onChange={(e) => set({ startedFrom: e.target.value })} />
        </label>
        <label>{t('filters.to')}
          <input type="datetime-local" value={draft.startedTo} onChange={(e) => set({ startedTo: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.incidentsOnly} onChange={(e) => set({ incidentsOnly: e.target.checked })} /> {t('filters.incidentsOnly')}
        </label>
        <button type="submit">{t('filters.search')}</button>
        <button type="button" onClick={() => { window.location.hash = link('operations') }}>{t('filters.clear')}</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {result && result.total > 0 && !batch && (
        <section className="batch-actions" aria-label={t('batch.actions')}>
          <span>{t('batch.matching', { count: result.total })}</span>
          {confirm
            ? (
              <span className="confirm" role="group" aria-label={t('batch.confirm')}>
                <span>{confirm.kind === 'retry' ? t('batch.confirmRetry', { count: confirm.count }) : t('batch.confirmCancel', { count: confirm.count })}</span>
                <button className={confirm.kind === 'cancel' ? 'danger' : undefined} onClick={() => void run(confirm.kind)} disabled={confirm.count === 0}>
                  {t('batch.confirm')}
                </button>
                <button onClick={() => setConfirm(undefined)}>{t('batch.back')}</button>
              </span>
            )
            : (
              <>
                <button onClick={() => void ask('retry')}>{t('batch.retry')}</button>
                <button className="danger" onClick={() => void ask('cancel')}>{t('batch.cancel')}</button>
                <button
                  onClick={() => setMigrating(true)}
                  disabled={!filters.process || !filters.version}
                  title={!filters.process || !filters.version ? t('batch.migrateHint') : undefined}
                  aria-expanded={migrating}
                >
                  {t('batch.migrate')}
                </button>
              </>
            )}
        </section>
      )}
      {migrating && filters.process && filters.version && !batch && (
        <BatchMigration
          processId={filters.process}
          sourceVersion={Number(filters.version)}
          filter={{ ...instanceFilter(filters), state: 'ACTIVE' }}
          onStarted={(key) => { setMigrating(false); setBatch(key) }}
          onClose={() => setMigrating(false)}
        />
      )}
      {batch && (
        <BatchProgress
          key={batch}
          batchOperationKey={batch}
          onDone={(done) => { void load(); setVersion((v) => v + 1); setEnded(done) }}
          onClose={() => setBatch(undefined)}
        />
      )}
      <div className="table-scroll">
        <table className="stack" aria-label={t('list.tableLabel')}>
          <thead>
            <tr><th>{t('list.case')}</th><th>{t('list.process')}</th><th>{t('list.state')}</th><th>{t('list.started')}</th><th>{t('list.ended')}</th></tr>
          </thead>
          <tbody>
            {result?.items.map((i) => {
              const line = lines.get(i.processInstanceKey)
              return (
                <tr key={i.processInstanceKey} data-testid="instance-row">
                  <td data-label={t('list.case')}>
                    <a href={link('operations', i.processInstanceKey)} title={t('list.open', { key: i.processInstanceKey })}>
                      {line?.businessKey ?? t('list.noBusinessKey')}
                    </a>
                    {line?.customer && <><br /><small>{line.customer}</small></>}
                  </td>
                  <td data-label={t('list.process')} title={i.processDefinitionId}>
                    {i.processDefinitionName} <small>{t('detail.version', { version: i.processDefinitionVersion })}</small>
                  </td>
                  <td data-label={t('list.state')}>
                    <span className={`state ${i.state.toLowerCase()}`}>{stateLabel(i.state)}</span>
                    {i.hasIncident && <span className="state incident">{t('states.incident')}</span>}
                  </td>
                  <td data-label={t('list.started')}>{formatDateTime(i.startDate)}</td>
                  <td data-label={t('list.ended')}>{i.endDate ? formatDateTime(i.endDate) : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {result && (
        <nav className="pager" aria-label={t('list.pages')}>
          <span>{result.total === 0 ? t('list.none') : t('list.range', { from: from + 1, to: from + result.items.length, total: result.total })}</span>
          <button onClick={() => setFrom(Math.max(0, from - pageSize))} disabled={from === 0}>{t('list.previous')}</button>
          <button onClick={() => setFrom(from + pageSize)} disabled={from + pageSize >= result.total}>{t('list.next')}</button>
        </nav>
      )}
      <IncidentGroups processNames={processNames} version={version} running={batch === ended ? undefined : batch} onBatch={setBatch} />
    </main>
  )
}
