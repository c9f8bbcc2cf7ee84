import { useCallback, useEffect, useState } from 'react'
import { call, type Me } from '../api'
import {
  applyFilters, filterChoices, filtersFor, inView, openStates, pendingLabel, slaBadge, sortTasks,
  type DueFilter, type SortOrder, type TaskFilters, type TaskSla, type UserTask, type View,
} from './tasks'
import { pruneDrafts } from './drafts'
import { TaskDetail } from './TaskDetail'
import './tasks.css'

const views: { view: View; label: string }[] = [
  { view: 'mine', label: 'My tasks' },
  { view: 'groups', label: "My groups' tasks" },
  { view: 'unassigned', label: 'Unassigned' },
  { view: 'completed', label: 'Completed' },
]

const dueChoices: { due: DueFilter; label: string }[] = [
  { due: 'any', label: 'Any time' },
  { due: 'overdue', label: 'Overdue' },
  { due: 'today', label: 'Due today' },
  { due: 'week', label: 'Due this week' },
  { due: 'none', label: 'No due date' },
]

const refreshMs = 5000

function Badge({ sla }: { sla?: TaskSla }) {
  const badge = slaBadge(sla)
  return badge.kind === 'none' ? null : <span className={`badge ${badge.kind}`} title={badge.title}>{badge.text}</span>
}

/**
 * The agent's task list: views (mine, my groups', unassigned, completed), filters, sort by due date or priority,
 * SLA badges counted in working time, claim and unclaim, and the selected task's case and form. Refreshes every few
 * seconds, so tasks others claim or complete, and new ones, show up without reloading. `#/tasks/group/<group>` opens
 * with the group filter set (a queue, e.g. the QA reviewers').
 */
export function TaskList({ me, path }: { me: Me; path: string[] }) {
  const [tasks, setTasks] = useState<UserTask[]>([])
  const [sla, setSla] = useState<Record<string, TaskSla>>({})
  const [view, setView] = useState<View>('groups')
  const [filters, setFilters] = useState<TaskFilters>(() => filtersFor(path))
  const [order, setOrder] = useState<SortOrder>('due')
  const [open, setOpen] = useState<UserTask>()
  const [error, setError] = useState<string>()

  const refresh = useCallback(async () => {
    try {
      const query = view === 'completed'
        ? { filter: { state: 'COMPLETED' }, sort: [{ field: 'completionDate', order: 'DESC' }], page: { limit: 200 } }
        : { filter: { state: { $in: openStates } }, page: { limit: 1000 } }
      const result = await call<{ items: UserTask[] }>('POST', '/v2/user-tasks/search', query)
      setTasks(result.items)
      const withDue = result.items.filter((t) => openStates.includes(t.state) && t.dueDate).map((t) => t.userTaskKey)
      const standing = withDue.length === 0 ? { items: [] } : await call<{ items: TaskSla[] }>('POST', '/api/sla/user-tasks', { userTaskKeys: withDue })
      setSla(Object.fromEntries(standing.items.map((s) => [s.userTaskKey, s])))
      setError(undefined)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }, [view])

  useEffect(() => pruneDrafts(localStorage, Date.now()), [])

  useEffect(() => {
    void refresh()
    const timer = setInterval(() => void refresh(), refreshMs)
    return () => clearInterval(timer)
  }, [refresh])

  async function claim(task: UserTask, assignee: string | null) {
    try {
      await (assignee
        ? call('POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee, allowOverride: false })
        : call('DELETE', `/v2/user-tasks/${task.userTaskKey}/assignee`))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
    await refresh()
  }

  const seesAll = me.roles.includes('admin')
  const inThisView = view === 'completed' || (seesAll && view === 'groups') ? tasks : inView(tasks, view, me.name, me.groups)
  const shown = view === 'completed' ? applyFilters(inThisView, filters, new Date()) : sortTasks(applyFilters(inThisView, filters, new Date()), order)
  const choices = filterChoices(tasks, filters)
  const selected = open && (tasks.find((t) => t.userTaskKey === open.userTaskKey) ?? open)
  const set = (change: Partial<TaskFilters>) => setFilters({ ...filters, ...change })

  return (
    <main className={selected ? 'tasks with-detail' : 'tasks'}>
      <section className="task-list" aria-label="Task list">
        <nav aria-label="Views">
          {views.map((v) => (
            <button key={v.view} aria-pressed={view === v.view} onClick={() => { setView(v.view); setOpen(undefined) }}>{v.label}</button>
          ))}
        </nav>
        <div className="filters">
          <label>Process
            <select value={filters.process} onChange={(e) => set({ process: e.target.value })}>
              <option value="">All</option>
              {choices.processes.map((p) => <option key={p}>{p}</option>)}
            </select>
          </label>
          <label>Group
            <select value={filters.group} onChange={(e) => set({ group: e.target.value })}>
              <option value="">All</option>
              {choices.groups.map((g) => <option key={g}>{g}</option>)}
            </select>
          </label>
          <label>Priority at least
            <select value={filters.minPriority} onChange={(e) => set({ minPriority: Number(e.target.value) })}>
              {[0, 25, 50, 75, 100].map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          <label>Due
            <select value={filters.due} onChange={(e) => set({ due: e.target.value as DueFilter })}>
              {dueChoices.map((d) => <option key={d.due} value={d.due}>{d.label}</option>)}
            </select>
          </label>
          {view !== 'completed' && (
            <label>Sort by
              <select value={order} onChange={(e) => setOrder(e.target.value as SortOrder)}>
                <option value="due">Due date</option>
                <option value="priority">Priority</option>
              </select>
            </label>
          )}
        </div>
        {error && <p role="alert">{error}</p>}
        <table>
          <thead>
            <tr><th>Task</th><th>Process</th><th>Group</th><th>Priority</th><th>Assignee</th><th>{view === 'completed' ? 'Completed' : 'SLA'}</th><th /></tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t.userTaskKey} className={selected?.userTaskKey === t.userTaskKey ? 'selected' : undefined}>
                <td><button className="link" onClick={() => setOpen(t)}>{t.name}</button></td>
                <td>{t.processDefinitionId}</td>
                <td>{t.candidateGroups.join(', ')}</td>
                <td>{t.priority}</td>
                <td>{t.assignee ?? '—'}</td>
                <td>{view === 'completed' ? (t.completionDate && new Date(t.completionDate).toLocaleString()) : <Badge sla={sla[t.userTaskKey]} />}</td>
                <td>
                  {pendingLabel(t.state) !== undefined && <span className="pending" title="Waiting for the task's listeners">{pendingLabel(t.state)}</span>}
                  {t.state === 'CREATED' && (t.assignee === me.name
                    ? <button onClick={() => void claim(t, null)}>Unclaim</button>
                    : <button onClick={() => void claim(t, me.name)} disabled={Boolean(t.assignee) && !seesAll}>Claim</button>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="empty">No tasks here.</p>}
      </section>
      {selected && (
        <TaskDetail
          key={selected.userTaskKey}
          task={selected}
          me={me}
          onClaim={(assignee) => void claim(selected, assignee)}
          onDone={() => { setOpen(undefined); void refresh() }}
        />
      )}
    </main>
  )
}
