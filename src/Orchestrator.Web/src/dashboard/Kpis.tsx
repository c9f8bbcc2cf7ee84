import { Line } from 'react-chartjs-2'
import { CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Title, Tooltip, type ChartOptions } from 'chart.js'
import { formatMinutes } from '../format'
import { ageBuckets } from './dashboard'
import { ReportFrame, type ReportProps } from './ReportControls'
import { FiguresTable } from './FiguresTable'
import { byLabels, kpiColumns, trendCharts, type KpiReport } from './reports'

Chart.register(LineElement, PointElement, CategoryScale, LinearScale, Legend, Title, Tooltip)

const lineOptions = (title: string, scale: { min?: number; max?: number }): ChartOptions<'line'> => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  spanGaps: false,
  plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
  scales: { y: scale },
})

/**
 * KPIs (`GET /api/kpis`) per agent, group, process or tier: every figure per row with the totals, the open backlog by
 * age, and the figures over time (a line chart each).
 */
export function Kpis(props: ReportProps) {
  return (
    <ReportFrame<KpiReport> section="kpis" path="/api/kpis" {...props}>
      {(data) => (
        <>
          <section className="panel" aria-label="KPIs">
            <h2>KPIs per {byLabels[data.by]?.toLowerCase() ?? data.by}</h2>
            {data.calendarNote && <p className="note">Handling time: {data.calendarNote}.</p>}
            <FiguresTable label={`KPIs per ${data.by}`} by={data.by} rows={data.rows} totals={data.totals} columns={kpiColumns} />
          </section>

          <section className="panel" aria-label="Trends">
            <h2>Over time</h2>
            {data.trend.length === 0
              ? <p className="empty">Nothing to draw in this range.</p>
              : (
                <div className="trends">
                  {trendCharts(data.trend).map((chart) => (
                    <div className="chart" key={chart.title}>
                      <Line aria-label={chart.title} role="img" data={chart.data} options={lineOptions(chart.title, chart.scale)} />
                    </div>
                  ))}
                </div>
              )}
          </section>

          <section className="panel" aria-label="Backlog now">
            <h2>Backlog now</h2>
            {data.backlog.length === 0
              ? <p className="empty">No open tasks.</p>
              : (
                <table aria-label="Open tasks per group by age">
                  <thead>
                    <tr><th scope="col">Group</th><th scope="col">Open</th><th scope="col">Oldest</th>{ageBuckets.map((b) => <th scope="col" key={b.key}>{b.label}</th>)}</tr>
                  </thead>
                  <tbody>
                    {data.backlog.map((g) => (
                      <tr key={g.group}>
                        <th scope="row">{g.group}</th>
                        <td>{g.open}</td>
                        <td>{formatMinutes(g.oldestMinutes)}</td>
                        {ageBuckets.map((b) => <td key={b.key}>{g.ageing[b.key]}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
          </section>
        </>
      )}
    </ReportFrame>
  )
}
