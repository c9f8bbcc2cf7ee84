import { lazy, Suspense, useCallback, useEffect, useState, type ChangeEvent } from 'react'
import { call, text, type Me } from '../api'
import { link } from '../navigation'
import { BpmnDesigner } from './BpmnDesigner'
import { FormDesigner } from './FormDesigner'
import { groupForms, groupProcesses, newFormSchema, newProcessXml, slug, type DefinitionVersion, type FormVersion, type Versioned } from './designer'
import { groupDecisionRequirements, newDecisionXml, type DecisionRequirementsVersion } from './dmn'
import './designer.css'

// The DMN modeler is as large as the BPMN one: it loads when a decision is first opened.
const DmnDesigner = lazy(() => import('./DmnDesigner').then((m) => ({ default: m.DmnDesigner })))

type Opened =
  | { kind: 'bpmn'; title: string; xml: string; deployed: boolean }
  | { kind: 'form'; title: string; schema: Record<string, unknown>; deployed: boolean }
  | { kind: 'dmn'; title: string; xml: string; deployed: boolean; view?: string }

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Deployed processes or forms: each opens at its newest version, or at the version picked beside it. */
function VersionList<T extends { version: number }>({ title, groups, keyOf, onOpen, onCreate, createLabel }: {
  title: string
  groups: Versioned<T>[]
  keyOf: (version: T) => string
  onOpen: (version: T) => void
  onCreate: () => void
  createLabel: string
}) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {groups.map((g) => (
          <li key={g.id}>
            <button className="link" onClick={() => onOpen(g.latest)}>{g.name}</button>
            <select aria-label={`Version of ${g.name}`} value="" onChange={(e) => onOpen(g.versions.find((v) => keyOf(v) === e.target.value)!)}>
              <option value="">v{g.latest.version}</option>
              {g.versions.map((v) => <option key={keyOf(v)} value={keyOf(v)}>version {v.version}</option>)}
            </select>
          </li>
        ))}
      </ul>
      <button onClick={onCreate}>{createLabel}</button>
    </section>
  )
}

const prompts = {
  bpmn: 'Name of the new process',
  dmn: 'Name of the new decision (business rule tasks call it by the id made from it)',
  form: 'Id of the new form (user tasks link it by this id)',
}

const unsavedWarning = 'The open model has changes that are not deployed. Leave it anyway?'

/**
 * The process owner's designer: deployed processes, decisions and forms with their versions; a process opens in the
 * Camunda 8 modeler, a decision requirements graph in the DMN modeler, a form in the form editor
 * (`#/designer/process/<key>`, `#/designer/decisions/<decisionRequirementsKey>`, `#/designer/form/<key>`); new ones,
 * and .bpmn, .dmn or .form files uploaded from disk, open the same way.
 */
export function Designer({ path }: { me: Me; path: string[] }) {
  const [processes, setProcesses] = useState<Versioned<DefinitionVersion>[]>([])
  const [decisions, setDecisions] = useState<Versioned<DecisionRequirementsVersion>[]>([])
  const [forms, setForms] = useState<Versioned<FormVersion>[]>([])
  const [templates, setTemplates] = useState<unknown[]>()
  const [opened, setOpened] = useState<Opened>()
  const [changed, setChanged] = useState(false)
  const [error, setError] = useState<string>()
  const [kind, key] = path

  const loadLists = useCallback(async () => {
    try {
      const [definitions, requirements, deployedForms] = await Promise.all([
        call<{ items: DefinitionVersion[] }>('POST', '/v2/process-definitions/search', { page: { limit: 1000 } }),
        call<{ items: DecisionRequirementsVersion[] }>('POST', '/v2/decision-requirements/search', { page: { limit: 1000 } }),
        call<FormVersion[]>('GET', '/api/forms'),
      ])
      setProcesses(groupProcesses(definitions.items))
      setDecisions(groupDecisionRequirements(requirements.items))
      setForms(groupForms(deployedForms))
    } catch (e) {
      setError(message(e))
    }
  }, [])

  useEffect(() => {
    void loadLists()
    call<unknown[]>('GET', '/api/element-templates').then(setTemplates, (e) => setError(`element templates: ${message(e)}`))
  }, [loadLists])

  // What the location names is what is open: a deployed version by key.
  useEffect(() => {
    let current = true
    setChanged(false)
    if (kind === 'process' && key) {
      Promise.all([text(`/v2/process-definitions/${key}/xml`), call<DefinitionVersion>('GET', `/v2/process-definitions/${key}`)]).then(
        ([xml, d]) => current && setOpened({ kind: 'bpmn', title: `${d.name || d.processDefinitionId} — version ${d.version}`, xml, deployed: true }),
        (e) => setError(message(e)))
    } else if (kind === 'decisions' && key) {
      Promise.all([text(`/v2/decision-requirements/${key}/xml`), call<DecisionRequirementsVersion>('GET', `/v2/decision-requirements/${key}`)]).then(
        ([xml, d]) => current && setOpened({ kind: 'dmn', title: `${d.decisionRequirementsName || d.decisionRequirementsId} — version ${d.version}`, xml, deployed: true }),
        (e) => setError(message(e)))
    } else if (kind === 'form' && key) {
      call<{ schema: string; formId: string; version: number }>('GET', `/api/forms/${key}`)
        .then((f) => current && setOpened({ kind: 'form', title: `Form ${f.formId} — version ${f.version}`, schema: JSON.parse(f.schema), deployed: true }), (e) => setError(message(e)))
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
    return !changed || window.confirm(unsavedWarning)
  }

  function go(hash: string) {
    if (leave()) window.location.hash = hash
  }

  function create(kindToCreate: 'bpmn' | 'dmn' | 'form') {
    if (!leave()) return
    const name = window.prompt(prompts[kindToCreate])
    const id = name && slug(name)
    if (!name) return
    if (!id) {
      setError(`"${name}" gives no id: start with a letter`)
      return
    }
    window.location.hash = link('designer')
    setOpened(kindToCreate === 'bpmn'
      ? { kind: 'bpmn', title: `New process ${id}`, xml: newProcessXml(id, name), deployed: false }
      : kindToCreate === 'dmn'
        ? { kind: 'dmn', title: `New decision ${id}`, xml: newDecisionXml(id, name), deployed: false, view: id }
        : { kind: 'form', title: `New form ${id}`, schema: newFormSchema(id), deployed: false })
    setChanged(true)
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file || !leave()) return
    try {
      const content = await file.text()
      if (file.name.endsWith('.bpmn')) {
        setOpened({ kind: 'bpmn', title: `Uploaded ${file.name}`, xml: content, deployed: false })
      } else if (file.name.endsWith('.dmn')) {
        setOpened({ kind: 'dmn', title: `Uploaded ${file.name}`, xml: content, deployed: false })
      } else if (file.name.endsWith('.form')) {
        setOpened({ kind: 'form', title: `Uploaded ${file.name}`, schema: JSON.parse(content), deployed: false })
      } else {
        throw new Error(`${file.name}: choose a .bpmn, .dmn or .form file`)
      }
      window.location.hash = link('designer')
      setChanged(true)
      setError(undefined)
    } catch (e) {
      setError(message(e))
    }
  }

  async function deployed() {
    await loadLists()
  }

  return (
    <main className="designer">
      <nav className="designer-list" aria-label="Models">
        <VersionList
          title="Processes"
          groups={processes}
          keyOf={(v) => v.processDefinitionKey}
          onOpen={(v) => go(link('designer', 'process', v.processDefinitionKey))}
          onCreate={() => create('bpmn')}
          createLabel="New process"
        />
        <VersionList
          title="Decisions"
          groups={decisions}
          keyOf={(v) => v.decisionRequirementsKey}
          onOpen={(v) => go(link('designer', 'decisions', v.decisionRequirementsKey))}
          onCreate={() => create('dmn')}
          createLabel="New decision"
        />
        <VersionList
          title="Forms"
          groups={forms}
          keyOf={(v) => v.formKey}
          onOpen={(v) => go(link('designer', 'form', v.formKey))}
          onCreate={() => create('form')}
          createLabel="New form"
        />
        <label className="upload">Upload
          <input type="file" accept=".bpmn,.dmn,.form,.xml,.json" onChange={(e) => void upload(e)} />
        </label>
      </nav>
      <section className="designer-main" aria-label="Editor">
        {error && <p className="designer-error" role="alert">{error}</p>}
        {!opened && <p className="empty">Open a process, a decision or a form on the left, start a new one, or upload a .bpmn, .dmn or .form file.</p>}
        {opened && <h1>{opened.title}</h1>}
        {opened?.kind === 'bpmn' && templates && (
          <BpmnDesigner key={opened.xml} xml={opened.xml} deployed={opened.deployed} templates={templates} onChanged={setChanged} onDeployed={() => void deployed()} />
        )}
        {opened?.kind === 'dmn' && (
          <Suspense fallback={<p className="empty">Loading the DMN modeler…</p>}>
            <DmnDesigner key={opened.xml} xml={opened.xml} deployed={opened.deployed} view={opened.view} onChanged={setChanged} onDeployed={() => void deployed()} />
          </Suspense>
        )}
        {opened?.kind === 'form' && (
          <FormDesigner key={JSON.stringify(opened.schema)} schema={opened.schema} deployed={opened.deployed} onChanged={setChanged} onDeployed={() => void deployed()} />
        )}
      </section>
    </main>
  )
}
