import { useEffect, useId, useState, type ReactNode } from 'react'
import { call } from '../api'
import { link } from '../navigation'
import type { Filters } from './dashboard'
import { reportAddresses, sections, type DayRange, type Period, type Section } from './reports'
import { useWords } from './useWords'

/** Process ids and groups seen in the figures, offered as suggestions in the filters. */
export interface Known {
  processes: string[]
  groups: string[]
}

export interface ReportProps {
  by: string
  period: Period
  onPeriod: (period: Period) => void
  filters: Filters
  onFilters: (filters: Filters) => void
  known: Known
}

/** A report's JSON for this address, fetched again when it changes; undefined while it loads. */
export function useReport<T>(url: string | undefined, version = 0): { data?: T; error?: string } | undefined {
  const [answer, setAnswer] = useState<{ url: string; version: number; data?: T; error?: string }>()
  useEffect(() => {
    if (url === undefined) return
    let current = true
    call<T>('GET', url).then(
      (data) => current && setAnswer({ url, version, data }),
      (e) => current && setAnswer({ url, version, error: e instanceof Error ? e.message : String(e) }),
    )
    return () => { current = false }
  }, [url, version])
  // While a refresh of the same address loads, the last answer stays on screen.
  return answer?.url === url ? answer : undefined
}

/** A text filter with suggestions; an empty value means every value. */
function FilterInput({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  const { t } = useWords()
  const id = useId()
  return (
    <span className="field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input id={`${id}-input`} type="search" value={value} placeholder={t('controls.any')} list={options.length > 0 ? `${id}-list` : undefined}
        onChange={(e) => onChange(e.target.value)} />
      {options.length > 0 && <datalist id={`${id}-list`}>{options.map((o) => <option key={o} value={o} />)}</datalist>}
    </span>
  )
}

/**
 * The controls of a dashboard section: the breakdown (its own address; not on the overview), the date range, the process,
 * group and channel filters, Refresh, and the CSV download of a report.
 */
export function ReportControls({ section, by, period, onPeriod, filters, onFilters, known, csv, allTime }: ReportProps & {
  section: Section
  csv?: string
  /** Empty dates mean all time (the overview) rather than an incomplete range. */
  allTime?: boolean
}) {
  const { t } = useWords()
  const choices = sections.find((s) => s.section === section)?.by ?? []
  // A label beside the list, not around it: around it, the options' text would be part of the list's name.
  const byId = useId()
  const setRange = (change: Partial<DayRange>) => onPeriod({ range: { ...period.range, ...change }, asOf: new Date() })
  const filtered = filters.process !== '' || filters.group !== '' || filters.channel !== ''
  return (
    <div className="report-controls" role="group" aria-label={t('controls.label')}>
      {choices.length > 0 && (
        <span className="field">
          <label htmlFor={byId}>{t('controls.by')}</label>
          <select id={byId} value={by} onChange={(e) => { window.location.hash = link('dashboard', section, e.target.value) }}>
            {choices.map((b) => <option key={b} value={b}>{t(`by.${b}`)}</option>)}
          </select>
        </span>
      )}
      <label>{t('controls.from')}
        <input type="date" value={period.range.from} onChange={(e) => setRange({ from: e.target.value })} />
      </label>
      <label>{t('controls.to')}
        <input type="date" value={period.range.to} onChange={(e) => setRange({ to: e.target.value })} />
      </label>
      <FilterInput label={t('controls.process')} value={filters.process} options={known.processes} onChange={(process) => onFilters({ ...filters, process })} />
      <FilterInput label={t('controls.group')} value={filters.group} options={known.groups} onChange={(group) => onFilters({ ...filters, group })} />
      <FilterInput label={t('controls.channel')} value={filters.channel} options={[]} onChange={(channel) => onFilters({ ...filters, channel })} />
      <span className="actions">
        <button type="button" onClick={() => onPeriod({ ...period, asOf: new Date() })}>{t('controls.refresh')}</button>
        {filtered && <button type="button" onClick={() => onFilters({ process: '', group: '', channel: '' })}>{t('controls.clear')}</button>}
        {csv && <a className="download" href={csv} download>{t('controls.downloadCsv')}</a>}
      </span>
      {allTime && period.range.from === '' && period.range.to === '' && <p className="note hint">{t('controls.allTime')}</p>}
    </div>
  )
}

/**
 * A report page: its controls, then what `children` make of the report's JSON (`GET <path>?from&to&by` with the filters,
 * plus `extra` parameters), or why there is none yet (loading, a refused range, the API's error).
 */
export function ReportFrame<T>({ section, path, extra, children, ...props }: ReportProps & {
  section: Section
  path: string
  extra?: Record<string, string>
  children: (report: T) => ReactNode
}) {
  const { t } = useWords()
  const addresses = reportAddresses(path, props.by, props.period, props.filters, extra)
  const report = useReport<T>(addresses.json)
  return (
    <>
      <ReportControls section={section} csv={addresses.csv} {...props} />
      {addresses.error && <p role="alert">{t(`controls.${addresses.error}`)}</p>}
      {report?.error && <p role="alert">{report.error}</p>}
      {addresses.json && !report && <p className="loading">{t('loading')}</p>}
      {report?.data && children(report.data)}
    </>
  )
}
