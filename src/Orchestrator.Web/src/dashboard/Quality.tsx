import type { Me } from '../api'
import { link, pagesFor } from '../navigation'
import { FiguresTable } from './FiguresTable'
import { ReportFrame, type ReportProps } from './ReportControls'
import { byLabels, qualityColumns, type QualityReport } from './reports'

/** The reviewers' candidate group, whose tasks are the QA review queue. */
const reviewers = 'qa-reviewers'

/** Quality reviews (`GET /api/quality/summary`) per agent, group or process: sampled, reviewed, average score, red-line violations. */
export function Quality({ me, ...props }: ReportProps & { me: Me }) {
  return (
    <ReportFrame<QualityReport> section="quality" path="/api/quality/summary" {...props}>
      {(data) => (
        <section className="panel" aria-label="Quality reviews">
          <h2>Quality reviews per {byLabels[data.by]?.toLowerCase() ?? data.by}</h2>
          {pagesFor(me.roles).includes('tasks') && <p><a href={link('tasks', 'group', reviewers)}>Open the QA review queue</a></p>}
          <FiguresTable label={`Quality per ${data.by}`} by={data.by} rows={data.rows} totals={data.totals} columns={qualityColumns} />
        </section>
      )}
    </ReportFrame>
  )
}
