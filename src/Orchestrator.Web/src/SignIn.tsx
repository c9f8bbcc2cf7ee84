import { useState, type FormEvent } from 'react'
import { ApiError, call, type Me } from './api'

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
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
      <h1>Aftersales Orchestrator</h1>
      <label>User <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" /></label>
      <label>Password <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" /></label>
      <button type="submit">Sign in</button>
      {error && <p role="alert">{error}</p>}
    </form>
  )
}
