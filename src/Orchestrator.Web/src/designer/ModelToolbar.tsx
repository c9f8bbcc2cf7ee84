import { useState } from 'react'
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

/** Validate, Deploy and Download for a model file, whether it differs from what is deployed, and how the last action went. */
export function ModelToolbar({ actions, undeployed, onValidate, onDeploy, onDownload }: {
  actions: ReturnType<typeof useModelActions>
  undeployed: boolean
  onValidate: () => Promise<void>
  onDeploy: () => Promise<void>
  onDownload: () => Promise<void>
}) {
  const { busy, status, error, run } = actions
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Model">
        <button onClick={() => void run(onValidate)} disabled={busy}>Validate</button>
        <button className="primary" onClick={() => void run(onDeploy)} disabled={busy}>Deploy</button>
        <button onClick={() => void run(onDownload)} disabled={busy}>Download</button>
        <span className="changed">{undeployed ? 'Not deployed' : 'As deployed'}</span>
        {status && <span className="status" role="status">{status}</span>}
      </div>
      {error && <p className="designer-error" role="alert">{error}</p>}
    </>
  )
}

/** The server's validation problems, each with a link to where it is in the model. */
export function ProblemList({ problems, onSelect }: { problems?: Problem[]; onSelect: (problem: Problem) => void }) {
  if (!problems || problems.length === 0) return null
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i}>
          <button className="link" onClick={() => onSelect(p)}>{problemPlace(p) || 'model'}</button>: {p.message}
        </li>
      ))}
    </ul>
  )
}
