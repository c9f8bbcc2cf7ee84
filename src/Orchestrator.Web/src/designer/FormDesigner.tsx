import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormEditor } from '@bpmn-io/form-js-editor'
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css'
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css'
import { call } from '../api'
import { deploy, download } from './deploy'
import { fileName, groupForms, type FormVersion } from './designer'
import { diffModels, formElements, type ModelDiff } from './diff'
import { DeployDialog } from './Dialogs'

type Schema = Record<string, unknown> & { id?: string }

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * The form-js editor for a task form, with a toolbar: deploy as a `.form` resource (its id is the form id a user task
 * links with zeebe:formDefinition formId) after a dialog shows what changes against the deployed version, and download.
 */
export function FormDesigner({ schema, deployed, canDeploy, onChanged, onDeployed }: {
  schema: Schema
  /** Whether the schema is a deployed version as it is (not a new form or an uploaded file). */
  deployed: boolean
  /** Whether the user may deploy (else no Deploy button: the server would refuse it). */
  canDeploy: boolean
  onChanged: (changed: boolean) => void
  onDeployed: (formId: string, version: number) => void
}) {
  const { t } = useTranslation('designer')
  const container = useRef<HTMLDivElement>(null)
  const editor = useRef<FormEditor>()
  const [undeployed, setUndeployed] = useState(!deployed)
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()
  const [confirm, setConfirm] = useState<{ schema: Schema; latest?: number; diff?: ModelDiff }>()
  const changedRef = useRef(onChanged)
  changedRef.current = onChanged
  // The modeler is made once per model: a change of language must not make it anew (and lose what is being edited).
  const words = useRef(t)
  words.current = t

  useEffect(() => {
    if (!container.current) return
    const instance = new FormEditor({ container: container.current })
    editor.current = instance
    instance.importSchema(schema).then(() => {
      instance.on('changed', () => {
        setUndeployed(true)
        changedRef.current(true)
      })
    }, (e: unknown) => setError(words.current('status.formNotOpened', { error: message(e) })))
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
      if (!saved.id) throw new Error(t('status.formNeedsId'))
      // The server's latest version, not the list's: the list may not show a deployment made a moment ago yet.
      const latest = groupForms(await call<FormVersion[]>('GET', '/api/forms')).find((f) => f.id === saved.id)?.latest
      if (!latest) {
        setConfirm({ schema: saved })
        return
      }
      const before = await call<{ schema: string }>('GET', `/api/forms/${latest.formKey}`)
      setConfirm({ schema: saved, latest: latest.version, diff: diffModels(formElements(JSON.parse(before.schema)), formElements(saved)) })
    } catch (e) {
      setError(message(e))
    }
  }

  async function confirmed(saved: Schema) {
    setConfirm(undefined)
    try {
      const deployed = await deploy(fileName('form', saved.id!), JSON.stringify(saved, null, 2), 'application/json')
      const version = deployed.find((d) => d.form)?.form?.version ?? 0
      setUndeployed(false)
      onChanged(false)
      setStatus(t('status.formDeployed', { id: saved.id, version }))
      onDeployed(saved.id!, version)
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
      <div className="toolbar" role="toolbar" aria-label={t('toolbar.form')}>
        {canDeploy && <button className="primary" onClick={() => void onDeploy()}>{t('toolbar.deploy')}</button>}
        <button onClick={onDownload}>{t('toolbar.download')}</button>
        <span className="changed">{undeployed ? t('state.notDeployed') : t('state.asDeployed')}</span>
        {status && <span className="status" role="status">{status}</span>}
      </div>
      {error && <p className="designer-error" role="alert">{error}</p>}
      <div className="form-editor" ref={container} />
      {confirm && (
        <DeployDialog
          subject={confirm.schema.id ?? ''}
          latestVersion={confirm.latest}
          diff={confirm.diff}
          onConfirm={() => void confirmed(confirm.schema)}
          onCancel={() => setConfirm(undefined)}
        />
      )}
    </div>
  )
}
