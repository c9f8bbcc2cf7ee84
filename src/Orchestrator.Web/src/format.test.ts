import { describe, expect, it } from 'vitest'
import { formatMinutes } from './format'

describe('formatMinutes', () => {
  it('formats minutes as days, hours and minutes', () => {
    expect(formatMinutes(0)).toBe('0 min')
    expect(formatMinutes(59.4)).toBe('59 min')
    expect(formatMinutes(60)).toBe('1 h 00 min')
    expect(formatMinutes(80)).toBe('1 h 20 min')
    expect(formatMinutes(1440 + 125)).toBe('1 d 2 h')
    expect(formatMinutes(2880)).toBe('2 d')
    expect(formatMinutes(-5)).toBe('0 min')
  })
})
