// Business calendars as people read them. The API names a calendar only by its id (configuration gives it a zone, hours
// and holidays, no display name), so the built-in one reads by what it is and any other by its id in quotes.
import type { Translate } from '../format'

/** The business calendar of due dates that name none: the engine's and the configuration's `default`. */
export const standardCalendar = 'default'

/** "the standard business calendar" (标准工作日历), "the “support” calendar" (“support”日历), in the language `t` speaks. */
export function calendarName(id: string, t: Translate): string {
  return id === standardCalendar ? t('common:calendar.standard', {}) : t('common:calendar.named', { id })
}
