import { describe, expect, it } from 'vitest'
import { AnswerOrder } from './answers'

describe('AnswerOrder', () => {
  it('drops an answer that comes after a later request’s answer was shown', () => {
    const order = new AnswerOrder()
    const poll = order.start()
    const claim = order.start()
    expect(order.show(claim)).toBe(true)
    expect(order.show(poll)).toBe(false)
    expect(order.current(poll)).toBe(false)
  })

  it('shows answers that come late but in order (a server slower than the poll)', () => {
    const order = new AnswerOrder()
    const first = order.start()
    const second = order.start()
    expect(order.show(first)).toBe(true)
    expect(order.show(first)).toBe(true)
    expect(order.current(second)).toBe(true)
    expect(order.show(second)).toBe(true)
  })
})
