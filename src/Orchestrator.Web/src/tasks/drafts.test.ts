import { describe, expect, it } from 'vitest'
import { changedFields, discardDraft, draftLifetimeMs, pruneDrafts, readDraft, saveDraft } from './drafts'

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>()
  get length() { return this.items.size }
  clear() { this.items.clear() }
  getItem(key: string) { return this.items.get(key) ?? null }
  key(index: number) { return [...this.items.keys()][index] ?? null }
  removeItem(key: string) { this.items.delete(key) }
  setItem(key: string, value: string) { this.items.set(key, value) }
}

describe('task form drafts', () => {
  it('keeps only the fields the user changed', () => {
    const initial = { orderId: 'O-1', compensation: 0, note: '', items: [{ sku: 'A' }] }
    const current = { orderId: 'O-1', compensation: 42, note: '我们会为您更换', items: [{ sku: 'A' }] }
    expect(changedFields(initial, current)).toEqual({ compensation: 42, note: '我们会为您更换' })
    expect(changedFields(initial, initial)).toEqual({})
  })

  it('saves, reads back and discards a draft per user and task', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', '7', { note: 'half typed' }, 1000)
    expect(readDraft(storage, 'alice', '7')).toEqual({ note: 'half typed' })
    expect(readDraft(storage, 'bob', '7')).toBeUndefined()
    expect(readDraft(storage, 'alice', '8')).toBeUndefined()
    discardDraft(storage, 'alice', '7')
    expect(readDraft(storage, 'alice', '7')).toBeUndefined()
  })

  it('leaves no draft when the form is back to its opening values', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', '7', { note: 'x' }, 1000)
    saveDraft(storage, 'alice', '7', {}, 2000)
    expect(storage.length).toBe(0)
  })

  it('prunes old and unreadable drafts, and nothing else', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', 'old', { note: 'a' }, 0)
    saveDraft(storage, 'alice', 'new', { note: 'b' }, draftLifetimeMs)
    storage.setItem('orchestrator.draft.alice.broken', '{')
    storage.setItem('something-else', 'kept')
    pruneDrafts(storage, draftLifetimeMs + 1)
    expect(readDraft(storage, 'alice', 'old')).toBeUndefined()
    expect(readDraft(storage, 'alice', 'new')).toEqual({ note: 'b' })
    expect(storage.getItem('orchestrator.draft.alice.broken')).toBeNull()
    expect(storage.getItem('something-else')).toBe('kept')
  })
})
