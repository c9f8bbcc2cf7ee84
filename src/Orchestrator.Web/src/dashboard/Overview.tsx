import { useEffect, useMemo, useState } from 'react'
import { call, type Me } from '../api'
import { formatDateTime } from '../i18n/dates'
import { pagesFor } from '../navigation'
import {
  ageBuckets, backlogChart, casesChart, csvText, firstContactBase, firstContactText, headline, overviewCsv, overviewLinks, recentBreaches,
  slaBase, slaChart, tierChart, tiers, type DashboardData, type OverviewTable,
} from './dashboard'
import { BarChart } from './Charts'
import { ReportControls, useReport, type ReportProps } from './ReportControls'
import { calendarZoneNote, dashboardAddress } from './reports'
import { useWords } from './useWords'
import { count, decimal, duration, minutes, percent } from './words'
import './dashboard.css'

const refreshMs = 10000

/** A figure; its value leads to what it counts when the user may open that page. */
function Figure({ label, value, note, href, title }: { label: string; value: string; note?: string; href?: string; title?: string }) {
  return (
    <div className="figure" role="group" aria-label={label}>
      {href ? <a className="value" href={href} title={title}>{value}</a> : <span className="value">{value}</span>}
      <span className="label">{label}</span>
      {note && <span className="note">{note}</span>}
    </div>
  )
}

/** A number in a table cell, a link when it leads somewhere. */
function Linked({ href, title, children }: { href?: string; title?: string; children: string }) {
  return href ? <a href={href} title={title}>{children}</a> : <>{children}</>
}

/** "Download CSV" of one table, made in the browser from the figures on screen. */
function CsvLink({ data, table, label }: { data: DashboardData; table: OverviewTable; label: string }) {
  const { t } = useWords()
  const url = useMemo(
    () => URL.createObjectURL(new Blob(['\uFEFF', csvText(overviewCsv(data, table))], { type: 'text/csv;charset=utf-8' })),
    [data, table],
  )
  useEffect(() => () => URL.revokeObjectURL(url), [url])
  return <a className="download" href={url} download={t('overview.csvFile', { table })} aria-label={`${t('controls.downloadCsv')}: ${label}`}>{t('controls.downloadCsv')}</a>
}

interface Calendar {
  name: string
  timeZone: string
}

/** The business calendars (their zones are stated beside the SLA figures); none when they cannot be read. */
function useCalendars(): Calendar[] {
  const [calendars, setCalendars] = useState<Calendar[]>([])
  useEffect(() => {
    let current = true
    call<Calendar[]>('GET', '/api/calendars').then((found) => current && setCalendars(found), () => current && setCalendars([]))
    return () => { current = false }
  }, [])
  return calendars
}

/**
 * The overview: what managers and operators read every morning: headline figures, cases and SLAs per process, the complaint
 * tiers (user tasks with a tier in their model), the backlog per group by age, and the latest SLA breaches — for a period
 * (none: all time) and a process, group and channel. Each figure leads to the instances or tasks behind it; each table
 * downloads as CSV. Charts (Chart.js) with the same numbers in tables beside them. Refreshes every few seconds.
 */
export function Overview({ me, onSeen, ...props }: ReportProps & { me: Me; onSeen: (data: DashboardData) => void }) {
  const w = useWords()
  const { t } = w
  const [version, setVersion] = useState(0)
  const address = dashboardAddress(props.period, props.filters)
  const report = useReport<DashboardData>('url' in address ? address.url : undefined, version)
  const calendars = useCalendars()
  const data = report?.data

  useEffect(() => {
    const timer = setInterval(() => setVersion((v) => v + 1), refreshMs)
    return () => clearInterval(timer)
  }, [])
  useEffect(() => { if (data) onSeen(data) }, [data, onSeen])

  const zones = [...new Set(calendars.map((c) => c.timeZone))]
  const dueZone = zones.length === 1 ? zones[0] : undefined
  const zoneNote = calendarZoneNote(calendars, w)
  const links = overviewLinks(pagesFor(me.roles), props.filters, 'url' in address ? address : {})
  const toOperations = t('overview.openInOperations')
  const toTasks = t('overview.openInTasks')
  const top = data && headline(data)
  return (
    <>
      <ReportControls section="overview" allTime {...props} onPeriod={(period) => { props.onPeriod(period); setVersion((v) => v + 1) }} />
      {'error' in address && <p role="alert">{t(`controls.${address.error}`)}</p>}
      {report?.error && <p role="alert">{report.error}</p>}
      {'url' in address && !report && <p className="loading">{t('loading')}</p>}
      {data && top && (
        <>
          <p className="generated">
            {data.from && data.to && <>{t('overview.period', { from: formatDateTime(data.from), to: formatDateTime(data.to) })} · </>}
            {t('overview.asOf', { time: formatDateTime(data.generatedAt) })}
          </p>
          <section className="figures" aria-label={t('overview.headline')}>
            <Figure label={t('overview.openCases')} value={count(top.open, w)} href={links.open} title={toOperations} />
            <Figure label={t('overview.closedCases')} value={count(top.closed, w)} href={links.closed} title={toOperations} />
            <Figure label={t('overview.slaCompliance')} value={percent(top.compliancePercent, w)} note={slaBase(top.met, top.breaches, w)} />
            <Figure label={t('overview.slaBreaches')} value={count(top.breaches, w)} href={links.breaches} title={toTasks} />
            <Figure label={t('overview.openTasks')} value={count(top.backlog, w)} href={links.openTasks} title={toTasks} />
            <Figure label={t('overview.csat')} value={top.csatAverage === null ? t('none') : t('overview.csatValue', { value: decimal(top.csatAverage, w) })}
              note={top.csatResponses === 0 ? t('overview.noCsat') : t('overview.csatAnswers', { count: top.csatResponses, total: count(top.csatResponses, w) })} />
            <Figure label={t('overview.firstContact')} value={percent(top.firstContactResolutionPercent, w)} note={firstContactBase(data.firstContact, w)} />
          </section>
          {zoneNote && <p className="note">{zoneNote}</p>}

          <section className="panel" aria-label={t('overview.processes')}>
            <div className="panel-title"><h2>{t('overview.processes')}</h2><CsvLink data={data} table="processes" label={t('overview.processTable')} /></div>
            <div className="charts">
              <BarChart label={t('overview.casesChartLabel')} title={t('overview.casesChart')} data={casesChart(data.processes, w)} />
              <BarChart label={t('overview.slaChartLabel')} title={t('overview.slaChart')} data={slaChart(data.processes, w)} stacked />
            </div>
            <div className="table-scroll" tabIndex={0}>
              <table aria-label={t('overview.processTable')}>
                <thead>
                  <tr>
                    <th scope="col">{t('overview.process')}</th><th scope="col">{t('overview.open')}</th><th scope="col">{t('overview.closed')}</th>
                    <th scope="col">{t('overview.slaCompliance')}</th><th scope="col">{t('overview.breaches')}</th><th scope="col">{t('overview.firstResponse')}</th>
                    <th scope="col">{t('overview.handlingTime')}</th><th scope="col">{t('overview.csat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.processes.map((p) => (
                    <tr key={p.processDefinitionId}>
                      <th scope="row"><Linked href={links.process(p.processDefinitionId)} title={toOperations}>{p.processDefinitionId}</Linked></th>
                      <td><Linked href={links.processOpen(p.processDefinitionId)} title={toOperations}>{count(p.open, w)}</Linked></td>
                      <td><Linked href={links.processClosed(p.processDefinitionId)} title={toOperations}>{count(p.closed, w)}</Linked></td>
                      <td>{percent(p.slaCompliancePercent, w)}</td>
                      <td><Linked href={links.processBreaches(p.processDefinitionId)} title={toTasks}>{count(p.slaBreached, w)}</Linked></td>
                      <td>{minutes(p.averageFirstResponseMinutes, w)}</td>
                      <td>{minutes(p.averageHandlingMinutes, w)}</td>
                      <td>{p.csatAverage === null || p.csatAverage === undefined ? t('none') : t('overview.csatCell', { average: decimal(p.csatAverage, w), count: count(p.csatResponses, w) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <div className="columns">
            <section className="panel" aria-label={t('overview.tiers')}>
              <div className="panel-title"><h2>{t('overview.tiers')}</h2>{tiers(data).length > 0 && <CsvLink data={data} table="tiers" label={t('overview.tierTable')} />}</div>
              {tiers(data).length === 0
                ? <p className="empty">{t('overview.noTiers')}</p>
                : (
                  <>
                    <BarChart label={t('overview.tierChartLabel')} title={t('overview.tierChart')} data={tierChart(data, w)} />
                    <div className="table-scroll" tabIndex={0}>
                      <table aria-label={t('overview.tierTable')}>
                        <thead>
                          <tr>
                            <th scope="col">{t('overview.tier')}</th><th scope="col">{t('overview.open')}</th><th scope="col">{t('overview.met')}</th>
                            <th scope="col">{t('overview.breached')}</th><th scope="col">{t('overview.slaCompliance')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {tiers(data).map((tier) => (
                            <tr key={tier.tier}>
                              <th scope="row">{tier.label}</th><td>{count(tier.open, w)}</td><td>{count(tier.slaMet, w)}</td><td>{count(tier.slaBreached, w)}</td>
                              <td>{percent(tier.slaCompliancePercent, w)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                )}
              <p>{firstContactText(data.firstContact, w)}</p>
            </section>

            <section className="panel" aria-label={t('overview.backlog')}>
              <div className="panel-title"><h2>{t('overview.backlog')}</h2>{data.backlog.length > 0 && <CsvLink data={data} table="backlog" label={t('overview.backlogTable')} />}</div>
              {data.backlog.length === 0
                ? <p className="empty">{t('overview.noOpenTasks')}</p>
                : (
                  <>
                    <BarChart label={t('overview.backlogChartLabel')} title={t('overview.backlogChart')} data={backlogChart(data.backlog, w)} stacked />
                    <div className="table-scroll" tabIndex={0}>
                      <table aria-label={t('overview.backlogTable')}>
                        <thead>
                          <tr>
                            <th scope="col">{t('overview.group')}</th><th scope="col">{t('overview.open')}</th><th scope="col">{t('overview.oldest')}</th>
                            {ageBuckets.map((b) => <th scope="col" key={b}>{t(`overview.ages.${b}`)}</th>)}
                          </tr>
                        </thead>
                        <tbody>
                          {data.backlog.map((g) => (
                            <tr key={g.group}>
                              <th scope="row"><Linked href={links.group(g.group)} title={toTasks}>{g.group}</Linked></th>
                              <td>{count(g.open, w)}</td>
                              <td>{duration(g.oldestMinutes, w)}</td>
                              {ageBuckets.map((b) => <td key={b}>{count(g.ageing[b], w)}</td>)}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                )}
            </section>
          </div>

          <section className="panel" aria-label={t('overview.recentBreaches')}>
            <div className="panel-title"><h2>{t('overview.recentBreaches')}</h2>{data.breaches.length > 0 && <CsvLink data={data} table="breaches" label={t('overview.breachTable')} />}</div>
            {data.breaches.length === 0
              ? <p className="empty">{t('overview.noBreaches')}</p>
              : (
                <div className="table-scroll" tabIndex={0}>
                  <table aria-label={t('overview.breachTable')}>
                    <thead>
                      <tr><th scope="col">{t('overview.due')}</th><th scope="col">{t('overview.process')}</th><th scope="col">{t('overview.what')}</th><th scope="col">{t('overview.instance')}</th></tr>
                    </thead>
                    <tbody>
                      {recentBreaches(data.breaches, w).map((b) => (
                        <tr key={b.eventKey}>
                          <td>{formatDateTime(b.dueDate, dueZone)}</td>
                          <td>{b.processDefinitionId}</td>
                          <td>{b.what}</td>
                          <td><Linked href={links.instance(b.processInstanceKey)}>{b.processInstanceKey}</Linked></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
          </section>
        </>
      )}
    </>
  )
}
