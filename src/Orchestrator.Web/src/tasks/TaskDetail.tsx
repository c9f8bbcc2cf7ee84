import { useEffect, useRef, useState, type MutableRefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from '@bpmn-io/form-js-viewer'
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css'
import { call, type Me } from '../api'
import { Timeline } from '../history/Timeline'
import { formatDateTime } from '../i18n/dates'
import { reviewedWork } from './caseContext'
import { CaseContext, taskVariables, type Data } from './CasePanel'
import { CaseNotes } from './CaseNotes'
import { CustomerPanel } from './CustomerPanel'
import { changedFields, discardDraft, restoreDraft, saveDraft } from './drafts'
import { hasErrors } from './forms'
import { ReplyTemplates } from './ReplyTemplates'
import { ReviewedWork } from './ReviewedWork'
import { SlaPill } from './SlaPill'
import type { UserTask } from './tasks'
import type { TaskRow } from './workspace'

/**
 * One task: its actions, its SLA, its case (for a quality review also the reviewed work), the customer and their other
 * cases, internal notes, reply templates, its form (form-js viewer) filled with the instance's variables, and the case's
 * history. The form is read-only until the task is claimed by the user; Complete validates in the browser (form-js marks
 * each field) and completes the task with the form's data, then the list opens the next task. A completed task shows its
 * form read-only. What the user types is kept as a draft in the browser until the task is completed, and restored when
 * the task is opened again. On a narrow screen the task replaces the list; "Back to the list" returns.
 */
export function TaskDetail({ task, row, me, completeRef, onBack, onClaim, onDone }: {
  task: UserTask
  row?: TaskRow
  me: Me
  completeRef: MutableRefObject<(() => void) | undefined>
  onBack: () => void
  onClaim: (assignee: string | null) => void
  onDone: () => void
}) {
  const { t } = useTranslation('tasks')
  const container = useRef<HTMLDivElement>(null)
  const form = useRef<Form>()
  const [data, setData] = useState<Data>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [restored, setRestored] = useState(false)
  const open = task.state === 'CREATED'
  const mine = open && task.assignee === me.name
  const readOnly = useRef(!mine)
  readOnly.current = !mine
  const noForm = t('noForm', { name: task.name })

  useEffect(() => {
    let disposed = false
    const draftTask = { userTaskKey: task.userTaskKey, creationDate: task.creationDate }
    async function load() {
      const [response, values] = await Promise.all([
        fetch(`/v2/user-tasks/${task.userTaskKey}/form`, { credentials: 'same-origin' }),
        taskVariables(task.userTaskKey),
      ])
      const schema = response.status === 204
        ? { type: 'default', components: [{ type: 'text', text: noForm }] }
        : JSON.parse(((await response.json()) as { schema: string }).schema)
      if (disposed || !container.current) return
      setData(values)
      // form-js delays each field's change by 300 ms; a change that lands meanwhile re-renders the form and resets the
      // field being typed in to its stored value, dropping what was typed since. Without the delay nothing is dropped.
      // (`debounce` is read from the options at run time but missing from their type.)
      const options = { container: container.current, properties: { readOnly: readOnly.current }, debounce: false }
      const shown = new Form(options)
      form.current = shown
      await shown.importSchema(schema, values)
      if (disposed) return
      // What the form started with: the variables plus each field's default or empty value (a copy: form-js changes its
      // data in place). Only changes from this are a draft: the form reports its whole data on any change, a claim's
      // switch to editable included, not just what the user typed.
      const opened = structuredClone(shown._getState().data)
      const draft = open ? restoreDraft(localStorage, me.name, draftTask, opened) : undefined
      if (draft) await shown.importSchema(schema, { ...opened, ...draft })
      setRestored(draft !== undefined)
      shown.on('changed', (state: { data: Data }) => {
        if (!readOnly.current) saveDraft(localStorage, me.name, draftTask, changedFields(opened, state.data), Date.now())
      })
    }
    load().catch((e) => setError(e instanceof Error ? e.message : String(e)))
    return () => {
      disposed = true
      form.current?.destroy()
      form.current = undefined
    }
  }, [task.userTaskKey, task.creationDate, task.processInstanceKey, noForm, open, me.name])

  useEffect(() => {
    form.current?.setProperty('readOnly', !mine)
  }, [mine, data])

  const work = data && reviewedWork(data)

  async function complete() {
    const result = form.current?.submit()
    if (!result || hasErrors(result.errors)) return
    setBusy(true)
    try {
      await call('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: result.data })
      discardDraft(localStorage, me.name, task.userTaskKey)
      onDone()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  const completeNow = useRef(complete)
  completeNow.current = complete
  useEffect(() => {
    completeRef.current = mine ? () => void completeNow.current() : undefined
    return () => { completeRef.current = undefined }
  }, [mine, completeRef])

  return (
    <section className="task-detail" aria-label={t('detail')}>
      <button className="link back" onClick={onBack}>{t('back')}</button>
      <header>
        <h2>{row?.businessKey ? `${row.businessKey} · ${task.name}` : task.name}</h2>
        <div className="actions">
          {open && !mine && <button onClick={() => onClaim(me.name)} disabled={Boolean(task.assignee) && !me.roles.includes('admin')}>{t('actions.claim')}</button>}
          {mine && <button onClick={() => onClaim(null)}>{t('actions.unclaim')}</button>}
          {open && <button className="primary" onClick={() => void complete()} disabled={!mine || busy} title={t('actions.completeTitle')}>{t('actions.complete')}</button>}
        </div>
      </header>
      {open && row?.sla && <p className="detail-sla"><SlaPill row={row} /></p>}
      {open && !mine && <p className="hint">{task.assignee ? t('assignedTo', { user: task.assignee }) : t('claimFirst')}</p>}
      {!open && <p className="hint">{t('completedBy', { time: formatDateTime(task.completionDate), user: task.assignee ?? t('someone') })}</p>}
      {error && <p role="alert">{error}</p>}
      {restored && mine && <p className="hint" role="status">{t('draftRestored')}</p>}
      {data && <CaseContext processInstanceKey={task.processInstanceKey} processDefinitionId={task.processDefinitionId} data={data} me={me} />}
      <CustomerPanel processInstanceKey={task.processInstanceKey} me={me} />
      {work && <ReviewedWork work={work} me={me} />}
      <ReplyTemplates processInstanceKey={task.processInstanceKey} form={container} editable={mine} />
      <div ref={container} className="form" />
      <CaseNotes processInstanceKey={task.processInstanceKey} />
      <Timeline processInstanceKey={task.processInstanceKey} title={t('history')} />
    </section>
  )
}
