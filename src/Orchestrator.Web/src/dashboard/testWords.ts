// The dashboard's words in a fixed language, for the tests.
import { i18n } from '../i18n/i18n'
import type { Words } from './words'

export function wordsIn(language: 'en' | 'zh-CN'): Words {
  const t = i18n.getFixedT(language, 'dashboard')
  return { t: (key, values) => t(key, values ?? {}), language }
}
