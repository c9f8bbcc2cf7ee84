import { describe, expect, it } from 'vitest'
import { hasErrors } from './forms'

describe('form errors', () => {
  it('counts only fields that have errors', () => {
    expect(hasErrors({})).toBe(false)
    expect(hasErrors({ approved: [], note: undefined })).toBe(false)
    expect(hasErrors({ approved: [], note: ['Field is required.'] })).toBe(true)
  })
})
