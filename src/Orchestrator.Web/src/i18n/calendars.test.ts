import { describe, expect, it } from 'vitest'
import type { Translate } from '../format'
import { calendarName } from './calendars'
import { i18n } from './i18n'

const speaking = (language: 'en' | 'zh-CN'): Translate => {
  const t = i18n.getFixedT(language)
  return (key, values) => t(key, values)
}

describe('calendarName', () => {
  it('calls the built-in default calendar the standard business calendar and quotes any other id, in both languages', () => {
    expect(calendarName('default', speaking('en'))).toBe('the standard business calendar')
    expect(calendarName('support', speaking('en'))).toBe('the “support” calendar')
    expect(calendarName('default', speaking('zh-CN'))).toBe('标准工作日历')
    expect(calendarName('support', speaking('zh-CN'))).toBe('“support”日历')
  })
})
