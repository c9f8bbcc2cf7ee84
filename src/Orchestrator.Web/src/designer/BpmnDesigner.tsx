import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler'
import TokenSimulationModule from 'bpmn-js-token-simulation'
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css'
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css'
import { call, text } from '../api'
import { deploy, download, validate as validateOnServer } from './deploy'
import { fileName, problemsByElement, processIdOf, xmlToSave, type DefinitionVersion, type Problem } from './designer'
import { diffModels, elementsOf, overwrittenByTemplate, summarise, type ElementSummary, type FieldChange, type ModdleNode, type ModelDiff } from './diff'
import { DeployDialog, TemplateDialog } from './Dialogs'
import { keepTrackingProperties } from './keepTracking'
import { ModelToolbar, ProblemList, useModelActions } from './ModelToolbar'
import { StartInstance } from './StartInstance'

interface Canvas {
  addMarker(id: string, marker: string): void
  removeMarker(id: string, marker: string): void
  scrollToElement(element: unknown): void
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number
}

interface Overlays {
  add(id: string, type: string, overlay: { position: { top?: number; right?: number }; html: HTMLElement }): string
  remove(filter: { type: string }): void
}

interface Shape {
  id: string
  type: string
  businessObject: ModdleNode & { get(name: string): unknown }
}

interface Factory {
  create(type: string, attributes?: object): ModdleNode & { $parent?: unknown; get(name: string): unknown }
}

interface CommandStack {
  execute(command: string, context: object): void
  undo(): void
}

interface TemplateContext {
  context: { element?: Shape; newElement?: Shape; newTemplate?: { name?: string }; guardBefore?: ElementSummary }
}

/** What is deployed as: the process's id, the version and key the server gave it, and its name. */
export interface DeployedProcess {
  processId: string
  version: number
  key: string
  name?: string
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))
const zoomStep = 1.2

/** The linked form of a user task: `zeebe:formDefinition formId`. */
function formIdOf(shape: Shape): string {
  const extensions = shape.businessObject.get('extensionElements') as ModdleNode | undefined
  const values = (extensions?.values as ModdleNode[] | undefined) ?? []
  return String(values.find((v) => v.$type === 'zeebe:FormDefinition')?.formId ?? '')
}

/**
 * The Camunda 8 modeler (camunda-bpmn-js) with the zeebe properties panel, our element templates and token simulation,
 * and a toolbar: validate on the server (each problem listed by element name and marked on its element), deploy a new
 * version after a dialog shows what changes against the deployed one, download the .bpmn, zoom, start an instance.
 * Applying an element template over values the element already had asks before it keeps them replaced. The XML is
 * given back as it was opened until something changes.
 */
export function BpmnDesigner({ xml, version, processKey, templates, forms, operations, startInstance, canDeploy, onChanged, onDeployed }: {
  xml: string
  /** The deployed version the XML is, as it is, and its key; undefined for a new model or an uploaded file. */
  version?: number
  processKey?: string
  /** Whether the user may open the operations page (to follow a started instance there). */
  operations: boolean
  /** Whether the user may start instances (else "Start an instance" is not offered). */
  startInstance: boolean
  /** Whether the user may deploy (else no Deploy button: the server would refuse it). */
  canDeploy: boolean
  templates: unknown[]
  /** The ids of the deployed forms, for a user task's form link. */
  forms: string[]
  onChanged: (changed: boolean) => void
  onDeployed: (deployed: DeployedProcess) => void
}) {
  const { t } = useTranslation('designer')
  const canvasRef = useRef<HTMLDivElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const modeler = useRef<Modeler>()
  const [opened, setOpened] = useState(xml)
  // Edited: changed in the modeler since opened or deployed (the XML must be exported).
  const [edited, setEdited] = useState(false)
  const [deployedVersion, setDeployedVersion] = useState(version)
  const [deployedKey, setDeployedKey] = useState(processKey)
  const [problems, setProblems] = useState<Problem[]>()
  const [confirm, setConfirm] = useState<{ xml: string; id: string; latest?: number; diff?: ModelDiff }>()
  const [overwritten, setOverwritten] = useState<{ element: string; template: string; changes: FieldChange[] }>()
  const [userTask, setUserTask] = useState<{ id: string; name: string; formId: string }>()
  const [simulating, setSimulating] = useState(false)
  const actions = useModelActions()
  const { setStatus, setError } = actions
  const changedRef = useRef(onChanged)
  changedRef.current = onChanged
  // The modeler is made once per model: a change of language must not make it anew (and lose what is being edited).
  const words = useRef(t)
  words.current = t

  useEffect(() => {
    if (!canvasRef.current || !panelRef.current) return
    const instance = new Modeler({
      container: canvasRef.current,
      propertiesPanel: { parent: panelRef.current },
      elementTemplates: templates,
      additionalModules: [TokenSimulationModule],
    })
    modeler.current = instance
    keepTrackingProperties(instance)
    const command = 'commandStack.propertiesPanel.zeebe.changeTemplate'
    instance.on(`${command}.preExecute`, ({ context }: TemplateContext) => {
      if (context.element) context.guardBefore = summarise(context.element.businessObject)
    })
    // After keepTrackingProperties has put the tracking properties back.
    instance.on(`${command}.postExecuted`, 500, ({ context }: TemplateContext) => {
      const element = context.newElement ?? context.element
      if (!element || !context.guardBefore) return
      const after = summarise(element.businessObject)
      const changes = overwrittenByTemplate(context.guardBefore, after)
      if (changes.length > 0) setOverwritten({ element: after.name ?? after.id, template: context.newTemplate?.name ?? '', changes })
    })
    const showUserTask = () => {
      const selected = instance.get<{ get(): Shape[] }>('selection').get()
      const shape = selected.length === 1 && selected[0].type === 'bpmn:UserTask' ? selected[0] : undefined
      setUserTask(shape ? { id: shape.id, name: String(shape.businessObject.name ?? shape.id), formId: formIdOf(shape) } : undefined)
    }
    instance.on('selection.changed', showUserTask)
    instance.on('elements.changed', showUserTask)
    instance.on('tokenSimulation.toggleMode', ({ active }: { active: boolean }) => setSimulating(active))
    instance.on('commandStack.changed', () => {
      setEdited(true)
      changedRef.current(true)
    })
    instance.importXML(xml).then(
      ({ warnings }: { warnings: unknown[] }) => setStatus(warnings.length ? words.current('status.warnings', { count: warnings.length }) : undefined),
      (e: unknown) => setError(words.current('status.notOpened', { error: message(e) })),
    )
    return () => {
      instance.destroy()
      modeler.current = undefined
    }
  }, [xml, templates, setStatus, setError])

  function service<T>(name: string): T {
    return modeler.current!.get<T>(name)
  }

  function mark(found: Problem[]) {
    if (!modeler.current) return
    const canvas = service<Canvas>('canvas')
    const overlays = service<Overlays>('overlays')
    const registry = service<{ get(id: string): unknown }>('elementRegistry')
    overlays.remove({ type: 'validation' })
    for (const id of problemsByElement(problems ?? []).keys()) if (registry.get(id)) canvas.removeMarker(id, 'validation-error')
    for (const [id, messages] of problemsByElement(found)) {
      if (!registry.get(id)) continue
      canvas.addMarker(id, 'validation-error')
      const badge = document.createElement('span')
      badge.className = 'validation-badge'
      badge.textContent = String(messages.length)
      badge.title = messages.join('\n')
      overlays.add(id, 'validation', { position: { top: -10, right: 10 }, html: badge })
    }
  }

  function nameOf(id: string): string | undefined {
    const shape = modeler.current?.get<{ get(id: string): Shape | undefined }>('elementRegistry').get(id)
    const name = shape?.businessObject.name
    return typeof name === 'string' && name ? name : undefined
  }

  async function currentXml(): Promise<string> {
    return xmlToSave(opened, edited, async () => (await modeler.current!.saveXML({ format: true })).xml ?? '')
  }

  async function validate(): Promise<{ xml: string; ok: boolean }> {
    const content = await currentXml()
    const result = await validateOnServer(fileName('bpmn', processIdOf(content) ?? 'process'), content)
    setProblems(result.problems)
    mark(result.problems)
    return { xml: content, ok: result.valid && result.problems.length === 0 }
  }

  async function onValidate() {
    const { ok } = await validate()
    setStatus(ok ? t('status.valid') : undefined)
  }

  /** The elements of a BPMN document, read by the modeler's own model (zeebe extension included). */
  async function elements(content: string): Promise<Map<string, ElementSummary>> {
    const { rootElement } = await service<{ fromXML(xml: string): Promise<{ rootElement: ModdleNode }> }>('moddle').fromXML(content)
    return elementsOf(rootElement)
  }

  async function onDeploy() {
    const { xml: content, ok } = await validate()
    if (!ok) {
      setError(t('status.fixFirst'))
      return
    }
    const id = processIdOf(content)
    if (!id) throw new Error(t('status.noProcess'))
    const versions = await call<{ items: DefinitionVersion[] }>('POST', '/v2/process-definitions/search', { filter: { processDefinitionId: id }, page: { limit: 1000 } })
    const latest = versions.items.filter((d) => d.processDefinitionId === id).sort((a, b) => b.version - a.version)[0]
    if (!latest) {
      setConfirm({ xml: content, id })
      return
    }
    const before = await text(`/v2/process-definitions/${latest.processDefinitionKey}/xml`)
    setConfirm({ xml: content, id, latest: latest.version, diff: diffModels(await elements(before), await elements(content)) })
  }

  async function confirmed(content: string, id: string) {
    setConfirm(undefined)
    const deployed = await deploy(fileName('bpmn', id), content, 'application/xml')
    const definition = deployed.find((d) => d.processDefinition?.processDefinitionId === id)?.processDefinition
    const done: DeployedProcess = {
      processId: id,
      version: definition?.processDefinitionVersion ?? 0,
      key: definition?.processDefinitionKey ?? '',
      name: nameOf(id),
    }
    setOpened(content)
    setEdited(false)
    setDeployedVersion(done.version)
    setDeployedKey(done.key)
    onChanged(false)
    setStatus(t('status.deployed', { id, version: done.version }))
    onDeployed(done)
  }

  async function onDownload() {
    const content = await currentXml()
    download(fileName('bpmn', processIdOf(content) ?? 'process'), content, 'application/xml')
  }

  function select(problem: Problem) {
    const element = problem.elementId && modeler.current?.get<{ get(id: string): unknown }>('elementRegistry').get(problem.elementId)
    if (!element) return
    service<{ select(element: unknown): void }>('selection').select(element)
    service<Canvas>('canvas').scrollToElement(element)
  }

  function zoom(by: number | 'fit-viewport') {
    const canvas = service<Canvas>('canvas')
    if (by === 'fit-viewport') canvas.zoom('fit-viewport', 'auto')
    else canvas.zoom(canvas.zoom() * by)
  }

  function linkForm(formId: string) {
    if (!userTask) return
    const element = service<{ get(id: string): Shape }>('elementRegistry').get(userTask.id)
    const factory = service<Factory>('bpmnFactory')
    const commandStack = service<CommandStack>('commandStack')
    const businessObject = element.businessObject
    let extensions = businessObject.get('extensionElements') as (ModdleNode & { $parent?: unknown }) | undefined
    if (!extensions) {
      extensions = factory.create('bpmn:ExtensionElements', { values: [] })
      extensions.$parent = businessObject
      commandStack.execute('element.updateModdleProperties', { element, moddleElement: businessObject, properties: { extensionElements: extensions } })
    }
    const values = ((extensions.values as ModdleNode[] | undefined) ?? []).filter((v) => v.$type !== 'zeebe:FormDefinition' && v.$type !== 'zeebe:UserTaskForm')
    if (formId) {
      const link = factory.create('zeebe:FormDefinition', { formId })
      link.$parent = extensions
      values.push(link)
    }
    commandStack.execute('element.updateModdleProperties', { element, moddleElement: extensions, properties: { values } })
  }

  const state = deployedVersion === undefined ? t('state.notDeployed') : t(edited ? 'state.changed' : 'state.deployed', { version: deployedVersion })

  return (
    <div className="bpmn-designer">
      <ModelToolbar actions={actions} state={state} onValidate={onValidate} onDeploy={canDeploy ? onDeploy : undefined} onDownload={onDownload}>
        <span className="zoom" role="group" aria-label={t('zoom.label')}>
          <button onClick={() => zoom(zoomStep)} aria-label={t('zoom.in')} title={t('zoom.in')}>+</button>
          <button onClick={() => zoom(1 / zoomStep)} aria-label={t('zoom.out')} title={t('zoom.out')}>−</button>
          <button onClick={() => zoom('fit-viewport')}>{t('zoom.fit')}</button>
        </span>
        <button aria-pressed={simulating} onClick={() => service<{ toggleMode(active?: boolean): void }>('toggleMode').toggleMode()}>
          {t('simulation.toggle')}
        </button>
        {startInstance && deployedKey && deployedVersion !== undefined && !edited && <StartInstance processKey={deployedKey} version={deployedVersion} operations={operations} />}
      </ModelToolbar>
      <ProblemList problems={problems} onSelect={select} nameOf={nameOf} />
      {userTask && (
        <div className="form-link">
          <label>
            {t('formLink.label', { name: userTask.name })}
            <select value={userTask.formId} onChange={(e) => linkForm(e.target.value)}>
              <option value="">{t('formLink.none')}</option>
              {userTask.formId && !forms.includes(userTask.formId) && <option value={userTask.formId}>{t('formLink.missing', { id: userTask.formId })}</option>}
              {forms.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
        </div>
      )}
      <div className="modeler">
        <div className="canvas" ref={canvasRef} />
        <aside className="properties" ref={panelRef} aria-label={t('properties')} />
      </div>
      {confirm && (
        <DeployDialog
          subject={confirm.id}
          latestVersion={confirm.latest}
          diff={confirm.diff}
          onConfirm={() => void actions.run(() => confirmed(confirm.xml, confirm.id))}
          onCancel={() => setConfirm(undefined)}
        />
      )}
      {overwritten && (
        <TemplateDialog
          element={overwritten.element}
          template={overwritten.template}
          changes={overwritten.changes}
          onKeep={() => setOverwritten(undefined)}
          onUndo={() => {
            setOverwritten(undefined)
            service<CommandStack>('commandStack').undo()
          }}
        />
      )}
    </div>
  )
}
