import { useEffect, useRef, useState } from 'react'
import { Form } from '@bpmn-io/form-js-viewer'
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css'
import { call, type Me } from '../api'
import { Timeline } from '../history/Timeline'
import { reviewedWork } from './caseContext'
import { CaseContext, caseVariables, type Data } from './CasePanel'
import { changedFields, discardDraft, readDraft, saveDraft } from './drafts'
import { hasErrors } from './forms'
import { ReviewedWork } from './ReviewedWork'
import type { UserTask } from './tasks'

const noForm = (name: string) => ({ type: 'default', components: [{ type: 'text', text: `This task has no form: complete **${name}** directly.` }] })

/**
 * One task: its actions, its case (for a quality review also the reviewed work), its form (form-js viewer) filled with the instance's variables, and the case's history. The form is
 * read-only until the task is claimed by the user; Complete validates in the browser (form-js marks each field) and
 * completes the task with the form's data. A completed task shows its form read-only. What the user types is kept as a
 * draft in the browser until the task is completed, and restored when the task is opened again.
 */
export function TaskDetail({ task, me, onClaim, onDone }: { task: UserTask; me: Me; onClaim: (assignee: string | null) => void; onDone: () => void }) {
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

  useEffect(() => {
    let disposed = false
    async function load() {
      const [response, values] = await Promise.all([
        fetch(`/v2/user-tasks/${task.userTaskKey}/form`, { credentials: 'same-origin' }),
        caseVariables(task.processInstanceKey),
      ])
      const schema = response.status === 204 ? noForm(task.name) : JSON.parse(((await response.json()) as { schema: string }).schema)
      if (disposed || !container.current) return
      const draft = open ? readDraft(localStorage, me.name, task.userTaskKey) : undefined
      setData(values)
      setRestored(draft !== undefined)
      // form-js delays each field's change by 300 ms; a change that lands meanwhile re-renders the form and resets the
      // field being typed in to its stored value, dropping what was typed since. Without the delay nothing is dropped.
      // (`debounce` is read from the options at run time but missing from their type.)
      const options = { container: container.current, properties: { readOnly: readOnly.current }, debounce: false }
      form.current = new Form(options)
      await form.current.importSchema(schema, { ...values, ...draft })
      form.current.on('changed', (state: { data: Data }) => {
        if (!readOnly.current) saveDraft(localStorage, me.name, task.userTaskKey, changedFields(values, state.data), Date.now())
      })
    }
    load().catch((e) => setError(e instanceof Error ? e.message : String(e)))
    return () => {
      disposed = true
      form.current?.destroy()
      form.current = undefined
    }
  }, [task.userTaskKey, task.processInstanceKey, task.name, open, me.name])

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

  return (
    <section className="task-detail" aria-label="Task">
      <header>
        <h2>{task.name}</h2>
        <div className="actions">
          {open && !mine && <button onClick={() => onClaim(me.name)} disabled={Boolean(task.assignee) && !me.roles.includes('admin')}>Claim</button>}
          {mine && <button onClick={() => onClaim(null)}>Unclaim</button>}
          {open && <button className="primary" onClick={() => void complete()} disabled={!mine || busy}>Complete</button>}
        </div>
      </header>
      {open && !mine && <p className="hint">{task.assignee ? `Assigned to ${task.assignee}.` : 'Claim the task to work on it.'}</p>}
      {!open && <p className="hint">Completed {task.completionDate && new Date(task.completionDate).toLocaleString()} by {task.assignee ?? 'someone'}.</p>}
      {error && <p role="alert">{error}</p>}
      {restored && mine && <p className="hint" role="status">Your draft of this form was restored.</p>}
      {data && <CaseContext processInstanceKey={task.processInstanceKey} processDefinitionId={task.processDefinitionId} data={data} me={me} />}
      {work && <ReviewedWork work={work} me={me} />}
      <div ref={container} className="form" />
      <Timeline processInstanceKey={task.processInstanceKey} />
    </section>
  )
}
