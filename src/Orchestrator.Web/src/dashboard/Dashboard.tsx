import { useCallback, useEffect, useState } from 'react'
import type { Me } from '../api'
import { link } from '../navigation'
import { noFilters, type DashboardData, type Filters } from './dashboard'
import { Kpis } from './Kpis'
import { Overview } from './Overview'
import { Quality } from './Quality'
import type { Known } from './ReportControls'
import { dashboardRoute, defaultRange, sections, type Period } from './reports'
import { useWords } from './useWords'
import { Voc } from './Voc'
import './dashboard.css'

/** What the user chose, kept while they visit other pages and come back (e.g. after following a figure's link). */
let remembered: { period: Period; overviewPeriod: Period; filters: Filters } | undefined

const union = (known: string[], seen: string[]) => {
  const all = [...new Set([...known, ...seen])].sort()
  return all.length === known.length ? known : all
}

/**
 * The dashboard's sections, each its own address: the overview (`#/dashboard`), KPIs (`#/dashboard/kpis/<by>`), the
 * voice of the customer (`#/dashboard/voc/<by>`) and quality (`#/dashboard/quality/<by>`). The reports share one date
 * range (the last 30 days at first), the overview has its own (all time at first); the process, group and channel
 * filters hold for every section, kept while moving between them and while the user visits other pages.
 */
export function Dashboard({ me, path }: { me: Me; path: string[] }) {
  const { t } = useWords()
  const { section, by } = dashboardRoute(path)
  const [period, setPeriod] = useState<Period>(() => {
    const asOf = new Date()
    return remembered?.period ?? { range: defaultRange(asOf), asOf }
  })
  const [overviewPeriod, setOverviewPeriod] = useState<Period>(() => remembered?.overviewPeriod ?? { range: { from: '', to: '' }, asOf: new Date() })
  const [filters, setFilters] = useState<Filters>(() => remembered?.filters ?? noFilters)
  useEffect(() => { remembered = { period, overviewPeriod, filters } }, [period, overviewPeriod, filters])
  const [known, setKnown] = useState<Known>({ processes: [], groups: [] })
  const onSeen = useCallback((data: DashboardData) => setKnown((k) => {
    const processes = union(k.processes, data.processes.map((p) => p.processDefinitionId))
    const groups = union(k.groups, data.backlog.map((g) => g.group))
    return processes === k.processes && groups === k.groups ? k : { processes, groups }
  }), [])
  const report = { by, period, onPeriod: setPeriod, filters, onFilters: setFilters, known }
  return (
    <main className="dashboard">
      <div className="dashboard-title">
        <h1>{t('title')}</h1>
        <nav aria-label={t('sectionsLabel')}>
          {sections.map((s) => (
            <a key={s.section} href={link('dashboard', ...(s.section === 'overview' ? [] : [s.section]))} aria-current={s.section === section ? 'page' : undefined}>
              {t(`sections.${s.section}`)}
            </a>
          ))}
        </nav>
      </div>
      {section === 'overview' && <Overview me={me} onSeen={onSeen} {...report} period={overviewPeriod} onPeriod={setOverviewPeriod} />}
      {section === 'kpis' && <Kpis {...report} />}
      {section === 'voc' && <Voc {...report} />}
      {section === 'quality' && <Quality me={me} {...report} />}
    </main>
  )
}
