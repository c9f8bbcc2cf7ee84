import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { call, text, type Me } from '../api'
import { AnswerOrder } from '../answers'
import { link, pagesFor } from '../navigation'
import { BpmnDesigner, type DeployedProcess } from './BpmnDesigner'
import { FormDesigner } from './FormDesigner'
import { designerActions, groupForms, groupProcesses, newFormSchema, newProcessXml, slug, withoutVersion, type DefinitionVersion, type FormVersion, type Versioned } from './designer'
import { groupDecisionRequirements, newDecisionXml, type DecisionRequirementsVersion } from './dmn'
import { UndeployDialog, type Undeployable } from './UndeployDialog'
import { VersionList } from './VersionList'
import './designer.css'

// The DMN modeler is as large as the BPMN one: it loads when a decision is first opened.
const DmnDesigner = lazy(() => import('./DmnDesigner').then((m) => ({ default: m.DmnDesigner })))

/** The heading of what is open: a message of the designer's namespace and its values. */
interface Heading {
  key: string
  values: Record<string, string | number>
}

type Opened =
  | { kind: 'bpmn'; heading: Heading; xml: string; version?: number; key?: string }
  | { kind: 'form'; heading: Heading; schema: Record<string, unknown>; deployed: boolean }
  | { kind: 'dmn'; heading: Heading; xml: string; deployed: boolean; view?: string }

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * The process owner's designer: deployed processes, decisions and forms with their versions; a process opens in the
 * Camunda 8 modeler, a decision requirements graph in the DMN modeler, a form in the form editor
 * (`#/designer/process/<key>`, `#/designer/decisions/<decisionRequirementsKey>`, `#/designer/form/<key>`); new ones,
 * and .bpmn, .dmn or .form files uploaded from disk, open the same way. After a deployment the heading and the
 * location follow the new version.
 */
export function Designer({ me, path }: { me: Me; path: string[] }) {
  const { t } = useTranslation('designer')
  const may = designerActions(me.permissions)
  const [processes, setProcesses] = useState<Versioned<DefinitionVersion>[]>([])
  const [decisions, setDecisions] = useState<Versioned<DecisionRequirementsVersion>[]>([])
  const [forms, setForms] = useState<Versioned<FormVersion>[]>([])
  const [templates, setTemplates] = useState<unknown[]>()
  const [opened, setOpened] = useState<Opened>()
  const [changed, setChanged] = useState(false)
  const [error, setError] = useState<string>()
  const [undeploying, setUndeploying] = useState<Undeployable>()
  // The key the location names once a deployment made it: already open, not to be loaded again.
  const shown = useRef<string>()
  // A new or uploaded model opened while a deployed version was: the location goes back to the bare designer, which must not close it.
  const detached = useRef(false)
  const [kind, key] = path

  // Loads overlap: after a deployment, an undeployment.
  const loads = useRef(new AnswerOrder())

  const loadLists = useCallback(async () => {
    const request = loads.current.start()
    try {
      const [definitions, requirements, deployedForms] = await Promise.all([
        call<{ items: DefinitionVersion[] }>('POST', '/v2/process-definitions/search', { page: { limit: 1000 } }),
        call<{ items: DecisionRequirementsVersion[] }>('POST', '/v2/decision-requirements/search', { page: { limit: 1000 } }),
        call<FormVersion[]>('GET', '/api/forms'),
      ])
      if (!loads.current.show(request)) return
      setProcesses(groupProcesses(definitions.items))
      setDecisions(groupDecisionRequirements(requirements.items))
      setForms(groupForms(deployedForms))
    } catch (e) {
      if (loads.current.current(request)) setError(message(e))
    }
  }, [])

  useEffect(() => {
    void loadLists()
    call<unknown[]>('GET', '/api/element-templates').then(setTemplates, (e) => setError(t('errors.templates', { error: message(e) })))
  }, [loadLists, t])

  // What the location names is what is open: a deployed version by key.
  useEffect(() => {
    if (key && key === shown.current) return
    shown.current = undefined
    const stayOpen = detached.current
    detached.current = false
    if (!kind && stayOpen) return
    let current = true
    setChanged(false)
    if (kind === 'process' && key) {
      Promise.all([text(`/v2/process-definitions/${key}/xml`), call<DefinitionVersion>('GET', `/v2/process-definitions/${key}`)]).then(
        ([xml, d]) => current && setOpened({
          kind: 'bpmn', heading: { key: 'title.version', values: { name: d.name || d.processDefinitionId, version: d.version } }, xml, version: d.version, key,
        }),
        (e) => setError(message(e)))
    } else if (kind === 'decisions' && key) {
      Promise.all([text(`/v2/decision-requirements/${key}/xml`), call<DecisionRequirementsVersion>('GET', `/v2/decision-requirements/${key}`)]).then(
        ([xml, d]) => current && setOpened({
          kind: 'dmn', heading: { key: 'title.version', values: { name: d.decisionRequirementsName || d.decisionRequirementsId, version: d.version } }, xml, deployed: true,
        }),
        (e) => setError(message(e)))
    } else if (kind === 'form' && key) {
      call<{ schema: string; formId: string; version: number }>('GET', `/api/forms/${key}`).then(
        (f) => current && setOpened({ kind: 'form', heading: { key: 'title.form', values: { id: f.formId, version: f.version } }, schema: JSON.parse(f.schema), deployed: true }),
        (e) => setError(message(e)))
    } else if (!kind) {
      setOpened(undefined)
    }
    return () => { current = false }
  }, [kind, key])

  useEffect(() => {
    if (!changed) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [changed])

  function leave(): boolean {
    return !changed || window.confirm(t('unsaved'))
  }

  function go(hash: string) {
    if (leave()) window.location.hash = hash
  }

  function create(kindToCreate: 'bpmn' | 'dmn' | 'form') {
    if (!leave()) return
    const name = window.prompt(t(`prompts.${kindToCreate}`))
    const id = name && slug(name)
    if (!name) return
    if (!id) {
      setError(t('errors.noId', { name }))
      return
    }
    detached.current = Boolean(kind)
    window.location.hash = link('designer')
    setOpened(kindToCreate === 'bpmn'
      ? { kind: 'bpmn', heading: { key: 'title.newProcess', values: { id } }, xml: newProcessXml(id, name) }
      : kindToCreate === 'dmn'
        ? { kind: 'dmn', heading: { key: 'title.newDecision', values: { id } }, xml: newDecisionXml(id, name), deployed: false, view: id }
        : { kind: 'form', heading: { key: 'title.newForm', values: { id } }, schema: newFormSchema(id), deployed: false })
    setChanged(true)
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file || !leave()) return
    try {
      const content = await file.text()
      const heading = { key: 'title.uploaded', values: { file: file.name } }
      if (file.name.endsWith('.bpmn')) {
        setOpened({ kind: 'bpmn', heading, xml: content })
      } else if (file.name.endsWith('.dmn')) {
        setOpened({ kind: 'dmn', heading, xml: content, deployed: false })
      } else if (file.name.endsWith('.form')) {
        setOpened({ kind: 'form', heading, schema: JSON.parse(content), deployed: false })
      } else {
        throw new Error(t('errors.fileKind', { file: file.name }))
      }
      detached.current = Boolean(kind)
      window.location.hash = link('designer')
      setChanged(true)
      setError(undefined)
    } catch (e) {
      setError(message(e))
    }
  }

  /** The new version is what is open now: its heading, and the location names it (without opening it again). */
  function processDeployed(deployed: DeployedProcess) {
    setOpened((o) => o && o.kind === 'bpmn'
      ? { ...o, heading: { key: 'title.version', values: { name: deployed.name || deployed.processId, version: deployed.version } }, version: deployed.version, key: deployed.key }
      : o)
    if (deployed.key) {
      shown.current = deployed.key
      window.location.hash = link('designer', 'process', deployed.key)
    }
    void loadLists()
  }

  /** The undeployed version leaves the lists at once (an Undeploy opened again must not offer it), then the lists reload. */
  function undeployed(key: string) {
    setProcesses((groups) => withoutVersion(groups, (v) => v.processDefinitionKey, key))
    setDecisions((groups) => withoutVersion(groups, (v) => v.decisionRequirementsKey, key))
    setForms((groups) => withoutVersion(groups, (v) => v.formKey, key))
    void loadLists()
  }

  function formDeployed(formId: string, version: number) {
    setOpened((o) => o && o.kind === 'form' ? { ...o, heading: { key: 'title.form', values: { id: formId, version } } } : o)
    void loadLists()
  }

  return (
    <main className="designer">
      <p className="narrow-note">{t('narrow')}</p>
      <nav className="designer-list" aria-label={t('list.label')}>
        <VersionList
          title={t('list.processes')}
          groups={processes}
          keyOf={(v) => v.processDefinitionKey}
          onOpen={(v) => go(link('designer', 'process', v.processDefinitionKey))}
          onCreate={() => create('bpmn')}
          onUndeploy={may.undeploy ? (g) => setUndeploying({ kind: 'process', name: g.name, versions: g.versions.map((v) => ({ key: v.processDefinitionKey, version: v.version })) }) : undefined}
          createLabel={t('list.newProcess')}
        />
        <VersionList
          title={t('list.decisions')}
          groups={decisions}
          keyOf={(v) => v.decisionRequirementsKey}
          onOpen={(v) => go(link('designer', 'decisions', v.decisionRequirementsKey))}
          onCreate={() => create('dmn')}
          onUndeploy={may.undeploy ? (g) => setUndeploying({ kind: 'decision', name: g.name, versions: g.versions.map((v) => ({ key: v.decisionRequirementsKey, version: v.version })) }) : undefined}
          createLabel={t('list.newDecision')}
        />
        <VersionList
          title={t('list.forms')}
          groups={forms}
          keyOf={(v) => v.formKey}
          onOpen={(v) => go(link('designer', 'form', v.formKey))}
          onCreate={() => create('form')}
          onUndeploy={may.undeploy ? (g) => setUndeploying({ kind: 'form', name: g.name, versions: g.versions.map((v) => ({ key: v.formKey, version: v.version })) }) : undefined}
          createLabel={t('list.newForm')}
        />
        <label className="upload">{t('list.upload')}
          <input type="file" accept=".bpmn,.dmn,.form,.xml,.json" onChange={(e) => void upload(e)} />
        </label>
      </nav>
      <section className="designer-main" aria-label={t('editor')}>
        {error && <p className="designer-error" role="alert">{error}</p>}
        {!opened && <p className="empty">{t('empty')}</p>}
        {opened && <h1>{t(opened.heading.key, opened.heading.values)}</h1>}
        {opened?.kind === 'bpmn' && templates && (
          <BpmnDesigner
            key={opened.xml}
            xml={opened.xml}
            version={opened.version}
            processKey={opened.key}
            templates={templates}
            forms={forms.map((f) => f.id)}
            operations={pagesFor(me.roles).includes('operations')}
            startInstance={may.startInstance}
            canDeploy={may.deploy}
            onChanged={setChanged}
            onDeployed={processDeployed}
          />
        )}
        {opened?.kind === 'dmn' && (
          <Suspense fallback={<p className="empty">{t('loadingDmn')}</p>}>
            <DmnDesigner key={opened.xml} xml={opened.xml} deployed={opened.deployed} view={opened.view} canDeploy={may.deploy} onChanged={setChanged} onDeployed={() => void loadLists()} />
          </Suspense>
        )}
        {opened?.kind === 'form' && (
          <FormDesigner key={JSON.stringify(opened.schema)} schema={opened.schema} deployed={opened.deployed} canDeploy={may.deploy} onChanged={setChanged} onDeployed={formDeployed} />
        )}
      </section>
      {undeploying && <UndeployDialog resource={undeploying} onClose={() => setUndeploying(undefined)} onDeleted={undeployed} />}
    </main>
  )
}
