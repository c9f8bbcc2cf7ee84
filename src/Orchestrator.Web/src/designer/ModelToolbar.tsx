import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { problemPlace, type Problem } from './designer'

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** A toolbar's actions run one at a time: busy while one runs, its status or error shown once it ends. */
export function useModelActions() {
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()

  async function run(action: () => Promise<void>) {
    setBusy(true)
    setError(undefined)
    setStatus(undefined)
    try {
      await action()
    } catch (e) {
      setError(message(e))
    } finally {
      setBusy(false)
    }
  }

  return { busy, status, setStatus, error, setError, run }
}

/**
 * Validate, Deploy (only with `onDeploy`: for users who may deploy) and Download for a model file, what is open (deployed or
 * not, changed or not), and how the last action went.
 */
export function ModelToolbar({ actions, state, onValidate, onDeploy, onDownload, children }: {
  actions: ReturnType<typeof useModelActions>
  /** What the editor has open, e.g. "v2 deployed · unsaved changes". */
  state: string
  onValidate: () => Promise<void>
  onDeploy?: () => Promise<void>
  onDownload: () => Promise<void>
  children?: ReactNode
}) {
  const { t } = useTranslation('designer')
  const { busy, status, error, run } = actions
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label={t('toolbar.model')}>
        <button onClick={() => void run(onValidate)} disabled={busy}>{t('toolbar.validate')}</button>
        {onDeploy && <button className="primary" onClick={() => void run(onDeploy)} disabled={busy}>{t('toolbar.deploy')}</button>}
        <button onClick={() => void run(onDownload)} disabled={busy}>{t('toolbar.download')}</button>
        {children}
        <span className="changed">{state}</span>
        {status && <span className="status" role="status">{status}</span>}
      </div>
      {error && <p className="designer-error" role="alert">{error}</p>}
    </>
  )
}

/**
 * The server's validation problems, each with a link to where it is in the model: the element's name when the model
 * gives one (`nameOf`), its id and line after it.
 */
export function ProblemList({ problems, onSelect, nameOf }: {
  problems?: Problem[]
  onSelect: (problem: Problem) => void
  nameOf?: (elementId: string) => string | undefined
}) {
  const { t } = useTranslation('designer')
  if (!problems || problems.length === 0) return null
  return (
    <ul className="problems" aria-label={t('problems.label')}>
      {problems.map((p, i) => {
        const place = problemPlace(p, t)
        const name = p.elementId ? nameOf?.(p.elementId) : undefined
        return (
          <li key={i}>
            <button className="link" onClick={() => onSelect(p)}>{name ? t('problems.named', { name, place }) : place || t('problems.model')}</button>: {p.message}
          </li>
        )
      })}
    </ul>
  )
}
