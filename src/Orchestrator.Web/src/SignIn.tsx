import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, call, type Me } from './api'
import { LanguagePicker } from './i18n/LanguagePicker'

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()

  async function submit(event: FormEvent) {
    event.preventDefault()
    try {
      onSignedIn(await call<Me>('POST', '/api/auth/sign-in', { username, password }))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }

  return (
    <form className="sign-in" onSubmit={submit}>
      <h1>{t('product')}</h1>
      <LanguagePicker />
      <label>{t('signIn.user')} <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" /></label>
      <label>{t('signIn.password')} <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" /></label>
      <button type="submit">{t('signIn.submit')}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  )
}
