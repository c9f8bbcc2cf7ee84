import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { migrateDiagram } from '@bpmn-io/dmn-migrate'
import { CamundaCloudModeler, type DmnView } from 'camunda-dmn-js'
import 'camunda-dmn-js/dist/assets/camunda-cloud-modeler.css'
import { call, text } from '../api'
import { deploy, download, validate as validateOnServer } from './deploy'
import { DeployDialog } from './Dialogs'
import { fileName, xmlToSave, type Problem } from './designer'
import { asDmn13, definitionsIdOf, deployedDecisionsSummary, type DecisionRequirementsVersion, drgElementHolding, problemHighlightCss, problemsByDrgElement, viewTabs } from './dmn'
import { ModelToolbar, ProblemList, useModelActions } from './ModelToolbar'

interface Canvas {
  addMarker(element: unknown, marker: string): void
  removeMarker(element: unknown, marker: string): void
  scrollToElement(element: unknown): void
}

interface Overlays {
  add(id: string, type: string, overlay: { position: { top?: number; right?: number }; html: HTMLElement }): string
  remove(filter: { type: string }): void
}

interface ElementRegistry {
  get(id: string): unknown
  getAll(): unknown[]
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * The Camunda 8 DMN modeler (camunda-dmn-js): the decision requirements diagram with its properties panel, and each
 * decision's table or literal expression, one view at a time (tabs above the editor). The toolbar validates on the
 * server (problems listed, marked on the DRD and in the tables), deploys a new version and downloads the .dmn. The XML
 * is given back as it was opened until something changes; DMN 1.1 and 1.2 open migrated to DMN 1.3, 1.4 and 1.5 read in
 * DMN 1.3's namespaces, and a file the
 * editor cannot open can still be validated, deployed and downloaded as it is.
 */
export function DmnDesigner({ xml, deployed, view, canDeploy, onChanged, onDeployed }: {
  xml: string
  /** Whether the XML is a deployed version as it is (not a new model or an uploaded file). */
  deployed: boolean
  /** The id of the decision whose logic opens first; without it the DRD does. */
  view?: string
  /** Whether the user may deploy (else no Deploy button: the server would refuse it). */
  canDeploy: boolean
  onChanged: (changed: boolean) => void
  onDeployed: () => void
}) {
  const { t } = useTranslation('designer')
  const editorRef = useRef<HTMLDivElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const modeler = useRef<CamundaCloudModeler>()
  const [opened, setOpened] = useState(xml)
  // Edited: changed in the modeler since opened or deployed (the XML must be exported). Undeployed: differs from every deployed version.
  const [edited, setEdited] = useState(false)
  const [undeployed, setUndeployed] = useState(!deployed)
  const [views, setViews] = useState<{ all: DmnView[]; active?: DmnView }>({ all: [] })
  const [problems, setProblems] = useState<Problem[]>()
  // The DRD is drawn anew each time it is shown: its markers are put back from here.
  const problemsRef = useRef<Problem[]>([])
  const [confirm, setConfirm] = useState<{ xml: string; id: string; latest?: number; unchanged: boolean }>()
  const actions = useModelActions()
  const { setStatus, setError } = actions
  const changedRef = useRef(onChanged)
  changedRef.current = onChanged
  // The modeler is made once per model: a change of language must not make it anew (and lose what is being edited).
  const words = useRef(t)
  words.current = t

  useEffect(() => {
    if (!editorRef.current || !panelRef.current) return
    const instance = new CamundaCloudModeler({ container: editorRef.current, drd: { propertiesPanel: { parent: panelRef.current } } })
    modeler.current = instance
    instance.on('viewer.created', ({ viewer }) => viewer.on('commandStack.changed', (event) => {
      if (event.trigger === 'clear') return
      setEdited(true)
      setUndeployed(true)
      changedRef.current(true)
    }))
    instance.on('views.changed', ({ views: all, activeView }) => setViews({ all, active: activeView }))
    instance.on('import.render.complete', ({ view: shown }) => {
      if (shown.type === 'drd') markDrd(instance, problemsRef.current)
    })
    migrateDiagram(asDmn13(xml))
      .then((dmn13) => instance.importXML(dmn13))
      .then(async ({ warnings }) => {
        const first = view && instance.getViews().find((v) => v.id === view)
        if (first) await instance.open(first)
        setStatus(warnings.length ? words.current('status.warnings', { count: warnings.length }) : undefined)
      })
      .catch((e: unknown) => setError(words.current('status.dmnNotOpened', { error: message(e) })))
    return () => {
      instance.destroy()
      modeler.current = undefined
    }
  }, [xml, view, setStatus, setError])

  async function currentXml(): Promise<string> {
    return xmlToSave(opened, edited, async () => (await modeler.current!.saveXML({ format: true })).xml)
  }

  async function validate(): Promise<{ xml: string; ok: boolean }> {
    const content = await currentXml()
    const result = await validateOnServer(fileName('dmn', definitionsIdOf(content) ?? 'decisions'), content)
    setProblems(result.problems)
    problemsRef.current = result.problems
    if (modeler.current?.getActiveView()?.type === 'drd') markDrd(modeler.current, result.problems)
    return { xml: content, ok: result.valid && result.problems.length === 0 }
  }

  async function onValidate() {
    const { ok } = await validate()
    setStatus(ok ? t('status.valid') : undefined)
  }

  async function onDeploy() {
    const { xml: content, ok } = await validate()
    if (!ok) {
      setError(t('status.fixFirst'))
      return
    }
    const id = definitionsIdOf(content)
    if (!id) throw new Error(t('status.noDefinitionsId'))
    const found = await call<{ items: DecisionRequirementsVersion[] }>('POST', '/v2/decision-requirements/search', { filter: { decisionRequirementsId: id }, page: { limit: 1000 } })
    const latest = found.items.filter((r) => r.decisionRequirementsId === id).sort((a, b) => b.version - a.version)[0]
    const unchanged = latest !== undefined && (await text(`/v2/decision-requirements/${latest.decisionRequirementsKey}/xml`)) === content
    setConfirm({ xml: content, id, latest: latest?.version, unchanged })
  }

  async function confirmed(content: string, id: string) {
    setConfirm(undefined)
    const deployed = await deploy(fileName('dmn', id), content, 'application/xml')
    setOpened(content)
    setEdited(false)
    setUndeployed(false)
    onChanged(false)
    setStatus(deployedDecisionsSummary(deployed, t))
    onDeployed()
  }

  async function onDownload() {
    const content = await currentXml()
    download(fileName('dmn', definitionsIdOf(content) ?? 'decisions'), content, 'application/xml')
  }

  function openView(id: string) {
    const target = modeler.current?.getViews().find((v) => v.id === id)
    if (target) modeler.current!.open(target).catch((e: unknown) => setError(message(e)))
  }

  /** Opens the logic of the decision holding the problem (the table marks it), or selects its shape on the DRD. */
  async function select(problem: Problem) {
    const instance = modeler.current
    const definitions = instance?.getDefinitions()
    const holder = definitions && problem.elementId ? drgElementHolding(definitions, problem.elementId) : undefined
    if (!instance || !holder) return
    const logic = instance.getViews().find((v) => v.element === holder && v.type !== 'drd')
    const target = logic ?? instance.getViews().find((v) => v.type === 'drd')
    if (!target) return
    if (instance.getActiveView() !== target) await instance.open(target)
    if (logic) {
      editorRef.current?.querySelector(`[data-row-id="${CSS.escape(problem.elementId!)}"], [data-element-id="${CSS.escape(problem.elementId!)}"]`)?.scrollIntoView({ block: 'center' })
      return
    }
    const viewer = instance.getActiveViewer()!
    const shape = viewer.get<ElementRegistry>('elementRegistry').get(holder.id!)
    if (!shape) return
    viewer.get<{ select(element: unknown): void }>('selection').select(shape)
    viewer.get<Canvas>('canvas').scrollToElement(shape)
  }

  const drdShown = views.active?.type === 'drd'
  return (
    <div className="dmn-designer">
      <ModelToolbar actions={actions} state={undeployed ? t('state.notDeployed') : t('state.asDeployed')} onValidate={onValidate} onDeploy={canDeploy ? onDeploy : undefined} onDownload={onDownload} />
      <ProblemList problems={problems} onSelect={(p) => void select(p)} />
      <style>{problemHighlightCss(problems ?? [])}</style>
      <div className="dmn-views" role="tablist" aria-label={t('views.label')}>
        {viewTabs(views.all, views.active).map((tab) => (
          <button key={tab.id} role="tab" aria-selected={tab.active} onClick={() => openView(tab.id)}>
            {tab.label} <small>{t(`views.${views.all.find((v) => v.id === tab.id)?.type ?? 'drd'}`, { defaultValue: tab.kind })}</small>
          </button>
        ))}
      </div>
      <div className={drdShown ? 'modeler' : 'modeler without-properties'}>
        <div className="dmn-editor" ref={editorRef} />
        <aside className="properties" ref={panelRef} aria-label={t('properties')} hidden={!drdShown} />
      </div>
      {confirm && (
        <DeployDialog
          subject={confirm.id}
          latestVersion={confirm.latest}
          unchanged={confirm.unchanged}
          onConfirm={() => void actions.run(() => confirmed(confirm.xml, confirm.id))}
          onCancel={() => setConfirm(undefined)}
        />
      )}
    </div>
  )
}

/** Marks the DRD shapes of the decisions (and other DRG elements) that have problems, with a badge counting them. */
function markDrd(instance: CamundaCloudModeler, found: Problem[]) {
  const viewer = instance.getActiveViewer()
  const definitions = instance.getDefinitions()
  if (!viewer || !definitions) return
  const canvas = viewer.get<Canvas>('canvas')
  const overlays = viewer.get<Overlays>('overlays')
  const registry = viewer.get<ElementRegistry>('elementRegistry')
  overlays.remove({ type: 'validation' })
  for (const element of registry.getAll()) canvas.removeMarker(element, 'validation-error')
  for (const [id, messages] of problemsByDrgElement(definitions, found)) {
    if (!registry.get(id)) continue
    canvas.addMarker(id, 'validation-error')
    const badge = document.createElement('span')
    badge.className = 'validation-badge'
    badge.textContent = String(messages.length)
    badge.title = messages.join('\n')
    overlays.add(id, 'validation', { position: { top: -10, right: 10 }, html: badge })
  }
}
