// bpmn-js-token-simulation ships no types: its modeler module is a bpmn-js (diagram-js) module.
declare module 'bpmn-js-token-simulation' {
  const TokenSimulationModule: Record<string, unknown>
  export default TokenSimulationModule
}
