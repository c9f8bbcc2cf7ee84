import { useTranslation } from 'react-i18next'
import { formatMinutes } from '../format'
import { formatDateTime } from '../i18n/dates'
import { slaClock, urgency, type TaskRow } from './workspace'

/** A task's SLA: the time left (or since the breach) coloured by urgency, and the due time in the calendar's zone. */
export function SlaPill({ row }: { row?: TaskRow }) {
  const { t } = useTranslation('tasks')
  const sla = row?.sla
  const level = urgency(sla)
  if (!sla || level === 'none') return null
  const due = formatDateTime(sla.dueDate, sla.timeZone)
  const text = level === 'breached'
    ? t('sla.breached', { time: formatMinutes(sla.minutesLate) })
    : t(`sla.${level}`, { time: formatMinutes(sla.minutesLeft) })
  const clock = slaClock(sla, (key, values) => t(key, values))
  return (
    <span className="sla">
      <span className={`sla-pill ${level}`} data-urgency={level} title={`${clock} · ${t('sla.due', { due })}`}>{text}</span>
      <small className="due">{t('sla.due', { due })}</small>
    </span>
  )
}
