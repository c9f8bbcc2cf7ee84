import { useEffect, useState } from 'react'
import { Bar } from 'react-chartjs-2'
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip, type ChartOptions } from 'chart.js'
import { call } from '../api'
import { percent } from './dashboard'
import { ReportFrame, type ReportProps } from './ReportControls'
import { byLabels, change, periodDays, reasonLabels, reasonLanguage, vocChart, type VocReport, type VocRow } from './reports'

Chart.register(BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip)

const barOptions: ChartOptions<'bar'> = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  plugins: { title: { display: true, text: 'Cases this and the previous period' }, legend: { position: 'bottom' } },
  scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
}

/** The rows the chart shows: the largest ones. */
const charted = 12

/** Reason code → label in the UI's language; none (codes are shown) when the catalogue cannot be read. */
function useReasonLabels(): Record<string, string> {
  const [labels, setLabels] = useState<Record<string, string>>({})
  useEffect(() => {
    let current = true
    call<unknown>('GET', `/api/voc/reasons?lang=${reasonLanguage(document.documentElement.lang)}`)
      .then((catalogue) => current && setLabels(reasonLabels(catalogue)), () => current && setLabels({}))
    return () => { current = false }
  }, [])
  return labels
}

/** A count's change against the previous period: arrow and percentage, coloured (up is worse: these are complaints). */
function Change({ figures }: { figures: { count: number; previousCount: number; changePercent: number | null } }) {
  const moved = change(figures.count, figures.previousCount, figures.changePercent)
  return <span className={`change ${moved.kind}`} title={moved.title}>{moved.text}</span>
}

/**
 * The voice of the customer (`GET /api/voc/report`) per reason, SKU, category, carrier, supplier or country: counts,
 * share and change against the previous period of the same length, a chart, and the top movers in words.
 */
export function Voc(props: ReportProps) {
  const labels = useReasonLabels()
  // Reason codes in the catalogue's words; other breakdowns as the report names them.
  const label = (by: string) => (row: VocRow) => (by === 'reason' ? labels[row.key] ?? row.label : row.label)
  return (
    <ReportFrame<VocReport> section="voc" path="/api/voc/report" extra={{ lang: reasonLanguage(document.documentElement.lang) }} {...props}>
      {(data) => (
        <>
          <section className="panel" aria-label="Top movers">
            <h2>Top movers</h2>
            {data.movers.length === 0
              ? <p className="empty">Nothing moved markedly against the previous period.</p>
              : (
                <ul className="movers">
                  {data.movers.map((m) => (
                    <li key={`${m.reason}|${m.by}|${m.key}`}>
                      <Change figures={m} /> {m.text}
                    </li>
                  ))}
                </ul>
              )}
          </section>

          <section className="panel" aria-label="Voice of the customer">
            <h2>Cases per {byLabels[data.by]?.toLowerCase() ?? data.by}</h2>
            <p className="note">
              {data.total} cases in this period ({periodDays(data.from, data.to)}), {data.previousTotal} in the previous one
              ({periodDays(data.previousFrom, data.previousTo)}).
            </p>
            {data.rows.length === 0
              ? <p className="empty">Nothing in this range.</p>
              : (
                <>
                  <div className="chart"><Bar aria-label={`Cases per ${data.by}, this and the previous period`} role="img" data={vocChart(data.rows.slice(0, charted), label(data.by))} options={barOptions} /></div>
                  <div className="table-scroll">
                    <table aria-label={`Cases per ${data.by}`}>
                      <thead>
                        <tr>
                          <th scope="col">{byLabels[data.by] ?? data.by}</th><th scope="col">Cases</th><th scope="col">Share</th>
                          <th scope="col">Previous period</th><th scope="col">Change</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.rows.map((row) => (
                          <tr key={row.key}>
                            <th scope="row">{label(data.by)(row)}{data.by === 'reason' && label(data.by)(row) !== row.key && <small className="code"> {row.key}</small>}</th>
                            <td>{row.count}</td>
                            <td>{percent(row.sharePercent)}</td>
                            <td>{row.previousCount}</td>
                            <td><Change figures={row} /></td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
          </section>
        </>
      )}
    </ReportFrame>
  )
}
