import { byLabels } from './reports'

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
  columns: { heading: string; cell: (row: T) => string }[]
}) {
  if (rows.length === 0) return <p className="empty">Nothing in this range.</p>
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr><th scope="col">{byLabels[by] ?? by}</th>{columns.map((c) => <th scope="col" key={c.heading}>{c.heading}</th>)}</tr>
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
            <th scope="row">All</th>
            {columns.map((c) => <td key={c.heading}>{c.cell(totals)}</td>)}
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
