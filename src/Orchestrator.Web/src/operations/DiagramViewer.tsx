import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import NavigatedViewer from 'camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer'
import 'camunda-bpmn-js/dist/assets/camunda-cloud-navigated-viewer.css'
import type { DiagramMarker } from './operations'

interface Canvas {
  addMarker(elementId: string, marker: string): void
  zoom(level?: 'fit-viewport' | number): number
  viewbox(box?: Box): Box
}

interface Box {
  x: number
  y: number
  width: number
  height: number
}

interface Overlays {
  add(elementId: string, type: string, overlay: { position: { top?: number; right?: number; bottom?: number; left?: number }; html: HTMLElement }): string
}

interface ElementRegistry {
  get(id: string): Box | undefined
}

const readableZoom = 0.75

/**
 * The process diagram in the bpmn-js viewer (pan and zoom; the bpmn.io watermark stays, as its licence requires),
 * each touched element coloured by its state with a count badge per state. Clicking an element reports its id.
 */
export function DiagramViewer({ xml, markers, onSelect }: { xml: string; markers: DiagramMarker[]; onSelect?: (elementId: string) => void }) {
  const { t } = useTranslation('operations')
  const container = useRef<HTMLDivElement>(null)
  const viewer = useRef<NavigatedViewer>()
  const select = useRef(onSelect)
  select.current = onSelect
  const [error, setError] = useState<string>()

  useEffect(() => {
    if (!container.current) return
    const instance = new NavigatedViewer({ container: container.current })
    viewer.current = instance
    instance.on('element.click', (event: { element: { id: string; type: string } }) => {
      if (event.element.type !== 'bpmn:Process') select.current?.(event.element.id)
    })
    return () => {
      instance.destroy()
      viewer.current = undefined
    }
  }, [])

  useEffect(() => {
    const instance = viewer.current
    if (!instance) return
    let current = true
    instance.importXML(xml).then(() => {
      if (!current) return
      const canvas = instance.get<Canvas>('canvas')
      const overlays = instance.get<Overlays>('overlays')
      const registry = instance.get<ElementRegistry>('elementRegistry')
      // Only shapes on the canvas get markers: the process itself (the root) has no place to put them.
      const shown = markers.filter((m) => typeof registry.get(m.elementId)?.x === 'number')
      // A wide process fitted into the page is too small to read: zoom in on where the instance is instead.
      const focus = shown.find((m) => m.kind === 'incident') ?? shown.find((m) => m.kind === 'active')
      const target = focus && registry.get(focus.elementId)
      if (canvas.zoom('fit-viewport') < readableZoom && target) {
        canvas.zoom(readableZoom)
        const view = canvas.viewbox()
        canvas.viewbox({ x: target.x + target.width / 2 - view.width / 2, y: target.y + target.height / 2 - view.height / 2, width: view.width, height: view.height })
      }
      for (const marker of shown) {
        canvas.addMarker(marker.elementId, `op-${marker.kind}`)
        const badges = document.createElement('div')
        badges.className = 'op-badges'
        for (const badge of marker.badges) {
          const span = document.createElement('span')
          span.className = `op-badge ${badge.kind}`
          span.title = t(`legend.${badge.kind === 'terminated' ? 'canceled' : badge.kind}Badge`, { count: badge.count })
          span.textContent = String(badge.count)
          badges.appendChild(span)
        }
        overlays.add(marker.elementId, 'state', { position: { bottom: 0, left: 0 }, html: badges })
      }
      setError(undefined)
    }, (e: unknown) => current && setError(`the diagram could not be shown: ${e instanceof Error ? e.message : String(e)}`))
    return () => { current = false }
  }, [xml, markers, t])

  return (
    <>
      {error && <p role="alert">{error}</p>}
      <div className="diagram" ref={container} role="figure" aria-label={t('detail.diagram')} />
    </>
  )
}
