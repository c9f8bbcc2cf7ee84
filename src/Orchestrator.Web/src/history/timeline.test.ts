import { describe, expect, it } from 'vitest'
import { i18n } from '../i18n/i18n'
import { timeline as readable, type HistoryRecord } from './timeline'

const english = i18n.getFixedT('en', 'history')
const chinese = i18n.getFixedT('zh-CN', 'history')
const timeline = (records: HistoryRecord[]) => readable(records, (key, values) => english(key, values))

let position = 100
const record = (valueType: string, intent: string, elementId: string | null, detail: string | null = null, elementName: string | null = null): HistoryRecord => ({
  position: String(position++), timestamp: `2026-12-07T02:00:${String(position % 60).padStart(2, '0')}.000Z`, key: '1', valueType, intent, elementId, elementName, detail,
})

describe('timeline', () => {
  it('tells a case in people’s words and leaves the engine’s bookkeeping out', () => {
    const records = [
      record('ELEMENT', 'ELEMENT_ACTIVATING', 'return', 'PROCESS'),
      record('VARIABLE', 'CREATED', 'orderId', '"DEMO-1"'),
      record('ELEMENT', 'ELEMENT_ACTIVATED', 'return', 'PROCESS'),
      record('ELEMENT', 'ELEMENT_COMPLETED', 'requested', 'StartEvent'),
      record('ELEMENT', 'SEQUENCE_FLOW_TAKEN', 's1', ''),
      record('ELEMENT', 'ELEMENT_COMPLETED', 'eligible', 'ExclusiveGateway'),
      record('USER_TASK', 'CREATED', 'review', null, 'Review the return'),
      record('USER_TASK', 'ASSIGNED', 'review', 'alice', 'Review the return'),
      record('USER_TASK', 'COMPLETED', 'review', 'alice', 'Review the return'),
      record('ELEMENT', 'ELEMENT_COMPLETED', 'review', 'UserTask', 'Review the return'),
      record('JOB', 'FAILED', 'label', 'carrier down', 'Create the label'),
      record('INCIDENT', 'CREATED', 'label', 'JOB_NO_RETRIES: carrier down', 'Create the label'),
      record('INCIDENT', 'RESOLVED', 'label', null, 'Create the label'),
      record('ELEMENT', 'ELEMENT_COMPLETED', 'label', 'ServiceTask', 'Create the label'),
      record('TIMER', 'TRIGGERED', 'reminder', null, 'Remind after 7 days'),
      record('ELEMENT', 'ELEMENT_COMPLETED', 'refunded', 'EndEvent', 'Refunded'),
      record('ELEMENT', 'ELEMENT_COMPLETED', 'return', 'PROCESS'),
    ]

    expect(timeline(records).map((e) => [e.kind, e.text, e.detail])).toEqual([
      ['process', 'Process started', undefined],
      ['task', 'Task "Review the return" created', undefined],
      ['task', 'Task "Review the return" claimed by alice', undefined],
      ['task', 'Task "Review the return" completed by alice', undefined],
      ['failure', 'Create the label failed', 'carrier down'],
      ['incident', 'Incident at Create the label', 'JOB_NO_RETRIES: carrier down'],
      ['resolved', 'Incident at Create the label resolved', undefined],
      ['step', 'Create the label done', undefined],
      ['timer', 'Timer "Remind after 7 days" fired', undefined],
      ['step', 'Ended: Refunded', undefined],
      ['process', 'Process completed', undefined],
    ])
  })

  it('orders by the engine’s position, not by arrival, and falls back to the element id without a name', () => {
    const late = record('USER_TASK', 'CANCELED', 'tier1')
    const early = { ...record('ELEMENT', 'ELEMENT_TERMINATED', 'wait', 'IntermediateCatchEvent'), position: '1' }
    expect(timeline([late, early]).map((e) => e.text)).toEqual(['wait interrupted', 'Task "tier1" canceled'])
  })

  it('tells a canceled process', () => {
    expect(timeline([record('ELEMENT', 'ELEMENT_TERMINATED', 'p', 'PROCESS')]).map((e) => e.text)).toEqual(['Process canceled'])
  })

  it('names who did what for every operator action', () => {
    const records = [
      record('OPERATION', 'VARIABLES_SET', 'return', 'oscar: amount, note', 'Return'),
      record('OPERATION', 'JOB_UPDATED', 'label', 'oscar: retries 2', 'Create the label'),
      record('OPERATION', 'INCIDENT_RESOLVED', 'label', 'oscar', 'Create the label'),
      record('OPERATION', 'CANCELED', null, 'oscar'),
    ]

    expect(timeline(records).map((e) => [e.kind, e.text, e.detail])).toEqual([
      ['operation', 'Variables changed by oscar', 'amount, note'],
      ['operation', 'Create the label changed by oscar', 'retries 2'],
      ['operation', 'Incident at Create the label retried by oscar', undefined],
      ['operation', 'Canceled by oscar', undefined],
    ])
  })

  it('words a migration from its versions in the reader’s language, not from the recorded English', () => {
    const versions = (fromProcessId: string, toProcessId: string) => ({ fromProcessId, fromVersion: 1, toProcessId, toVersion: 2 })
    const records = [
      { ...record('OPERATION', 'MIGRATED', null, 'oscar: from return version 1 to return version 2'), actor: 'oscar', migration: versions('return', 'return') },
      { ...record('OPERATION', 'MIGRATED', null, 'oscar: from return version 1 to exchange version 2'), actor: 'oscar', migration: versions('return', 'exchange') },
      record('OPERATION', 'MIGRATED', null, 'oscar: from return version 1 to return version 2'),
    ]

    expect(timeline(records).map((e) => [e.kind, e.text, e.detail])).toEqual([
      ['operation', 'Migrated from version 1 to version 2 by oscar', undefined],
      ['operation', 'Migrated from return version 1 to exchange version 2 by oscar', undefined],
      ['operation', 'Migrated by oscar', 'from return version 1 to return version 2'],
    ])
    expect(readable(records.slice(0, 2), (key, values) => chinese(key, values)).map((e) => e.text)).toEqual([
      '已由 oscar 从版本 1 迁移到版本 2',
      '已由 oscar 从 return 版本 1 迁移到 exchange 版本 2',
    ])
  })

  it('tells the case in Chinese too', () => {
    const records = [
      record('USER_TASK', 'ASSIGNED', 'review', 'alice', '审核退货'),
      record('OPERATION', 'CANCELED', null, null),
    ]
    expect(readable(records, (key, values) => chinese(key, values)).map((e) => e.text)).toEqual(['任务“审核退货”已由 alice 认领', '已由 某人 取消'])
  })
})
