import { useEffect, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'

interface Template {
  template: string
  language: string
}

interface Rendered extends Template {
  subject: string
  body: string
}

interface Field {
  id: string
  label: string
}

/** The form's fields one can type a reply into (text areas and text inputs), named by their labels. */
function textFields(form: HTMLElement | null): Field[] {
  if (!form) return []
  return [...form.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input[type="text"]')]
    .filter((f) => f.id && !f.readOnly && !f.disabled)
    .map((f) => ({ id: f.id, label: form.querySelector(`label[for="${CSS.escape(f.id)}"]`)?.textContent?.trim() || f.name || f.id }))
}

/** Puts text into a form field as if typed, so the form (and the draft) take it. */
function insert(field: HTMLTextAreaElement | HTMLInputElement, text: string) {
  const value = field.value ? `${field.value}\n\n${text}` : text
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value)
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/**
 * Reply templates from the notification catalogue in the case's language, filled in with the case's variables: the
 * agent previews one, then inserts it into a text field of the form or copies it.
 */
export function ReplyTemplates({ processInstanceKey, form, editable }: { processInstanceKey: string; form: RefObject<HTMLDivElement>; editable: boolean }) {
  const { t } = useTranslation('tasks')
  const [templates, setTemplates] = useState<{ language: string; items: Template[] }>()
  const [chosen, setChosen] = useState('')
  const [reply, setReply] = useState<Rendered>()
  const [fields, setFields] = useState<Field[]>([])
  const [target, setTarget] = useState('')
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    let current = true
    call<{ language: string; items: Template[] }>('GET', `/api/process-instances/${processInstanceKey}/reply-templates`)
      .then((r) => current && setTemplates(r), (e) => current && setError(e instanceof Error ? e.message : String(e)))
    return () => { current = false }
  }, [processInstanceKey])

  // The fields a reply can go into, while one is shown: the form may still be loading, or become editable once claimed.
  useEffect(() => {
    const element = form.current
    if (!reply || !element) return
    const update = () => {
      const found = textFields(element)
      setFields(found)
      setTarget((previous) => (found.some((f) => f.id === previous) ? previous : found[0]?.id ?? ''))
    }
    update()
    const observer = new MutationObserver(update)
    observer.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ['id', 'readonly', 'disabled'] })
    return () => observer.disconnect()
  }, [reply, editable, form])

  async function choose(template: string) {
    setChosen(template)
    setReply(undefined)
    setStatus(undefined)
    if (!template) return
    try {
      setReply(await call<Rendered>('GET', `/api/process-instances/${processInstanceKey}/reply-templates/${encodeURIComponent(template)}`))
      setError(undefined)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  function insertInto() {
    const field = document.getElementById(target)
    if (!reply || !(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return
    insert(field, reply.body)
    setStatus(t('replies.inserted', { field: fields.find((f) => f.id === target)?.label ?? target }))
  }

  async function copy() {
    if (!reply) return
    try {
      await navigator.clipboard.writeText(`${reply.subject}\n\n${reply.body}`)
      setStatus(t('replies.copied'))
    } catch {
      setStatus(t('replies.copyFailed'))
    }
  }

  if (!templates || templates.items.length === 0) return error ? <p role="alert">{error}</p> : null
  return (
    <section className="replies" aria-label={t('replies.title')}>
      <h3>{t('replies.title')}</h3>
      <label>{t('replies.template', { language: templates.language })}
        <select value={chosen} onChange={(e) => void choose(e.target.value)}>
          <option value="">{t('replies.choose')}</option>
          {templates.items.map((x) => <option key={x.template} value={x.template}>{x.template} ({x.language})</option>)}
        </select>
      </label>
      {reply && (
        <div className="reply-preview">
          <p className="reply-subject"><strong>{reply.subject}</strong></p>
          <pre lang={reply.language}>{reply.body}</pre>
          <div className="reply-actions">
            {editable && fields.length > 0 && (
              <>
                <label>{t('replies.into')}
                  <select value={target} onChange={(e) => setTarget(e.target.value)}>
                    {fields.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
                  </select>
                </label>
                <button onClick={insertInto}>{t('replies.insert')}</button>
              </>
            )}
            <button onClick={() => void copy()}>{t('replies.copy')}</button>
          </div>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      {status && <p role="status" className="hint">{status}</p>}
    </section>
  )
}
