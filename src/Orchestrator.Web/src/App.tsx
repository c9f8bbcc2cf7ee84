import { useEffect, useState } from 'react'
import { call, type Me } from './api'
import { SignIn } from './SignIn'
import { TaskList } from './TaskList'

export function App() {
  const [me, setMe] = useState<Me | null>()

  useEffect(() => {
    call<Me>('GET', '/api/auth/me').then(setMe, () => setMe(null))
  }, [])

  if (me === undefined) return <p>Loading…</p>
  if (me === null) return <SignIn onSignedIn={setMe} />
  return (
    <>
      <header>
        <strong>Aftersales Orchestrator</strong>
        <span>{me.name} ({me.roles.join(', ') || 'no role'})</span>
        <button onClick={() => void call('POST', '/api/auth/sign-out').then(() => setMe(null))}>Sign out</button>
      </header>
      <TaskList me={me} />
    </>
  )
}
