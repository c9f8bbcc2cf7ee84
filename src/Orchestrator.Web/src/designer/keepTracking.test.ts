import { describe, expect, it } from 'vitest'
import { missingAfter, trackingProperties } from './keepTracking'

describe('the tracking properties kept when a template is applied', () => {
  it('are the tracking.* entries, other properties left to the template', () => {
    expect(trackingProperties([
      { name: 'tracking.step', value: 'pickup' },
      { name: 'tracking.label.zh-CN', value: '上门取件' },
      { name: 'webhook.path', value: 'carrier/tracking' },
      { name: 'tracking.when' },
      {},
    ])).toEqual([
      { name: 'tracking.step', value: 'pickup' },
      { name: 'tracking.label.zh-CN', value: '上门取件' },
      { name: 'tracking.when', value: '' },
    ])
    expect(trackingProperties(undefined)).toEqual([])
  })

  it('are put back only where the template did not set one of the same name', () => {
    const kept = [{ name: 'tracking.step', value: 'pickup' }, { name: 'tracking.label', value: 'Parcel pickup' }]
    expect(missingAfter(kept, [{ name: 'tracking.label', value: 'From the template' }])).toEqual([{ name: 'tracking.step', value: 'pickup' }])
    expect(missingAfter(kept, undefined)).toEqual(kept)
  })
})
