import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, type Me } from '../api'
import { AnswerOrder } from '../answers'
import { formatDateTime } from '../i18n/dates'
import {
  applyFilters, filterChoices, filtersFor, inView, openStates, pendingLabel, sortTasks,
  type DueFilter, type SortOrder, type TaskFilters, type UserTask, type View,
} from './tasks'
import { pruneDrafts } from './drafts'
import { SlaPill } from './SlaPill'
import { TaskDetail } from './TaskDetail'
import {
  arrived, linkFilters, nextTask, shortcut, shortcutList, slaMatches, step, stillListed, titleWithCount, type TaskRow,
} from './workspace'
import './tasks.css'

const views: View[] = ['mine', 'groups', 'unassigned', 'completed']
const dueChoices: DueFilter[] = ['any', 'overdue', 'today', 'week', 'none']
const refreshMs = 5000
const notifyKey = 'orchestrator.tasks.notify'

/** True when the focused element takes typing: the shortcuts leave such keys to it. */
const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/**
 * The agent's workspace: views (mine, my groups', unassigned, completed), filters, sort by due date or priority, rows
 * with each task's case (business key, customer, subject, channel, language) and SLA read on the server in one call,
 * claim and unclaim, and the selected task's case and form; completing opens the next task. New tasks are counted
 * (also in the tab's title, and as a browser notification when the user asked for them); keyboard shortcuts move
 * through the list. Refreshes every few seconds. `#/tasks/group/<group>` and `#/tasks?group=…&process=…&sla=…` open
 * with those filters set, `#/tasks/<userTaskKey>` with that task open. On a narrow screen the open task replaces the list, with a way back.
 */
export function TaskList({ me, path }: { me: Me; path: string[] }) {
  const { t } = useTranslation('tasks')
  const linked = useMemo(() => linkFilters(window.location.hash), [])
  const [tasks, setTasks] = useState<UserTask[]>([])
  const [rows, setRows] = useState<Record<string, TaskRow>>({})
  const [view, setView] = useState<View>('groups')
  const [filters, setFilters] = useState<TaskFilters>(() => filtersFor(path, linked))
  const [slaFilter] = useState(linked.sla)
  const [order, setOrder] = useState<SortOrder>('due')
  const [open, setOpen] = useState<UserTask>()
  const [cursor, setCursor] = useState<string>()
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [help, setHelp] = useState(false)
  const [seen, setSeen] = useState<Set<string>>()
  const [notify, setNotify] = useState(() => localStorage.getItem(notifyKey) === 'on' && typeof Notification !== 'undefined' && Notification.permission === 'granted')
  // Tasks completed here leave the open views at once: a refresh that answers with an older list must not bring them back
  // (each leaves the set once a shown refresh no longer lists it).
  const [completedHere, setCompletedHere] = useState<ReadonlySet<string>>(new Set())
  const completeRef = useRef<() => void>()
  // The task open now, for a completion that answers after the agent opened another one.
  const openKey = useRef<string>()
  openKey.current = open?.userTaskKey
  const notified = useRef<Set<string>>(new Set())
  // `#/tasks/<userTaskKey>` opens that task once the list has it.
  const linkedTask = useRef(/^\d+$/.test(path[0] ?? '') ? path[0] : undefined)

  // Refreshes overlap: the poll, a claim's, a view's.
  const refreshes = useRef(new AnswerOrder())

  const refresh = useCallback(async () => {
    const request = refreshes.current.start()
    try {
      const query = view === 'completed'
        ? { filter: { state: 'COMPLETED' }, sort: [{ field: 'completionDate', order: 'DESC' }], page: { limit: 200 } }
        : { filter: { state: { $in: openStates } }, page: { limit: 1000 } }
      const result = await call<{ items: UserTask[] }>('POST', '/v2/user-tasks/search', query)
      if (!refreshes.current.show(request)) return
      setTasks(result.items)
      if (view !== 'completed') setCompletedHere((before) => stillListed(before, result.items.map((task) => task.userTaskKey)))
      const linkedOpen = result.items.find((task) => task.userTaskKey === linkedTask.current)
      if (linkedOpen) {
        linkedTask.current = undefined
        setOpen(linkedOpen)
        setCursor(linkedOpen.userTaskKey)
      }
      const keys = result.items.map((task) => task.userTaskKey)
      const found = keys.length === 0 ? { items: [] } : await call<{ items: TaskRow[] }>('POST', '/api/user-tasks/rows', { userTaskKeys: keys })
      if (!refreshes.current.show(request)) return
      setRows(Object.fromEntries(found.items.map((r) => [r.userTaskKey, r])))
      setSeen((before) => before ?? new Set(keys))
      setError(undefined)
    } catch (e) {
      if (refreshes.current.current(request)) setError(e instanceof Error ? e.message : String(e))
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
  const listed = view === 'completed' ? tasks : tasks.filter((task) => !completedHere.has(task.userTaskKey))
  const inThisView = view === 'completed' || (seesAll && view === 'groups') ? listed : inView(listed, view, me.name, me.groups)
  const filtered = applyFilters(inThisView, filters, new Date()).filter((task) => slaMatches(rows[task.userTaskKey], slaFilter))
  const shown = view === 'completed' ? filtered : sortTasks(filtered, order)
  const choices = filterChoices(tasks, filters)
  const selected = open && (tasks.find((task) => task.userTaskKey === open.userTaskKey) ?? open)
  const set = (change: Partial<TaskFilters>) => setFilters({ ...filters, ...change })
  const fresh = view === 'completed' || !seen ? [] : arrived(listed.filter((task) => openStates.includes(task.state)).map((task) => task.userTaskKey), seen)
  const freshSet = new Set(fresh)
  const markSeen = () => setSeen(new Set(tasks.map((task) => task.userTaskKey)))
  const workable = (task: UserTask) => task.state === 'CREATED' && (!task.assignee || task.assignee === me.name)

  useEffect(() => {
    document.title = titleWithCount(t('title'), fresh.length)
  }, [fresh.length, t])

  useEffect(() => () => { document.title = t('product', { ns: 'common' }) }, [t])

  useEffect(() => {
    const unnotified = fresh.filter((key) => !notified.current.has(key))
    unnotified.forEach((key) => notified.current.add(key))
    if (notify && unnotified.length > 0 && document.visibilityState === 'hidden' && typeof Notification !== 'undefined') {
      new Notification(t('notify.title', { count: unnotified.length }), { body: t('notify.body'), tag: 'orchestrator-new-tasks' })
    }
  }, [fresh, notify, t])

  async function askToNotify() {
    if (typeof Notification === 'undefined') {
      setStatus(t('notify.unsupported'))
      return
    }
    if (notify) {
      localStorage.setItem(notifyKey, 'off')
      setNotify(false)
      return
    }
    const permission = await Notification.requestPermission()
    localStorage.setItem(notifyKey, permission === 'granted' ? 'on' : 'off')
    setNotify(permission === 'granted')
    setStatus(permission === 'granted' ? t('notify.on') : t('notify.denied'))
  }

  function completed(done: UserTask) {
    setCompletedHere((before) => new Set(before).add(done.userTaskKey))
    if (openKey.current === done.userTaskKey) {
      const next = nextTask(shown, done.userTaskKey, workable)
      setOpen(next)
      setCursor(next?.userTaskKey)
      setStatus(next ? t('completedNext', { task: done.name, next: label(next) }) : t('completedLast', { task: done.name }))
    } else {
      // The agent went on to another task while this one completed (a task listener may hold a completion for a minute).
      setStatus(t('completed', { task: done.name }))
    }
    void refresh()
  }

  const label = (task: UserTask) => {
    const key = rows[task.userTaskKey]?.businessKey
    return key ? `${key} · ${task.name}` : task.name
  }

  const keyHandler = useRef<(e: KeyboardEvent) => void>()
  keyHandler.current = (e: KeyboardEvent) => {
    const action = shortcut({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing: typingIn(e.target) })
    if (!action) return
    const keys = shown.map((task) => task.userTaskKey)
    const current = cursor ?? selected?.userTaskKey
    const task = shown.find((x) => x.userTaskKey === current)
    switch (action) {
      case 'next':
      case 'previous': {
        const to = step(keys, current, action === 'next' ? 1 : -1)
        setCursor(to)
        if (to) document.getElementById(`task-${to}`)?.focus()
        break
      }
      case 'open':
        if (!task || (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement)) return
        setOpen(task)
        break
      case 'claim':
        if (task && task.state === 'CREATED' && !task.assignee) void claim(task, me.name)
        break
      case 'complete':
        if (!completeRef.current) return
        completeRef.current()
        break
      case 'help':
        setHelp((h) => !h)
        break
      case 'close':
        if (help) setHelp(false)
        else setOpen(undefined)
        break
    }
    e.preventDefault()
  }

  useEffect(() => {
    const listener = (e: KeyboardEvent) => keyHandler.current?.(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])

  return (
    <main className={selected ? 'tasks with-detail' : 'tasks'}>
      <section className="task-list" aria-label={t('list')}>
        <h1 className="visually-hidden">{t('title')}</h1>
        <div className="list-bar">
          <nav aria-label={t('views.label')}>
            {views.map((v) => (
              <button key={v} aria-pressed={view === v} onClick={() => { setView(v); setOpen(undefined); setSeen(undefined) }}>{t(`views.${v}`)}</button>
            ))}
          </nav>
          <div className="list-tools">
            {fresh.length > 0 && (
              <button className="new-badge" onClick={markSeen} title={t('newTasks.markSeen')}>{t('newTasks.count', { count: fresh.length })}</button>
            )}
            <button onClick={() => void askToNotify()} aria-pressed={notify}>{notify ? t('notify.stop') : t('notify.ask')}</button>
            <button onClick={() => setHelp((h) => !h)} aria-expanded={help}>{t('shortcuts.button')}</button>
          </div>
        </div>
        {help && (
          <section className="shortcuts" aria-label={t('shortcuts.title')}>
            <h2>{t('shortcuts.title')}</h2>
            <dl>
              {shortcutList.map((s) => (
                <div key={s.keys}><dt><kbd>{s.keys}</kbd></dt><dd>{t(`shortcuts.${s.does}`)}</dd></div>
              ))}
            </dl>
          </section>
        )}
        <div className="filters">
          <label>{t('filters.process')}
            <select value={filters.process} onChange={(e) => set({ process: e.target.value })}>
              <option value="">{t('filters.all')}</option>
              {choices.processes.map((p) => <option key={p}>{p}</option>)}
            </select>
          </label>
          <label>{t('filters.group')}
            <select value={filters.group} onChange={(e) => set({ group: e.target.value })}>
              <option value="">{t('filters.all')}</option>
              {choices.groups.map((g) => <option key={g}>{g}</option>)}
            </select>
          </label>
          <label>{t('filters.minPriority')}
            <select value={filters.minPriority} onChange={(e) => set({ minPriority: Number(e.target.value) })}>
              {[0, 25, 50, 75, 100].map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          <label>{t('filters.due')}
            <select value={filters.due} onChange={(e) => set({ due: e.target.value as DueFilter })}>
              {dueChoices.map((d) => <option key={d} value={d}>{t(`due.${d}`)}</option>)}
            </select>
          </label>
          {view !== 'completed' && (
            <label>{t('filters.sort')}
              <select value={order} onChange={(e) => setOrder(e.target.value as SortOrder)}>
                <option value="due">{t('sort.due')}</option>
                <option value="priority">{t('sort.priority')}</option>
              </select>
            </label>
          )}
          {slaFilter && <span className="hint">{t(`filters.sla.${slaFilter}`)}</span>}
        </div>
        {error && <p role="alert">{error}</p>}
        {status && <p role="status" className="status">{status}</p>}
        <div className="table-box">
        <table className="task-table">
          <thead>
            <tr>
              <th>{t('columns.task')}</th><th>{t('columns.customer')}</th><th>{t('columns.subject')}</th><th>{t('columns.channel')}</th>
              <th>{t('columns.priority')}</th><th>{t('columns.assignee')}</th><th>{view === 'completed' ? t('columns.completed') : t('columns.sla')}</th>
              <th><span className="visually-hidden">{t('columns.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((task) => {
              const row = rows[task.userTaskKey]
              const pending = pendingLabel(task.state)
              const classes = [selected?.userTaskKey === task.userTaskKey && 'selected', cursor === task.userTaskKey && 'cursor', freshSet.has(task.userTaskKey) && 'fresh'].filter(Boolean).join(' ')
              return (
                <tr key={task.userTaskKey} className={classes || undefined} data-task={task.userTaskKey}>
                  <td data-label={t('columns.task')}>
                    <button id={`task-${task.userTaskKey}`} className="link" onClick={() => { setOpen(task); setCursor(task.userTaskKey) }} onFocus={() => setCursor(task.userTaskKey)}>
                      <strong className="business-key">{row?.businessKey ?? `#${task.processInstanceKey}`}</strong> <span>{task.name}</span>
                    </button>
                    <small className="process">{task.processDefinitionId}</small>
                  </td>
                  <td data-label={t('columns.customer')} className="customer">
                    {row?.customerName ?? row?.customerId ?? '—'}
                    {row?.customerName && row.customerId && <small> {row.customerId}</small>}
                  </td>
                  <td data-label={t('columns.subject')} className="subject">{row?.subject ?? '—'}</td>
                  <td data-label={t('columns.channel')} className="channel">
                    {row?.channel ? t(`channels.${row.channel}`, { defaultValue: row.channel }) : '—'}
                    {row?.language && <small className="language" lang={row.language}> {row.language}</small>}
                  </td>
                  <td data-label={t('columns.priority')}>{task.priority}</td>
                  <td data-label={t('columns.assignee')}>{task.assignee ?? '—'}</td>
                  <td data-label={view === 'completed' ? t('columns.completed') : t('columns.sla')}>
                    {view === 'completed' ? formatDateTime(task.completionDate) : <SlaPill row={row} />}
                  </td>
                  <td className="row-actions">
                    {pending !== undefined && <span className="pending" title={t('pending.title')}>{t(pending)}</span>}
                    {task.state === 'CREATED' && (task.assignee === me.name
                      ? <button onClick={() => void claim(task, null)}>{t('actions.unclaim')}</button>
                      : <button onClick={() => void claim(task, me.name)} disabled={Boolean(task.assignee) && !seesAll}>{t('actions.claim')}</button>)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        </div>
        {shown.length === 0 && <p className="empty">{t('empty')}</p>}
      </section>
      {selected && (
        <TaskDetail
          key={selected.userTaskKey}
          task={selected}
          row={rows[selected.userTaskKey]}
          me={me}
          completeRef={completeRef}
          onBack={() => setOpen(undefined)}
          onClaim={(assignee) => void claim(selected, assignee)}
          onDone={() => completed(selected)}
        />
      )}
    </main>
  )
}
