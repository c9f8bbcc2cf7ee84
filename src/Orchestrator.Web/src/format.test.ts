import { afterAll, describe, expect, it } from 'vitest'
import { formatMinutes } from './format'
import { i18n } from './i18n/i18n'

describe('formatMinutes', () => {
  afterAll(() => i18n.changeLanguage('en'))

  it('formats minutes as days, hours and minutes', async () => {
    await i18n.changeLanguage('en')
    expect(formatMinutes(0)).toBe('0 min')
    expect(formatMinutes(59.4)).toBe('59 min')
    expect(formatMinutes(60)).toBe('1 h 00 min')
    expect(formatMinutes(80)).toBe('1 h 20 min')
    expect(formatMinutes(1440 + 125)).toBe('1 d 2 h')
    expect(formatMinutes(2880)).toBe('2 d')
    expect(formatMinutes(-5)).toBe('0 min')
  })

  it('speaks Chinese when the user chose it', async () => {
    await i18n.changeLanguage('zh-CN')
    expect(formatMinutes(80)).toBe('1 小时 20 分钟')
    expect(formatMinutes(1440 + 125)).toBe('1 天 2 小时')
    expect(formatMinutes(5)).toBe('5 分钟')
  })
})
