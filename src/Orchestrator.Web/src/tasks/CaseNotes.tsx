import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'
import { formatDateTime } from '../i18n/dates'

interface Note {
  noteKey: string
  author: string
  text: string
  createdAt: string
}

/** The longest note the server takes. */
const maxLength = 4000

/** Internal notes on a case (never shown to the customer): who wrote what when, and a field to add one. */
export function CaseNotes({ processInstanceKey }: { processInstanceKey: string }) {
  const { t } = useTranslation('tasks')
  const [notes, setNotes] = useState<Note[]>()
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let current = true
    call<{ items: Note[] }>('GET', `/api/process-instances/${processInstanceKey}/notes`)
      .then((r) => current && setNotes(r.items), (e) => current && setError(e instanceof Error ? e.message : String(e)))
    return () => { current = false }
  }, [processInstanceKey])

  async function add() {
    if (text.trim() === '') {
      setError(t('notes.required'))
      return
    }
    setBusy(true)
    try {
      const note = await call<Note>('POST', `/api/process-instances/${processInstanceKey}/notes`, { text })
      setNotes((n) => [...(n ?? []), note])
      setText('')
      setError(undefined)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="notes" aria-label={t('notes.title')}>
      <h3>{t('notes.title')}</h3>
      {notes?.length === 0 && <p className="hint">{t('notes.none')}</p>}
      <ol>
        {notes?.map((n) => (
          <li key={n.noteKey}>
            <p className="note-meta">{t('notes.by', { author: n.author, time: formatDateTime(n.createdAt) })}</p>
            <p className="note-text">{n.text}</p>
          </li>
        ))}
      </ol>
      <label htmlFor={`note-${processInstanceKey}`}>{t('notes.new')}</label>
      <textarea id={`note-${processInstanceKey}`} value={text} maxLength={maxLength} rows={3} onChange={(e) => setText(e.target.value)} />
      {error && <p role="alert">{error}</p>}
      <button onClick={() => void add()} disabled={busy}>{t('notes.add')}</button>
    </section>
  )
}
