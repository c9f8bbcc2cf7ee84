import { describe, expect, it } from 'vitest'
import { supportedLanguage } from './i18n'
import { resources } from './resources'

type Messages = { [key: string]: string | Messages }

/** Every leaf of a namespace as "a.b.c" → text. */
function leaves(messages: Messages, prefix = ''): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') found.set(path, value)
    else for (const [k, v] of leaves(value, path)) found.set(k, v)
  }
  return found
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort()

describe('messages', () => {
  const english = resources.en as Record<string, Messages>
  const chinese = resources['zh-CN'] as Record<string, Messages>

  it('every namespace exists in both languages', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort())
  })

  for (const namespace of Object.keys(english)) {
    it(`${namespace}: the same keys, none empty, the same placeholders in zh-CN as in en`, () => {
      const en = leaves(english[namespace])
      const zh = leaves(chinese[namespace] ?? {})
      expect([...zh.keys()].sort()).toEqual([...en.keys()].sort())
      for (const [key, text] of en) {
        expect(text.trim(), `en ${namespace}:${key}`).not.toBe('')
        expect(zh.get(key)?.trim(), `zh-CN ${namespace}:${key}`).not.toBe('')
        expect(placeholders(zh.get(key) ?? ''), `${namespace}:${key}`).toEqual(placeholders(text))
      }
    })
  }
})

describe('supportedLanguage', () => {
  it('reads any Chinese tag as zh-CN and everything else as English', () => {
    expect(supportedLanguage('zh')).toBe('zh-CN')
    expect(supportedLanguage('zh-TW')).toBe('zh-CN')
    expect(supportedLanguage('ZH-cn')).toBe('zh-CN')
    expect(supportedLanguage('de-DE')).toBe('en')
    expect(supportedLanguage(undefined)).toBe('en')
  })
})
