import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { i18n } from '../i18n/i18n'
import { groupProcesses } from './designer'
import { VersionList } from './VersionList'

const groups = groupProcesses([
  { processDefinitionKey: '1', processDefinitionId: 'refund', name: 'Refund', version: 1 },
  { processDefinitionKey: '2', processDefinitionId: 'refund', name: 'Refund', version: 2 },
])
const render = (undeploy: boolean) => renderToStaticMarkup(
  <VersionList title="Processes" groups={groups} keyOf={(v) => v.processDefinitionKey} onOpen={() => undefined} onCreate={() => undefined}
    onUndeploy={undeploy ? () => undefined : undefined} createLabel="New process" />,
)

describe('VersionList', () => {
  beforeAll(() => i18n.changeLanguage('en'))

  it('has an Undeploy button per process for users who may undeploy, named as the browser tests find it', () => {
    expect(render(true)).toContain('aria-label="Undeploy a version of Refund"')
  })

  it('has none for users who may not (the server would answer 403)', () => {
    const html = render(false)
    expect(html).not.toContain('Undeploy')
    expect(html).toContain('aria-label="Version of Refund"')
  })
})
