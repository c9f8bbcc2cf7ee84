import { useEffect, useRef, useState } from 'react'
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler'
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css'
import { deploy, download, validate as validateOnServer } from './deploy'
import { fileName, problemsByElement, processIdOf, xmlToSave, type Problem } from './designer'
import { keepTrackingProperties } from './keepTracking'
import { ModelToolbar, ProblemList, useModelActions } from './ModelToolbar'

interface Canvas {
  addMarker(id: string, marker: string): void
  removeMarker(id: string, marker: string): void
  scrollToElement(element: unknown): void
}

interface Overlays {
  add(id: string, type: string, overlay: { position: { top?: number; right?: number }; html: HTMLElement }): string
  remove(filter: { type: string }): void
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * The Camunda 8 modeler (camunda-bpmn-js) with the zeebe properties panel and our element templates, and a toolbar:
 * validate on the server (each problem listed and marked on its element), deploy a new version, download the .bpmn.
 * The XML is given back as it was opened until something changes.
 */
export function BpmnDesigner({ xml, deployed, templates, onChanged, onDeployed }: {
  xml: string
  /** Whether the XML is a deployed version as it is (not a new model or an uploaded file). */
  deployed: boolean
  templates: unknown[]
  onChanged: (changed: boolean) => void
  onDeployed: (processId: string, version: number) => void
}) {
  const canvasRef = useRef<HTMLDivElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const modeler = useRef<Modeler>()
  const [opened, setOpened] = useState(xml)
  // Edited: changed in the modeler since opened or deployed (the XML must be exported). Undeployed: differs from every deployed version.
  const [edited, setEdited] = useState(false)
  const [undeployed, setUndeployed] = useState(!deployed)
  const [problems, setProblems] = useState<Problem[]>()
  const actions = useModelActions()
  const { setStatus, setError } = actions
  const changedRef = useRef(onChanged)
  changedRef.current = onChanged

  useEffect(() => {
    if (!canvasRef.current || !panelRef.current) return
    const instance = new Modeler({ container: canvasRef.current, propertiesPanel: { parent: panelRef.current }, elementTemplates: templates })
    modeler.current = instance
    keepTrackingProperties(instance)
    instance.on('commandStack.changed', () => {
      setEdited(true)
      setUndeployed(true)
      changedRef.current(true)
    })
    instance.importXML(xml).then(
      ({ warnings }: { warnings: unknown[] }) => setStatus(warnings.length ? `Opened with ${warnings.length} warning(s) from the XML reader.` : undefined),
      (e: unknown) => setError(`The model could not be opened: ${message(e)}`),
    )
    return () => {
      instance.destroy()
      modeler.current = undefined
    }
  }, [xml, templates])

  function mark(found: Problem[]) {
    const instance = modeler.current
    if (!instance) return
    const canvas = instance.get<Canvas>('canvas')
    const overlays = instance.get<Overlays>('overlays')
    const registry = instance.get<{ get(id: string): unknown }>('elementRegistry')
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
    setStatus(ok ? 'The model is valid.' : undefined)
  }

  async function onDeploy() {
    const { xml: content, ok } = await validate()
    if (!ok) {
      setError('Not deployed: fix the problems below first.')
      return
    }
    const id = processIdOf(content)
    if (!id) throw new Error('the model has no process')
    const deployed = await deploy(fileName('bpmn', id), content, 'application/xml')
    const version = deployed.find((d) => d.processDefinition?.processDefinitionId === id)?.processDefinition?.processDefinitionVersion ?? 0
    setOpened(content)
    setEdited(false)
    setUndeployed(false)
    onChanged(false)
    setStatus(`Deployed ${id} version ${version}.`)
    onDeployed(id, version)
  }

  async function onDownload() {
    const content = await currentXml()
    download(fileName('bpmn', processIdOf(content) ?? 'process'), content, 'application/xml')
  }

  function select(problem: Problem) {
    const instance = modeler.current
    const element = problem.elementId && instance?.get<{ get(id: string): unknown }>('elementRegistry').get(problem.elementId)
    if (!instance || !element) return
    instance.get<{ select(element: unknown): void }>('selection').select(element)
    instance.get<Canvas>('canvas').scrollToElement(element)
  }

  return (
    <div className="bpmn-designer">
      <ModelToolbar actions={actions} undeployed={undeployed} onValidate={onValidate} onDeploy={onDeploy} onDownload={onDownload} />
      <ProblemList problems={problems} onSelect={select} />
      <div className="modeler">
        <div className="canvas" ref={canvasRef} />
        <aside className="properties" ref={panelRef} aria-label="Properties" />
      </div>
    </div>
  )
}
