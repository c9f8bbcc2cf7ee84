import { useState } from 'react'
import type { Me } from '../api'
import { link } from '../navigation'
import { Kpis } from './Kpis'
import { Overview } from './Overview'
import { Quality } from './Quality'
import { dashboardRoute, defaultRange, sections, type Period } from './reports'
import { Voc } from './Voc'
import './dashboard.css'

/**
 * The dashboard's sections, each its own address: the overview (`#/dashboard`), KPIs (`#/dashboard/kpis/<by>`), the
 * voice of the customer (`#/dashboard/voc/<by>`) and quality (`#/dashboard/quality/<by>`). The reports share one date
 * range, kept while moving between them.
 */
export function Dashboard({ me, path }: { me: Me; path: string[] }) {
  const { section, by } = dashboardRoute(path)
  const [period, setPeriod] = useState<Period>(() => {
    const asOf = new Date()
    return { range: defaultRange(asOf), asOf }
  })
  const report = { by, period, onPeriod: setPeriod }
  return (
    <main className="dashboard">
      <div className="dashboard-title">
        <h1>Dashboard</h1>
        <nav aria-label="Dashboard sections">
          {sections.map((s) => (
            <a key={s.section} href={link('dashboard', ...(s.section === 'overview' ? [] : [s.section]))} aria-current={s.section === section ? 'page' : undefined}>
              {s.label}
            </a>
          ))}
        </nav>
      </div>
      {section === 'overview' && <Overview me={me} />}
      {section === 'kpis' && <Kpis {...report} />}
      {section === 'voc' && <Voc {...report} />}
      {section === 'quality' && <Quality me={me} {...report} />}
    </main>
  )
}
