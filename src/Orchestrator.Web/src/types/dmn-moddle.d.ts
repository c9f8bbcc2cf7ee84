// dmn-moddle ships no types; these are the calls the designer's tests make.
declare module 'dmn-moddle' {
  import type { DmnElement } from 'camunda-dmn-js'

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>)
    fromXML(xml: string, type?: string): Promise<{ rootElement: DmnElement; warnings: unknown[] }>
    toXML(element: DmnElement, options?: { format?: boolean }): Promise<{ xml: string }>
  }
}
