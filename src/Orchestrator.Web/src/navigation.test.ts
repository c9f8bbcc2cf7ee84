import { describe, expect, it } from 'vitest'
import { link, pagesFor, route } from './navigation'

describe('pagesFor', () => {
  it('gives each role its pages in menu order', () => {
    expect(pagesFor(['agent'])).toEqual(['tasks', 'dashboard'])
    expect(pagesFor(['process-owner'])).toEqual(['designer', 'dashboard'])
    expect(pagesFor(['operator'])).toEqual(['operations', 'dashboard'])
    expect(pagesFor(['admin'])).toEqual(['tasks', 'designer', 'operations', 'dashboard'])
  })

  it('joins the pages of several roles', () => {
    expect(pagesFor(['operator', 'agent'])).toEqual(['tasks', 'operations', 'dashboard'])
  })

  it('shows the dashboard only to a user without a UI role', () => {
    expect(pagesFor(['integration'])).toEqual(['dashboard'])
    expect(pagesFor([])).toEqual(['dashboard'])
  })
})

describe('route', () => {
  it('reads the page and the rest of the hash', () => {
    expect(route('#/operations/123', ['operations', 'dashboard'])).toEqual({ page: 'operations', rest: ['123'] })
    expect(route('#/tasks?group=tier1-agents&sla=breached', ['tasks', 'dashboard'])).toEqual({ page: 'tasks', rest: [] })
  })

  it('falls back to the first allowed page for an empty, unknown or forbidden hash', () => {
    expect(route('', ['tasks', 'dashboard'])).toEqual({ page: 'tasks', rest: [] })
    expect(route('#/nowhere', ['tasks', 'dashboard'])).toEqual({ page: 'tasks', rest: [] })
    expect(route('#/designer/x', ['tasks', 'dashboard'])).toEqual({ page: 'tasks', rest: [] })
  })

  it('round-trips what link encodes', () => {
    expect(route(link('designer', 'return and refund'), ['designer'])).toEqual({ page: 'designer', rest: ['return and refund'] })
  })
})
