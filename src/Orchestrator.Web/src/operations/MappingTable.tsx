import { useTranslation } from 'react-i18next'
import { elementLabel, type MappingRow } from './migration'

/**
 * A migration's mapping, one row per element where instances wait: the element and the target element it continues as
 * (proposed when the id and type match, else chosen among the target's elements of the same type). Shared by the
 * single-instance and the batch migration dialogs.
 */
export function MappingTable({ rows, sourceHeading, flagMissing = false, onChoose }: {
  rows: MappingRow[]
  /** The first column's heading: what the rows are (an instance's active elements, or where many instances wait). */
  sourceHeading: string
  /** Also says "needs a target" beside each row that has candidates and none chosen. */
  flagMissing?: boolean
  /** The user chose a target (or '' for none) for the source element with this id. */
  onChoose: (sourceId: string, targetId: string) => void
}) {
  const { t } = useTranslation('operations')
  return (
    <div className="repair-table">
      <table>
        <thead><tr><th scope="col">{sourceHeading}</th><th scope="col">{t('migration.to')}</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.source.id} className={row.targetId ? undefined : 'needs-target'}>
              <th scope="row" title={row.source.id}>{elementLabel(row.source)}</th>
              <td>
                {row.candidates.length === 0
                  ? <span className="field-error">{t('migration.noCandidate')}</span>
                  : (
                    <select
                      aria-label={`${t('migration.to')}: ${elementLabel(row.source)}`}
                      value={row.targetId}
                      onChange={(e) => onChoose(row.source.id, e.target.value)}
                    >
                      <option value="">{t('migration.choose')}</option>
                      {row.candidates.map((c) => <option key={c.id} value={c.id} title={c.id}>{elementLabel(c)}</option>)}
                    </select>
                  )}
                {row.implicit && <small> {t('migration.sameElement')}</small>}
                {flagMissing && !row.targetId && row.candidates.length > 0 && <small className="field-error"> {t('migration.needsTarget')}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
