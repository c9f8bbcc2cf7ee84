import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { i18n } from '../i18n/i18n'
import { MappingTable } from './MappingTable'
import { mappingRows, type ModelElement } from './migration'

const source: ModelElement[] = [
  { id: 'review', name: 'Review the return', type: 'userTask' },
  { id: 'ship', name: 'Ship', type: 'serviceTask' },
  { id: 'wait', name: 'Paid', type: 'intermediateCatchEvent' },
]
const target: ModelElement[] = [
  { id: 'review', name: 'Review the return (v2)', type: 'userTask' },
  { id: 'dispatch', name: 'Dispatch', type: 'serviceTask' },
]
const rows = mappingRows(['review', 'ship', 'wait'], source, target)
const render = (flagMissing: boolean) =>
  renderToStaticMarkup(<MappingTable rows={rows} sourceHeading="Active element" flagMissing={flagMissing} onChoose={() => undefined} />)

describe('MappingTable', () => {
  beforeAll(() => i18n.changeLanguage('en'))

  it('names each target list after its source element, as the browser tests find them', () => {
    const html = render(true)
    expect(html).toContain('<th scope="col">Active element</th><th scope="col">Continues as</th>')
    expect(html).toContain('aria-label="Continues as: Review the return"')
    expect(html).toContain('aria-label="Continues as: Ship"')
    expect(html).toContain('<option value="review" title="review" selected="">Review the return (v2)</option>')
    expect(html).toContain('same element')
    expect(html).toContain('The target version has no element of this type.')
  })

  it('flags rows without a target only when asked (the single-instance dialog)', () => {
    expect(render(true)).toContain('Needs a target')
    expect(render(false)).not.toContain('Needs a target')
    expect(render(false).match(/class="needs-target"/g)).toHaveLength(2)
  })
})
