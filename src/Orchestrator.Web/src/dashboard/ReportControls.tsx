import { useEffect, useId, useState, type ReactNode } from 'react'
import { call } from '../api'
import { link } from '../navigation'
import { byLabels, reportAddresses, sections, type DayRange, type Period, type Section } from './reports'

export interface ReportProps {
  by: string
  period: Period
  onPeriod: (period: Period) => void
}

/** A report's JSON for this address, fetched again when it changes; undefined while it loads. */
function useReport<T>(url: string | undefined): { data?: T; error?: string } | undefined {
  const [answer, setAnswer] = useState<{ url: string; data?: T; error?: string }>()
  useEffect(() => {
    if (url === undefined) return
    let current = true
    call<T>('GET', url).then(
      (data) => current && setAnswer({ url, data }),
      (e) => current && setAnswer({ url, error: e instanceof Error ? e.message : String(e) }),
    )
    return () => { current = false }
  }, [url])
  return answer?.url === url ? answer : undefined
}

/** The breakdown (its own address), the date range, Refresh and the CSV download of a report. */
function ReportControls({ section, by, period, onPeriod, csv }: ReportProps & { section: Section; csv?: string }) {
  const choices = sections.find((s) => s.section === section)?.by ?? []
  // A label beside the list, not around it: around it, the options' text would be part of the list's name.
  const byId = useId()
  const setRange = (change: Partial<DayRange>) => onPeriod({ range: { ...period.range, ...change }, asOf: new Date() })
  return (
    <div className="report-controls">
      <span className="field">
        <label htmlFor={byId}>By</label>
        <select id={byId} value={by} onChange={(e) => { window.location.hash = link('dashboard', section, e.target.value) }}>
          {choices.map((b) => <option key={b} value={b}>{byLabels[b]}</option>)}
        </select>
      </span>
      <label>From
        <input type="date" value={period.range.from} onChange={(e) => setRange({ from: e.target.value })} />
      </label>
      <label>To
        <input type="date" value={period.range.to} onChange={(e) => setRange({ to: e.target.value })} />
      </label>
      <button onClick={() => onPeriod({ ...period, asOf: new Date() })}>Refresh</button>
      {csv && <a className="download" href={csv} download>Download CSV</a>}
    </div>
  )
}

/**
 * A report page: its controls, then what `children` make of the report's JSON (`GET <path>?from&to&by`, plus `extra`
 * parameters), or why there is none yet (loading, a refused range, the API's error).
 */
export function ReportFrame<T>({ section, path, extra, children, ...props }: ReportProps & {
  section: Section
  path: string
  extra?: Record<string, string>
  children: (report: T) => ReactNode
}) {
  const addresses = reportAddresses(path, props.by, props.period, extra)
  const report = useReport<T>(addresses.json)
  return (
    <>
      <ReportControls section={section} csv={addresses.csv} {...props} />
      {addresses.error && <p role="alert">{addresses.error}</p>}
      {report?.error && <p role="alert">{report.error}</p>}
      {addresses.json && !report && <p className="loading">Loading…</p>}
      {report?.data && children(report.data)}
    </>
  )
}
