import { LineChart } from './Charts'
import { ageBuckets } from './dashboard'
import { ReportFrame, type ReportProps } from './ReportControls'
import { FiguresTable } from './FiguresTable'
import { handlingTimeNote, kpiColumns, trendCharts, type KpiReport } from './reports'
import { useWords } from './useWords'
import { count, duration } from './words'

/** A note under the heading, when there is one. */
function HandlingTimeNote({ note }: { note?: string }) {
  return note ? <p className="note">{note}</p> : null
}

/**
 * KPIs (`GET /api/kpis`) per agent, group, process or tier: every figure per row with the totals, the open backlog by
 * age, and the figures over time (a line chart each).
 */
export function Kpis(props: ReportProps) {
  const w = useWords()
  const { t } = w
  return (
    <ReportFrame<KpiReport> section="kpis" path="/api/kpis" {...props}>
      {(data) => (
        <>
          <section className="panel" aria-label={t('kpi.label')}>
            <h2>{t('kpi.heading', { by: t(`byLower.${data.by}`) })}</h2>
            <HandlingTimeNote note={handlingTimeNote(data.handlingTime, w)} />
            <FiguresTable label={t('kpi.table', { by: t(`byLower.${data.by}`) })} by={data.by} rows={data.rows} totals={data.totals} columns={kpiColumns(w)} />
          </section>

          <section className="panel" aria-label={t('kpi.trends')}>
            <h2>{t('kpi.overTime')}</h2>
            {data.trend.length === 0
              ? <p className="empty">{t('kpi.nothingToDraw')}</p>
              : (
                <div className="trends">
                  {trendCharts(data.trend, w).map((chart) => <LineChart key={chart.title} title={chart.title} data={chart.data} scale={chart.scale} />)}
                </div>
              )}
          </section>

          <section className="panel" aria-label={t('kpi.backlogNow')}>
            <h2>{t('kpi.backlogNow')}</h2>
            {data.backlog.length === 0
              ? <p className="empty">{t('overview.noOpenTasks')}</p>
              : (
                <div className="table-scroll" tabIndex={0}>
                  <table aria-label={t('kpi.backlogTable')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('overview.group')}</th><th scope="col">{t('overview.open')}</th><th scope="col">{t('overview.oldest')}</th>
                        {ageBuckets.map((b) => <th scope="col" key={b}>{t(`overview.ages.${b}`)}</th>)}
                      </tr>
                    </thead>
                    <tbody>
                      {data.backlog.map((g) => (
                        <tr key={g.group}>
                          <th scope="row">{g.group}</th>
                          <td>{count(g.open, w)}</td>
                          <td>{duration(g.oldestMinutes, w)}</td>
                          {ageBuckets.map((b) => <td key={b}>{count(g.ageing[b], w)}</td>)}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
          </section>
        </>
      )}
    </ReportFrame>
  )
}
