import { useEffect, useRef, useState } from 'react'
import { Form } from '@bpmn-io/form-js-viewer'
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css'
import { call } from '../api'
import { hasErrors } from './forms'
import type { UserTask } from './tasks'

interface TaskFormResponse {
  schema: string
}

interface Variable {
  name: string
  value: string
  scopeKey: string
}

/** The task's form (form-js viewer) filled with the instance's variables; submitting it completes the task. */
export function TaskForm({ task, onDone }: { task: UserTask; onDone: () => void }) {
  const container = useRef<HTMLDivElement>(null)
  const [error, setError] = useState<string>()
  // The list re-renders every few seconds; the form must not be rebuilt (and lose what was typed) each time.
  const done = useRef(onDone)
  done.current = onDone
  const form = useRef<Form>()

  useEffect(() => {
    let disposed = false
    async function load() {
      const response = await fetch(`/v2/user-tasks/${task.userTaskKey}/form`, { credentials: 'same-origin' })
      const variables = await call<{ items: Variable[] }>('POST', '/v2/variables/search', {
        filter: { processInstanceKey: task.processInstanceKey, scopeKey: task.processInstanceKey },
        page: { limit: 1000 },
      })
      const data = Object.fromEntries(variables.items.map((v) => [v.name, JSON.parse(v.value)]))
      if (disposed || !container.current) return
      const schema = response.status === 204
        ? { type: 'default', components: [{ type: 'text', text: `No form: complete **${task.name}** directly.` }] }
        : JSON.parse(((await response.json()) as TaskFormResponse).schema)
      form.current = new Form({ container: container.current })
      await form.current.importSchema(schema, data)
    }
    load().catch((e) => setError(String(e)))
    return () => {
      disposed = true
      form.current?.destroy()
      form.current = undefined
    }
  }, [task.userTaskKey, task.processInstanceKey, task.name])

  /** Validates in the browser (form-js shows each field's error) and completes the task with the form's data. */
  async function complete() {
    const result = form.current?.submit()
    if (!result || hasErrors(result.errors)) return
    try {
      await call('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: result.data })
      done.current()
    } catch (e) {
      setError(String(e))
    }
  }

  return (
    <section className="task-form">
      <h2>{task.name}</h2>
      <div ref={container} />
      <button type="button" onClick={() => void complete()}>Complete</button>
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
