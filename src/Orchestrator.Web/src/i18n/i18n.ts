// The UI's languages: English and Simplified Chinese through i18next. The user's choice is remembered in the browser;
// until they choose, the browser's language decides (any Chinese → zh-CN, anything else → en).
import i18next from 'i18next'
import LanguageDetector from 'i18next-browser-languagedetector'
import { initReactI18next } from 'react-i18next'
import { resources } from './resources'

export const languages = ['en', 'zh-CN'] as const
export type Language = (typeof languages)[number]

/** Where the chosen language is kept (localStorage). */
export const languageStorageKey = 'orchestrator.language'

/** The supported language a browser or stored tag stands for. */
export function supportedLanguage(tag: string | undefined): Language {
  return tag !== undefined && tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export const i18n = i18next.createInstance()

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: [...languages],
    fallbackLng: 'en',
    defaultNS: 'common',
    ns: Object.keys(resources.en),
    interpolation: { escapeValue: false },
    showSupportNotice: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: languageStorageKey,
      caches: ['localStorage'],
      convertDetectedLanguage: supportedLanguage,
    },
  })

// The page's lang attribute follows (screen readers and fonts choose by it); tests run without a document.
if (typeof document !== 'undefined') {
  const followLanguage = (language: string) => { document.documentElement.lang = supportedLanguage(language) }
  followLanguage(i18n.language)
  i18n.on('languageChanged', followLanguage)
}
