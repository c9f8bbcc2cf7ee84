import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, type Me } from './api'
import { LanguagePicker } from './i18n/LanguagePicker'
import { link, pagesFor, route } from './navigation'
import { SignIn } from './SignIn'
import { TaskList } from './tasks/TaskList'

// The modeler, the form editor, the diagram viewer and the charts are large: each page loads them when first opened.
const Designer = lazy(() => import('./designer/Designer').then((m) => ({ default: m.Designer })))
const Operations = lazy(() => import('./operations/Operations').then((m) => ({ default: m.Operations })))
const Dashboard = lazy(() => import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })))

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash)
  useEffect(() => {
    const changed = () => setHash(window.location.hash)
    window.addEventListener('hashchange', changed)
    return () => window.removeEventListener('hashchange', changed)
  }, [])
  return hash
}

/** Sign-in, then the pages the user's roles allow, one at a time, chosen by the location hash (`#/tasks`, `#/operations/<key>`, …). */
export function App() {
  const { t } = useTranslation()
  const [me, setMe] = useState<Me | null>()
  const [menuOpen, setMenuOpen] = useState(false)
  const hash = useHash()

  useEffect(() => {
    call<Me>('GET', '/api/auth/me').then(setMe, () => setMe(null))
  }, [])

  if (me === undefined) return <p>{t('loading')}</p>
  if (me === null) return <SignIn onSignedIn={setMe} />
  const pages = pagesFor(me.roles)
  const { page, rest } = route(hash, pages)
  return (
    <>
      <header className={menuOpen ? 'app-header open' : 'app-header'}>
        <strong>{t('product')}</strong>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="app-menu" onClick={() => setMenuOpen(!menuOpen)}>
          {t('menu')}
        </button>
        <div id="app-menu" className="app-menu">
          <nav aria-label={t('pages.label')}>
            {pages.map((p) => (
              <a key={p} href={link(p)} aria-current={p === page ? 'page' : undefined} onClick={() => setMenuOpen(false)}>{t(`pages.${p}`)}</a>
            ))}
          </nav>
          <span className="user">{t('user.roles', { name: me.name, roles: me.roles.join(', ') || t('user.noRole') })}</span>
          <LanguagePicker />
          <button type="button" onClick={() => void call('POST', '/api/auth/sign-out').then(() => setMe(null))}>{t('user.signOut')}</button>
        </div>
      </header>
      <Suspense fallback={<p className="loading">{t('loading')}</p>}>
        {page === 'tasks' && <TaskList key={rest.join('/')} me={me} path={rest} />}
        {page === 'designer' && <Designer me={me} path={rest} />}
        {page === 'operations' && <Operations me={me} path={rest} />}
        {page === 'dashboard' && <Dashboard me={me} path={rest} />}
      </Suspense>
    </>
  )
}
