// How the dashboard's figures read in the user's language: messages of the `dashboard` namespace through `t`, numbers
// through Intl.NumberFormat of the language. Pure, so the tests give a fixed language's `t`.
import { formatDuration } from '../format'

/** A message of the `dashboard` namespace with its values, and the language numbers are written in. */
export interface Words {
  t: (key: string, values?: Record<string, unknown>) => string
  language: string
}

const missing = (value: number | null | undefined): value is null | undefined => value === null || value === undefined

/** A number in the language's digits and separators, at most `digits` decimals (rounded half away from zero). */
export function number(value: number, w: Words, digits = 1): string {
  return new Intl.NumberFormat(w.language, { maximumFractionDigits: digits }).format(value)
}

/** A count ("1,234"). */
export function count(value: number, w: Words): string {
  return number(value, w, 0)
}

/** A figure rounded to one decimal, or "—" when nothing was measured. */
export function decimal(value: number | null | undefined, w: Words): string {
  return missing(value) ? w.t('none') : number(value, w)
}

/** A percentage with one decimal ("92.5 %", "92.5%"), or "—" when its base is empty. */
export function percent(value: number | null | undefined, w: Words): string {
  return missing(value) ? w.t('none') : w.t('percent', { value: number(value, w) })
}

/** "2 h 05 min", "45 min", "3 d 2 h" in the language (whole minutes, never negative). */
export function duration(minutes: number, w: Words): string {
  return formatDuration(minutes, w.t)
}

/** A duration in minutes, or "—". */
export function minutes(value: number | null | undefined, w: Words): string {
  return missing(value) ? w.t('none') : duration(value, w)
}

/** A duration in hours, or "—". */
export function hours(value: number | null | undefined, w: Words): string {
  return missing(value) ? w.t('none') : duration(value * 60, w)
}

/** An NPS (−100 … 100) with its sign, or "—". */
export function nps(value: number | null | undefined, w: Words): string {
  if (missing(value)) return w.t('none')
  const rounded = Math.round(value * 10) / 10
  return rounded > 0 ? `+${number(rounded, w)}` : rounded < 0 ? `−${number(-rounded, w)}` : number(0, w)
}
