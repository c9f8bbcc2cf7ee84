import { useCallback, useEffect, useState } from 'react'
import { call, type Me } from '../api'
import { byUrgency, inView, slaBadge, type UserTask, type View } from './tasks'
import { TaskForm } from './TaskForm'

const views: { view: View; label: string }[] = [
  { view: 'mine', label: 'My tasks' },
  { view: 'groups', label: "My groups' tasks" },
  { view: 'unassigned', label: 'Unassigned' },
]

function Badge({ task }: { task: UserTask }) {
  const badge = slaBadge(task, new Date())
  switch (badge.kind) {
    case 'none':
      return null
    case 'breached':
      return <span className="badge breached">SLA breached {badge.minutesLate} min ago</span>
    default:
      return <span className={`badge ${badge.kind}`}>{badge.minutesLeft} min left</span>
  }
}

/** The agent's task list: views, urgency order, SLA badges, claim and unclaim, the form to complete. Refreshes every few seconds. */
export function TaskList({ me }: { me: Me }) {
  const [tasks, setTasks] = useState<UserTask[]>([])
  const [view, setView] = useState<View>('groups')
  const [open, setOpen] = useState<UserTask>()
  const [error, setError] = useState<string>()

  const refresh = useCallback(async () => {
    try {
      const result = await call<{ items: UserTask[] }>('POST', '/v2/user-tasks/search', { filter: { state: 'CREATED' }, page: { limit: 500 } })
      setTasks(result.items)
      setError(undefined)
    } catch (e) {
      setError(String(e))
    }
  }, [])

  useEffect(() => {
    void refresh()
    const timer = setInterval(() => void refresh(), 5000)
    return () => clearInterval(timer)
  }, [refresh])

  async function claim(task: UserTask, assignee: string | null) {
    await (assignee
      ? call('POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee, allowOverride: false })
      : call('DELETE', `/v2/user-tasks/${task.userTaskKey}/assignee`))
    await refresh()
  }

  const shown = byUrgency(me.roles.includes('admin') && view === 'groups' ? tasks : inView(tasks, view, me.name, me.groups))
  return (
    <main className="tasks">
      <nav>
        {views.map((v) => (
          <button key={v.view} aria-pressed={view === v.view} onClick={() => setView(v.view)}>{v.label}</button>
        ))}
      </nav>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead><tr><th>Task</th><th>Process</th><th>Group</th><th>Assignee</th><th>Due</th><th /></tr></thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.userTaskKey} className={open?.userTaskKey === t.userTaskKey ? 'selected' : undefined}>
              <td><button className="link" onClick={() => setOpen(t)}>{t.name}</button></td>
              <td>{t.processDefinitionId}</td>
              <td>{t.candidateGroups.join(', ')}</td>
              <td>{t.assignee ?? '—'}</td>
              <td><Badge task={t} /></td>
              <td>
                {t.assignee === me.name
                  ? <button onClick={() => void claim(t, null)}>Unclaim</button>
                  : <button onClick={() => void claim(t, me.name)}>Claim</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <TaskForm task={open} onDone={() => { setOpen(undefined); void refresh() }} />}
    </main>
  )
}
