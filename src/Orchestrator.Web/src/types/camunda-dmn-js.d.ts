// camunda-dmn-js ships no types; these are the parts of its Camunda 8 DMN modeler (dmn-js underneath) the designer uses.
declare module 'camunda-dmn-js' {
  /** A model element as dmn-moddle reads it. */
  export interface DmnElement {
    $type: string
    id?: string
    name?: string
    [key: string]: unknown
  }

  /** What the modeler can show: the requirements diagram (`drd`) or one decision's or knowledge model's logic. */
  export interface DmnView {
    id: string
    name?: string
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression'
    element: DmnElement
  }

  /** The editor of one kind of view (a diagram-js or table-js instance). */
  export interface DmnViewer {
    get<T>(service: string): T
    on(event: string, callback: (event: { trigger?: string | null }) => void): void
  }

  export class CamundaCloudModeler {
    constructor(options: { container: HTMLElement; drd?: { propertiesPanel?: { parent: HTMLElement } } })
    importXML(xml: string, options?: { open?: boolean }): Promise<{ warnings: unknown[] }>
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>
    getDefinitions(): DmnElement | undefined
    getViews(): DmnView[]
    getActiveView(): DmnView | undefined
    getActiveViewer(): DmnViewer | undefined
    open(view: DmnView): Promise<{ warnings: unknown[] }>
    on(event: 'views.changed', callback: (event: { views: DmnView[]; activeView?: DmnView }) => void): void
    on(event: 'viewer.created', callback: (event: { type: string; viewer: DmnViewer }) => void): void
    on(event: 'import.render.complete', callback: (event: { view: DmnView; error: unknown }) => void): void
    destroy(): void
  }
}
