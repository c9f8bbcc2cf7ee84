import { useTranslation } from 'react-i18next'
import { languages, supportedLanguage } from './i18n'

/** The language menu in the header: the choice applies at once and is remembered in this browser. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation()
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={supportedLanguage(i18n.language)} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        {languages.map((l) => <option key={l} value={l} lang={l}>{t(`language.${l}`)}</option>)}
      </select>
    </label>
  )
}
