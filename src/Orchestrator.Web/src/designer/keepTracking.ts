// Applying an element template replaces the element's zeebe:properties with the template's; the customer-visible step a
// process owner declared there (tracking.step, tracking.label.*, tracking.when) would go with them, and the model would
// then be refused at deployment for a step without a label. These are put back, in the same undoable command.

/** The prefix of the properties that declare what customers see (the server's CaseTracking). */
export const trackingPrefix = 'tracking.'

export interface NamedValue {
  name?: string
  value?: string
}

/** The tracking properties among an element's zeebe:property entries, as plain name/value pairs. */
export function trackingProperties(properties: NamedValue[] | undefined): { name: string; value: string }[] {
  return (properties ?? [])
    .filter((p): p is { name: string; value: string } => typeof p.name === 'string' && p.name.startsWith(trackingPrefix))
    .map((p) => ({ name: p.name, value: p.value ?? '' }))
}

/** The kept properties that are not on the element any more. */
export function missingAfter(kept: { name: string; value: string }[], now: NamedValue[] | undefined): { name: string; value: string }[] {
  const names = new Set((now ?? []).map((p) => p.name))
  return kept.filter((p) => !names.has(p.name))
}

interface Moddle {
  $type: string
  get(name: string): unknown
}

interface Shape {
  businessObject: Moddle
}

interface Event {
  context: { element?: Shape; newElement?: Shape; keptTracking?: { name: string; value: string }[] }
}

interface Services {
  on(event: string, callback: (event: Event) => void): void
  get<T>(name: string): T
}

interface CommandStack {
  execute(command: string, context: object): void
}

interface BpmnFactory {
  create(type: string, attributes?: object): Moddle & { $parent?: unknown }
}

function zeebeProperties(element: Shape): Moddle | undefined {
  const extensions = element.businessObject.get('extensionElements') as Moddle | undefined
  return (extensions?.get('values') as Moddle[] | undefined)?.find((v) => v.$type === 'zeebe:Properties')
}

/** Keeps an element's tracking properties when an element template is applied to it. */
export function keepTrackingProperties(modeler: Services) {
  const command = 'commandStack.propertiesPanel.zeebe.changeTemplate'
  modeler.on(`${command}.preExecute`, ({ context }) => {
    const properties = context.element ? zeebeProperties(context.element)?.get('properties') : undefined
    context.keptTracking = trackingProperties(properties as NamedValue[] | undefined)
  })
  modeler.on(`${command}.postExecuted`, ({ context }) => {
    const element = context.newElement ?? context.element
    if (!element || !context.keptTracking?.length) return
    const commandStack = modeler.get<CommandStack>('commandStack')
    const factory = modeler.get<BpmnFactory>('bpmnFactory')
    const businessObject = element.businessObject
    let extensions = businessObject.get('extensionElements') as Moddle | undefined
    if (!extensions) {
      extensions = factory.create('bpmn:ExtensionElements', { values: [] })
      ;(extensions as { $parent?: unknown }).$parent = businessObject
      commandStack.execute('element.updateModdleProperties', { element, moddleElement: businessObject, properties: { extensionElements: extensions } })
    }

    let properties = zeebeProperties(element)
    if (!properties) {
      const created = factory.create('zeebe:Properties', { properties: [] })
      created.$parent = extensions
      commandStack.execute('element.updateModdleProperties', {
        element, moddleElement: extensions, properties: { values: [...((extensions.get('values') as Moddle[]) ?? []), created] },
      })
      properties = created
    }

    const current = (properties.get('properties') as NamedValue[] | undefined) ?? []
    const added = missingAfter(context.keptTracking, current).map((p) => {
      const property = factory.create('zeebe:Property', p)
      property.$parent = properties
      return property
    })
    if (added.length === 0) return
    commandStack.execute('element.updateModdleProperties', { element, moddleElement: properties, properties: { properties: [...current, ...added] } })
  })
}
