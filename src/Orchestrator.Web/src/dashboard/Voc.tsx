import { useEffect, useState } from 'react'
import { call } from '../api'
import { BarChart } from './Charts'
import { ReportFrame, type ReportProps } from './ReportControls'
import { change, moverText, periodDays, reasonLabels, reasonLanguage, vocChart, type VocReport, type VocRow } from './reports'
import { useWords } from './useWords'
import { count, percent, type Words } from './words'

/** The rows the chart shows: the largest ones. */
const charted = 12

/** Reason code → label in the UI's language; none (codes are shown) when the catalogue cannot be read. */
function useReasonLabels(language: string): Record<string, string> {
  const [labels, setLabels] = useState<Record<string, string>>({})
  useEffect(() => {
    let current = true
    call<unknown>('GET', `/api/voc/reasons?lang=${reasonLanguage(language)}`)
      .then((catalogue) => current && setLabels(reasonLabels(catalogue)), () => current && setLabels({}))
    return () => { current = false }
  }, [language])
  return labels
}

/** A count's change against the previous period: arrow and percentage, coloured (up is worse: these are complaints). */
function Change({ figures, w }: { figures: { count: number; previousCount: number; changePercent: number | null }; w: Words }) {
  const moved = change(figures.count, figures.previousCount, figures.changePercent, w)
  return <span className={`change ${moved.kind}`} title={moved.title}>{moved.text}</span>
}

/**
 * The voice of the customer (`GET /api/voc/report`) per reason, SKU, category, carrier, supplier or country: counts,
 * share and change against the previous period of the same length, a chart, and the top movers in words.
 */
export function Voc(props: ReportProps) {
  const w = useWords()
  const { t } = w
  const labels = useReasonLabels(w.language)
  // Reason codes in the catalogue's words; other breakdowns as the report names them.
  const label = (by: string) => (row: VocRow) => (by === 'reason' ? labels[row.key] ?? row.label : row.label)
  return (
    <ReportFrame<VocReport> section="voc" path="/api/voc/report" extra={{ lang: reasonLanguage(w.language) }} {...props}>
      {(data) => (
        <>
          <section className="panel" aria-label={t('voc.movers')}>
            <h2>{t('voc.movers')}</h2>
            {data.movers.length === 0
              ? <p className="empty">{t('voc.noMovers')}</p>
              : (
                <ul className="movers">
                  {data.movers.map((m) => (
                    <li key={`${m.reason}|${m.by}|${m.key}`}>
                      <Change figures={m} w={w} /> {moverText(m, labels[m.reason] ?? m.reasonLabel, w)}
                    </li>
                  ))}
                </ul>
              )}
          </section>

          <section className="panel" aria-label={t('voc.label')}>
            <h2>{t('voc.heading', { by: t(`byLower.${data.by}`) })}</h2>
            <p className="note">
              {t('voc.totals', {
                count: data.total, total: count(data.total, w), previous: count(data.previousTotal, w),
                days: periodDays(data.from, data.to, w), previousDays: periodDays(data.previousFrom, data.previousTo, w),
              })}
            </p>
            {data.rows.length === 0
              ? <p className="empty">{t('nothingInRange')}</p>
              : (
                <>
                  <BarChart label={t('voc.chartLabel', { by: t(`byLower.${data.by}`) })} title={t('voc.chart')} data={vocChart(data.rows.slice(0, charted), label(data.by), w)} />
                  <div className="table-scroll" tabIndex={0}>
                    <table aria-label={t('voc.table', { by: t(`byLower.${data.by}`) })}>
                      <thead>
                        <tr>
                          <th scope="col">{t(`by.${data.by}`)}</th><th scope="col">{t('voc.cases')}</th><th scope="col">{t('voc.share')}</th>
                          <th scope="col">{t('voc.previousPeriod')}</th><th scope="col">{t('voc.change')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.rows.map((row) => (
                          <tr key={row.key}>
                            <th scope="row">{label(data.by)(row)}{data.by === 'reason' && label(data.by)(row) !== row.key && <small className="code"> {row.key}</small>}</th>
                            <td>{count(row.count, w)}</td>
                            <td>{percent(row.sharePercent, w)}</td>
                            <td>{count(row.previousCount, w)}</td>
                            <td><Change figures={row} w={w} /></td>
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
