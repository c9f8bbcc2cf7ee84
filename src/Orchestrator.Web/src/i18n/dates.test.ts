import { describe, expect, it } from 'vitest'
import { formatDateTime } from './dates'

describe('formatDateTime', () => {
  it('writes a moment with its zone (Bug_dateStyle_with_timeZoneName_threw)', () => {
    expect(formatDateTime('2026-12-04T05:00:00Z', 'Asia/Shanghai')).toMatch(/2026.*1:00.*GMT\+8/)
    expect(formatDateTime('2026-12-04T05:00:00Z', 'UTC')).toMatch(/5:00.*UTC/)
    expect(formatDateTime('not a date')).toBe('')
  })
})
