import type { Me } from '../api'
import { link, pagesFor } from '../navigation'
import { FiguresTable } from './FiguresTable'
import { ReportControls, useReport, type ReportProps } from './ReportControls'
import { byLabels, qualityColumns, reportAddresses, type QualityReport } from './reports'

/** The reviewers' candidate group, whose tasks are the QA review queue. */
const reviewers = 'qa-reviewers'

/** Quality reviews (`GET /api/quality/summary`) per agent, group or process: sampled, reviewed, average score, red-line violations. */
export function Quality({ me, ...props }: ReportProps & { me: Me }) {
  const addresses = reportAddresses('/api/quality/summary', props.by, props.period)
  const report = useReport<QualityReport>(addresses.json)
  const data = report?.data
  return (
    <>
      <ReportControls section="quality" csv={addresses.csv} {...props} />
      {addresses.error && <p role="alert">{addresses.error}</p>}
      {report?.error && <p role="alert">{report.error}</p>}
      {addresses.json && !report && <p className="loading">Loading…</p>}
      {data && (
        <section className="panel" aria-label="Quality reviews">
          <h2>Quality reviews per {byLabels[data.by]?.toLowerCase() ?? data.by}</h2>
          {pagesFor(me.roles).includes('tasks') && <p><a href={link('tasks', 'group', reviewers)}>Open the QA review queue</a></p>}
          <FiguresTable label={`Quality per ${data.by}`} by={data.by} rows={data.rows} totals={data.totals} columns={qualityColumns} />
        </section>
      )}
    </>
  )
}
