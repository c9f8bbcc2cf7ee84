import { useEffect, useState } from 'react'
import { call } from '../api'
import { timeline, type HistoryRecord, type TimelineEntry } from './timeline'
import './timeline.css'

/** An instance's history as a readable timeline, reloaded when `version` changes (e.g. after an action or a refresh). */
export function Timeline({ processInstanceKey, version = 0, title = 'History' }: { processInstanceKey: string; version?: number; title?: string }) {
  const [entries, setEntries] = useState<TimelineEntry[]>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    let current = true
    call<HistoryRecord[]>('GET', `/api/process-instances/${processInstanceKey}/history`)
      .then((records) => current && setEntries(timeline(records)), (e) => current && setError(e instanceof Error ? e.message : String(e)))
    return () => { current = false }
  }, [processInstanceKey, version])

  return (
    <section className="timeline" aria-label={title}>
      <h3>{title}</h3>
      {error && <p role="alert">{error}</p>}
      <ol>
        {entries?.map((e, i) => (
          <li key={i} className={e.kind}>
            <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
            <span>{e.text}</span>
            {e.detail && <small>{e.detail}</small>}
          </li>
        ))}
      </ol>
    </section>
  )
}
