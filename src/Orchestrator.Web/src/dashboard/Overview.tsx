import { useCallback, useEffect, useState } from 'react'
import { Bar } from 'react-chartjs-2'
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip, type ChartOptions } from 'chart.js'
import { call, type Me } from '../api'
import { formatMinutes } from '../format'
import { link, pagesFor } from '../navigation'
import {
  backlogChart, casesChart, firstContactText, headline, percent, recentBreaches, slaChart, tierChart, tiers,
  type DashboardData, type SlaEvent,
} from './dashboard'
import './dashboard.css'

Chart.register(BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip)

const refreshMs = 10000

const options = (title: string, stacked = false): ChartOptions<'bar'> => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
  scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
})

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="figure" role="group" aria-label={label}>
      <span className="value">{value}</span>
      <span className="label">{label}</span>
      {note && <span className="note">{note}</span>}
    </div>
  )
}

const minutes = (value?: number | null) => (value === null || value === undefined ? '—' : formatMinutes(value))

/**
 * The overview: what managers and operators read every morning: headline figures, cases and SLAs per process, the complaint
 * tiers (user tasks with a tier in their model), the backlog per group by age, and the latest SLA breaches. Charts (Chart.js) with the same numbers in
 * tables beside them. Refreshes every few seconds.
 */
export function Overview({ me }: { me: Me }) {
  const [data, setData] = useState<DashboardData>()
  const [breaches, setBreaches] = useState<SlaEvent[]>([])
  const [error, setError] = useState<string>()

  const refresh = useCallback(async () => {
    try {
      const [figures, events] = await Promise.all([
        call<DashboardData>('GET', '/api/dashboard'),
        call<{ items: SlaEvent[] }>('POST', '/api/sla/events/search', { filter: { event: 'BREACHED' }, sort: [{ field: 'at', order: 'DESC' }], page: { limit: 10 } }),
      ])
      setData(figures)
      setBreaches(events.items)
      setError(undefined)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }, [])

  useEffect(() => {
    void refresh()
    const timer = setInterval(() => void refresh(), refreshMs)
    return () => clearInterval(timer)
  }, [refresh])

  const canOpen = pagesFor(me.roles).includes('operations')
  const top = data && headline(data)
  return (
    <>
      <div className="toolbar">
        {data && <span className="generated">as of {new Date(data.generatedAt).toLocaleString()}</span>}
        <button onClick={() => void refresh()}>Refresh</button>
      </div>
      {error && <p role="alert">{error}</p>}
      {data && top && (
        <>
          <section className="figures" aria-label="Headline figures">
            <Figure label="Open cases" value={String(top.open)} />
            <Figure label="Closed cases" value={String(top.closed)} />
            <Figure label="SLA compliance" value={percent(top.compliancePercent)} />
            <Figure label="SLA breaches" value={String(top.breaches)} />
            <Figure label="Open tasks" value={String(top.backlog)} />
            <Figure label="CSAT" value={top.csatAverage === null ? '—' : `${top.csatAverage.toFixed(1)} / 5`} note={`${top.csatResponses} answers`} />
            <Figure label="First-contact resolution" value={percent(top.firstContactResolutionPercent)} note="of the resolved cases" />
          </section>

          <section className="panel" aria-label="Processes">
            <h2>Processes</h2>
            <div className="charts">
              <div className="chart"><Bar aria-label="Open and closed cases per process" role="img" data={casesChart(data.processes)} options={options('Open and closed cases')} /></div>
              <div className="chart"><Bar aria-label="SLAs met and breached per process" role="img" data={slaChart(data.processes)} options={options('SLAs met and breached', true)} /></div>
            </div>
            <table aria-label="Figures per process">
              <thead>
                <tr><th>Process</th><th>Open</th><th>Closed</th><th>SLA compliance</th><th>Breaches</th><th>First response</th><th>Handling time</th><th>CSAT</th></tr>
              </thead>
              <tbody>
                {data.processes.map((p) => (
                  <tr key={p.processDefinitionId}>
                    <th scope="row">{p.processDefinitionId}</th>
                    <td>{p.open}</td>
                    <td>{p.closed}</td>
                    <td>{percent(p.slaCompliancePercent)}</td>
                    <td>{p.slaBreached}</td>
                    <td>{minutes(p.averageFirstResponseMinutes)}</td>
                    <td>{minutes(p.averageHandlingMinutes)}</td>
                    <td>{p.csatAverage === null || p.csatAverage === undefined ? '—' : `${p.csatAverage} (${p.csatResponses})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <div className="columns">
            <section className="panel" aria-label="Tiers">
              <h2>Tiers</h2>
              <div className="chart"><Bar aria-label="Open tasks and breaches per tier" role="img" data={tierChart(data)} options={options('Open and breached per tier')} /></div>
              <table aria-label="Figures per tier">
                <thead><tr><th>Tier</th><th>Open</th><th>Met</th><th>Breached</th><th>SLA compliance</th></tr></thead>
                <tbody>
                  {tiers(data).map((t) => (
                    <tr key={t.tier}>
                      <th scope="row">{t.label}</th><td>{t.open}</td><td>{t.slaMet}</td><td>{t.slaBreached}</td><td>{percent(t.slaCompliancePercent)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>First-contact resolution: {firstContactText(data.firstContact)}</p>
            </section>

            <section className="panel" aria-label="Backlog">
              <h2>Backlog by group</h2>
              {data.backlog.length === 0
                ? <p className="empty">No open tasks.</p>
                : (
                  <>
                    <div className="chart"><Bar aria-label="Open tasks per group by age" role="img" data={backlogChart(data.backlog)} options={options('Open tasks by age', true)} /></div>
                    <table aria-label="Backlog per group">
                      <thead><tr><th>Group</th><th>Open</th><th>Oldest</th></tr></thead>
                      <tbody>
                        {data.backlog.map((g) => <tr key={g.group}><th scope="row">{g.group}</th><td>{g.open}</td><td>{formatMinutes(g.oldestMinutes)}</td></tr>)}
                      </tbody>
                    </table>
                  </>
                )}
            </section>
          </div>

          <section className="panel" aria-label="Recent SLA breaches">
            <h2>Recent SLA breaches</h2>
            {breaches.length === 0
              ? <p className="empty">No SLA has been breached.</p>
              : (
                <table aria-label="SLA breaches">
                  <thead><tr><th>Due</th><th>Process</th><th>What</th><th>Instance</th></tr></thead>
                  <tbody>
                    {recentBreaches(breaches).map((b) => (
                      <tr key={b.eventKey}>
                        <td>{new Date(b.dueDate).toLocaleString()}</td>
                        <td>{b.processDefinitionId}</td>
                        <td>{b.what}</td>
                        <td>{canOpen ? <a href={link('operations', b.processInstanceKey)}>{b.processInstanceKey}</a> : b.processInstanceKey}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
          </section>
        </>
      )}
    </>
  )
}
