import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'
import { formatDateTime } from '../i18n/dates'
import { timeline, type HistoryRecord, type TimelineEntry } from './timeline'
import './timeline.css'

/** An instance's history as a readable timeline, reloaded when `version` changes (e.g. after an action or a refresh). */
export function Timeline({ processInstanceKey, version = 0, title }: { processInstanceKey: string; version?: number; title?: string }) {
  const { t } = useTranslation('history')
  const [records, setRecords] = useState<HistoryRecord[]>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    let current = true
    call<HistoryRecord[]>('GET', `/api/process-instances/${processInstanceKey}/history`)
      .then((found) => current && setRecords(found), (e) => current && setError(e instanceof Error ? e.message : String(e)))
    return () => { current = false }
  }, [processInstanceKey, version])

  const heading = title ?? t('title')
  const entries: TimelineEntry[] | undefined = records && timeline(records, (key, values) => t(key, values))
  return (
    <section className="timeline" aria-label={heading}>
      <h3>{heading}</h3>
      {error && <p role="alert">{error}</p>}
      <ol>
        {entries?.map((e, i) => (
          <li key={i} className={e.kind}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            <span>{e.text}</span>
            {e.detail && <small>{e.detail}</small>}
          </li>
        ))}
      </ol>
    </section>
  )
}
