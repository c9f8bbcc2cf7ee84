// How durations read in the UI, in the user's language.
import { i18n } from './i18n/i18n'

/** Gives a message of the `common` namespace in some language. */
export type Translate = (key: string, values: Record<string, unknown>) => string

/** "2 h 05 min", "45 min", "3 d 2 h" (whole minutes, never negative) in the language `t` speaks ("2 小时 05 分钟"). */
export function formatDuration(minutes: number, t: Translate): string {
  const m = Math.max(0, Math.round(minutes))
  const days = Math.floor(m / 1440)
  const hours = Math.floor((m % 1440) / 60)
  const rest = m % 60
  if (days > 0) return hours > 0 ? t('common:duration.daysHours', { days, hours }) : t('common:duration.days', { days })
  if (hours > 0) return t('common:duration.hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') })
  return t('common:duration.minutes', { minutes: rest })
}

/** A duration in the user's language. */
export function formatMinutes(minutes: number): string {
  return formatDuration(minutes, (key, values) => i18n.t(key, values))
}
