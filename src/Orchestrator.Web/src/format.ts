// How durations read in the UI.

/** "2 h 05 min", "45 min", "3 d 2 h" (whole minutes, never negative). */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  const days = Math.floor(m / 1440)
  const hours = Math.floor((m % 1440) / 60)
  const rest = m % 60
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`
  if (hours > 0) return `${hours} h ${String(rest).padStart(2, '0')} min`
  return `${rest} min`
}
