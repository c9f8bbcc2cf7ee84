// bpmn-moddle ships no types; these are the calls the designer's tests make.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string
    $attrs?: Record<string, string>
    [key: string]: unknown
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>)
    fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: unknown[] }>
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>
  }
}
