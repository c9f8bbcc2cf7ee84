import type { Me } from '../api'
import { link, pagesFor } from '../navigation'
import { FiguresTable } from './FiguresTable'
import { ReportFrame, type ReportProps } from './ReportControls'
import { qualityColumns, type QualityReport } from './reports'
import { useWords } from './useWords'

/** The reviewers' candidate group, whose tasks are the QA review queue. */
const reviewers = 'qa-reviewers'

/** Quality reviews (`GET /api/quality/summary`) per agent, group or process: sampled, reviewed, average score, red-line violations. */
export function Quality({ me, ...props }: ReportProps & { me: Me }) {
  const w = useWords()
  const { t } = w
  return (
    <ReportFrame<QualityReport> section="quality" path="/api/quality/summary" {...props}>
      {(data) => (
        <section className="panel" aria-label={t('quality.label')}>
          <h2>{t('quality.heading', { by: t(`byLower.${data.by}`) })}</h2>
          {pagesFor(me.roles).includes('tasks') && <p><a href={link('tasks', 'group', reviewers)}>{t('quality.queue')}</a></p>}
          <FiguresTable label={t('quality.table', { by: t(`byLower.${data.by}`) })} by={data.by} rows={data.rows} totals={data.totals} columns={qualityColumns(w)} />
        </section>
      )}
    </ReportFrame>
  )
}
