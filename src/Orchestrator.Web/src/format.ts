// How durations read in the UI, in the user's language.
import { i18n } from './i18n/i18n'

/** "2 h 05 min", "45 min", "3 d 2 h" (whole minutes, never negative); "2 小时 05 分钟" in Chinese. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  const days = Math.floor(m / 1440)
  const hours = Math.floor((m % 1440) / 60)
  const rest = m % 60
  if (days > 0) return hours > 0 ? i18n.t('duration.daysHours', { days, hours }) : i18n.t('duration.days', { days })
  if (hours > 0) return i18n.t('duration.hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') })
  return i18n.t('duration.minutes', { minutes: rest })
}
