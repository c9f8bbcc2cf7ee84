import type { Column } from './reports'
import { useWords } from './useWords'

interface Row {
  key: string
  label: string
}

/** A report's rows, one figure per column, and the totals in the footer; a sentence instead when there are no rows. */
export function FiguresTable<T extends Row>({ label, by, rows, totals, columns }: {
  label: string
  by: string
  rows: T[]
  totals: T
  columns: Column<T>[]
}) {
  const { t } = useWords()
  if (rows.length === 0) return <p className="empty">{t('nothingInRange')}</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table aria-label={label}>
        <thead>
          <tr><th scope="col">{t(`by.${by}`)}</th>{columns.map((c) => <th scope="col" key={c.heading}>{c.heading}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {columns.map((c) => <td key={c.heading}>{c.cell(row)}</td>)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('all')}</th>
            {columns.map((c) => <td key={c.heading}>{c.cell(totals)}</td>)}
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
