// @bpmn-io/dmn-migrate ships no types.
declare module '@bpmn-io/dmn-migrate' {
  /** DMN 1.1 and 1.2 XML rewritten as DMN 1.3 (the version dmn-js opens); any other XML as it is. */
  export function migrateDiagram(xml: string): Promise<string>
}
