import { useEffect, useRef, useState } from 'react'
import { FormEditor } from '@bpmn-io/form-js-editor'
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css'
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css'
import { deploy, download } from './deploy'
import { fileName } from './designer'

type Schema = Record<string, unknown> & { id?: string }

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * The form-js editor for a task form, with a toolbar: deploy as a `.form` resource (its id is the form id a user task
 * links with zeebe:formDefinition formId) and download.
 */
export function FormDesigner({ schema, deployed, onChanged, onDeployed }: {
  schema: Schema
  /** Whether the schema is a deployed version as it is (not a new form or an uploaded file). */
  deployed: boolean
  onChanged: (changed: boolean) => void
  onDeployed: (formId: string, version: number) => void
}) {
  const container = useRef<HTMLDivElement>(null)
  const editor = useRef<FormEditor>()
  const [undeployed, setUndeployed] = useState(!deployed)
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()
  const changedRef = useRef(onChanged)
  changedRef.current = onChanged

  useEffect(() => {
    if (!container.current) return
    const instance = new FormEditor({ container: container.current })
    editor.current = instance
    instance.importSchema(schema).then(() => {
      instance.on('changed', () => {
        setUndeployed(true)
        changedRef.current(true)
      })
    }, (e: unknown) => setError(`The form could not be opened: ${message(e)}`))
    return () => {
      instance.destroy()
      editor.current = undefined
    }
  }, [schema])

  function current(): Schema {
    return editor.current!.saveSchema() as Schema
  }

  async function onDeploy() {
    setError(undefined)
    setStatus(undefined)
    try {
      const saved = current()
      if (!saved.id) throw new Error('the form needs an id (Form → General → ID): user tasks link it by that id')
      const deployed = await deploy(fileName('form', saved.id), JSON.stringify(saved, null, 2), 'application/json')
      const version = deployed.find((d) => d.form)?.form?.version ?? 0
      setUndeployed(false)
      onChanged(false)
      setStatus(`Deployed form ${saved.id} version ${version}.`)
      onDeployed(saved.id, version)
    } catch (e) {
      setError(message(e))
    }
  }

  function onDownload() {
    const saved = current()
    download(fileName('form', saved.id ?? 'form'), JSON.stringify(saved, null, 2), 'application/json')
  }

  return (
    <div className="form-designer">
      <div className="toolbar" role="toolbar" aria-label="Form">
        <button className="primary" onClick={() => void onDeploy()}>Deploy</button>
        <button onClick={onDownload}>Download</button>
        <span className="changed">{undeployed ? 'Not deployed' : 'As deployed'}</span>
        {status && <span className="status" role="status">{status}</span>}
      </div>
      {error && <p className="designer-error" role="alert">{error}</p>}
      <div className="form-editor" ref={container} />
    </div>
  )
}
