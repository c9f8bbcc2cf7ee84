// Dates as the UI shows them: in the user's language, always with the zone they are read in (the browser's unless a
// zone is given, e.g. a business calendar's), so "13:00" can never be taken for another zone's 13:00.
import { i18n } from './i18n'

/** "Dec 4, 2026, 1:00 PM GMT+8" / "2026/12/4 13:00 GMT+8"; an empty string for a missing or unreadable value. */
export function formatDateTime(value: string | Date | undefined | null, timeZone?: string): string {
  if (value === undefined || value === null || value === '') return ''
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  // dateStyle/timeStyle cannot be combined with timeZoneName (Chromium throws "Invalid option"): name the parts instead.
  return new Intl.DateTimeFormat(i18n.language, {
    year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short',
  }).format(date)
}

/** A date without the time ("Dec 4, 2026"), in the given zone or the browser's. */
export function formatDate(value: string | Date | undefined | null, timeZone?: string): string {
  if (value === undefined || value === null || value === '') return ''
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone }).format(date)
}

/** The browser's IANA zone (what `formatDateTime` uses without a zone). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** "Asia/Shanghai (GMT+8)": a zone named with its current offset, for stating which zone a calendar counts in. */
export function zoneLabel(timeZone: string, at: Date = new Date()): string {
  const offset = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value
  return offset ? `${timeZone} (${offset})` : timeZone
}
