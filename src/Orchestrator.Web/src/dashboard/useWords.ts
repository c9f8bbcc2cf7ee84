import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Words } from './words'

/** The dashboard's words in the user's language, changing when they choose another. */
export function useWords(): Words {
  const { t, i18n } = useTranslation('dashboard')
  return useMemo(() => ({ t: (key: string, values?: Record<string, unknown>) => t(key, values ?? {}), language: i18n.language }), [t, i18n.language])
}
